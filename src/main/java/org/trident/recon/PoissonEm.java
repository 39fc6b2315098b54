package org.trident.recon;

import org.trident.job.Progress;

import java.util.Arrays;
import java.util.Locale;

/**
 * Maximum-likelihood expectation maximisation for Poisson counts (Shepp &amp; Vardi, IEEE TMI 1,
 * 113, 1982): {@code x ← x / (A_Sᵀ1) · A_Sᵀ(b / A_S x)}, over all views (ML-EM) or over ordered
 * subsets of views (OS-EM, Hudson &amp; Larkin, IEEE TMI 13, 601, 1994; subset s holds the views
 * of rank s, s+N, … in angle order so that each spans the whole range). The update keeps
 * x ≥ 0 by construction and conserves the measured counts. Net counts after background removal
 * (slightly negative where there is no signal) are taken as shifted Poisson (b + s with mean
 * A x + s), not clipped. Voxels outside the support stay zero.
 */
final class PoissonEm {
    private PoissonEm() {}

    /** Reconstruction with its per-iteration Poisson deviance (Σ q − b + b log(b/q), after each full pass). */
    record Result(float[] x, double[] deviance) {}

    static Result solve(VolumeProjector p, float[][] measured, boolean[] support, int iterations, int subsets,
                        double[] anglesDeg, Progress progress) {
        return solve(p, measured, 0, support, iterations, subsets, anglesDeg, progress);
    }

    /**
     * The same for shifted-Poisson data ({@link LowDose#poissonShift}): b + s ~ Poisson(A x + s),
     * so the update is x ← x / Aᵀ1 · Aᵀ((b + s) / (A x + s)) and negative net counts are not clipped.
     */
    static Result solve(VolumeProjector p, float[][] measured, double shift, boolean[] support, int iterations, int subsets,
                        double[] anglesDeg, Progress progress) {
        float sh = (float) Math.max(0, shift);
        int n = p.voxels(), tilts = p.tilts(), px = p.pixels();
        int[][] sets = subsets(anglesDeg, Math.max(1, Math.min(subsets, tilts)));
        float[][] b = new float[tilts][];
        double total = 0;
        for (int t = 0; t < tilts; t++) {
            b[t] = measured[t].clone();
            for (int i = 0; i < px; i++) {
                total += Math.max(b[t][i], 0);
                b[t][i] = b[t][i] + sh > 0 ? b[t][i] + sh : 0;
            }
        }
        float[][] ones = p.newProjections();
        for (float[] r : ones) Arrays.fill(r, 1f);
        float[][] sens = new float[sets.length][n];
        for (int s = 0; s < sets.length; s++) p.back(ones, sens[s], sets[s]);
        int inside = 0;
        for (int v = 0; v < n; v++) if (support == null || support[v]) inside++;
        float start = (float) Math.max(total / tilts / Math.max(1, inside), 1e-12);
        float[] x = new float[n], back = new float[n];
        for (int v = 0; v < n; v++) x[v] = support == null || support[v] ? start : 0f;
        float[][] q = p.newProjections();
        double[] dev = new double[iterations];
        progress.start("reconstructing (" + (sets.length > 1 ? "os-em, " + sets.length + " subsets" : "em") + ")", iterations);
        for (int it = 0; it < iterations; it++) {
            for (int s = 0; s < sets.length; s++) {
                progress.checkCancelled();
                p.forward(x, q, sets[s]);
                for (int t : sets[s]) {
                    float[] qt = q[t], bt = b[t];
                    for (int i = 0; i < px; i++) qt[i] = qt[i] + sh > 1e-20f ? bt[i] / (qt[i] + sh) : 0f;
                }
                p.back(q, back, sets[s]);
                float[] sv = sens[s];
                for (int v = 0; v < n; v++) x[v] = sv[v] > 0 && (support == null || support[v]) ? x[v] * back[v] / sv[v] : 0f;
            }
            p.forward(x, q);
            if (sh > 0) for (float[] qt : q) for (int i = 0; i < px; i++) qt[i] += sh;
            dev[it] = deviance(q, b);
            progress.advance(1);
            progress.message(String.format(Locale.ROOT, "iteration %d/%d, deviance %.6g", it + 1, iterations, dev[it]));
        }
        return new Result(x, dev);
    }

    static double deviance(float[][] q, float[][] b) {
        double s = 0;
        for (int t = 0; t < q.length; t++) {
            for (int i = 0; i < q[t].length; i++) {
                double qi = Math.max(q[t][i], 1e-12), bi = b[t][i];
                s += qi - bi + (bi > 0 ? bi * Math.log(bi / qi) : 0);
            }
        }
        return s;
    }

    /** Views split into {@code n} subsets by rank in angle order (subset s: ranks s, s+n, …). */
    static int[][] subsets(double[] anglesDeg, int n) {
        Integer[] order = new Integer[anglesDeg.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, c) -> Double.compare(anglesDeg[a], anglesDeg[c]));
        int[][] sets = new int[n][];
        for (int s = 0; s < n; s++) {
            int count = (order.length - s + n - 1) / n;
            sets[s] = new int[count];
            for (int r = s, m = 0; r < order.length; r += n) sets[s][m++] = order[r];
        }
        return sets;
    }
}
