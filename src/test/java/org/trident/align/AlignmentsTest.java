package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AlignmentsTest {
    @Test
    void applyingTheTrueAlignmentRestoresTheAlignedProjection() {
        int n = 48;
        double[] ang = {-40, 0, 35};
        Alignment truth = Phantoms.misalignment(ang, 3.0, 2.0, 2.0, 0.2, 3);
        var es = Phantoms.particle(n);
        ImageStack raw = Phantoms.raw(es, n, ang, truth, 0, 0, 1);
        ImageStack aligned = Alignments.apply(raw, truth, Interpolation.CUBIC, 1, Progress.NONE);
        ImageStack ideal = Phantoms.raw(es, n, ang, Alignment.identity(ang.length), 0, 0, 1);
        double err = 0, norm = 0;
        for (int t = 0; t < ang.length; t++) {
            for (int y = 6; y < n - 6; y++) for (int x = 6; x < n - 6; x++) {
                double d = aligned.get(t, x, y) - ideal.get(t, x, y);
                err += d * d;
                norm += ideal.get(t, x, y) * ideal.get(t, x, y);
            }
        }
        assertTrue(Math.sqrt(err / norm) < 0.03, "relative error " + Math.sqrt(err / norm));
        // the same alignment with the shift sign flipped is far worse: the test can fail
        Alignment wrong = new Alignment(3.0, neg(truth.dx()), neg(truth.dy()));
        ImageStack bad = Alignments.apply(raw, wrong, Interpolation.CUBIC, 1, Progress.NONE);
        double e2 = 0;
        for (int t = 0; t < ang.length; t++) for (int i = 0; i < n * n; i++) e2 += Math.pow(bad.tilt(t)[i] - ideal.tilt(t)[i], 2);
        assertTrue(e2 > 20 * err);
    }

    @Test
    void spectraGetExactlyTheImageResamplingAndTheSeriesIsMarkedAligned() {
        int w = 20, h = 17, ch = 3, tilts = 3;
        java.util.Random r = new java.util.Random(4);
        float[][] img = new float[tilts][w * h];
        float[][] spec = new float[tilts][w * h * ch];
        for (int t = 0; t < tilts; t++) {
            for (int i = 0; i < w * h; i++) {
                img[t][i] = r.nextFloat();
                for (int e = 0; e < ch; e++) spec[t][i * ch + e] = img[t][i] * (e + 1);
            }
        }
        TiltSeries ts = new TiltSeries("s", 1.0, new double[]{-10, 0, 10}, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, img)),
                Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(w, h, ch, spec), new EnergyAxis(0, 0.01, "keV"))), null);
        Alignment a = new Alignment(-7.0, new double[]{1.3, -0.4, 2.2}, new double[]{0.7, 0, -1.9});
        for (Interpolation ip : Interpolation.values()) {
            TiltSeries out = Alignments.apply(ts, a, ip, 2, Progress.NONE);
            var sp = out.channel("EDS").spectra();
            float[] row = new float[w * ch];
            for (int t = 0; t < tilts; t++) {
                for (int y = h - 1; y >= 0; y -= 2) { // out of order on purpose: the row window must cope
                    sp.readRow(t, y, row);
                    for (int x = 0; x < w; x++) for (int e = 0; e < ch; e++) {
                        assertEquals(out.channel("HAADF").images().get(t, x, y) * (e + 1), row[x * ch + e], 1e-4);
                    }
                }
            }
            assertEquals(0.0, out.extra().path("tiltAxis").path("rotationDeg").asDouble(-1));
            assertEquals(-7.0, out.extra().path("alignment").path("tiltAxisRotationDeg").asDouble());
        }
    }

    @Test
    void identityAlignmentChangesNothing() {
        int w = 9, h = 7;
        float[] im = new float[w * h];
        for (int i = 0; i < im.length; i++) im[i] = i * 0.5f;
        for (Interpolation ip : Interpolation.values()) {
            assertArrayEquals(im, Alignments.image(im, w, h, Alignment.identity(1), 0, ip), 1e-5f);
        }
    }

    private static double[] neg(double[] v) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) o[i] = -o[i];
        return o;
    }
}
