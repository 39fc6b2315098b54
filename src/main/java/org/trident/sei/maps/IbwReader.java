package org.trident.sei.maps;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Igor Pro binary waves ({@code .ibw}, WaveMetrics Technical Note 003), versions 2 and 5, either
 * byte order, as Asylum Research software saves SPM images: one wave of
 * {@code (x, y, channels)} float32 values, Igor's column-major order, channel names in the
 * dimension labels of dim 2, the pixel size in the wave scaling ({@code sfA}, in the dimension
 * unit), the data unit in {@code dataUnits} or the extended unit. Asylum appends bytes after the
 * standard sections; they are ignored. Version 2 waves are 1-D (Igor 1.x–2.x).
 */
public final class IbwReader {
    private IbwReader() {}

    /** A parsed wave: dims (≥1 entries), values in Igor order as doubles, scaling and labels. */
    public record Wave(String name, int[] dims, double[] values, double[] delta, double[] offset,
                       String dataUnit, String[] dimUnits, List<List<String>> labels, String note) {}

    public static Wave read(Path file) {
        byte[] b;
        try {
            if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
            if (Files.size(file) > (1L << 31) - 16) throw TridentException.file(file, "too large for an Igor wave");
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        if (b.length < 16) throw TridentException.file(file, "not an Igor binary wave (only " + b.length + " bytes)");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int v = buf.getShort(0);
        if (v != 2 && v != 5) {
            buf.order(ByteOrder.BIG_ENDIAN);
            v = buf.getShort(0);
        }
        if (v == 5) return v5(file, buf, b);
        if (v == 2) return v2(file, buf, b);
        throw TridentException.file(file, "not an Igor binary wave of version 2 or 5 (first bytes " + (b[0] & 0xff) + " " + (b[1] & 0xff) + ")");
    }

    private static Wave v2(Path file, ByteBuffer buf, byte[] b) {
        final int header = 16, wave = 110;
        need(file, b, header + wave);
        checksum(file, buf, header + wave);
        int wfmSize = buf.getInt(2), noteSize = buf.getInt(6);
        int type = buf.getShort(header);
        String name = cstr(b, header + 6, 20);
        String dataUnit = cstr(b, header + 34, 4), xUnit = cstr(b, header + 38, 4);
        int npnts = buf.getInt(header + 42);
        double hsA = buf.getDouble(header + 48), hsB = buf.getDouble(header + 56);
        int dataStart = header + wave;
        double[] values = data(file, buf, type, npnts, dataStart, wfmSize - wave);
        String note = "";
        long noteAt = (long) header + wfmSize;
        if (noteSize > 0 && noteAt + noteSize <= b.length) note = new String(b, (int) noteAt, noteSize, StandardCharsets.ISO_8859_1);
        return new Wave(name, new int[]{npnts}, values, new double[]{hsA}, new double[]{hsB}, dataUnit,
                new String[]{xUnit}, List.of(), note);
    }

    private static Wave v5(Path file, ByteBuffer buf, byte[] b) {
        final int header = 64, wave = 320;
        need(file, b, header + wave);
        checksum(file, buf, header + wave);
        int wfmSize = buf.getInt(4), formulaSize = buf.getInt(8), noteSize = buf.getInt(12), dataEUnitsSize = buf.getInt(16);
        int[] dimEUnitsSize = new int[4], dimLabelsSize = new int[4];
        for (int i = 0; i < 4; i++) {
            dimEUnitsSize[i] = buf.getInt(20 + 4 * i);
            dimLabelsSize[i] = buf.getInt(36 + 4 * i);
        }
        int npnts = buf.getInt(header + 12);
        int type = buf.getShort(header + 16);
        String name = cstr(b, header + 28, 32);
        int[] nDim = new int[4];
        double[] sfA = new double[4], sfB = new double[4];
        String[] dimUnits = new String[4];
        for (int i = 0; i < 4; i++) {
            nDim[i] = buf.getInt(header + 68 + 4 * i);
            sfA[i] = buf.getDouble(header + 84 + 8 * i);
            sfB[i] = buf.getDouble(header + 116 + 8 * i);
            dimUnits[i] = cstr(b, header + 152 + 4 * i, 4);
        }
        String dataUnit = cstr(b, header + 148, 4);
        int nd = 0;
        long product = 1;
        while (nd < 4 && nDim[nd] > 0) product *= nDim[nd++];
        if (nd == 0 || product != npnts) throw TridentException.file(file, "corrupt Igor wave: dimensions " + java.util.Arrays.toString(nDim) + " do not give its " + npnts + " points");
        double[] values = data(file, buf, type, npnts, header + wave, wfmSize - wave);
        long at = (long) header + wfmSize;
        for (int s : new int[]{formulaSize, noteSize, dataEUnitsSize}) if (s < 0) throw TridentException.file(file, "corrupt Igor wave: negative section size");
        at += formulaSize;
        String note = section(file, b, at, noteSize);
        at += noteSize;
        String ext = section(file, b, at, dataEUnitsSize);
        at += dataEUnitsSize;
        if (!ext.isEmpty()) dataUnit = ext;
        for (int i = 0; i < 4; i++) {
            String e = section(file, b, at, dimEUnitsSize[i]);
            at += dimEUnitsSize[i];
            if (!e.isEmpty()) dimUnits[i] = e;
        }
        List<List<String>> labels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String raw = section(file, b, at, dimLabelsSize[i]);
            at += dimLabelsSize[i];
            List<String> l = new ArrayList<>();
            // 32-byte entries (MAX_DIM_NAME + 1); entry 0 labels the dimension itself
            for (int j = 0; j + 32 <= raw.length(); j += 32) l.add(cut(raw.substring(j, j + 32)));
            labels.add(l);
        }
        return new Wave(name, java.util.Arrays.copyOf(nDim, nd), values, java.util.Arrays.copyOf(sfA, nd), java.util.Arrays.copyOf(sfB, nd),
                dataUnit, java.util.Arrays.copyOf(dimUnits, nd), labels, note);
    }

