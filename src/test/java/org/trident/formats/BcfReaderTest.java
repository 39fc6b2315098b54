package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trident.formats.TiaReaderTest.dense;
import static org.trident.formats.TiaReaderTest.sum;
import static org.trident.formats.TiaReaderTest.truth;

/**
 * Bruker .bcf files from RosettaSciIO's test suite (fixtures/rsciio/README.md) against what
 * HyperSpy 1.7.3 reads from them (truth.json) and against the sum spectrum Esprit stores in the
 * file's own header.
 */
class BcfReaderTest {
    static final Path BRUKER = TiaReaderTest.DIR.resolve("bruker");

    static void assertImage(JsonNode t, Channel c) {
        float[] px = c.images().tilt(0);
        int w = c.width(), h = c.height();
        for (int x = 0; x < w; x++) {
            assertEquals(t.at("/row0/" + x).asDouble(), px[x], 0, "row 0, x " + x);
            assertEquals(t.at("/last_row/" + x).asDouble(), px[(h - 1) * w + x], 0, "last row, x " + x);
        }
        double s = 0;
        for (float v : px) s += v;
        assertEquals(t.get("total").asDouble(), s, 0);
    }

    @Test
    void temMapHasHyperSpysShapeCalibrationCountsAndHaadf() throws Exception {
        Datasets.Opened o = Datasets.open(BRUKER.resolve("test_TEM.bcf"));
        TiltSeries ts = o.series();
        JsonNode img = truth("bruker/test_TEM.bcf", 0), si = truth("bruker/test_TEM.bcf", 1);
        assertEquals(List.of("HAADF", "EDS"), ts.channels().stream().map(Channel::name).toList());
        Channel haadf = ts.channel("HAADF"), eds = ts.channel("EDS");
        assertEquals(Signal.ADF, haadf.signal());
        assertImage(img, haadf);
        assertEquals(List.of(1, 64, 64, 2048), List.of(eds.tilts(), eds.height(), eds.width(), eds.spectra().channels()));
        assertEquals(0.771004754204027, ts.pixelSizeNm(), 1e-12); // DX 0.000771 µm
        assertEquals("keV", eds.energyAxis().unit());
        assertEquals(si.at("/axes/2/offset").asDouble(), eds.energyAxis().offset(), 1e-9);
        assertEquals(0.010001, eds.energyAxis().scale(), 1e-12);
        float[] total = sum(eds);
        assertArrayEquals(dense(si.get("sum_spectrum"), 2048), total, 0f);
        assertArrayEquals(dense(si.get("first_pixel"), 2048), eds.spectra().pixel(0, 0, 0), 0f);
        assertArrayEquals(dense(si.get("pixel_x1_y0"), 2048), eds.spectra().pixel(0, 1, 0), 0f);
        assertArrayEquals(dense(si.get("pixel_x0_y1"), 2048), eds.spectra().pixel(0, 0, 1), 0f);
        assertArrayEquals(dense(si.get("last_pixel"), 2048), eds.spectra().pixel(0, 63, 63), 0f);
        double n = 0;
        for (float v : total) n += v;
        assertEquals(26005.0, n, 0);
        // independent of HyperSpy: Esprit's own sum spectrum in the header equals the decoded map's sum
        try (SfsContainer c = new SfsContainer(BRUKER.resolve("test_TEM.bcf"))) {
            BcfHeader h = new BcfHeader(BRUKER.resolve("test_TEM.bcf"), c.readAll(c.find("EDSDatabase/HeaderData"), 1 << 24));
            for (int i = 0; i < 2048; i++) assertEquals(h.sumSpectrum[i], total[i], 0, "channel " + i);
        }
        assertEquals(200.0, ts.extra().at("/acquisition/beamEnergyKeV").asDouble(), 0);
        assertEquals(18.0, ts.extra().at("/acquisition/eds/elevationDeg").asDouble(), 0);
        assertEquals(45.0, ts.extra().at("/acquisition/eds/azimuthDeg").asDouble(), 0);
        assertArrayEquals(new double[]{0}, ts.tiltAnglesDeg(), 0);
        assertTrue(o.notes().stream().anyMatch(s -> s.contains("0° assumed")), o.notes().toString());
    }

    @Test
    void twelveBitPackedSemMapEqualsHyperSpy() throws Exception {
        Datasets.Opened o = Datasets.open(BRUKER.resolve("16x16_12bit_packed_8bit.bcf"));
        TiltSeries ts = o.series();
        JsonNode img = truth("bruker/16x16_12bit_packed_8bit.bcf", 0), si = truth("bruker/16x16_12bit_packed_8bit.bcf", 1);
        Channel image = ts.channels().get(0), eds = ts.channel("EDS");
        assertEquals("AsB", image.name());
        assertEquals(Signal.ADF, image.signal()); // no ADF named: the first image, with a note
        assertTrue(o.notes().stream().anyMatch(s -> s.contains("taken as the ADF")), o.notes().toString());
        assertImage(img, image);
        assertEquals(966.497572879043, ts.pixelSizeNm(), 1e-9);
        assertArrayEquals(dense(si.get("sum_spectrum"), 2048), sum(eds), 0f);
        assertArrayEquals(dense(si.get("pixel_x1_y0"), 2048), eds.spectra().pixel(0, 1, 0), 0f);
        assertArrayEquals(dense(si.get("last_pixel"), 2048), eds.spectra().pixel(0, 15, 15), 0f);
        assertEquals(20.0, ts.extra().at("/acquisition/beamEnergyKeV").asDouble(), 0);
    }

