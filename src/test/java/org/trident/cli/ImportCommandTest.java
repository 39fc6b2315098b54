package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleReader;
import org.trident.io.Json;
import org.trident.model.TiltSeries;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    @Test
    void veloxFileBecomesABundleWithItsProvenance() throws Exception {
        Path out = dir.resolve("bundle");
        var r = CliErrorTest.run("import", FIX.resolve("velox_like.emd").toString(), "--out", out.toString(), "--name", "velox test");
        assertEquals(0, r.code(), r.err());
        TiltSeries ts = BundleReader.read(out);
        assertEquals("velox test", ts.name());
        assertEquals(2, ts.channels().size());
        assertTrue(ts.channel("EDS").isSpectrum());
        var imp = Json.readObject(out.resolve("tiltseries.json")).path("import");
        assertEquals("Velox EMD", imp.path("format").asText());
        assertTrue(imp.path("sourceFiles").get(0).asText().endsWith("velox_like.emd"));
        assertTrue(imp.path("angleSource").asText().contains("AlphaTilt"));
        assertTrue(r.out().contains("written"), r.out());
    }

    @Test
    void anglesAndPixelSizeFromTheCommandLine() throws Exception {
        Path angles = Files.writeString(dir.resolve("angles.txt"), "-1\n0\n1\n");
        Path out = dir.resolve("b");
        var r = CliErrorTest.run("import", FIX.resolve("tiff_float32.tif").toString(), "--out", out.toString(), "--angles", angles.toString(), "--pixel-nm", "0.8");
        assertEquals(0, r.code(), r.err());
        TiltSeries ts = BundleReader.read(out);
        assertArrayEquals(new double[]{-1, 0, 1}, ts.tiltAnglesDeg(), 0);
        assertEquals(0.8, ts.pixelSizeNm());
        assertEquals("given by the user", Json.readObject(out.resolve("tiltseries.json")).path("import").path("pixelSizeSource").asText());
        var again = CliErrorTest.run("import", FIX.resolve("tiff_float32.tif").toString(), "--out", out.toString(), "--angles", angles.toString());
        assertNotEquals(0, again.code(), "refuses a non-empty --out without --force");
        assertEquals(1, again.err().strip().lines().count(), again.err());
        var forced = CliErrorTest.run("import", FIX.resolve("tiff_float32.tif").toString(), "--out", out.toString(), "--angles", angles.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
    }

    @Test
    void stackWithoutAnglesIsOneLine() {
        var r = CliErrorTest.run("import", FIX.resolve("npy_float32_le.npy").toString(), "--out", dir.resolve("x").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("npy_float32_le.npy") && r.err().contains("--angles"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(dir.resolve("x")) || dir.resolve("x").toFile().list().length == 0, "nothing written");
    }
}
