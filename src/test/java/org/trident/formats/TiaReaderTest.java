package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.io.Npy;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TIA files from RosettaSciIO's test suite (fixtures/rsciio/README.md), checked against what
 * HyperSpy 1.7.3 reads from them (fixtures/rsciio/truth.json, made by make_rsciio_truth.py) and
 * the numbers RosettaSciIO's own tests state.
 */
class TiaReaderTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/rsciio");
    static final Path TIA = DIR.resolve("tia");

    static JsonNode truth(String key, int index) throws Exception {
        return Json.MAPPER.readTree(DIR.resolve("truth.json").toFile()).get(key).get(index);
    }

    /** A pixel's spectrum from the truth file's sparse form ({index: value}, zeros left out). */
    static float[] dense(JsonNode sparse, int n) {
        float[] v = new float[n];
        for (Iterator<Map.Entry<String, JsonNode>> it = sparse.fields(); it.hasNext(); ) {
            var e = it.next();
            v[Integer.parseInt(e.getKey())] = (float) e.getValue().asDouble();
        }
        return v;
    }

    static float[] sum(Channel c) {
        int n = c.spectra().channels();
        double[] s = new double[n];
        float[] row = new float[c.width() * n];
        for (int y = 0; y < c.height(); y++) {
            c.spectra().readRow(0, y, row);
            for (int i = 0; i < row.length; i++) s[i % n] += row[i];
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) s[i];
        return f;
    }

    @Test
    void spectrumImageFromTheEmiHasItsScanEnergyAxisAndCounts() throws Exception {
        Datasets.Opened o = Datasets.open(TIA.resolve("16x16-spectrum_image-5x5x1024.emi"));
        TiltSeries ts = o.series();
        JsonNode t = truth("tia/16x16-spectrum_image-5x5x1024.emi", 0);
        Channel c = ts.channels().get(0);
        assertEquals(List.of(1, 5, 5, 1024), List.of(c.tilts(), c.height(), c.width(), c.spectra().channels()));
        // 0.120539 nm per pixel as RosettaSciIO's test_load_spectrum_area_scan states; HyperSpy's value to 1e-9
        assertEquals(0.120539, ts.pixelSizeNm(), 1e-6);
        assertEquals(t.at("/axes/1/scale").asDouble(), ts.pixelSizeNm(), 1e-9);
        // 0.2 eV/channel, fine: EELS by the dispersion rule, in eV; offset as HyperSpy (-20 eV)
        assertEquals(Signal.EELS, c.signal());
        assertEquals("eV", c.energyAxis().unit());
        assertEquals(0.2, c.energyAxis().scale(), 1e-9);
        assertEquals(t.at("/axes/2/offset").asDouble(), c.energyAxis().offset(), 1e-9);
        assertArrayEquals(dense(t.get("sum_spectrum"), 1024), sum(c), 0f);
        assertArrayEquals(dense(t.get("first_pixel"), 1024), c.spectra().pixel(0, 0, 0), 0f);
        assertArrayEquals(dense(t.get("pixel_x1_y0"), 1024), c.spectra().pixel(0, 1, 0), 0f);
        assertArrayEquals(dense(t.get("pixel_x0_y1"), 1024), c.spectra().pixel(0, 0, 1), 0f);
        assertArrayEquals(dense(t.get("last_pixel"), 1024), c.spectra().pixel(0, 4, 4), 0f);
        assertEquals(164488.0, t.get("total").asDouble(), 0);
        assertArrayEquals(new double[]{0.0}, ts.tiltAnglesDeg(), 0);
        assertEquals(300.0, ts.extra().at("/acquisition/beamEnergyKeV").asDouble(), 0);
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("Stage A")), o.notes().toString());
    }

    @Test
    void theSerAloneGivesTheSameSpectraWithoutMetadata() throws Exception {
        Path tmp = Files.createTempDirectory("tia");
        try {
            Path ser = Files.copy(TIA.resolve("16x16-spectrum_image-5x5x1024_1.ser"), tmp.resolve("si_1.ser"));
            Datasets.Opened o = Datasets.open(ser);
            Channel c = o.series().channels().get(0);
            JsonNode t = truth("tia/16x16-spectrum_image-5x5x1024_1.ser", 0);
            assertArrayEquals(dense(t.get("sum_spectrum"), 1024), sum(c), 0f);
            assertTrue(o.notes().stream().anyMatch(n -> n.contains("no .emi")), o.notes().toString());
            assertEquals(0.0, o.series().tiltAnglesDeg()[0], 0);
        } finally {
            try (var s = Files.walk(tmp)) { s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }

    @Test
    void lineScanIsOneRowOfSpectra() throws Exception {
        TiltSeries ts = Datasets.open(TIA.resolve("16x16-line_profile_horizontal_10x1024.emi")).series();
        Channel c = ts.channels().get(0);
        JsonNode t = truth("tia/16x16-line_profile_horizontal_10x1024.emi", 0);
        assertEquals(List.of(1, 10, 1024), List.of(c.height(), c.width(), c.spectra().channels()));
        assertEquals(0.123034, ts.pixelSizeNm(), 1e-6); // RosettaSciIO test_load_spectrum_line_scan
        assertArrayEquals(dense(t.get("sum_spectrum"), 1024), sum(c), 0f);
        assertArrayEquals(dense(t.get("last_pixel"), 1024), c.spectra().pixel(0, 9, 0), 0f);
    }

    @Test
    void stemImagesBecomeTwoChannelsWithHyperSpysValues() throws Exception {
        Datasets.Opened o = Datasets.open(TIA.resolve("16x16_STEM_BF_DF_acquire.emi"));
        TiltSeries ts = o.series();
        assertEquals(2, ts.channels().size());
        assertEquals(21.510044, ts.pixelSizeNm(), 1e-5); // RosettaSciIO test_load_acquire
        assertEquals(200.0, ts.extra().at("/acquisition/beamEnergyKeV").asDouble(), 0);
        for (int k = 0; k < 2; k++) {
            JsonNode t = truth("tia/16x16_STEM_BF_DF_acquire.emi", k);
            ImageStack im = ts.channels().get(k).images();
            assertEquals(16, im.width());
            float[] px = im.tilt(0);
            JsonNode rows = t.get("data");
            for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) assertEquals(rows.get(y).get(x).asDouble(), px[y * 16 + x], 0, "channel " + k + " at " + x + "," + y);
        }
        assertEquals(List.of("ADF", "ADF_2"), ts.channels().stream().map(Channel::name).toList());
    }

    @Test
    void temImageEqualsRosettaSciIOsOwnArray() throws Exception {
        TiltSeries ts = Datasets.open(TIA.resolve("64x64_TEM_images_acquire.emi")).series();
        Channel c = ts.channels().get(0);
        assertEquals(Signal.BF, c.signal()); // TEM mode
        assertEquals(6.281833, ts.pixelSizeNm(), 1e-5);
        ImageStack want = Npy.readImages(TIA.resolve("64x64_TEM_images_acquire.npy"));
        assertArrayEquals(want.tilt(0), c.images().tilt(0), 0f);
    }

    @Test
    void truncatedSeriesIsOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        byte[] b = Files.readAllBytes(TIA.resolve("16x16-spectrum_image-5x5x1024_1.ser"));
        Path cut = tmp.resolve("cut_1.ser");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(cut));
        assertTrue(e.getMessage().contains("cut_1.ser") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
