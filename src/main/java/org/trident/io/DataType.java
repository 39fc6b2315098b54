package org.trident.io;

import java.nio.ByteBuffer;

/** Numeric element types Trident reads from array files; every value is delivered as float. */
public enum DataType {
    UINT8("uint8", 1, "u1"), INT8("int8", 1, "i1"), UINT16("uint16", 2, "u2"), INT16("int16", 2, "i2"),
    INT32("int32", 4, "i4"), UINT32("uint32", 4, "u4"), INT64("int64", 8, "i8"),
    FLOAT16("float16", 2, "f2"), FLOAT32("float32", 4, "f4"), FLOAT64("float64", 8, "f8");

    public final String label;
    public final int bytes;
    final String npy;

    DataType(String label, int bytes, String npy) {
        this.label = label;
        this.bytes = bytes;
        this.npy = npy;
    }

    static DataType fromNpy(String code) {
        for (DataType t : values()) if (t.npy.equals(code) && t != FLOAT16) return t;
        return null;
    }

    /** Reads one element at the buffer's position (its byte order set by the caller). */
    public float read(ByteBuffer b) {
        return switch (this) {
            case UINT8 -> b.get() & 0xff;
            case INT8 -> b.get();
            case UINT16 -> b.getShort() & 0xffff;
            case INT16 -> b.getShort();
            case INT32 -> b.getInt();
            case UINT32 -> (float) (b.getInt() & 0xffffffffL);
            case INT64 -> (float) b.getLong();
            case FLOAT16 -> Half.toFloat(b.getShort());
            case FLOAT32 -> b.getFloat();
            case FLOAT64 -> (float) b.getDouble();
        };
    }

    /** Converts {@code n} elements from {@code b} into {@code dst[off..off+n)}. */
    public void read(ByteBuffer b, float[] dst, int off, int n) {
        if (this == FLOAT32) {
            b.asFloatBuffer().get(dst, off, n);
            b.position(b.position() + 4 * n);
            return;
        }
        for (int i = 0; i < n; i++) dst[off + i] = read(b);
    }

    /** Half-precision decoding (Java 17 has no Float.float16ToFloat). */
    static final class Half {
        static float toFloat(short h) {
            int bits = h & 0xffff;
            int sign = (bits >>> 15) << 31;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0) {
                float v = mant / 1024f * (float) Math.pow(2, -14);
                return sign != 0 ? -v : v;
            }
            if (exp == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
    }
}
