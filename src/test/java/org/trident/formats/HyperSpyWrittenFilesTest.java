package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.trident.formats.Datasets;
import org.trident.io.Npy;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Files written by HyperSpy 1.7.3 itself (fixtures/make_hyperspy_fixtures.py). */
class HyperSpyWrittenFilesTest {
    static final Path FIX = Hdf5ReadersTest.FIX;

    @Test
    void emdTiltStackWrittenByHyperSpyOpensWithItsAxesAndAngles() {
        TiltSeries ts = Datasets.open(FIX.resolve("hyperspy_emd_tilt_stack.emd")).series();
        assertArrayEquals(new double[]{-60, 0, 60}, ts.tiltAnglesDeg(), 1e-9);
        assertEquals(2.0, ts.pixelSizeNm(), 1e-9);
        Channel c = ts.channels().get(0);
        assertEquals(5, c.width());
        assertEquals(4, c.height());
        assertEquals(Signal.ADF, c.signal());
        assertEquals("HAADF", c.name());
        Hdf5ReadersTest.assertKnown(c, 0.5);
    }

    @Test
    void emdSpectrumImageWithUnnamedAxesIsPlacedByPosition() {
        TiltSeries ts = Datasets.open(FIX.resolve("hyperspy_emd_eds_si.emd")).series();
        Channel c = ts.channels().get(0);
        assertEquals(Signal.EDS, c.signal());
        assertEquals(0.0, ts.tiltAnglesDeg()[0], 0);
        assertEquals(5.0, ts.pixelSizeNm(), 1e-9);
        assertEquals(0.1, c.energyAxis().offset(), 1e-6);
        assertEquals(0.5, c.energyAxis().scale(), 1e-6);
        assertEquals("keV", c.energyAxis().unit());
        assertEquals(List.of(1, 4, 5, 16), List.of(c.tilts(), c.height(), c.width(), c.spectra().channels()));
        SpectrumStack truth = Npy.openSpectra(flat4(FIX.resolve("hspy_eds_si_truth.npy")));
        assertSameSpectra(truth, c.spectra());
    }

    @Test
    void emdTiltSeriesOfSpectrumImagesFindsTheTiltAxisByItsUnit() {
        TiltSeries ts = Datasets.open(FIX.resolve("hyperspy_emd_eds_tilt_si.emd")).series();
        assertArrayEquals(new double[]{-20, 25}, ts.tiltAnglesDeg(), 1e-5);
        assertEquals(10.0, ts.pixelSizeNm(), 1e-5); // 0.01 µm
        Channel c = ts.channels().get(0);
        assertEquals(List.of(2, 3, 4, 8), List.of(c.tilts(), c.height(), c.width(), c.spectra().channels()));
        assertSameSpectra(Npy.openSpectra(FIX.resolve("hyperspy_emd_eds_tilt_si_truth.npy")), c.spectra());
    }

    @Test
    void hspyMetadataGoesToTheBundle() {
        TiltSeries ts = Datasets.open(FIX.resolve("hyperspy_eds_si_metadata.hspy")).series();
        assertEquals(25.0, ts.tiltAnglesDeg()[0], 1e-9);
        var acq = ts.extra().path("acquisition");
        assertEquals(200.0, acq.path("beamEnergyKeV").asDouble(), 1e-9);
        assertEquals(250.0, acq.path("probeCurrentPa").asDouble(), 1e-9);
        assertEquals(0.002, acq.path("dwellTimeS").asDouble(), 1e-12);
        assertEquals(18.0, acq.path("eds").path("elevationDeg").asDouble(), 1e-9);
        assertEquals(45.0, acq.path("eds").path("azimuthDeg").asDouble(), 1e-9);
        assertEquals(130.0, acq.path("eds").path("energyResolutionMnKaEv").asDouble(), 1e-9);
        assertEquals(12.0, acq.path("eds").path("liveTimeS").asDouble(), 1e-9);
        Channel c = ts.channels().get(0);
        var els = c.extra().path("quantification").path("elements");
        assertEquals(List.of("Co", "Mn", "Ni", "O"), List.of(els.get(0).asText(), els.get(1).asText(), els.get(2).asText(), els.get(3).asText()));
    }

    @Test
    void hspyEelsAnglesAndStageTilt() {
        TiltSeries ts = Datasets.open(FIX.resolve("hyperspy_eels_line_metadata.hspy")).series();
        assertEquals(-12.0, ts.tiltAnglesDeg()[0], 1e-9);
        assertEquals(1.5, ts.pixelSizeNm(), 1e-9);
        Channel c = ts.channels().get(0);
        assertEquals(Signal.EELS, c.signal());
        var eels = ts.extra().path("acquisition").path("eels");
        assertEquals(21.0, eels.path("convergenceMrad").asDouble(), 1e-9);
        assertEquals(35.0, eels.path("collectionMrad").asDouble(), 1e-9);
        assertFalse(c.extra().has("quantification"));
        float[] row = new float[3 * 32];
        c.spectra().readRow(0, 0, row);
        for (int i = 0; i < row.length; i++) assertEquals(i, row[i], 0);
    }

    static void assertSameSpectra(SpectrumStack want, SpectrumStack got) {
        assertEquals(want.size(), got.size());
        float[] a = new float[want.width() * want.channels()], b = new float[a.length];
        for (int t = 0; t < want.tilts(); t++) {
            for (int y = 0; y < want.height(); y++) {
                want.readRow(t, y, a);
                got.readRow(t, y, b);
                assertArrayEquals(a, b, 0, "tilt " + t + ", row " + y);
            }
        }
    }

    /** The 3-D truth [y][x][energy] as a 4-D NPY (one tilt), written beside the test's temp files. */
    static Path flat4(Path npy3) {
        var im = Npy.readImages(npy3);
        float[] all = new float[im.tilts() * im.width() * im.height()];
        for (int t = 0; t < im.tilts(); t++) System.arraycopy(im.tilt(t), 0, all, t * im.tilt(t).length, im.tilt(t).length);
        try {
            Path out = java.nio.file.Files.createTempFile("truth", ".npy");
            out.toFile().deleteOnExit();
            Npy.write(out, all, 1, im.tilts(), im.height(), im.width());
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
