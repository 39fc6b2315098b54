package org.trident.export;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} with initial value 0: the checksum HDF5 puts after its
 * version-2 superblock and object headers (HDF5 File Format Specification, "Checksum"). Written
 * from the published algorithm (public domain); {@code Hdf5WriterTest} checks it against files
 * libhdf5 accepts.
 */
final class Lookup3 {
    private Lookup3() {}

    static int hash(byte[] k, int off, int length) {
        int a, b, c;
        a = b = c = 0xdeadbeef + length;
        int i = off;
        int left = length;
        while (left > 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            // mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            i += 12;
            left -= 12;
        }
        if (left == 0) return c;
        for (int j = 0; j < left; j++) {
            int v = (k[i + j] & 0xff) << (8 * (j % 4));
            if (j < 4) a += v; else if (j < 8) b += v; else c += v;
        }
        // final
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
