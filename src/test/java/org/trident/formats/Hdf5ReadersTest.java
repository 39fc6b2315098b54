package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Npy;
import org.trident.model.Channel;
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

/** The h5py fixtures (see src/test/resources/fixtures/make_fixtures.py) and the real HyperSpy files. */
class Hdf5ReadersTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");
    static final Path DATA = Path.of("..", "shared", "data");

    @TempDir
    Path dir;

    /** value(t, y, x) = 100 t + 10 y + x (+0.5 for floats), as the fixture script writes. */
    static void assertKnown(Channel c, double add) {
        for (int t = 0; t < c.tilts(); t++) {
            float[] im = c.images().tilt(t);
            for (int y = 0; y < c.height(); y++) {
                for (int x = 0; x < c.width(); x++) assertEquals(100 * t + 10 * y + x + add, im[y * c.width() + x], 1e-6);
            }
        }
    }

    @Test
    void hyperSpyTiltStackTakesAnglesFromItsDegreeAxis() {
        TiltSeries ts = Datasets.open(FIX.resolve("hspy_tilt_stack.hspy")).series();
        assertArrayEquals(new double[]{-60, 0, 60}, ts.tiltAnglesDeg(), 1e-9);
        assertEquals(2.0, ts.pixelSizeNm(), 1e-9);
        assertKnown(ts.channels().get(0), 0.5);
        assertEquals("HyperSpy HDF5", ts.extra().path("import").path("format").asText());
    }

    @Test
    void hyperSpySpectrumImageMatchesNumPy() {
        TiltSeries ts = Datasets.open(FIX.resolve("hspy_eds_si.hspy")).series();
        Channel c = ts.channels().get(0);
        assertEquals(Signal.EDS, c.signal());
        assertEquals(12.5, ts.tiltAnglesDeg()[0], 1e-9);
        assertEquals(0.1, c.energyAxis().offset(), 1e-12);
        assertEquals(0.5, c.energyAxis().scale(), 1e-12);
        assertEquals("keV", c.energyAxis().unit());
        float[] truth = Npy.readVector(flat(FIX.resolve("hspy_eds_si_truth.npy")));
        float[] row = new float[c.width() * c.spectra().channels()];
        for (int y = 0; y < c.height(); y++) {
            c.spectra().readRow(0, y, row);
            for (int i = 0; i < row.length; i++) assertEquals(truth[y * row.length + i], row[i], 0);
        }
    }

    /** A copy of an NPY file reshaped to 1-D, so readVector takes it. */
    Path flat(Path npy) {
        var h = Npy.header(npy);
        float[] all = new float[(int) h.count()];
        var st = h.shape().length == 4 ? Npy.openSpectra(npy) : null;
        if (st != null) {
            float[] row = new float[st.width() * st.channels()];
            int k = 0;
            for (int t = 0; t < st.tilts(); t++) for (int y = 0; y < st.height(); y++) {
                st.readRow(t, y, row);
                System.arraycopy(row, 0, all, k, row.length);
                k += row.length;
            }
        } else {
            var im = Npy.readImages(npy.toString().endsWith(".npy") ? npy : npy);
            int k = 0;
            for (int t = 0; t < im.tilts(); t++) { System.arraycopy(im.tilt(t), 0, all, k, im.tilt(t).length); k += im.tilt(t).length; }
        }
        Path out = dir.resolve("flat-" + npy.getFileName());
        Npy.writeVector(out, all);
        return out;
    }

    @Test
    void berkeleyEmdTiltSeriesTakesAnglesFromDim1() {
        TiltSeries ts = Datasets.open(FIX.resolve("berkeley_tilt_series.emd")).series();
        assertArrayEquals(new double[]{-45, 0, 45}, ts.tiltAnglesDeg(), 1e-9);
        assertEquals(0.5, ts.pixelSizeNm(), 1e-9);
        assertKnown(ts.channels().get(0), 0.5);
    }

    @Test
    void veloxEmdImageAndDecodedStreamMatchTruth() {
        TiltSeries ts = Datasets.open(FIX.resolve("velox_like.emd")).series();
        assertEquals(-20.0, ts.tiltAnglesDeg()[0], 1e-6);
        assertEquals(2.0, ts.pixelSizeNm(), 1e-9);
        Channel haadf = ts.channel("HAADF");
        assertKnown(haadf, 0);
        Channel eds = ts.channel("EDS");
        assertEquals(-0.1, eds.energyAxis().offset(), 1e-12);
        assertEquals(0.01, eds.energyAxis().scale(), 1e-12);
        var truth = Npy.openSpectra(FIX.resolve("velox_like_eds_truth.npy"));
        float[] a = new float[truth.width() * truth.channels()], b = new float[a.length];
        double total = 0;
        for (int y = 0; y < truth.height(); y++) {
            truth.readRow(0, y, a);
            eds.spectra().readRow(0, y, b);
            assertArrayEquals(a, b, "row " + y);
            for (float v : b) total += v;
        }
        assertTrue(total > 100, "the fixture holds counts");
    }

    @Test
    void veloxStreamDecodingReportsProgressAndCancels() {
        var tracker = new org.trident.job.ProgressTracker();
        Datasets.open(FIX.resolve("velox_like.emd"), new ImportOptions(null, null, null, tracker));
        assertEquals("decoding EDS stream", tracker.phase());
        assertEquals(1.0, tracker.fraction(), 1e-12);
        var cancelled = new org.trident.job.ProgressTracker();
        cancelled.cancel();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> Datasets.open(FIX.resolve("velox_like.emd"), new ImportOptions(null, null, null, cancelled)));
    }

    @Test
    void notAnHdf5LayoutWeKnowIsOneSentence() throws Exception {
        Path f = dir.resolve("x.h5");
        Files.copy(FIX.resolve("berkeley_tilt_series.emd"), f);
        byte[] b = Files.readAllBytes(f);
        // break the superblock's end-of-file address region: jhdf must fail, and we must say so
        for (int i = 24; i < 48; i++) b[i] = (byte) 0xff;
        Files.write(f, b);
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void whatJhdfCannotReadIsSaidExactly() {
        Path f = FIX.resolve("hdf5_scaleoffset_filter.h5");
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
        assertTrue(e.getMessage().contains("hdf5_scaleoffset_filter.h5") && e.getMessage().contains("jhdf 0.13.0")
                && e.getMessage().contains("cannot read this HDF5 file") && e.getMessage().contains("scaleoffset"), e.getMessage());
    }

    @Test
    void realHyperSpyEdsSpectrumImage() {
        Path f = DATA.resolve("eds_si_mn_mineral_300kV/edsf_original_hyperspy.hdf5");
        assumeTrue(Files.exists(f));
        TiltSeries ts = Datasets.open(f).series();
        Channel c = ts.channels().get(0);
        assertEquals(149, c.width());
        assertEquals(162, c.height());
        assertEquals(985, c.spectra().channels());
        assertEquals(0.157131142, c.energyAxis().offset(), 1e-9);
        assertEquals(0.0099988, c.energyAxis().scale(), 1e-9);
        assertEquals(37.515464, ts.pixelSizeNm(), 1e-5);
        assertEquals("uint8", c.spectra().sourceType());
        double sum = 0;
        float[] row = new float[149 * 985];
        for (int y = 0; y < 162; y++) {
            c.spectra().readRow(0, y, row);
            for (float v : row) sum += v;
        }
        assertEquals(8756999, sum, 0.5); // total counts, from h5py
    }

    @Test
    void realHyperSpySingleSpectraAndLineScan() {
        Path fept = DATA.resolve("eds_spectra_fept_tem_tm002_sem/EDS_TEM_FePt_nanoparticles_200kV.hspy");
        Path line = DATA.resolve("eels_linescan_lsmo_sto_hyperspy_demos/LSMO_STO_linescan.hspy");
        assumeTrue(Files.exists(fept) && Files.exists(line));
        Channel c = Datasets.open(fept).series().channels().get(0);
        assertEquals(992, c.spectra().channels());
        assertEquals(0.169315, c.energyAxis().offset(), 1e-9);
        TiltSeries ls = Datasets.open(line).series();
        Channel e = ls.channels().get(0);
        assertEquals(Signal.EELS, e.signal());
        assertEquals(10, e.width());
        assertEquals(512, e.spectra().channels());
        assertEquals(395.0, e.energyAxis().offset(), 1e-9);
        assertEquals(3.15224, ls.pixelSizeNm(), 1e-4);
    }

    @Test
    void realPlainHdf5MapsBecomeImageChannels() {
        Path f = DATA.resolve("coshell_co3o4_mn3o4_haadf_eels_maps_2d/Co3O4_Mn3O4.h5");
        assumeTrue(Files.exists(f));
        TiltSeries ts = Datasets.open(f).series();
        assertEquals(4, ts.channels().size());
        assertEquals(Signal.ADF, ts.channel("HAADF").signal());
        assertEquals(400, ts.width());
    }
}
