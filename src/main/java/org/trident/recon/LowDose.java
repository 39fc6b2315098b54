package org.trident.recon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One channel by a low-dose method ({@code em}, {@code os-em}, {@code em-tv}, {@code sirt-tv}),
 * with the data-driven choices those methods need: the TV weight from the channel's counts or
 * noise, and the support from the HAADF. The fused method needs several channels at once
 * ({@link FusedReconstruction}).
 */
public final class LowDose {
    private LowDose() {}

    /** A reconstruction with what went into it (weights, per-iteration costs) for reconstruction.json. */
    public record Outcome(Reconstructor.Result result, ObjectNode details) {}

    /** Reconstructs detector rows {@code [y0, y1)} of one channel (see {@link Reconstructor#run}). */
    public static Outcome run(int thickness, double[] anglesDeg, ImageStack s, int y0, int y1, double pixelSizeNm, ReconParams p,
                              LowDoseParams lp, boolean[] support, int threads, Progress progress) {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>(p.validate());
        problems.addAll(lp.validate());
        if (!problems.isEmpty()) throw new TridentException("cannot reconstruct: " + String.join(" ", problems));
        Algorithm alg = p.algorithm();
        if (alg == Algorithm.FUSED) throw new TridentException("the fused method reconstructs the count channels together with the HAADF; "
                + "run it on a whole series (trident reconstruct --algorithm fused), not on one channel");
        VolumeProjector proj = new VolumeProjector(s.width(), y1 - y0, thickness, anglesDeg, threads);
        float[][] b = proj.measured(s, y0);
        ObjectNode d = Json.object();
        float[] x;
        double[] costs;
        switch (alg) {
            case EM, OS_EM -> {
                int subsets = alg == Algorithm.EM ? 1 : p.subsets() > 0 ? p.subsets() : lp.subsets();
                double shift = poissonShift(b, shadow(proj, support));
                PoissonEm.Result r = PoissonEm.solve(proj, b, shift, support, p.iterations(), subsets, anglesDeg, progress);
                x = r.x();
                costs = r.deviance();
                d.put("subsets", subsets);
                d.put("poissonShift", shift);
                array(d.putObject("costPerIteration"), "poissonDeviance", costs);
            }
            case EM_TV, SIRT_TV -> {
                boolean poisson = alg == Algorithm.EM_TV;
                boolean[][] sh = shadow(proj, support);
                double variance = poisson ? Double.NaN : noiseFloor(noiseVariance(b, sh), b);
                double shift = poisson ? poissonShift(b, sh) : 0;
                double mu = tvWeight(proj, b, support, poisson, variance, shift, lp.tvStrength());
                PrimalDual.Channel ch = new PrimalDual.Channel("channel", b, poisson ? PrimalDual.Data.POISSON : PrimalDual.Data.GAUSSIAN,
                        variance, shift, mu, 0, poisson || p.nonNegative());
                PrimalDual.Result r = PrimalDual.solve(proj, List.of(ch), null, support, p.iterations(), progress, null);
                x = r.x()[0];
                costs = r.dataCost()[0];
                d.put("tvWeight", mu);
                d.put("tvStrength", lp.tvStrength());
                if (!poisson) d.put("noiseVariance", variance);
                else d.put("poissonShift", shift);
                ObjectNode c = d.putObject("costPerIteration");
                array(c, poisson ? "poissonDeviance" : "leastSquares", costs);
                array(c, "tv", r.tvCost()[0]);
            }
            default -> throw new IllegalArgumentException(alg + " is not a low-dose method");
        }
        d.put("support", support != null);
        Volume v = new Volume(s.width(), y1 - y0, thickness, x, pixelSizeNm);
        double res = relativeResidual(proj, x, b);
        double[] residuals = new double[p.iterations()];
        Arrays.fill(residuals, Double.NaN);
        residuals[residuals.length - 1] = res;
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Outcome(new Reconstructor.Result(v, p.iterations(), residuals, new double[p.iterations()], false, secs), d);
    }

    /** ‖b − A x‖ / ‖b‖. */
    static double relativeResidual(VolumeProjector p, float[] x, float[][] b) {
        float[][] q = p.newProjections();
        p.forward(x, q);
        double r = 0, n = 0;
        for (int t = 0; t < q.length; t++) {
            for (int i = 0; i < q[t].length; i++) {
                double e = b[t][i] - q[t][i];
                r += e * e;
                n += (double) b[t][i] * b[t][i];
            }
        }
        return Math.sqrt(r / Math.max(n, 1e-300));
    }

    /**
     * The TV weight μ = β·√(⅔·T·I): with I the Fisher information per projection value (1 / mean
     * count in the particle's shadow for counts, 1 / noise variance for signed maps), ⅔·T·I is the
     * curvature of the data term at one voxel (each voxel meets T rays with weights whose squares
     * sum to ⅔ on average), so μ is β times the voxel's noise level in units of the data term:
     * the weight follows the dose with no tuning (twice the counts, 1/√2 of the relative smoothing).
     */
    static double tvWeight(VolumeProjector p, float[][] b, boolean[] support, boolean poisson, double variance, double beta) {
        return tvWeight(p, b, support, poisson, variance, 0, beta);
    }

