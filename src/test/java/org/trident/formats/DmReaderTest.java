package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Tiff;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DmReaderTest {
    static final Path DATA = Path.of("..", "shared", "data");

    @TempDir
    Path dir;

    static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i * 1.5f - 7;
        return v;
    }

    @Test
    void dm3AndDm4ImagesGiveValuesCalibrationAndStageTilt() throws Exception {
        for (boolean dm4 : new boolean[]{false, true}) {
            float[] v = ramp(4 * 3);
            byte[] b = DmFiles.image(dm4, new long[]{4, 3}, v, new DmFiles.Group[]{DmFiles.axis(0, 0.5, "nm"), DmFiles.axis(0, 0.5, "nm")}, -35.5, null);
            Path f = Files.write(dir.resolve(dm4 ? "a.dm4" : "a.dm3"), b);
            TiltSeries ts = Datasets.open(f).series();
            assertEquals(1, ts.tilts());
            assertEquals(-35.5, ts.tiltAnglesDeg()[0], 1e-6);
            assertEquals(0.5, ts.pixelSizeNm(), 1e-6);
            assertEquals(4, ts.width());
            assertEquals(3, ts.height());
            assertArrayEquals(v, ts.channels().get(0).images().tilt(0));
            assertEquals(Signal.ADF, ts.channels().get(0).signal());
            assertEquals(200.0, ts.extra().path("acquisition").path("beamEnergyKeV").asDouble(), 1e-9);
            assertEquals(DmReader.ALPHA_TAG, ts.extra().path("import").path("angleSource").asText());
        }
    }

    @Test
    void stackAnglesComeFromADegreeCalibration() throws Exception {
        float[] v = ramp(2 * 2 * 5);
        byte[] b = DmFiles.image(true, new long[]{2, 2, 5}, v, new DmFiles.Group[]{DmFiles.axis(0, 1, "µm"), DmFiles.axis(0, 1, "µm"),
                DmFiles.axis(2, 10, "deg")}, 3.0, null);
        TiltSeries ts = Datasets.open(Files.write(dir.resolve("s.dm4"), b)).series();
        assertArrayEquals(new double[]{-20, -10, 0, 10, 20}, ts.tiltAnglesDeg(), 1e-6);
        assertEquals(1000.0, ts.pixelSizeNm(), 1e-9);
        assertEquals(v[3 * 4 + 1], ts.channels().get(0).images().tilt(3)[1]);
    }

    @Test
    void stackWithoutAnglesIsRefusedUnlessGiven() throws Exception {
        byte[] b = DmFiles.image(false, new long[]{2, 2, 3}, ramp(12), new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"),
                DmFiles.axis(0, 1, "")}, null, null);
        Path f = Files.write(dir.resolve("s.dm3"), b);
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
        assertTrue(e.getMessage().contains("--angles"), e.getMessage());
        Path angles = Files.writeString(dir.resolve("s.csv"), "angle_deg\n-5\n0\n5\n");
        TiltSeries ts = Datasets.open(f, new ImportOptions(angles, 2.0, "given")).series();
        assertArrayEquals(new double[]{-5, 0, 5}, ts.tiltAnglesDeg(), 0);
        assertEquals(2.0, ts.pixelSizeNm());
        assertEquals("given", ts.name());
    }

    @Test
    void spectrumImageIsReadWithEnergyPlanesTransposed() throws Exception {
        int w = 3, h = 2, e = 4;
        float[] v = ramp(w * h * e);
        // DM keeps a spectrum image x fastest and energy slowest
        byte[] b = DmFiles.image(false, new long[]{w, h, e}, v, new DmFiles.Group[]{DmFiles.axis(0, 2, "nm"), DmFiles.axis(0, 2, "nm"),
                DmFiles.axis(-10, 0.25, "eV")}, 0.0, "Spectrum image");
        TiltSeries ts = Datasets.open(Files.write(dir.resolve("si.dm3"), b)).series();
        Channel c = ts.channels().get(0);
        assertTrue(c.isSpectrum());
        assertEquals(e, c.spectra().channels());
        assertEquals(2.5, c.energyAxis().offset(), 1e-9);
        assertEquals(0.25, c.energyAxis().scale(), 1e-9);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] s = c.spectra().pixel(0, x, y);
                for (int k = 0; k < e; k++) assertEquals(v[k * w * h + y * w + x], s[k]);
            }
        }
    }

    @Test
    void countMismatchBetweenDimensionsAndDataIsRefused() throws Exception {
        byte[] b = DmFiles.image(false, new long[]{4, 4}, ramp(12), new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm")}, 0.0, null);
        Path f = Files.write(dir.resolve("bad.dm3"), b);
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
        assertTrue(e.getMessage().contains("bad.dm3") && e.getMessage().contains("16"), e.getMessage());
    }

    @Test
    void realNeedleStackMatchesItsTiffConversion() {
        Path dm = DATA.resolve("needle_haadf_tilt_etspy/HAADF_needle_rebin16.dm3");
        Path tif = DATA.resolve("needle_haadf_tilt_etspy/haadf_needle_tiltseries_91x64x64_uint16.tif");
        assumeTrue(Files.exists(dm) && Files.exists(tif));
        TiltSeries ts = Datasets.open(dm).series();
        assertEquals(91, ts.tilts());
        for (int i = 0; i < 91; i++) assertEquals(-90 + 2 * i, ts.tiltAnglesDeg()[i], 1e-9);
        assertEquals(17.994916, ts.pixelSizeNm(), 1e-5);
        ImageStack a = ts.channels().get(0).images();
        ImageStack b = Tiff.readImages(tif);
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int t = 0; t < 91; t++) {
            assertArrayEquals(b.tilt(t), a.tilt(t), "tilt " + t);
            for (float x : a.tilt(t)) { min = Math.min(min, x); max = Math.max(max, x); }
        }
        assertEquals(513, min);
        assertEquals(39459, max);
        assertEquals("uint16", a.sourceType());
        assertEquals(300.0, ts.extra().path("acquisition").path("beamEnergyKeV").asDouble(), 1e-9);
    }

    @Test
    void realSingleTiltFolderTakesAnglesFromTags() {
        Path d = DATA.resolve("dm3_bf_tilt_images_etspy");
        assumeTrue(Files.isDirectory(d));
        TiltSeries ts = Datasets.open(d).series();
        assertEquals(3, ts.tilts());
        assertArrayEquals(new double[]{-72.003, -69.004, -66.004}, ts.tiltAnglesDeg(), 1e-3);
        assertEquals(19.1087, ts.pixelSizeNm(), 1e-3);
        assertEquals(128, ts.width());
        assertEquals(Signal.BF, ts.channels().get(0).signal());
        assertTrue(ts.extra().path("import").path("angleSource").asText().contains("Stage Alpha"));
        assertEquals(3, ts.extra().path("import").path("tilts").size());
    }
}
