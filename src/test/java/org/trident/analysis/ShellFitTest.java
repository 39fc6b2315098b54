package org.trident.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;
import org.trident.recon.VolumeProjector;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell fit on an analytic phantom: a sphere whose three element densities are constant
 * within each one-voxel depth shell (Ni enriched towards the surface), projected with the
 * reconstruction's projector over ±60°. The shell values are known exactly, so the fit must
 * return them without noise and stay within its stated errors with noise.
 */
class ShellFitTest {
    static final int N = 24;
    static final double VOXEL_NM = 5;
    static final double[] ANGLES = angles();

    static double[] angles() {
        double[] a = new double[25];
        for (int i = 0; i < a.length; i++) a[i] = -60 + 5 * i;
        return a;
    }

    /** Density of element e (0 Ni, 1 Co, 2 Mn) in shell k. */
    static double density(int e, int k) {
        double ni = 0.3 + 0.25 * Math.exp(-k / 2.0);
        return e == 0 ? ni : e == 1 ? (1 - ni) * 0.55 : (1 - ni) * 0.45;
    }

    record Phantom(ParticleMask mask, Volume depth, TiltSeries series) {}

    static Phantom phantom(double noiseSigma, long seed) {
        float[] adf = new float[N * N * N];
        double c = (N - 1) / 2.0;
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double r = Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c));
            if (r <= 9) adf[(z * N + y) * N + x] = 1f;
        }
        ParticleMask mask = Masks.segment(new Volume(N, N, N, adf, VOXEL_NM), 0.5, 10, 8);
        Volume depth = Depths.depthNm(mask, VOXEL_NM, 1, Progress.NONE);
        VolumeProjector a = new VolumeProjector(N, N, N, ANGLES, 1);
        Random rnd = new Random(seed);
        List<Channel> channels = new java.util.ArrayList<>();
        String[] els = {"Ni", "Co", "Mn"};
        for (int e = 0; e < 3; e++) {
            float[] x = new float[N * N * N];
            for (int i = 0; i < x.length; i++) {
                if (mask.inMask(i)) x[i] = (float) density(e, (int) Math.floor(depth.data()[i] / VOXEL_NM));
            }
            float[][] p = a.newProjections();
            a.forward(x, p);
            for (float[] t : p) for (int i = 0; i < t.length; i++) t[i] += (float) (noiseSigma * rnd.nextGaussian());
            channels.add(Channel.image("EDS:" + els[e], Signal.MAP, new ImageStack(N, N, p)));
        }
        ObjectNode extra = Json.object();
        ObjectNode q = extra.putObject("quantification");
        q.putArray("transitionMetals").add("Ni").add("Co").add("Mn");
        q.putObject("kFactors").put("Ni", 1.0).put("Co", 1.0).put("Mn", 1.0);
        return new Phantom(mask, depth, new TiltSeries("phantom", VOXEL_NM, ANGLES, channels, extra));
    }

    static double truthFraction(int k) {
        return density(0, k) / (density(0, k) + density(1, k) + density(2, k));
    }

    @Test
    void aFitTooLargeForTheHeapIsRefusedInOneLineBeforeAnythingIsAllocated() {
        // 300 shells × 121 tilts × 1024² pixels as floats is ~150 GB: more than any test heap
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.trident.model.TridentException.class,
                () -> ShellFit.requireMemory(300, 121, 1024L * 1024, 1024L * 1024 * 1024));
        assertTrue(e.getMessage().contains("--shell-nm") && !e.getMessage().contains("\n"), e.getMessage());
        ShellFit.requireMemory(10, 29, 48L * 48, 48L * 48 * 48); // a small fit passes
    }

    @Test
    void noiseFreeShellValuesAreRecovered() {
        Phantom ph = phantom(0, 1);
        ShellFit.Result r = ShellFit.fit(ph.series(), ph.mask(), ph.depth(), 10, 25, ShellFitParams.defaults(), 2, Progress.NONE);
        int rows = 0;
        for (ShellFit.Row row : r.rows()) {
            if (!row.quantity().equals("fraction-Ni")) continue;
            int k = (int) Math.floor(row.depthNm() / VOXEL_NM);
            assertEquals(truthFraction(k), row.value(), 2e-3, "shell " + k);
            rows++;
        }
        assertTrue(rows >= 8, "shells fitted: " + rows);
    }

    @Test
    void withNoiseTheErrorsCoverTheTruthWithoutPenalty() {
        Phantom ph = phantom(0.4, 7);
        ShellFit.Result r = ShellFit.fit(ph.series(), ph.mask(), ph.depth(), 10, 25, ShellFitParams.defaults().withSmoothOrder(0), 2, Progress.NONE);
        int inside = 0, n = 0;
        for (ShellFit.Row row : r.rows()) {
            if (!row.quantity().equals("EDS:Ni")) continue;
            int k = (int) Math.floor(row.depthNm() / VOXEL_NM);
            n++;
            if (Math.abs(row.value() - density(0, k)) <= 2 * row.err()) inside++;
        }
        // about 95 % of the shells within 2 σ; at least 7 of 9 allows one or two outliers
        assertTrue(n >= 8 && inside >= n - 2, inside + " of " + n + " shells within 2 σ");
    }

    /**
     * A fixed penalty weight is used as given (recorded), and a very heavy one flattens the first-difference profile to one value, while a light one keeps
     * the surface enrichment (truth: Ni 0.55 at the surface shell, 0.30 deep).
     */
    @Test
    void aFixedPenaltyWeightIsUsedAsGivenAndAHeavyOneFlattensTheProfile() {
        Phantom ph = phantom(0, 1);
        ShellFitParams light = ShellFitParams.defaults().withPenalty(ShellFitParams.Penalty.FIXED, 1e-4);
        ShellFitParams heavy = ShellFitParams.defaults().withPenalty(ShellFitParams.Penalty.FIXED, 1e4);
        ShellFit.Result l = ShellFit.fit(ph.series(), ph.mask(), ph.depth(), 10, 25, light, 2, Progress.NONE);
        ShellFit.Result h = ShellFit.fit(ph.series(), ph.mask(), ph.depth(), 10, 25, heavy, 2, Progress.NONE);
        double[] lc = l.channels().get(0).coefficients(), hc = h.channels().get(0).coefficients();
        assertEquals(density(0, 0), lc[0], 0.01, "light penalty: the surface shell");
        assertEquals(density(0, 6), lc[6], 0.01, "light penalty: a deep shell");
        assertEquals(0, hc[0] - hc[6], 0.01, "heavy penalty: one value");
        assertEquals("fixed", l.record().path("parameters").path("penalty").asText());
        assertEquals(1e-4, l.record().path("parameters").path("penaltyWeight").asDouble());
        assertTrue(ShellFitParams.defaults().withPenalty(ShellFitParams.Penalty.FIXED, -1).validate().get(0).contains("penalty weight"));
    }

    @Test
    void nonNegativeLeastSquaresKeepsTheConstraintAndFreesTheRest() {
        // minimise ½|Ac − b|² with A = I, b = (−1, 2, −3): c = (0, 2, −3) when only the first two are constrained
        double[][] g = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[] x = Nnls.solve(g, new double[]{-1, 2, -3}, new boolean[]{true, true, false});
        assertArrayEquals(new double[]{0, 2, -3}, x, 1e-12);
        // coupled: the unconstrained optimum (2, -1) has a negative entry; the constrained one is (1, 0)... (b·a/|a|²)
        double[][] g2 = {{2, 1}, {1, 1}};
        double[] y = Nnls.solve(g2, new double[]{3, 1}, new boolean[]{true, true});
        assertArrayEquals(new double[]{1.5, 0}, y, 1e-12);
    }
}
