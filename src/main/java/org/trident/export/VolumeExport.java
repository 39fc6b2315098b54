package org.trident.export;

import org.trident.io.Json;
import org.trident.io.Tiff;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.ExportRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A volume for other tools, in Trident's centred coordinates (x = (i − (X−1)/2)·voxel, the same
 * for y and z; contracts "coordinates"), array order {@code [z][y][x]}:
 * <ul>
 * <li>{@link #hspy}: HyperSpy's HDF5 format 3.1 as HyperSpy 1.7 writes it: {@code /Experiments/TITLE}
 *     with {@code data}, {@code axis-0..2} (z navigates, y and x are the signal: a Signal2D stack),
 *     {@code metadata} (General.title, Signal.quantity) and {@code original_metadata};</li>
 * <li>{@link #emd}: NCEM/Berkeley EMD 0.2: {@code /data/TITLE} ({@code emd_group_type = 1}) with
 *     {@code data} and full coordinate vectors {@code dim1..3} (name, units);</li>
 * <li>{@link #imageJ}: an ImageJ hyperstack TIFF (float32, one page per z slice) whose
 *     description says {@code unit=nm}, {@code spacing} (z step) and the origin, with X/YResolution
 *     in pixels per nm (ResolutionUnit none) as ImageJ writes calibrated stacks.</li>
 * </ul>
 * An unknown voxel size (NaN) is written as scale 1 with unit "px" and said so in the provenance.
 */
public final class VolumeExport {
    private VolumeExport() {}

    /** The target formats and their file extensions. */
    public enum Format {
        HSPY(".hspy"), EMD(".emd"), IMAGEJ(".tif");
        public final String extension;
        Format(String extension) { this.extension = extension; }
    }

    /** What the values are ("HAADF intensity", "Ni fraction"), its unit, or nulls when unknown. */
    public record Quantity(String name, String unit) {
        public static final Quantity UNKNOWN = new Quantity(null, null);
        String label() {
            if (name == null) return "";
            return unit == null || unit.isBlank() || unit.equals("none") ? name : name + " (" + unit + ")";
        }
    }

    /** Writes {@code v} as {@code dir/stem + extension} with its provenance record; returns the file. */
    public static Path write(Format f, Volume v, Quantity q, Path dir, String stem, List<Path> sources) {
        Path out = dir.resolve(stem + f.extension);
        switch (f) {
            case HSPY -> hspy(out, v, q, stem);
            case EMD -> emd(out, v, q, stem);
            case IMAGEJ -> imageJ(out, v, q);
        }
        var view = Json.object().put("format", f.name().toLowerCase(Locale.ROOT)).put("nx", v.nx()).put("ny", v.ny()).put("nz", v.nz())
                .put("voxelSizeNm", v.voxelSizeNm()).put("quantity", q.label())
                .put("coordinates", "centred: offset = -(n-1)/2 voxels on every axis");
        if (!known(v)) view.put("note", "voxel size unknown: axes written in pixels (scale 1, unit px)");
        ExportRecord.write(out, "volume-" + f.name().toLowerCase(Locale.ROOT), sources, view);
        return out;
    }

    /** The quantity and unit an MRC written by Trident names in its labels ("quantity: Q; unit: U"), else unknown. */
    public static Quantity quantityOf(Path mrc) {
        try (var ch = java.nio.channels.FileChannel.open(mrc)) {
            var b = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) >= 0) { /* fill the header */ }
            if (b.position() < 1024) return Quantity.UNKNOWN;
            int n = Math.min(10, Math.max(0, b.getInt(220)));
            for (int i = 0; i < n; i++) {
                String label = new String(b.array(), 224 + 80 * i, 80, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
                var m = java.util.regex.Pattern.compile("quantity: (.*); unit: (.*)").matcher(label);
                if (m.matches()) return new Quantity(m.group(1).trim(), m.group(2).trim());
            }
        } catch (java.io.IOException e) {
            return Quantity.UNKNOWN;
        }
        return Quantity.UNKNOWN;
    }

    static boolean known(Volume v) { return Double.isFinite(v.voxelSizeNm()) && v.voxelSizeNm() > 0; }
    static double scale(Volume v) { return known(v) ? v.voxelSizeNm() : 1.0; }
    static String unit(Volume v) { return known(v) ? "nm" : "px"; }
    static double offset(Volume v, int n) { return -(n - 1) / 2.0 * scale(v); }

    static void hspy(Path out, Volume v, Quantity q, String title) {
        Hdf5Writer.Group root = new Hdf5Writer.Group().attr("file_format", "HyperSpy").attr("file_format_version", "3.1");
        Hdf5Writer.Group e = root.group("Experiments").group(title);
        e.dataset("data", new long[]{v.nz(), v.ny(), v.nx()}, v.data());
        int[] n = {v.nz(), v.ny(), v.nx()};
        String[] names = {"z", "y", "x"};
        for (int a = 0; a < 3; a++) {
            e.group("axis-" + a).attr("_type", "UniformDataAxis").attr("name", names[a]).attr("units", unit(v))
                    .attr("scale", scale(v)).attr("offset", offset(v, n[a])).attr("size", (long) n[a])
                    .attr("navigate", a == 0).attr("is_binned", false);
        }
        Hdf5Writer.Group md = e.group("metadata");
        md.group("General").attr("title", title);
        Hdf5Writer.Group sig = md.group("Signal").attr("signal_type", "").attr("record_by", "image");
        if (q.name() != null) sig.attr("quantity", q.label());
        md.group("_HyperSpy").group("Folding").attr("original_axes_manager", "_None_").attr("original_shape", "_None_")
                .attr("signal_unfolded", false).attr("unfolded", false);
        e.group("original_metadata").group("Trident").attr("voxel_size_nm", v.voxelSizeNm())
                .attr("coordinates", "centred: x = (i - (X-1)/2) * voxel");
        e.group("learning_results");
        Hdf5Writer.write(out, root);
    }

    static void emd(Path out, Volume v, Quantity q, String title) {
        Hdf5Writer.Group root = new Hdf5Writer.Group().attr("version_major", 0L).attr("version_minor", 2L);
        Hdf5Writer.Group g = root.group("data").group(title).attr("emd_group_type", 1L);
        Hdf5Writer.Dataset data = g.dataset("data", new long[]{v.nz(), v.ny(), v.nx()}, v.data());
        if (q.name() != null) data.attr("quantity", q.name()).attr("units", q.unit() == null ? "" : q.unit());
        int[] n = {v.nz(), v.ny(), v.nx()};
        String[] names = {"z", "y", "x"};
        for (int a = 0; a < 3; a++) {
            double[] c = new double[n[a]];
            for (int i = 0; i < n[a]; i++) c[i] = offset(v, n[a]) + i * scale(v);
            g.dataset("dim" + (a + 1), new long[]{n[a]}, c).attr("name", names[a]).attr("units", unit(v));
        }
        root.group("microscope");
        root.group("sample");
        root.group("user");
        root.group("comments").attr("trident", "written by Trident; coordinates centred on the volume");
        Hdf5Writer.write(out, root);
    }

    static void imageJ(Path out, Volume v, Quantity q) {
        float[][] pages = new float[v.nz()][];
        int section = v.nx() * v.ny();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < v.nz(); k++) {
            pages[k] = java.util.Arrays.copyOfRange(v.data(), k * section, (k + 1) * section);
            for (float x : pages[k]) {
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }
        if (!(min <= max)) throw new TridentException("the volume holds no finite value to write");
        StringBuilder d = new StringBuilder("ImageJ=1.11a\n");
        d.append("images=").append(v.nz()).append('\n');
        if (v.nz() > 1) d.append("slices=").append(v.nz()).append('\n');
        d.append("unit=").append(unit(v).equals("px") ? "pixel" : "nm").append('\n');
        if (v.nz() > 1) d.append("spacing=").append(num(scale(v))).append('\n');
        d.append("loop=false\n");
        d.append("min=").append(num(min)).append('\n').append("max=").append(num(max)).append('\n');
        // ImageJ's origin is in pixels: calibrated x = (i - xorigin) * pixel width
        d.append("xorigin=").append(num((v.nx() - 1) / 2.0)).append('\n')
                .append("yorigin=").append(num((v.ny() - 1) / 2.0)).append('\n')
                .append("zorigin=").append(num((v.nz() - 1) / 2.0)).append('\n');
        Tiff.writeFloats(out, new ImageStack(v.nx(), v.ny(), pages, "float32"), 1.0 / scale(v), 1, d.toString());
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
