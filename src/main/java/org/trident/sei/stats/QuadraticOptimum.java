package org.trident.sei.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The composition that maximises (or minimises) a response, from a least-squares quadratic
 * y = a + b·x + c·x²: the vertex −b/2c when the curve opens the right way and the vertex lies
 * inside the measured range, otherwise the better end of the range ({@code atEdge}). Its 95 %
 * interval is the 2.5–97.5 percentile range of the same location over a residual bootstrap
 * (fitted values plus resampled residuals, inflated by √(n/(n−3)) for the three fitted
 * parameters), seeded so that a run can be repeated, widened about the estimate by
 * t(0.975, n−3)/z(0.975) for the few points a composition series has, and kept in the range.
 */
public final class QuadraticOptimum {
    private QuadraticOptimum() {}

    public record Result(double x, double ciLow, double ciHigh, boolean atEdge, double[] coefficients, int n, String note) {}

    public static final String MODEL = "quadratic";

    public static Result find(double[] xs, double[] ys, boolean maximise, int bootstrap, long seed) {
        int n = 0;
        for (int i = 0; i < xs.length; i++) if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) n++;
        double[] x = new double[n], y = new double[n];
        int k = 0;
        for (int i = 0; i < xs.length; i++) if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) { x[k] = xs[i]; y[k++] = ys[i]; }
        long distinct = Arrays.stream(x).distinct().count();
        if (distinct < 3) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, false, new double[]{Double.NaN, Double.NaN, Double.NaN}, n,
                    "a quadratic needs at least 3 distinct compositions with finite values; found " + distinct);
        }
        double lo = Arrays.stream(x).min().getAsDouble(), hi = Arrays.stream(x).max().getAsDouble();
        double[] coef = fit(x, y);
        double best = locate(coef, lo, hi, maximise);
        boolean edge = best == lo || best == hi;
        double ciLo = Double.NaN, ciHi = Double.NaN;
        String note = null;
        if (n > 3 && bootstrap > 0) {
            double[] fitted = new double[n], res = new double[n];
            for (int i = 0; i < n; i++) {
                fitted[i] = coef[0] + coef[1] * x[i] + coef[2] * x[i] * x[i];
                res[i] = (y[i] - fitted[i]) * Math.sqrt(n / (double) (n - 3));
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] locs = new double[bootstrap];
            double[] yb = new double[n];
            for (int b = 0; b < bootstrap; b++) {
                for (int i = 0; i < n; i++) yb[i] = fitted[i] + res[rnd.nextInt(n)];
                locs[b] = locate(fit(x, yb), lo, hi, maximise);
            }
            Arrays.sort(locs);
            // small-sample widening of the percentile interval by t(0.975, n−3)/z(0.975): the plain
            // percentile bootstrap under-covers with a handful of compositions (docs/sei.md)
            double widen = tQuantile975(n - 3) / Correlation.Z975;
            ciLo = Math.max(lo, best - widen * (best - percentile(locs, 2.5)));
            ciHi = Math.min(hi, best + widen * (percentile(locs, 97.5) - best));
        } else {
            note = "no interval: a bootstrap of a quadratic needs more than 3 points";
        }
        return new Result(best, ciLo, ciHi, edge, coef, n, note);
    }

    /** Student's t quantile at 0.975 for {@code df} degrees of freedom, by bisection on its two-sided p-value. */
    static double tQuantile975(int df) {
        double a = 0, b = 1000;
        for (int i = 0; i < 100; i++) {
            double t = 0.5 * (a + b);
            double p = Special.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
            if (p > 0.05) a = t;
            else b = t;
        }
        return 0.5 * (a + b);
    }

    static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        return i >= sorted.length - 1 ? sorted[sorted.length - 1] : sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** The extremum of the quadratic on [lo, hi]. */
    static double locate(double[] c, double lo, double hi, boolean maximise) {
        double s = maximise ? 1 : -1;
        double best = lo, bestV = s * eval(c, lo);
        if (s * eval(c, hi) > bestV) { best = hi; bestV = s * eval(c, hi); }
        if (s * c[2] < 0) {
            double v = -c[1] / (2 * c[2]);
            if (v > lo && v < hi && s * eval(c, v) >= bestV) best = v;
        }
        return best;
    }

    static double eval(double[] c, double x) {
        return c[0] + c[1] * x + c[2] * x * x;
    }

    /** Least-squares a, b, c, in centred and scaled x for conditioning. */
    public static double[] fit(double[] x, double[] y) {
        int n = x.length;
        double m = 0, s = 0;
        for (double v : x) m += v;
        m /= n;
        for (double v : x) s = Math.max(s, Math.abs(v - m));
        if (s == 0) s = 1;
        double[][] a = new double[3][3];
        double[] r = new double[3];
        for (int i = 0; i < n; i++) {
            double t = (x[i] - m) / s;
            double[] f = {1, t, t * t};
            for (int p = 0; p < 3; p++) {
                r[p] += f[p] * y[i];
                for (int q = 0; q < 3; q++) a[p][q] += f[p] * f[q];
            }
        }
        var sol = new org.ejml.simple.SimpleMatrix(a).solve(new org.ejml.simple.SimpleMatrix(3, 1, true, r));
        double A = sol.get(0), B = sol.get(1), C = sol.get(2);
        // back to raw x: y = A + B (x−m)/s + C (x−m)²/s²
        return new double[]{A - B * m / s + C * m * m / (s * s), B / s - 2 * C * m / (s * s), C / (s * s)};
    }
}
