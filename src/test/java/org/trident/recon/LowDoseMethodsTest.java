package org.trident.recon;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-dose methods against analytic truth: adjointness of the adapter and of the TV
 * gradient, and on sparse Poisson projections of an analytic particle (never made with
 * Trident's projector) the Poisson, TV and fused reconstructions beat SIRT on the same data.
 */
class LowDoseMethodsTest {
    static final int N = 32, H = 8;
    static final double[] ANGLES = AnalyticPhantom.range(-70, 70, 5);
    static Volume truth;
    static ImageStack clean;
    static boolean[] support;

    @BeforeAll
    static void phantom() {
        AnalyticPhantom ph = AnalyticPhantom.particle(N);
        clean = ph.project(N, H, ANGLES, 2);
        truth = ph.voxelise(N, H, N, 2);
        support = new boolean[truth.data().length];
        // the truth's support grown by one voxel in x and z, as the HAADF would give it
        for (int k = 0; k < N; k++) for (int j = 0; j < H; j++) for (int i = 0; i < N; i++) {
            boolean in = false;
            for (int dk = -1; dk <= 1; dk++) for (int di = -1; di <= 1; di++) {
                int a = i + di, c = k + dk;
                if (a >= 0 && a < N && c >= 0 && c < N && truth.get(a, j, c) > 0.01f) in = true;
            }
            support[truth.index(i, j, k)] = in;
        }
    }

    /** Poisson counts with mean {@code scale × clean}. */
    static ImageStack poisson(ImageStack s, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] d = new float[s.tilts()][];
        for (int t = 0; t < s.tilts(); t++) {
            d[t] = new float[s.width() * s.height()];
            for (int i = 0; i < d[t].length; i++) d[t][i] = draw(r, Math.max(0, s.tilt(t)[i]) * scale);
        }
        return new ImageStack(s.width(), s.height(), d);
    }

    static int draw(SplittableRandom r, double mean) {
        if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }

    static double rmseScaled(float[] x, double scale) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += Math.pow(x[i] / scale - truth.data()[i], 2);
        return Math.sqrt(s / x.length);
    }

    static float[] sirt(ImageStack b) {
        return Reconstructor.reconstruct(b, ANGLES, ReconParams.defaults(Algorithm.SIRT), 2, Progress.NONE, null).data();
    }

    static float[] low(ImageStack b, Algorithm a, boolean[] sup) {
        return LowDose.run(N, ANGLES, b, 0, H, 1.0, ReconParams.defaults(a), LowDoseParams.defaults(), sup, 2, Progress.NONE)
                .result().volume().data();
    }

    @Test
    void projectorAndGradientAreAdjoint() {
        VolumeProjector p = new VolumeProjector(N, H, 20, ANGLES, 2);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[p.voxels()], ab = new float[p.voxels()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        float[][] y = p.newProjections(), ax = p.newProjections();
        for (float[] t : y) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextDouble();
        p.forward(x, ax);
        p.back(y, ab);
        double l = 0, rr = 0;
        for (int t = 0; t < y.length; t++) for (int i = 0; i < y[t].length; i++) l += (double) ax[t][i] * y[t][i];
        for (int i = 0; i < x.length; i++) rr += (double) x[i] * ab[i];
        assertEquals(l, rr, 1e-5 * Math.abs(l));

        boolean[] sup = new boolean[x.length];
        for (int i = 0; i < sup.length; i++) sup[i] = r.nextDouble() < 0.8;
        TvGradient g = new TvGradient(N, H, 20, sup);
        float[][] gx = new float[3][x.length], z = new float[3][x.length];
        g.gradient(x, gx);
        for (int c = 0; c < 3; c++) for (int i = 0; i < x.length; i++) z[c][i] = (float) r.nextGaussian();
        float[][] mask = new float[3][x.length];
        float[][] probe = new float[3][x.length];
        for (int i = 0; i < x.length; i++) {
            // a pair (v, v+axis) is counted when both are in the support and inside the grid
            int ii = i % N, jj = (i / N) % H, kk = i / (N * H);
            mask[0][i] = sup[i] && ii + 1 < N && sup[i + 1] ? 1 : 0;
            mask[1][i] = sup[i] && jj + 1 < H && sup[i + N] ? 1 : 0;
            mask[2][i] = sup[i] && kk + 1 < 20 && sup[i + N * H] ? 1 : 0;
            for (int c = 0; c < 3; c++) probe[c][i] = z[c][i] * mask[c][i];
        }
        float[] gtz = new float[x.length];
        g.adjoint(probe, gtz);
        double a = 0, b = 0;
        for (int c = 0; c < 3; c++) for (int i = 0; i < x.length; i++) a += (double) gx[c][i] * probe[c][i];
        for (int i = 0; i < x.length; i++) b += (double) x[i] * gtz[i];
        assertEquals(a, b, 1e-4 * Math.abs(a));
    }

    @Test
    void poissonMethodsBeatSirtOnSparseCounts() {
        double scale = 0.15; // about 2 counts per particle pixel per tilt
        ImageStack b = poisson(clean, scale, 11);
        double eSirt = rmseScaled(sirt(b), scale);
        float[] em = low(b, Algorithm.EM, support);
        float[] osem = low(b, Algorithm.OS_EM, support);
        float[] emtv = low(b, Algorithm.EM_TV, support);
        double eEm = rmseScaled(em, scale), eOs = rmseScaled(osem, scale), eTv = rmseScaled(emtv, scale);
        System.out.printf("sparse Poisson RMSE (truth 0-1.5): sirt %.3f, em %.3f, os-em %.3f, em-tv %.3f%n", eSirt, eEm, eOs, eTv);
        assertTrue(eTv < 0.7 * eSirt, "em-tv " + eTv + " vs sirt " + eSirt);
        // unregularised EM fits the noise as it converges (no better than SIRT per voxel: TV is what pays);
        // OS-EM gets to a lower deviance than EM in the same number of passes
        VolumeProjector p = new VolumeProjector(N, H, N, ANGLES, 2);
        double[] dEm = PoissonEm.solve(p, p.measured(b, 0), support, 4, 1, ANGLES, Progress.NONE).deviance();
        double[] dOs = PoissonEm.solve(p, p.measured(b, 0), support, 4, 8, ANGLES, Progress.NONE).deviance();
        assertTrue(dOs[3] < dEm[3], "os-em deviance " + dOs[3] + " vs em " + dEm[3]);
        for (int i = 1; i < dEm.length; i++) assertTrue(dEm[i] <= dEm[i - 1] * (1 + 1e-6), "EM deviance never rises");
        // EM conserves the counts: total in the volume = counts per tilt
        double counts = 0, vol = 0;
        for (int t = 0; t < b.tilts(); t++) for (float v : b.tilt(t)) counts += v;
        for (float v : em) vol += v;
        assertEquals(counts / b.tilts(), vol, 0.02 * vol);
        for (float v : emtv) assertTrue(v >= 0);
    }

    @Test
    void netCountsAreNotClipped() {
        // net counts of a weak element: gross Poisson(signal + background) minus the known background,
        // so negative where there is no signal; clipping them at zero biases the amount upward
        double scale = 0.05, bg = 2;
        SplittableRandom r = new SplittableRandom(5);
        float[][] d = new float[clean.tilts()][];
        for (int t = 0; t < clean.tilts(); t++) {
            d[t] = new float[clean.width() * clean.height()];
            for (int i = 0; i < d[t].length; i++) d[t][i] = (float) (draw(r, Math.max(0, clean.tilt(t)[i]) * scale + bg) - bg);
        }
        ImageStack b = new ImageStack(clean.width(), clean.height(), d);
        VolumeProjector p = new VolumeProjector(N, H, N, ANGLES, 2);
        float[][] m = p.measured(b, 0);
        double shift = LowDose.poissonShift(m, LowDose.shadow(p, support));
        assertTrue(shift > 1 && shift < 4, "shift " + shift + " near the background variance 2");
        double truthSum = 0, shifted = 0, clipped = 0;
        for (float v : truth.data()) truthSum += v * scale;
        for (float v : PoissonEm.solve(p, m, shift, support, 30, 8, ANGLES, Progress.NONE).x()) shifted += v;
        for (float v : PoissonEm.solve(p, m, 0, support, 30, 8, ANGLES, Progress.NONE).x()) clipped += v;
        double counts = 0;
        for (float[] t : m) for (float v : t) counts += v;
        System.out.printf("weak net counts, amount / truth: shifted Poisson %.3f, clipped %.3f, net counts per tilt %.3f (shift %.2f)%n",
                shifted / truthSum, clipped / truthSum, counts / m.length / truthSum, shift);
        // x ≥ 0 at a signal/background of ~1/2 keeps some upward bias (a constrained estimate cannot
        // follow negative fluctuations); the shift removes most of what clipping adds
        assertTrue(Math.abs(shifted / truthSum - 1) < 0.5 * Math.abs(clipped / truthSum - 1), "shifted " + shifted / truthSum + " vs clipped " + clipped / truthSum);
        assertTrue(clipped / truthSum > 1.1, "clipping biases upward: " + clipped / truthSum);
    }

    @Test
    void sirtTvBeatsSirtOnNoisySignedData() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] d = new float[clean.tilts()][];
        for (int t = 0; t < d.length; t++) {
            d[t] = clean.tilt(t).clone();
            for (int i = 0; i < d[t].length; i++) d[t][i] += (float) (3.0 * r.nextGaussian());
        }
        ImageStack b = new ImageStack(N, H, d);
        double eSirt = rmseScaled(Reconstructor.reconstruct(b, ANGLES, ReconParams.defaults(Algorithm.SIRT).withNonNegative(false), 2, Progress.NONE, null).data(), 1);
        double eTv = rmseScaled(LowDose.run(N, ANGLES, b, 0, H, 1.0, ReconParams.defaults(Algorithm.SIRT_TV).withNonNegative(false),
                LowDoseParams.defaults(), support, 2, Progress.NONE).result().volume().data(), 1);
        System.out.printf("signed, Gaussian noise RMSE: sirt %.3f, sirt-tv %.3f%n", eSirt, eTv);
        assertTrue(eTv < 0.7 * eSirt, "sirt-tv " + eTv + " vs sirt " + eSirt);
    }

    @Test
    void fusedUsesTheHaadfForTheTotal() {
        // two "elements": A everywhere in the particle, B = 40 % of it; HAADF ∝ Σ k Z^γ x with plenty of counts
        double sa = 0.12, sb = 0.05;
        ImageStack a = poisson(clean, sa, 21), b = poisson(clean, sb, 22);
        double za = Math.pow(28, 1.7), zb = Math.pow(25, 1.7);
        ImageStack haadf = poisson(clean, 40 * (za * sa + zb * sb), 23);
        FusedReconstruction.Outcome o = FusedReconstruction.run(haadf,
                List.of(new FusedReconstruction.Input("EDS:Ni", "Ni", a), new FusedReconstruction.Input("EDS:Mn", "Mn", b)),
                Map.of("Ni", 1.0, "Mn", 1.0), ANGLES, N, ReconParams.defaults(Algorithm.FUSED), LowDoseParams.defaults(), support, 2, Progress.NONE);
        float[] fa = o.volumes().get(0), fb = o.volumes().get(1);
        float[] ea = low(a, Algorithm.EM_TV, support), eb = low(b, Algorithm.EM_TV, support);
        double fusedA = rmseScaled(fa, sa), fusedB = rmseScaled(fb, sb), tvA = rmseScaled(ea, sa), tvB = rmseScaled(eb, sb);
        System.out.printf("fused vs em-tv RMSE: A %.3f / %.3f, B %.3f / %.3f%n", fusedA, tvA, fusedB, tvB);
        assertTrue(fusedA < 0.8 * tvA && fusedB < 0.8 * tvB, "fused " + fusedA + ", " + fusedB + " vs em-tv " + tvA + ", " + tvB);
        // the record holds every weight and a cost per term per iteration
        var d = o.details();
        assertEquals(1.7, d.path("gamma").asDouble());
        assertTrue(d.path("linkWeight").asDouble() > 0 && d.path("alpha").asDouble() > 0);
        assertEquals(150, d.path("costPerIteration").path("haadfLink").size());
        assertEquals(150, d.path("costPerIteration").path("poissonDeviance:EDS:Mn").size());
        double first = d.path("costPerIteration").path("haadfLink").get(0).asDouble(), last = d.path("costPerIteration").path("haadfLink").get(149).asDouble();
        assertTrue(last < 0.1 * first, "link cost falls: " + first + " -> " + last);
    }

    @Test
    void namesAndRefusals() {
        assertEquals(Algorithm.OS_EM, Algorithm.parse("os-em"));
        assertEquals("sirt-tv", Algorithm.SIRT_TV.label());
        assertEquals(Algorithm.FUSED, Algorithm.parse("FUSED"));
        assertTrue(Algorithm.EM.lowDose() && !Algorithm.SIRT.lowDose());
        assertThrows(TridentException.class, () -> low(clean, Algorithm.FUSED, null));
        assertTrue(LowDoseParams.defaults().withGamma(3).validate().get(0).contains("gamma"));
        // the one-shot API of the block reconstructor reaches the low-dose methods too
        Volume v = Reconstructor.reconstruct(poisson(clean, 0.5, 1), ANGLES, ReconParams.defaults(Algorithm.EM).withIterations(5), 1, Progress.NONE, null);
        assertEquals(N * H * N, v.data().length);
    }
}
