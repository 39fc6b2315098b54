package org.trident.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RoundTripTest {
    @TempDir
    Path dir;

    static ImageStack randomStack(int tilts, int w, int h, long seed) {
        Random r = new Random(seed);
        float[][] d = new float[tilts][w * h];
        for (float[] a : d) for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * 1e3);
        return new ImageStack(w, h, d);
    }

    static void assertSame(ImageStack a, ImageStack b) {
        assertEquals(a.tilts(), b.tilts());
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        for (int t = 0; t < a.tilts(); t++) assertArrayEquals(a.tilt(t), b.tilt(t));
    }

    @Test
    void npyImagesAndSpectra() {
        ImageStack s = randomStack(3, 7, 5, 1);
        Path f = dir.resolve("a.npy");
        Npy.writeImages(f, s);
        assertSame(s, Npy.readImages(f));
        MemorySpectrumStack sp = MemorySpectrumStack.zeros(2, 3, 4, 6);
        for (int t = 0; t < 2; t++) for (int i = 0; i < sp.tilt(t).length; i++) sp.tilt(t)[i] = t * 1000 + i;
        Path g = dir.resolve("s.npy");
        Npy.writeSpectra(g, sp, org.trident.job.Progress.NONE);
        SpectrumStack back = Npy.openSpectra(g);
        for (int t = 0; t < 2; t++) assertArrayEquals(sp.tilt(t), back.readTilt(t));
        float[] v = {1, -2, 3.5f};
        Npy.writeVector(dir.resolve("v.npy"), v);
        assertArrayEquals(v, Npy.readVector(dir.resolve("v.npy")));
    }

    @Test
    void mrcStackAndVolumeKeepValuesAndVoxelSize() {
        ImageStack s = randomStack(4, 6, 3, 2);
        Path f = dir.resolve("a.mrc");
        Mrc.write(f, s, 0.75);
        assertSame(s, Mrc.readImages(f));
        assertEquals(0.75, Mrc.header(f).voxelSizeNm(), 1e-6);
        Volume v = new Volume(3, 4, 5, randomStack(1, 60, 1, 3).tilt(0), 2.5);
        Mrc.write(dir.resolve("v.mrc"), v);
        Volume w = Mrc.readVolume(dir.resolve("v.mrc"));
        assertArrayEquals(v.data(), w.data());
        assertEquals(2.5, w.voxelSizeNm(), 1e-6);
    }

    @Test
    void tiffFloatStackWithDpi() {
        ImageStack s = randomStack(3, 9, 4, 4);
        Path f = dir.resolve("a.tif");
        Tiff.writeFloats(f, s, 254.0);
        ImageStack back = Tiff.readImages(f);
        assertEquals("float32", back.sourceType());
        assertSame(s, back);
        assertEquals(254.0, Tiff.dpi(f, 0), 1e-9);
        assertEquals(254.0, Tiff.dpi(f, 2), 1e-9);
    }

    @Test
    void tiffFigureWithDpi() {
        var img = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0x123456);
        Path f = dir.resolve("fig.tif");
        Tiff.writeImage(f, img, 300);
        assertEquals(300.0, Tiff.dpi(f, 0), 1e-9);
    }

    @Test
    void bundleKeepsEverythingIncludingUnknownFields() throws Exception {
        ImageStack haadf = randomStack(3, 4, 5, 5);
        MemorySpectrumStack eds = MemorySpectrumStack.zeros(3, 4, 5, 7);
        for (int t = 0; t < 3; t++) for (int i = 0; i < eds.tilt(t).length; i++) eds.tilt(t)[i] = (i * 7 + t) % 11;
        ObjectNode extra = Json.object();
        extra.putObject("sample").put("material", "NCM111").put("cycles", 100);
        extra.put("futureField", "kept");
        extra.putObject("acquisition").put("beamEnergyKeV", 300.0);
        ObjectNode chExtra = Json.object();
        chExtra.put("units", "counts").putObject("mystery").put("a", 1);
        Channel c1 = Channel.image("HAADF", Signal.ADF, haadf);
        Channel c2 = new Channel("EDS", Signal.EDS, null, eds, new EnergyAxis(0.005, 0.01, "keV"), chExtra);
        TiltSeries ts = new TiltSeries("round trip", 4.0, new double[]{-60, 0, 60}, List.of(c1, c2), extra);
        Path b1 = dir.resolve("b1");
        BundleWriter.write(ts, b1);
        TiltSeries r1 = BundleReader.read(b1);
        Path b2 = dir.resolve("b2");
        BundleWriter.write(r1, b2);
        TiltSeries r2 = BundleReader.read(b2.resolve("tiltseries.json"));
        assertEquals(Json.MAPPER.readTree(b1.resolve("tiltseries.json").toFile()), Json.MAPPER.readTree(b2.resolve("tiltseries.json").toFile()));
        assertEquals("kept", r2.extra().path("futureField").asText());
        assertEquals(100, r2.extra().path("sample").path("cycles").asInt());
        assertEquals(1, r2.channel("EDS").extra().path("mystery").path("a").asInt());
        assertArrayEquals(new double[]{-60, 0, 60}, r2.tiltAnglesDeg());
        assertEquals(4.0, r2.pixelSizeNm());
        assertSame(haadf, r2.channel("HAADF").images());
        for (int t = 0; t < 3; t++) assertArrayEquals(eds.tilt(t), r2.channel("EDS").spectra().readTilt(t));
        assertEquals(0.01, r2.channel("EDS").energyAxis().scale());
        try (var s = Files.list(b2)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }
}
