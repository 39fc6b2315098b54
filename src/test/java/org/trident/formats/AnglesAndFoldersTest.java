package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Npy;
import org.trident.io.Tiff;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnglesAndFoldersTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    @Test
    void angleFileKinds() throws Exception {
        assertArrayEquals(new double[]{-60, 0, 60}, AngleFiles.read(FIX.resolve("mrc_with_tlt.tlt")), 0);
        Path csv = Files.writeString(dir.resolve("a.csv"), "# made by hand\nindex,tilt_deg,dose\n0,-10.5,1\n1,0,1\n2,10.5,1\n");
        assertArrayEquals(new double[]{-10.5, 0, 10.5}, AngleFiles.read(csv), 0);
        Path txt = Files.writeString(dir.resolve("a.txt"), "-2 \n\n 4e0\n");
        assertArrayEquals(new double[]{-2, 4}, AngleFiles.read(txt), 0);
        Path bad = Files.writeString(dir.resolve("bad.rawtlt"), "-10\n95\n");
        TridentException e = assertThrows(TridentException.class, () -> AngleFiles.read(bad));
        assertTrue(e.getMessage().contains("bad.rawtlt") && e.getMessage().contains("line 2"), e.getMessage());
        Path nan = Files.writeString(dir.resolve("nan.tlt"), "-10\nNaN\n");
        assertThrows(TridentException.class, () -> AngleFiles.read(nan));
        TridentException c = assertThrows(TridentException.class, () -> AngleFiles.forStack(txt, 3));
        assertTrue(c.getMessage().contains("2 tilt angles") && c.getMessage().contains("3 images"), c.getMessage());
    }

    @Test
    void anglesFromFileNames() {
        assertEquals(-35.0, TiltFolder.angleFromName("needle_-35.dm3"));
        assertEquals(35.0, TiltFolder.angleFromName("needle+35deg.tif"));
        assertEquals(12.5, TiltFolder.angleFromName("tilt_12.5.mrc"));
        assertEquals(-5.0, TiltFolder.angleFromName("scan_-05.dm4"));
        assertEquals(40.0, TiltFolder.angleFromName("a_40 deg_0003.tif"));
        assertNull(TiltFolder.angleFromName("BF_001.dm3"), "zero-padded numbers are running numbers");
        assertNull(TiltFolder.angleFromName("image.tif"));
    }

    @Test
    void folderOfTiffsSortedByNameAngles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("series"));
        double[] angles = {30, -30, 0};
        for (double a : angles) {
            ImageStack s = ImageStack.zeros(1, 3, 2);
            java.util.Arrays.fill(s.tilt(0), (float) a);
            Tiff.writeFloats(d.resolve("t_" + (a > 0 ? "+" : "") + (int) a + "deg.tif"), s, 72);
        }
        Datasets.Opened o = Datasets.open(d, new ImportOptions(null, 3.0, null));
        TiltSeries ts = o.series();
        assertArrayEquals(new double[]{-30, 0, 30}, ts.tiltAnglesDeg(), 0);
        for (int t = 0; t < 3; t++) assertEquals((float) ts.tiltAnglesDeg()[t], ts.channels().get(0).images().tilt(t)[0]);
        assertEquals("file name (every file)", ts.extra().path("import").path("angleSource").asText());
        assertEquals(3.0, ts.pixelSizeNm());
        Npy.writeImages(d.resolve("odd.npy"), ImageStack.zeros(1, 3, 2));
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(d));
        assertTrue(e.getMessage().contains("mixes"), e.getMessage());
    }

    @Test
    void mrcAnglesFromExtendedHeaderOrTlt() {
        TiltSeries a = Datasets.open(FIX.resolve("mrc_serialem_angles.mrc")).series();
        assertArrayEquals(new double[]{-30, 0, 30}, a.tiltAnglesDeg(), 1e-9);
        assertEquals(1.0, a.pixelSizeNm(), 1e-6);
        assertTrue(a.extra().path("import").path("angleSource").asText().contains("SerialEM"));
        TiltSeries b = Datasets.open(FIX.resolve("mrc_with_tlt.mrc")).series();
        assertArrayEquals(new double[]{-60, 0, 60}, b.tiltAnglesDeg(), 1e-9);
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(FIX.resolve("mrc_mode2.mrc")));
        assertTrue(e.getMessage().contains("--angles"), e.getMessage());
    }

    @Test
    void emsaSpectraOpenAsOnePixel() {
        Path f = Path.of("..", "shared", "data", "eds_spectra_fept_tem_tm002_sem", "EDS_TEM_FePt_nanoparticles_200kV.msa");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(f));
        TiltSeries ts = Datasets.open(f).series();
        var c = ts.channels().get(0);
        assertEquals(992, c.spectra().channels());
        assertEquals(0.169315, c.energyAxis().offset(), 1e-9);
        assertEquals(1149f, c.spectra().pixel(0, 0, 0)[0]);
        assertEquals(200.0, ts.extra().path("acquisition").path("beamEnergyKeV").asDouble());
    }

    @Test
    void rawGzWithJsonMatchesTheHyperSpyOriginal() {
        Path d = Path.of("..", "shared", "data", "eds_si_mn_mineral_300kV");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(d.resolve("eds_si_162x149x985_uint8.raw.gz")));
        TiltSeries raw = Datasets.open(d.resolve("eds_si_162x149x985_uint8.raw.gz")).series();
        TiltSeries h5 = Datasets.open(d.resolve("edsf_original_hyperspy.hdf5")).series();
        var a = raw.channels().get(0).spectra();
        var b = h5.channels().get(0).spectra();
        assertEquals(b.width(), a.width());
        assertEquals(25.0, raw.tiltAnglesDeg()[0]);
        float[] ra = new float[a.width() * a.channels()], rb = new float[ra.length];
        for (int y = 0; y < a.height(); y += 7) {
            a.readRow(0, y, ra);
            b.readRow(0, y, rb);
            assertArrayEquals(rb, ra, "row " + y);
        }
        assertEquals(raw.pixelSizeNm(), h5.pixelSizeNm(), 1e-9);
    }
}