    /** The 2-D channels of a wave read from {@code file}: one per layer of a 3-D wave. */
    public static List<Channel> channels(Path file) {
        Wave w = read(file);
        if (w.dims().length < 2) throw TridentException.file(file, "Igor wave '" + w.name() + "' is " + w.dims().length + "-D (" + w.dims()[0] + " points); a map must be 2-D");
        if (w.dims().length > 3) throw TridentException.file(file, "Igor wave '" + w.name() + "' is 4-D; a map file holds 2-D layers");
        for (int d = 0; d < 2; d++) {
            String u = w.dimUnits()[d];
            if (!u.isEmpty() && Double.isNaN(Units.nanometres(u))) {
                throw TridentException.file(file, "Igor wave '" + w.name() + "' is not a spatial map: its dimension " + d + " is in '" + u + "' (a curve or spectrum?)");
            }
        }
        int nx = w.dims()[0], ny = w.dims()[1], layers = w.dims().length == 3 ? w.dims()[2] : 1;
        List<String> notes = new ArrayList<>();
        double nmPerUnit = Units.nanometres(w.dimUnits()[0]);
        double px = w.delta()[0] * nmPerUnit;
        if (!(px > 0) || !Double.isFinite(px)) {
            notes.add("wave scaling gives no pixel size (unit '" + w.dimUnits()[0] + "', delta " + w.delta()[0] + ")");
            px = Double.NaN;
        } else if (Math.abs(w.delta()[1] * Units.nanometres(w.dimUnits()[1]) - px) > 1e-6 * px) {
            notes.add("pixels are not square; x spacing " + px + " nm used");
        }
        List<String> names = w.labels().size() > 2 ? w.labels().get(2) : List.of();
        List<Channel> out = new ArrayList<>();
        int n = nx * ny;
        for (int l = 0; l < layers; l++) {
            float[] vals = new float[n];
            for (int i = 0; i < n; i++) vals[i] = (float) w.values()[l * n + i];
            String label = names.size() > l + 1 && !names.get(l + 1).isEmpty() ? names.get(l + 1) : layers == 1 ? w.name() : "layer" + l;
            out.add(new Channel(label, new SeiMap(nx, ny, vals, px, w.dataUnit(), notes)));
        }
        return out;
    }

    private static double[] data(Path file, ByteBuffer buf, int type, int npnts, int start, long room) {
        if (npnts < 0) throw TridentException.file(file, "corrupt Igor wave: " + npnts + " points");
        if ((type & 1) != 0) throw TridentException.file(file, "complex Igor waves are not maps");
        int bytes = switch (type & ~0x40) {
            case 2 -> 4; case 4 -> 8; case 8 -> 1; case 0x10 -> 2; case 0x20 -> 4;
            case 0 -> throw TridentException.file(file, "Igor text wave: no numbers to read");
            default -> throw TridentException.file(file, "unknown Igor number type " + type);
        };
        long need = (long) npnts * bytes;
        if (need > room || start + need > buf.capacity()) throw TridentException.file(file, "truncated Igor wave: " + npnts + " points of " + bytes + " bytes do not fit");
        boolean unsigned = (type & 0x40) != 0;
        double[] v = new double[npnts];
        for (int i = 0; i < npnts; i++) {
            int at = start + i * bytes;
            v[i] = switch (type & ~0x40) {
                case 2 -> buf.getFloat(at);
                case 4 -> buf.getDouble(at);
                case 8 -> unsigned ? buf.get(at) & 0xff : buf.get(at);
                case 0x10 -> unsigned ? buf.getShort(at) & 0xffff : buf.getShort(at);
                default -> unsigned ? buf.getInt(at) & 0xffffffffL : buf.getInt(at);
            };
        }
        return v;
    }

    /** Igor's check: the 16-bit sum of the headers' shorts is zero. */
    private static void checksum(Path file, ByteBuffer buf, int bytes) {
        int sum = 0;
        for (int i = 0; i < bytes; i += 2) sum += buf.getShort(i);
        if ((sum & 0xffff) != 0) throw TridentException.file(file, "corrupt Igor wave: header checksum does not add up");
    }

    private static void need(Path file, byte[] b, int n) {
        if (b.length < n) throw TridentException.file(file, "truncated Igor wave: " + b.length + " bytes, the headers alone need " + n);
    }

    private static String section(Path file, byte[] b, long at, int size) {
        if (size < 0) throw TridentException.file(file, "corrupt Igor wave: negative section size");
        if (size == 0) return "";
        if (at + size > b.length) throw TridentException.file(file, "truncated Igor wave: a section ends at byte " + (at + size) + " of " + b.length);
        return new String(b, (int) at, size, StandardCharsets.ISO_8859_1);
    }

    private static String cstr(byte[] b, int at, int len) {
        return cut(new String(b, at, len, StandardCharsets.ISO_8859_1));
    }

    private static String cut(String s) {
        int z = s.indexOf('\0');
        return (z >= 0 ? s.substring(0, z) : s).trim();
    }
}