    /** The same for a shifted-Poisson channel: the information per value is 1 / (mean + s). */
    static double tvWeight(VolumeProjector p, float[][] b, boolean[] support, boolean poisson, double variance, double shift, double beta) {
        if (beta == 0) return 0;
        double info;
        if (poisson) {
            boolean[][] sh = shadow(p, support);
            double sum = 0;
            long n = 0;
            for (int t = 0; t < b.length; t++) {
                for (int i = 0; i < b[t].length; i++) {
                    if (!sh[t][i]) continue;
                    sum += Math.max(b[t][i], 0);
                    n++;
                }
            }
            double mean = sum / Math.max(1, n);
            if (!(mean > 0)) return 0;
            info = 1 / (mean + Math.max(0, shift));
        } else {
            if (!(variance > 0)) return 0;
            info = 1 / variance;
        }
        return beta * Math.sqrt(2.0 / 3.0 * p.tilts() * info);
    }

    /**
     * The shifted-Poisson offset s of a net-count channel (Yavuz &amp; Fessler 1998): EDS net counts
     * are gross counts minus a fitted background, so they are slightly negative where there is
     * no signal and their variance exceeds their mean. Clipping them at zero (the plain Poisson
     * term) adds a positive bias that is largest, relative to the signal, for the weakest element
     * and so moves every fraction; modelling b + s as Poisson with mean A x + s keeps them unclipped
     * and unbiased. s is the larger of the excess variance over the mean in the particle's shadow
     * (variance from squared second differences along x, unbiased for white noise) and the depth of
     * the lowest 0.1 % of values, so that b + s is non-negative almost everywhere; never below 0.
     */
    static double poissonShift(float[][] b, boolean[][] shadow) {
        double sum = 0, sq = 0;
        long n = 0, nd = 0;
        int all = 0;
        for (float[] t : b) all += t.length;
        float[] v = new float[all];
        int k = 0;
        for (int t = 0; t < b.length; t++) {
            float[] r = b[t];
            for (int i = 0; i < r.length; i++) {
                v[k++] = r[i];
                if (!shadow[t][i]) continue;
                sum += r[i];
                n++;
                if (i > 0 && i + 1 < r.length && shadow[t][i - 1] && shadow[t][i + 1]) {
                    double d = r[i - 1] - 2.0 * r[i] + r[i + 1];
                    sq += d * d;
                    nd++;
                }
            }
        }
        Arrays.sort(v);
        double low = v.length == 0 ? 0 : -v[(int) (0.001 * (v.length - 1))];
        double excess = n > 0 && nd > 0 ? sq / nd / 6 - sum / n : 0;
        double s = Math.max(0, Math.max(low, excess));
        return Double.isFinite(s) ? s : 0;
    }

    /** Pixels whose ray crosses the support (all pixels without one). */
    static boolean[][] shadow(VolumeProjector p, boolean[] support) {
        boolean[][] sh = new boolean[p.tilts()][p.pixels()];
        if (support == null) {
            for (boolean[] r : sh) Arrays.fill(r, true);
            return sh;
        }
        float[] ones = new float[p.voxels()];
        for (int v = 0; v < ones.length; v++) ones[v] = support[v] ? 1f : 0f;
        float[][] q = p.newProjections();
        p.forward(ones, q);
        for (int t = 0; t < q.length; t++) for (int i = 0; i < q[t].length; i++) sh[t][i] = q[t][i] > 0.5f;
        return sh;
    }

    /**
     * White-noise variance of projections from the second difference along x inside the shadow:
     * var(b[i−1] − 2b[i] + b[i+1]) = 6σ² for white noise, and the median absolute value (×1.4826)
     * is robust to the few differences that straddle an edge.
     */
    static double noiseVariance(float[][] b, boolean[][] shadow) {
        int w = b[0].length; // rows are not needed: any x-triplet inside one row works
        List<Float> dd = new ArrayList<>();
        for (int t = 0; t < b.length; t++) {
            for (int i = 1; i + 1 < w; i++) {
                if (!shadow[t][i] || !shadow[t][i - 1] || !shadow[t][i + 1]) continue;
                dd.add(Math.abs(b[t][i - 1] - 2 * b[t][i] + b[t][i + 1]));
            }
        }
        if (dd.isEmpty()) return Double.NaN;
        float[] a = new float[dd.size()];
        for (int i = 0; i < a.length; i++) a[i] = dd.get(i);
        Arrays.sort(a);
        double mad = a[a.length / 2] * 1.4826;
        return mad * mad / 6;
    }

    /** Noise-free data measure a variance of 0; 10⁻⁶ of the mean square keeps the solver's scaling finite. */
    static double noiseFloor(double variance, float[][] b) {
        double s = 0;
        long n = 0;
        for (float[] t : b) for (float v : t) { s += (double) v * v; n++; }
        double floor = 1e-6 * s / Math.max(1, n) + 1e-30;
        return variance > floor ? variance : floor;
    }

    static void array(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) a.add(Double.isFinite(v) ? (float) v : Double.NaN);
    }
}
