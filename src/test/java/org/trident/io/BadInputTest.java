package org.trident.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input gives a TridentException whose message names the file and says what is wrong. */
class BadInputTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    static void refused(Path file, String expect, Executable e) {
        TridentException ex = assertThrows(TridentException.class, e);
        String m = ex.getMessage();
        assertTrue(m.contains(file.getFileName().toString()), "names the file: " + m);
        assertTrue(m.toLowerCase().contains(expect.toLowerCase()), "says '" + expect + "': " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    Path cut(String fixture, int dropBytes) throws Exception {
        byte[] b = Files.readAllBytes(FIX.resolve(fixture));
        Path f = dir.resolve("cut-" + fixture);
        Files.write(f, Arrays.copyOf(b, b.length - dropBytes));
        return f;
    }

    @Test
    void truncatedArrays() throws Exception {
        Path npy = cut("npy_float32_le.npy", 4);
        refused(npy, "truncated", () -> Npy.readImages(npy));
        Path mrc = cut("mrc_mode2.mrc", 1);
        refused(mrc, "truncated", () -> Mrc.readImages(mrc));
        // tifffile writes the data before each IFD: dropping the end keeps every IFD, loses pixels
        Path tif = cut("tiff_uint16.tif", 30);
        refused(tif, "TIFF", () -> Tiff.readImages(tif));
        Path big = cut("tiff_bigtiff_float32.tif", 200);
        refused(big, "TIFF", () -> Tiff.readImages(big));
        Path head = dir.resolve("head.npy");
        Files.write(head, Arrays.copyOf(Files.readAllBytes(FIX.resolve("npy_uint8_le.npy")), 20));
        refused(head, "NPY", () -> Npy.readImages(head));
    }

    @Test
    void truncatedTiffIsCaughtEvenWhereReadersReturnFewerPages() throws Exception {
        // keep the first page intact and drop the strip of the last page only
        ImageStack s = ImageStack.zeros(3, 16, 16);
        Path f = dir.resolve("stack.tif");
        Tiff.writeFloats(f, s, 72);
        byte[] b = Files.readAllBytes(f);
        Path t = dir.resolve("stack-cut.tif");
        Files.write(t, Arrays.copyOf(b, b.length - 700));
        refused(t, "TIFF", () -> Tiff.readImages(t));
    }

    @Test
    void unknownDataTypes() throws Exception {
        Path npy = dir.resolve("complex.npy");
        byte[] h = Npy.headerBytes("<c8", 2, 2);
        Files.write(npy, concat(h, new byte[32]));
        refused(npy, "not supported", () -> Npy.readImages(npy));
        byte[] m = Files.readAllBytes(FIX.resolve("mrc_mode2.mrc"));
        m[12] = 4; // mode 4: complex float
        Path mrc = Files.write(dir.resolve("mode4.mrc"), m);
        refused(mrc, "mode 4", () -> Mrc.readImages(mrc));
    }

    @Test
    void shapeMismatchAndWrongRank() throws Exception {
        Path npy = dir.resolve("one.npy");
        Npy.writeVector(npy, new float[]{1, 2, 3});
        refused(npy, "3-D", () -> Npy.readImages(npy));
        Path spec = dir.resolve("spec.npy");
        Npy.writeImages(spec, ImageStack.zeros(2, 3, 3));
        refused(spec, "4-D", () -> Npy.openSpectra(spec));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A valid bundle with one 2-tilt image channel; tests then spoil one thing. */
    Path bundle(String json, ImageStack images) throws Exception {
        Path b = dir.resolve("bundle");
        Files.createDirectories(b);
        if (images != null) Npy.writeImages(b.resolve("haadf.npy"), images);
        Files.writeString(b.resolve("tiltseries.json"), json);
        return b;
    }

    static final String GOOD = "{\"format\": \"trident.tiltseries/1\", \"name\": \"x\", \"pixelSizeNm\": 2.0, \"tiltAnglesDeg\": ANGLES,"
            + " \"channels\": [{\"name\": \"HAADF\", \"kind\": \"image\", \"file\": \"haadf.npy\"}]}";

    @Test
    void bundleProblems() throws Exception {
        ImageStack two = ImageStack.zeros(2, 4, 4);
        Path b = bundle(GOOD.replace("ANGLES", "[-10, 10, 30]"), two);
        refused(b.resolve("haadf.npy"), "3 angles", () -> BundleReader.read(b));

        Path c = bundle(GOOD.replace("ANGLES", "[-10, 10]"), null);
        Files.delete(c.resolve("haadf.npy"));
        refused(c.resolve("haadf.npy"), "not found", () -> BundleReader.read(c));

        ImageStack nan = ImageStack.zeros(2, 4, 4);
        nan.tilt(1)[5] = Float.NaN;
        Path d = bundle(GOOD.replace("ANGLES", "[-10, 10]"), nan);
        refused(d.resolve("haadf.npy"), "NaN", () -> BundleReader.read(d));
        ImageStack inf = ImageStack.zeros(2, 4, 4);
        inf.tilt(0)[0] = Float.POSITIVE_INFINITY;
        Path e = bundle(GOOD.replace("ANGLES", "[-10, 10]"), inf);
        refused(e.resolve("haadf.npy"), "Inf", () -> BundleReader.read(e));

        Path f = bundle(GOOD.replace("ANGLES", "[-10, NaN]"), two);
        refused(f.resolve("tiltseries.json"), "tilt angle", () -> BundleReader.read(f));

        Path g = bundle(GOOD.replace("ANGLES", "[-10, 10]").replace("\"x\",", "\"x\""), two);
        refused(g.resolve("tiltseries.json"), "malformed JSON", () -> BundleReader.read(g));

        Path h = bundle(GOOD.replace("ANGLES", "[-10, 10]").replace("image", "volume"), two);
        refused(h.resolve("tiltseries.json"), "kind", () -> BundleReader.read(h));

        Path missing = dir.resolve("nowhere");
        refused(missing, "not found", () -> org.trident.formats.Datasets.open(missing));
    }

    @Test
    void arraysLargerThanTheHeapAreRefusedBeforeAllocating() throws Exception {
        // a sparse 19 GB file: the header is honest, the heap (-Xmx4g in tests) is too small
        Path f = dir.resolve("huge.npy");
        byte[] h = Npy.headerBytes("<f4", 3, 40000, 40000);
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.write(h);
            raf.setLength(h.length + 4L * 3 * 40000 * 40000);
        }
        refused(f, "memory", () -> Npy.readImages(f));
    }

    @Test
    void mrcHeaderCorruption() throws Exception {
        byte[] m = Files.readAllBytes(FIX.resolve("mrc_mode2.mrc"));
        byte[] big = m.clone();
        big[8] = 0x7f; // nz huge
        Path f = Files.write(dir.resolve("nz.mrc"), big);
        refused(f, "nz.mrc", () -> Mrc.readImages(f));
        byte[] ext = m.clone();
        ext[92] = (byte) 0xff; ext[93] = (byte) 0xff; ext[94] = 0x0f; // extended header past the end
        Path g = Files.write(dir.resolve("ext.mrc"), ext);
        refused(g, "extended header", () -> Mrc.readImages(g));
    }
}
