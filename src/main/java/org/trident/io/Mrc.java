package org.trident.io;

import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** MRC volumes and image stacks: modes 0, 1, 2, 6, 12 read; mode 2 (float32) written. */
public final class Mrc {
    private Mrc() {}

    public static MrcHeader header(Path file) {
        try (FileChannel ch = Npy.open(file)) {
            return MrcHeader.read(file, ch);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the whole file as a volume ({@code nx, ny, nz}), voxel size from the header; NaN
     * (unknown: no scale bar, no lengths) when the header has no cell size, never a guessed 1 nm.
     */
    public static Volume readVolume(Path file) {
        try (FileChannel ch = Npy.open(file)) {
            MrcHeader h = MrcHeader.read(file, ch);
            long n = (long) h.nx() * h.ny() * h.nz();
            if (n > Integer.MAX_VALUE - 8) throw TridentException.file(file, "volume of " + n + " voxels is too large");
            Memory.check(file, 4L * n);
            float[] data = new float[(int) n];
            int section = h.nx() * h.ny();
            ByteBuffer buf = ByteBuffer.allocate(section * h.type().bytes).order(h.order());
            for (int k = 0; k < h.nz(); k++) {
                buf.clear();
                Npy.readFully(ch, buf, h.dataOffset() + (long) k * buf.capacity(), file);
                buf.flip();
                h.type().read(buf, data, k * section, section);
            }
            double vs = h.voxelSizeNm();
            return new Volume(h.nx(), h.ny(), h.nz(), data, Double.isFinite(vs) && vs > 0 ? vs : Double.NaN);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an MRC stack as images: {@code nz} tilts of {@code nx} by {@code ny}, section by
     * section, so stacks of more than 2^31 values work when each section fits in an array.
     */
    public static ImageStack readImages(Path file) {
        try (FileChannel ch = Npy.open(file)) {
            MrcHeader h = MrcHeader.read(file, ch);
            long section = (long) h.nx() * h.ny();
            if (section > Integer.MAX_VALUE - 8) throw TridentException.file(file, "one section of " + h.nx() + " x " + h.ny() + " is too large");
            Memory.check(file, 4L * section * h.nz());
            float[][] d = new float[h.nz()][(int) section];
            ByteBuffer buf = ByteBuffer.allocate((int) section * h.type().bytes).order(h.order());
            for (int k = 0; k < h.nz(); k++) {
                buf.clear();
                Npy.readFully(ch, buf, h.dataOffset() + (long) k * buf.capacity(), file);
                buf.flip();
                h.type().read(buf, d[k], 0, (int) section);
            }
            return new ImageStack(h.nx(), h.ny(), d, h.type().label);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes a float32 (mode 2) MRC with voxel size in Å in the header, atomically. */
    public static void write(Path file, Volume v) {
        write(file, v.nx(), v.ny(), v.nz(), v.voxelSizeNm(), k -> slice(v, k), null, null);
    }

    /** As {@link #write(Path, Volume)} with the quantity and its unit in the header's labels. */
    public static void write(Path file, Volume v, String quantity, String unit) {
        write(file, v.nx(), v.ny(), v.nz(), v.voxelSizeNm(), k -> slice(v, k), quantity, unit);
    }

    /** Writes an image stack as an MRC stack ({@code nz} = tilts), atomically. */
    public static void write(Path file, ImageStack s, double pixelSizeNm) {
        write(file, s.width(), s.height(), s.tilts(), pixelSizeNm, s::tilt, null, null);
    }

    private static float[] slice(Volume v, int k) {
        int section = v.nx() * v.ny();
        float[] out = new float[section];
        System.arraycopy(v.data(), k * section, out, 0, section);
        return out;
    }

    private static void write(Path file, int nx, int ny, int nz, double voxelNm, java.util.function.IntFunction<float[]> sections,
                              String quantity, String unit) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0, sum2 = 0;
        long finite = 0;
        for (int k = 0; k < nz; k++) {
            for (float f : sections.apply(k)) {
                if (!Float.isFinite(f)) continue;
                min = Math.min(min, f);
                max = Math.max(max, f);
                sum += f;
                sum2 += (double) f * f;
                finite++;
            }
        }
        double mean = finite > 0 ? sum / finite : 0;
        double rms = finite > 0 ? Math.sqrt(Math.max(0, sum2 / finite - mean * mean)) : 0;
        if (finite == 0) { min = 0; max = 0; }
        if (finite < (long) nx * ny * nz) {
            // NaN marks voxels outside the particle: statistics of the whole map are undetermined,
            // which MRC2014 says with dmax < dmin, dmean < both and rms < 0 (mrcfile's validate accepts it)
            min = 0;
            max = -1;
            mean = -2;
            rms = -1;
        }
        ByteBuffer h = ByteBuffer.allocate(MrcHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, 2);
        h.putInt(28, nx).putInt(32, ny).putInt(36, nz);
        float a = Double.isFinite(voxelNm) && voxelNm > 0 ? (float) (voxelNm * 10.0) : 0f; // cell 0 = unknown size
        h.putFloat(40, a * nx).putFloat(44, a * ny).putFloat(48, a * nz);
        h.putFloat(52, 90f).putFloat(56, 90f).putFloat(60, 90f);
        h.putInt(64, 1).putInt(68, 2).putInt(72, 3);
        h.putFloat(76, (float) min).putFloat(80, (float) max).putFloat(84, (float) mean);
        h.putInt(88, 1);
        h.putInt(108, 20141);
        h.put(208, "MAP ".getBytes(StandardCharsets.ISO_8859_1));
        h.put(212, (byte) 0x44).put(213, (byte) 0x44);
        h.putFloat(216, (float) rms);
        // labels (80 characters each): who wrote it and when; the quantity and unit when known
        String v = Mrc.class.getPackage().getImplementationVersion();
        String[] labels = quantity == null ? new String[]{label0(v)} : new String[]{label0(v), "quantity: " + quantity + "; unit: " + (unit == null || unit.isBlank() ? "none" : unit)};
        h.putInt(220, labels.length);
        for (int i = 0; i < labels.length; i++) {
            byte[] b = labels[i].replace('\u00d7', 'x').replace('\u00b5', 'u').replaceAll("[^\\x20-\\x7e]", "?").getBytes(StandardCharsets.ISO_8859_1);
            h.put(224 + 80 * i, b, 0, Math.min(80, b.length));
        }
        AtomicFiles.write(file, out -> {
            out.write(h.array());
            for (int k = 0; k < nz; k++) Npy.writeFloats(out, sections.apply(k));
        });
    }

    private static String label0(String version) {
        String date = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        return "Written by Trident " + (version == null ? "dev" : version) + " " + date + " UTC";
    }
}
