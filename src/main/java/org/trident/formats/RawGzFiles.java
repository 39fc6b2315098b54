package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.ArrayFiles;
import org.trident.io.DataType;
import org.trident.io.Json;
import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip-compressed raw C-order array ({@code *.raw.gz}) described by a JSON file beside it whose
 * {@code "file"} names it: {@code dtype}, {@code byte_order}, {@code shape_C_order} (or
 * {@code shape}) and per-axis {@code axes} (name, size, offset, scale, units). A last axis in
 * eV/keV makes a spectrum image, decompressed row by row into a temporary NPY file; otherwise the
 * array is an image or a {@code [tilt][y][x]} stack. The gzip trailer's length is checked against
 * the declared shape before anything is read.
 */
final class RawGzFiles {
    private RawGzFiles() {}

    static boolean isRawGz(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".raw.gz");
    }

    static Path describing(Path raw) {
        String name = raw.getFileName().toString();
        try (Stream<Path> s = Files.list(raw.toAbsolutePath().getParent())) {
            for (Path j : s.filter(p -> ArrayFiles.extension(p).equals("json")).sorted().toList()) {
                if (Files.size(j) > 1 << 20) continue;
                try {
                    if (name.equals(Json.readObject(j).path("file").asText())) return j;
                } catch (TridentException e) {
                    // not ours: another JSON file in the folder
                }
            }
        } catch (IOException e) {
            throw TridentException.file(raw, "cannot list its folder: " + e.getMessage(), e);
        }
        throw TridentException.file(raw, "no JSON file beside it describes it (a .json with \"file\": \"" + name + "\", dtype and shape)");
    }

    static Datasets.Opened open(Path raw, ImportOptions opt) {
        Path jf = describing(raw);
        ObjectNode j = Json.readObject(jf);
        ImportRecord rec = new ImportRecord("raw.gz + JSON").source(raw).source(jf);
        DataType type = dtype(jf, j.path("dtype").asText(""));
        ByteOrder order = j.path("byte_order").asText("little").toLowerCase(Locale.ROOT).startsWith("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        JsonNode sh = j.has("shape_C_order") ? j.get("shape_C_order") : j.get("shape");
        if (sh == null || !sh.isArray() || sh.isEmpty() || sh.size() > 3) throw TridentException.file(jf, "needs shape_C_order: 1 to 3 sizes");
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).asLong(-1);
            if (shape[i] <= 0 || shape[i] > Integer.MAX_VALUE) throw TridentException.file(jf, "shape_C_order holds an invalid size " + sh.get(i));
            count = Math.multiplyExact(count, shape[i]);
        }
        long bytes = Math.multiplyExact(count, (long) type.bytes);
        long trailer = gzipLength(raw);
        if (trailer != (bytes & 0xffffffffL)) {
            throw TridentException.file(raw, "size mismatch: the JSON declares " + bytes + " bytes of " + type.label + " but the gzip trailer says " + trailer
                    + " (mod 2^32); wrong shape or dtype, or a truncated file");
        }
        JsonNode axes = j.path("axes");
        int rank = shape.length;
        JsonNode last = axes.path(rank - 1);
        boolean spectrum = Double.isFinite(Units.toEv(last.path("units").asText("")));
        if (j.has("beam_energy_keV")) j.putObject("acquisition").put("beamEnergyKeV", j.get("beam_energy_keV").asDouble());
        ObjectNode extra = Json.object();
        if (j.has("acquisition")) extra.set("acquisition", j.get("acquisition"));
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(raw), 1 << 16), 1 << 16)) {
            if (spectrum) return spectra(raw, jf, j, in, type, order, shape, axes, rec, opt, extra);
            return images(raw, jf, j, in, type, order, shape, axes, rec, opt, extra);
        } catch (EOFException e) {
            throw TridentException.file(raw, "truncated: the compressed data ends before the declared " + bytes + " bytes");
        } catch (IOException e) {
            throw TridentException.file(raw, "cannot decompress (corrupt gzip?): " + e.getMessage(), e);
        }
    }

    private static DataType dtype(Path jf, String s) {
        for (DataType t : DataType.values()) if (t.label.equalsIgnoreCase(s.trim())) return t;
        throw TridentException.file(jf, "dtype '" + s + "' is not one Trident reads (uint8, int8, uint16, int16, int32, uint32, int64, float32, float64)");
    }

    /** The ISIZE field of the gzip trailer: the uncompressed length modulo 2^32. */
    private static long gzipLength(Path raw) {
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
            if (ch.size() < 18) throw TridentException.file(raw, "too short to be gzip data");
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, ch.size() - 4);
            return b.getInt(0) & 0xffffffffL;
        } catch (IOException e) {
            throw TridentException.file(raw, "cannot read: " + e.getMessage(), e);
        }
    }

    private static void readFully(InputStream in, ByteBuffer b) throws IOException {
        int n = in.readNBytes(b.array(), 0, b.capacity());
        if (n < b.capacity()) throw new EOFException();
        b.clear();
    }

    private static Datasets.Opened images(Path raw, Path jf, ObjectNode j, InputStream in, DataType type, ByteOrder order, long[] shape,
                                          JsonNode axes, ImportRecord rec, ImportOptions opt, ObjectNode extra) throws IOException {
        if (shape.length < 2) throw TridentException.file(jf, "a 1-D array is read only as a spectrum (its axis in eV or keV)");
        int tilts = shape.length == 3 ? (int) shape[0] : 1, h = (int) shape[shape.length - 2], w = (int) shape[shape.length - 1];
        Datasets.checkMemory(raw, 4L * tilts * h * w);
        float[][] d = new float[tilts][w * h];
        ByteBuffer b = ByteBuffer.allocate(w * type.bytes).order(order);
        for (int t = 0; t < tilts; t++) {
            opt.progress().checkCancelled();
            for (int y = 0; y < h; y++) {
                readFully(in, b);
                type.read(b, d[t], y * w, w);
            }
        }
        ImageStack st = new ImageStack(w, h, d, type.label);
        int[] bad = st.firstNonFinite();
        if (bad != null) throw TridentException.file(raw, "tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        double[] angles = MicroscopeFiles.sidecarAngles(raw, tilts, rec, opt);
        if (angles == null) {
            JsonNode ta = axes.path(0);
            if (tilts > 1 && Units.isDegrees(ta.path("units").asText(""))) {
                angles = new double[tilts];
                for (int i = 0; i < tilts; i++) angles[i] = ta.path("offset").asDouble(0) + i * ta.path("scale").asDouble(1);
                rec.angleSource("JSON axis '" + ta.path("name").asText() + "' (offset + index × scale, degrees)");
            } else if (tilts == 1) {
                angles = new double[]{j.path("stage_tilt_alpha_deg").asDouble(0)};
                rec.angleSource(j.has("stage_tilt_alpha_deg") ? "JSON stage_tilt_alpha_deg" : "none in the file; 0° assumed");
            } else {
                throw TridentException.file(raw, "holds " + tilts + " images but no tilt angles; give them with --angles FILE");
            }
        }
        JsonNode xa = axes.path(shape.length - 1);
        double px = rec.pixelSize(opt, xa.path("scale").asDouble(Double.NaN) * Units.toNm(xa.path("units").asText("")), "JSON axis '" + xa.path("name").asText() + "'");
        String stem = raw.getFileName().toString().replaceFirst("(?i)\\.raw\\.gz$", "");
        Signal s = Signal.inferFromName(stem);
        if (s == null) s = Signal.ADF;
        return rec.finish(stem, px, angles, List.of(Channel.image(s == Signal.ADF ? "HAADF" : s.label(), s, st)), extra, opt);
    }

    private static Datasets.Opened spectra(Path raw, Path jf, ObjectNode j, InputStream in, DataType type, ByteOrder order, long[] shape,
                                           JsonNode axes, ImportRecord rec, ImportOptions opt, ObjectNode extra) throws IOException {
        int rank = shape.length;
        int e = (int) shape[rank - 1], w = rank >= 2 ? (int) shape[rank - 2] : 1, h = rank >= 3 ? (int) shape[rank - 3] : 1;
        if ((long) w * e > Integer.MAX_VALUE / 8) throw TridentException.file(raw, "one row of this spectrum image is too large");
        Path tmp = Files.createTempFile("trident-rawgz-", ".npy");
        tmp.toFile().deleteOnExit();
        Progress p = opt.progress();
        p.start("decompressing " + raw.getFileName(), h);
        ByteBuffer b = ByteBuffer.allocate(w * e * type.bytes).order(order);
        float[] row = new float[w * e];
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            out.write(Npy.headerBytes("<f4", 1, h, w, e));
            ByteBuffer o = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < h; y++) {
                p.checkCancelled();
                readFully(in, b);
                type.read(b, row, 0, row.length);
                o.clear();
                o.asFloatBuffer().put(row);
                out.write(o.array());
                p.advance(1);
            }
        }
        JsonNode ea = axes.path(rank - 1);
        String unit = ea.path("units").asText("keV");
        Signal s = "keV".equalsIgnoreCase(unit) ? Signal.EDS : Signal.EELS;
        rec.note("spectra taken as " + s.label() + " (from the energy unit " + unit + ")");
        EnergyAxis axis = new EnergyAxis(ea.path("offset").asDouble(0), ea.path("scale").asDouble(1), unit);
        double[] angles = MicroscopeFiles.sidecarAngles(raw, 1, rec, opt);
        if (angles == null) {
            angles = new double[]{j.path("stage_tilt_alpha_deg").asDouble(0)};
            rec.angleSource(j.has("stage_tilt_alpha_deg") ? "JSON stage_tilt_alpha_deg" : "none in the file; 0° assumed");
        }
        JsonNode xa = axes.path(rank - 2);
        double px = rank >= 2 ? xa.path("scale").asDouble(Double.NaN) * Units.toNm(xa.path("units").asText("")) : Double.NaN;
        px = rec.pixelSize(opt, px, "JSON axis '" + xa.path("name").asText() + "'");
        String stem = raw.getFileName().toString().replaceFirst("(?i)\\.raw\\.gz$", "");
        SpectrumStack decoded = Npy.openSpectra(tmp);
        // values are held as float32 in the temporary file; report the type the file stored
        SpectrumStack st = new SpectrumStack() {
            @Override public int tilts() { return decoded.tilts(); }
            @Override public int height() { return decoded.height(); }
            @Override public int width() { return decoded.width(); }
            @Override public int channels() { return decoded.channels(); }
            @Override public void readRow(int t, int y, float[] dst) { decoded.readRow(t, y, dst); }
            @Override public String sourceType() { return type.label; }
        };
        return rec.finish(stem, px, angles, List.of(Channel.spectrum(s.label(), s, st, axis)), extra, opt);
    }
}
