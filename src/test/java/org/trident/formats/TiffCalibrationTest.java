package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.formats.Datasets;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TIFFs written by tifffile (fixtures/make_tiff_fixtures.py): ImageJ calibration and resolution units. */
class TiffCalibrationTest {
    static final Path FIX = Hdf5ReadersTest.FIX;

    @TempDir
    Path dir;

    TiltSeries open(String name, int tilts) throws Exception {
        Path angles = dir.resolve("angles.tlt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tilts; i++) b.append(-30 + 30 * i).append('\n');
        Files.writeString(angles, b);
        return Datasets.open(FIX.resolve(name), new ImportOptions(angles, null, null)).series();
    }

    @Test
    void imageJUnitAndResolutionGiveThePixelSize() throws Exception {
        TiltSeries ts = open("imagej_stack_nm.tif", 3);
        assertEquals(0.25, ts.pixelSizeNm(), 1e-12);
        assertEquals(3, ts.tiltAnglesDeg().length);
        Hdf5ReadersTest.assertKnown(ts.channels().get(0), 0.5);
        assertTrue(ts.extra().path("import").path("pixelSizeSource").asText().contains("ImageJ"));
    }

    @Test
    void imageJHyperstackIsSplitIntoChannelsNotReadAsMoreTilts() throws Exception {
        TiltSeries ts = open("imagej_hyperstack_zc.tif", 3);
        assertEquals(2, ts.channels().size());
        assertEquals(3, ts.tiltAnglesDeg().length);
        assertEquals(2000.0, ts.pixelSizeNm(), 1e-9); // 0.5 pixels per micron
        for (int c = 0; c < 2; c++) {
            Channel ch = ts.channels().get(c);
            assertEquals(3, ch.tilts());
            for (int z = 0; z < 3; z++) {
                float[] im = ch.images().tilt(z);
                for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) assertEquals(1000 * c + 100 * z + 10 * y + x, im[y * 5 + x], 0);
            }
        }
    }

    @Test
    void imageJFramesInMicronsWrittenAsEscapedMu() throws Exception {
        TiltSeries ts = open("imagej_frames_um.tif", 3);
        assertEquals(10.0, ts.pixelSizeNm(), 1e-9); // 100 pixels per µm
        assertEquals(1, ts.channels().size());
    }

    @Test
    void plainResolutionInInchesAndCentimetres() throws Exception {
        assertEquals(2.0, open("tiff_resolution_inch.tif", 3).pixelSizeNm(), 1e-9);
        assertEquals(8.0, open("tiff_resolution_cm.tif", 3).pixelSizeNm(), 1e-9);
        TiltSeries screen = open("tiff_resolution_72dpi.tif", 3);
        assertEquals(1.0, screen.pixelSizeNm(), 0); // not a calibration: the documented 1 nm with a note
        assertTrue(screen.extra().path("import").path("pixelSizeSource").asText().contains("assumed"));
    }

    @Test
    void trident_sOwnVolumeTiffReadsBackItsVoxelSize() {
        Path f = dir.resolve("vol.tif");
        float[][] pages = {new float[6], new float[6]};
        org.trident.io.Tiff.writeFloats(f, new ImageStack(3, 2, pages), 25.4e6 / 3.5);
        Path tlt = dir.resolve("vol.tlt");
        assertEquals(3.5, Datasets.open(f, new ImportOptions(writeAngles(tlt), null, null)).series().pixelSizeNm(), 1e-6);
    }

    @Test
    void hyperstackWhosePagesDoNotMatchIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(FIX.resolve("imagej_hyperstack_zc.tif"));
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("channels=2", "channels=4");
        Path f = dir.resolve("bad.tif");
        Files.write(f, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var e = assertThrows(TridentException.class, () -> Datasets.open(f, new ImportOptions(writeAngles(dir.resolve("a.tlt")), null, null)));
        assertTrue(e.getMessage().contains("bad.tif") && e.getMessage().contains("4 channels"), e.getMessage());
    }

    private static Path writeAngles(Path p) {
        try {
            Files.writeString(p, "-10\n10\n");
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
