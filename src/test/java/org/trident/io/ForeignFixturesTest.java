package org.trident.io;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.trident.model.ImageStack;

import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arrays written by NumPy, mrcfile and tifffile (src/test/resources/fixtures/make_fixtures.py):
 * 3 tilts of 4 × 5 with value(t, y, x) = 100 t + 10 y + x (+0.5 for floats, mod 100 for 8 bits).
 */
class ForeignFixturesTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    static void assertKnown(ImageStack s, String type) {
        assertEquals(3, s.tilts());
        assertEquals(4, s.height());
        assertEquals(5, s.width());
        boolean f = type.startsWith("float");
        boolean byteSized = type.endsWith("8");
        for (int t = 0; t < 3; t++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    double v = 100 * t + 10 * y + x;
                    if (byteSized) v %= 100;
                    if (f) v += 0.5;
                    assertEquals(v, s.get(t, x, y), 0, type + " at t=" + t + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint8", "uint16", "int16", "int32", "uint32", "float32", "float64"})
    void npyEveryTypeInBothByteOrders(String type) {
        for (String order : new String[]{"le", "be"}) {
            Path f = FIX.resolve("npy_" + type + "_" + order + ".npy");
            NpyHeader h = Npy.header(f);
            if (!type.endsWith("8")) assertEquals(order.equals("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, h.order());
            ImageStack s = Npy.readImages(f);
            assertEquals(type, s.sourceType());
            assertKnown(s, type);
        }
    }

    @Test
    void npyVersions2And3() {
        for (int v : new int[]{2, 3}) assertKnown(Npy.readImages(FIX.resolve("npy_float32_v" + v + ".npy")), "float32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mode0:int8", "mode1:int16", "mode2:float32", "mode6:uint16"})
    void mrcFromMrcfile(String spec) {
        String[] p = spec.split(":");
        Path f = FIX.resolve("mrc_" + p[0] + ".mrc");
        ImageStack s = Mrc.readImages(f);
        assertEquals(p[1], s.sourceType());
        assertKnown(s, p[1]);
        assertEquals(0.25, Mrc.header(f).voxelSizeNm(), 1e-6);
    }

    @Test
    void mrcExtendedHeaderIsSkipped() {
        Path f = FIX.resolve("mrc_serialem_angles.mrc");
        assertEquals(12, Mrc.header(f).extendedBytes());
        assertKnown(Mrc.readImages(f), "float32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint8", "uint16", "int16", "int32", "uint32", "float32", "bigtiff_float32"})
    void tiffFromTifffile(String type) {
        ImageStack s = Tiff.readImages(FIX.resolve("tiff_" + type + ".tif"));
        String t = type.replace("bigtiff_", "");
        assertEquals(t, s.sourceType());
        assertKnown(s, t);
    }
}
