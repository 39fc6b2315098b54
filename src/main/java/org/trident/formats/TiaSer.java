package org.trident.formats;

import org.trident.io.DataType;
import org.trident.model.TridentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of an FEI/Thermo TIA series file ({@code .ser}), read from the public descriptions of
 * the format (Dr Chris Boothroyd's SER page; the field list as RosettaSciIO documents it). All
 * little-endian. A series is a list of elements — 1-D spectra or 2-D images — each at its own
 * offset, laid out on the navigation dimensions the header lists (a scan of x × y, a line, or a
 * plain series). Only the header, the offset table and the element headers are read here;
 * values are read on demand ({@link TiaSpectra}, {@link #image}).
 */
final class TiaSer {
    static final int SPECTRA = 0x4120, IMAGES = 0x4122;
    static final int TAG_TIME = 0x4152, TAG_TIME_POSITION = 0x4142;
    /** Bytes of a spectrum element's header: offset, delta (f64), element (i32), type (u16), length (u32). */
    static final int SPECTRUM_HEADER = 26;
    /** Bytes of an image element's header: x and y calibrations (f64, f64, i32 each), type, size x, size y. */
    static final int IMAGE_HEADER = 50;

    /** One navigation dimension: value of index i is {@code offset + (i − element) × delta} in {@code units}. */
    record Dim(int size, double offset, double delta, int element, String description, String units) {}

    final Path file;
    final int version;
    final boolean spectra;
    final int tagType;
    final long total, valid;
    final List<Dim> dims;
    final long[] dataOffsets, tagOffsets;
    /** From the first element: type, length (spectra) or size (images), calibration. */
    final DataType type;
    final int length, sizeX, sizeY;
    final double calOffset, calDelta, calOffsetY, calDeltaY;
    final int calElement, calElementY;
    final long fileSize;

    TiaSer(Path file) {
        this.file = file;
        try (BinaryInput in = new BinaryInput(file)) {
            fileSize = in.size();
            ByteOrder le = ByteOrder.LITTLE_ENDIAN;
            int byteOrder = in.u16(le), seriesId = in.u16(le);
            version = in.u16(le);
            if (byteOrder != 0x4949 || seriesId != 0x0197) throw TridentException.file(file, "not a TIA series file (no 'II' 0x0197 signature)");
            if (version != 0x0210 && version != 0x0220) throw TridentException.file(file, "TIA series version 0x" + Integer.toHexString(version) + " is not one Trident knows (0x210, 0x220)");
            int dataType = in.i32(le);
            if (dataType != SPECTRA && dataType != IMAGES) throw TridentException.file(file, "corrupt: TIA data type id 0x" + Integer.toHexString(dataType) + " (0x4120 spectra or 0x4122 images expected)");
            spectra = dataType == SPECTRA;
            tagType = in.i32(le);
            total = in.u32(le);
            valid = in.u32(le);
            boolean wide = version == 0x0220;
            long offsetArray = wide ? in.i64(le) : in.u32(le);
            long nDims = in.u32(le);
            if (valid == 0) throw TridentException.file(file, "holds no valid elements (an empty or aborted TIA acquisition)");
            if (valid > total || total > fileSize / 8) throw TridentException.file(file, "corrupt: " + valid + " valid of " + total + " elements in a file of " + fileSize + " bytes");
            if (nDims > 8) throw TridentException.file(file, "corrupt: " + nDims + " dimensions");
            List<Dim> ds = new ArrayList<>();
            for (int i = 0; i < nDims; i++) {
                long size = in.u32(le);
                double off = in.take(8, le).getDouble(), delta = in.take(8, le).getDouble();
                int el = in.i32(le);
                String desc = text(in, "description");
                String units = text(in, "units");
                if (size <= 0 || size > total) throw TridentException.file(file, "corrupt: dimension " + (i + 1) + " has size " + size + " for " + total + " elements");
                ds.add(new Dim((int) size, off, delta, el, desc, units));
            }
            dims = List.copyOf(ds);
            long product = 1;
            for (Dim d : dims) product *= d.size();
            if (!dims.isEmpty() && product != total) throw TridentException.file(file, "corrupt: dimensions multiply to " + product + " but the file declares " + total + " elements");
            int w = wide ? 8 : 4;
            if (offsetArray < 0 || offsetArray + 2 * total * w > fileSize) throw TridentException.file(file, "truncated or corrupt: the element offset table (byte " + offsetArray + ") runs past the end of the file (" + fileSize + " bytes)");
            dataOffsets = new long[(int) valid];
            tagOffsets = new long[(int) valid];
            in.seek(offsetArray);
            for (int i = 0; i < total; i++) {
                long v = wide ? in.i64(le) : in.u32(le);
                if (i < valid) dataOffsets[i] = v;
            }
            for (int i = 0; i < total; i++) {
                long v = wide ? in.i64(le) : in.u32(le);
                if (i < valid) tagOffsets[i] = v;
            }
            in.seek(checkedOffset(dataOffsets[0], spectra ? SPECTRUM_HEADER : IMAGE_HEADER, 0));
            if (spectra) {
                calOffset = in.take(8, le).getDouble();
                calDelta = in.take(8, le).getDouble();
                calElement = in.i32(le);
                type = type(in.u16(le));
                long len = in.u32(le);
                if (len <= 0 || len > fileSize) throw TridentException.file(file, "corrupt: a spectrum of " + len + " channels");
                length = (int) len;
                sizeX = sizeY = 0;
                calOffsetY = calDeltaY = 0;
                calElementY = 0;
            } else {
                calOffset = in.take(8, le).getDouble();
                calDelta = in.take(8, le).getDouble();
                calElement = in.i32(le);
                calOffsetY = in.take(8, le).getDouble();
                calDeltaY = in.take(8, le).getDouble();
                calElementY = in.i32(le);
                type = type(in.u16(le));
                long sx = in.u32(le), sy = in.u32(le);
                if (sx <= 0 || sy <= 0 || sx * sy > fileSize) throw TridentException.file(file, "corrupt: an image of " + sx + " x " + sy + " pixels in a file of " + fileSize + " bytes");
                sizeX = (int) sx;
                sizeY = (int) sy;
                length = 0;
            }
            long bytes = spectra ? (long) length * type.bytes : (long) sizeX * sizeY * type.bytes;
            for (int i = 0; i < valid; i++) checkedOffset(dataOffsets[i], (spectra ? SPECTRUM_HEADER : IMAGE_HEADER) + bytes, i);
        }
    }

    private long checkedOffset(long at, long need, int element) {
        if (at < 0 || at + need > fileSize) {
            throw TridentException.file(file, "truncated or corrupt: element " + element + " at byte " + at + " needs " + need + " bytes but the file has " + fileSize);
        }
        return at;
    }

    private String text(BinaryInput in, String what) {
        long n = in.u32(ByteOrder.LITTLE_ENDIAN);
        if (n > 4096) throw TridentException.file(file, "corrupt: a dimension " + what + " of " + n + " bytes");
        return new String(in.bytes((int) n), java.nio.charset.StandardCharsets.ISO_8859_1).trim();
    }

    private DataType type(int code) {
        return switch (code) {
            case 1 -> DataType.UINT8;
            case 2 -> DataType.UINT16;
            case 3 -> DataType.UINT32;
            case 4 -> DataType.INT8;
            case 5 -> DataType.INT16;
            case 6 -> DataType.INT32;
            case 7 -> DataType.FLOAT32;
            case 8 -> DataType.FLOAT64;
            case 9, 10 -> throw TridentException.file(file, "holds complex values (TIA type " + code + "); Trident reads real images and spectra only");
            default -> throw TridentException.file(file, "corrupt: TIA element type " + code);
        };
    }

    /** The x and y positions (m) of the first {@code n} elements, or null when the tags hold no position. */
    double[][] positions(int n) {
        if (tagType != TAG_TIME_POSITION) return null;
        int k = (int) Math.min(n, valid);
        double[][] p = new double[2][k];
        try (BinaryInput in = new BinaryInput(file)) {
            for (int i = 0; i < k; i++) {
                ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                in.readAt(tagOffsets[i], b);
                b.flip();
                int id = b.getShort() & 0xffff;
                if (id != TAG_TIME_POSITION) return null;
                b.position(8);
                p[0][i] = b.getDouble();
                p[1][i] = b.getDouble();
            }
        }
        return p;
    }

    /** Image element {@code i}, row 0 first: TIA stores rows bottom up, so they are flipped here (as RosettaSciIO does). */
    float[] image(int i) {
        int n = sizeX * sizeY;
        ByteBuffer b = ByteBuffer.allocate(n * type.bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (BinaryInput in = new BinaryInput(file)) {
            in.readAt(dataOffsets[i] + IMAGE_HEADER, b);
        }
        b.flip();
        float[] raw = new float[n];
        type.read(b, raw, 0, n);
        float[] out = new float[n];
        for (int y = 0; y < sizeY; y++) System.arraycopy(raw, (sizeY - 1 - y) * sizeX, out, y * sizeX, sizeX);
        return out;
    }
}