    @Test
    void zlibCompressedMapWithCountsBeyond16BitsEqualsHyperSpy() throws Exception {
        TiltSeries ts = Datasets.open(BRUKER.resolve("over16bit.bcf")).series();
        JsonNode img = truth("bruker/over16bit.bcf", 0), si = truth("bruker/over16bit.bcf", 1);
        Channel eds = ts.channel("EDS");
        assertEquals(List.of(1, 3, 4, 4096), List.of(eds.tilts(), eds.height(), eds.width(), eds.spectra().channels()));
        assertArrayEquals(dense(si.get("sum_spectrum"), 4096), sum(eds), 0f);
        assertArrayEquals(dense(si.get("first_pixel"), 4096), eds.spectra().pixel(0, 0, 0), 0f);
        assertArrayEquals(dense(si.get("pixel_x0_y1"), 4096), eds.spectra().pixel(0, 0, 1), 0f);
        assertArrayEquals(dense(si.get("last_pixel"), 4096), eds.spectra().pixel(0, 3, 2), 0f);
        assertEquals(si.at("/axes/2/offset").asDouble(), eds.energyAxis().offset(), 1e-9);
        assertEquals(si.at("/axes/2/scale").asDouble(), eds.energyAxis().scale(), 1e-12);
        assertEquals(515887.176865564, ts.pixelSizeNm(), 1e-6);
        assertImage(img, ts.channels().get(0));
    }

    /** The test files record no stage tilt; the header of test_TEM.bcf with one added (decimal comma, as Esprit writes it). */
    @Test
    void stageTiltIsReadFromTheHeaderAndAnImpossibleOneRefused() throws Exception {
        Path f = BRUKER.resolve("test_TEM.bcf");
        String xml;
        try (SfsContainer c = new SfsContainer(f)) {
            xml = new String(c.readAll(c.find("EDSDatabase/HeaderData"), 1 << 24), java.nio.charset.Charset.forName("windows-1252"));
        }
        assertTrue(xml.contains("<State>7936</State>"));
        BcfHeader h = new BcfHeader(f, xml.replace("<State>7936</State>", "<Tilt>-35,5</Tilt><State>7936</State>").getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertEquals(-35.5, h.tiltDeg, 0);
        assertEquals(null, new BcfHeader(f, xml.getBytes(java.nio.charset.Charset.forName("windows-1252"))).tiltDeg);
        TridentException e = assertThrows(TridentException.class, () -> new BcfHeader(f,
                xml.replace("<State>7936</State>", "<Tilt>120</Tilt><State>7936</State>").getBytes(java.nio.charset.Charset.forName("windows-1252"))));
        assertTrue(e.getMessage().contains("Tilt") && e.getMessage().contains("test_TEM.bcf"), e.getMessage());
    }

    @Test
    void aFolderOfMapsIsATiltSeriesWithAnglesFromTheNames(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("series"));
        Files.copy(BRUKER.resolve("test_TEM.bcf"), dir.resolve("map_+30.bcf"));
        Files.copy(BRUKER.resolve("test_TEM.bcf"), dir.resolve("map_-30.bcf"));
        Files.copy(BRUKER.resolve("test_TEM.bcf"), dir.resolve("map_0.bcf"));
        TiltSeries ts = Datasets.open(dir).series();
        assertArrayEquals(new double[]{-30, 0, 30}, ts.tiltAnglesDeg(), 0);
        Channel eds = ts.channel("EDS");
        assertEquals(List.of(3, 64, 64, 2048), List.of(eds.tilts(), eds.height(), eds.width(), eds.spectra().channels()));
        assertEquals(3, ts.channel("HAADF").tilts());
        float[] a = new float[64 * 2048], b = new float[64 * 2048];
        eds.spectra().readRow(0, 10, a);
        eds.spectra().readRow(2, 10, b);
        assertArrayEquals(a, b, 0f);
        assertEquals(3, ts.extra().at("/import/tilts").size());
        assertTrue(MicroscopeFiles.recognises(dir));
    }

    @Test
    void truncatedOrForeignFilesAreOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        byte[] b = Files.readAllBytes(BRUKER.resolve("test_TEM.bcf"));
        for (int cut : new int[]{100, b.length / 3, 280_000}) { // the last 28 kB are free SFS chunks, so a cut there opens the same data
            Path f = tmp.resolve("cut" + cut + ".bcf");
            Files.write(f, java.util.Arrays.copyOf(b, cut));
            TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
            assertTrue(e.getMessage().contains(f.getFileName().toString()) && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
