package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The 1024-byte MRC header (MRC2014, as described by the CCP-EM format page): sizes, mode,
 * cell (Å), extended-header length and byte order (from the machine stamp).
 */
public record MrcHeader(int nx, int ny, int nz, int mode, int mx, int my, int mz,
                        float cellX, float cellY, float cellZ, int extendedBytes, String extType,
                        ByteOrder order, ByteBuffer raw) {
    public static final int SIZE = 1024;

    public DataType type() {
        return switch (mode) {
            case 0 -> DataType.INT8;
            case 1 -> DataType.INT16;
            case 2 -> DataType.FLOAT32;
            case 6 -> DataType.UINT16;
            case 12 -> DataType.FLOAT16;
            default -> null;
        };
    }

    public long dataOffset() {
        return SIZE + (long) extendedBytes;
    }

    /** Voxel size along x in nm (cell length / grid sampling; Å to nm), or NaN when absent. */
    public double voxelSizeNm() {
        int m = mx > 0 ? mx : nx;
        return cellX > 0 && m > 0 ? cellX / m / 10.0 : Double.NaN;
    }

    static MrcHeader read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < SIZE) throw TridentException.file(file, "not an MRC file (shorter than its 1024-byte header)");
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        Npy.readFully(ch, b, 0, file);
        b.flip();
        ByteOrder order = machineOrder(b);
        b.order(order);
        int nx = b.getInt(0), ny = b.getInt(4), nz = b.getInt(8), mode = b.getInt(12);
        if (nx <= 0 || ny <= 0 || nz <= 0 || nx > 1 << 20 || ny > 1 << 20 || nz > 1 << 20) {
            throw TridentException.file(file, "not a valid MRC file (sizes " + nx + " x " + ny + " x " + nz + ")");
        }
        int ext = b.getInt(92);
        if (ext < 0 || SIZE + (long) ext > size) throw TridentException.file(file, "corrupt MRC header (extended header of " + ext + " bytes)");
        byte[] et = new byte[4];
        b.get(104, et);
        MrcHeader h = new MrcHeader(nx, ny, nz, mode, b.getInt(28), b.getInt(32), b.getInt(36),
                b.getFloat(40), b.getFloat(44), b.getFloat(48), ext, new String(et, java.nio.charset.StandardCharsets.ISO_8859_1).trim(), order, b);
        if (h.type() == null) throw TridentException.file(file, "MRC mode " + mode + " is not supported (0, 1, 2, 6 and 12 are)");
        long need = h.dataOffset() + (long) nx * ny * nz * h.type().bytes;
        if (size < need) throw TridentException.file(file, "truncated: the header declares " + nx + " x " + ny + " x " + nz
                + " of " + h.type().label + " (" + (need - h.dataOffset()) + " bytes) but the file holds " + (size - h.dataOffset()) + " bytes of data");
        return h;
    }

    /** Byte order from the machine stamp (0x44 0x41 little, 0x11 0x11 big); guessed from nx when the stamp is missing. */
    private static ByteOrder machineOrder(ByteBuffer b) {
        int s0 = b.get(212) & 0xff;
        if (s0 == 0x44) return ByteOrder.LITTLE_ENDIAN;
        if (s0 == 0x11) return ByteOrder.BIG_ENDIAN;
        int le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        return le > 0 && le < 1 << 20 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }
}
