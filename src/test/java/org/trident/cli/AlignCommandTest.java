package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.align.Alignment;
import org.trident.io.BundleReader;
import org.trident.io.BundleWriter;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AlignCommandTest {
    @TempDir
    Path dir;

    private Path bundle() {
        return bundle(null);
    }

    private Path bundle(com.fasterxml.jackson.databind.node.ObjectNode extra) {
        int w = 32, h = 32, tilts = 5, ch = 4;
        double[] ang = {-40, -20, 0, 20, 40};
        float[][] im = new float[tilts][w * h];
        float[][] sp = new float[tilts][w * h * ch];
        for (int t = 0; t < tilts; t++) {
            double cx = 15.5 + (t % 2 == 0 ? 1.5 : -1.0), cy = 15.5 + t * 0.5 - 1;
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                double r2 = Math.pow(x - cx, 2) / 30 + Math.pow(y - cy, 2) / 50;
                float v = (float) Math.max(0, 1 - r2);
                im[t][y * w + x] = v;
                for (int e = 0; e < ch; e++) sp[t][(y * w + x) * ch + e] = v * e;
            }
        }
        TiltSeries ts = new TiltSeries("blob", 2.0, ang, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, im)),
                Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(w, h, ch, sp), new EnergyAxis(0, 0.01, "keV"))), extra);
        Path b = dir.resolve(extra == null ? "raw" : "raw-with-axis");
        BundleWriter.write(ts, b);
        return b;
    }

    /** "--rotation 0" is a prior like any other: it is not replaced by the bundle's tilt axis (0 used to mean "unset"). */
    @Test
    void rotationZeroIsHonoured() {
        var extra = org.trident.io.Json.object();
        extra.putObject("tiltAxis").put("rotationDeg", 30.0);
        Path b = bundle(extra);
        Path out = dir.resolve("aligned-r0");
        assertEquals(0, TridentCommand.run("align", b.toString(), "--out", out.toString(), "--threads", "1",
                "--method", "rotation", "--rotation", "0", "--rotation-range", "2"));
        double r = Alignment.read(out.resolve("alignment.json")).tiltAxisRotationDeg();
        assertTrue(Math.abs(r) <= 2.0, "searched around the given 0°, not the bundle's 30°: " + r);
    }

    @Test
    void writesAlignedBundleAlignmentAndReport() throws Exception {
        Path b = bundle();
        Path out = dir.resolve("aligned");
        assertEquals(0, TridentCommand.run("align", b.toString(), "--out", out.toString(), "--threads", "2"));
        TiltSeries a = BundleReader.read(out);
        assertEquals(2, a.channels().size());
        assertTrue(a.channel("EDS").isSpectrum());
        assertEquals(0.0, a.extra().path("tiltAxis").path("offsetPx").asDouble(-1));
        Alignment al = Alignment.read(out.resolve("alignment.json"));
        assertEquals(5, al.tilts());
        List<String> csv = Files.readAllLines(out.resolve("alignment-report.csv"));
        assertEquals(6, csv.size());
        assertTrue(csv.get(0).startsWith("index,angle_deg,dx_px,dy_px,score"));
        // refuses a non-empty output without --force, and accepts it with --force
        assertNotEquals(0, TridentCommand.run("align", b.toString(), "--out", out.toString()));
        assertEquals(0, TridentCommand.run("align", b.toString(), "--out", out.toString(), "--force", "--manual", out.resolve("alignment.json").toString()));
        Alignment again = Alignment.read(out.resolve("alignment.json"));
        assertArrayEquals(al.dx(), again.dx(), 1e-9);
    }

    @Test
    void refusesUnknownChannelAndMethod() {
        Path b = bundle();
        assertNotEquals(0, TridentCommand.run("align", b.toString(), "--out", dir.resolve("o1").toString(), "--channel", "NOPE"));
        assertNotEquals(0, TridentCommand.run("align", b.toString(), "--out", dir.resolve("o2").toString(), "--method", "magic"));
        assertFalse(Files.exists(dir.resolve("o2").resolve("tiltseries.json")));
    }

    @Test
    void leavesOutABlankTiltNamesItAndReconstructsFromTheRest() throws Exception {
        int w = 32, h = 32, tilts = 9;
        double[] ang = {-60, -45, -30, -15, 0, 15, 30, 45, 60};
        float[][] im = new float[tilts][w * h];
        for (int t = 0; t < tilts; t++) {
            if (t == 6) continue; // beam blanked
            double c = Math.cos(Math.toRadians(ang[t])), s = Math.sin(Math.toRadians(ang[t]));
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                // two blobs at (x, z) = (-5, 3) and (6, -2) px, projected, with a small jump per tilt
                double u = x - 15.5 - (t % 3 - 1) * 1.2, v = y - 15.5 - (t % 2) * 0.8;
                double u1 = -5 * c + 3 * s, u2 = 6 * c - 2 * s;
                im[t][y * w + x] = (float) (Math.exp(-((u - u1) * (u - u1) + v * v) / 18) + 0.6 * Math.exp(-((u - u2) * (u - u2) + (v - 4) * (v - 4)) / 8));
            }
        }
        TiltSeries ts = new TiltSeries("two blobs", 2.0, ang, List.of(Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, im))), null);
        Path b = dir.resolve("raw9");
        BundleWriter.write(ts, b);
        Path out = dir.resolve("aligned9");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertEquals(0, TridentCommand.run("align", b.toString(), "--out", out.toString(), "--method", "xcorr,pm", "--threads", "2"));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("tilt 6 (30.0°) left out: blank"), err.toString());
        TiltSeries a = BundleReader.read(out);
        assertEquals(8, a.tilts());
        assertArrayEquals(new double[]{-60, -45, -30, -15, 0, 15, 45, 60}, a.tiltAnglesDeg(), 1e-9);
        Alignment al = Alignment.read(out.resolve("alignment.json"));
        assertEquals(9, al.tilts());
        assertArrayEquals(new int[]{6}, al.excludedTilts());
        assertTrue(Files.readAllLines(out.resolve("alignment-report.csv")).get(7).endsWith("\"blank (every pixel is 0.000)\""));
        for (int t = 0; t < 9; t++) assertTrue(Math.abs(al.dx(t)) < 8 && Math.abs(al.dy(t)) < 8, "shift of tilt " + t + ": " + al.dx(t) + ", " + al.dy(t));
        // the reconstruction runs on the 8 tilts left
        assertEquals(0, TridentCommand.run("reconstruct", out.toString(), "--out", dir.resolve("vol9").toString(), "--iterations", "5"));
        // --keep-all keeps the blank tilt
        assertEquals(0, TridentCommand.run("align", b.toString(), "--out", dir.resolve("all9").toString(), "--method", "xcorr", "--keep-all"));
        assertEquals(9, BundleReader.read(dir.resolve("all9")).tilts());
        // --exclude leaves out by hand
        assertEquals(0, TridentCommand.run("align", b.toString(), "--out", dir.resolve("ex9").toString(), "--method", "xcorr", "--exclude", "0,8"));
        assertArrayEquals(new int[]{0, 6, 8}, Alignment.read(dir.resolve("ex9").resolve("alignment.json")).excludedTilts());
    }
}
