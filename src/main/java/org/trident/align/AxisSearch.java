package org.trident.align;

import org.trident.job.Parallel;
import org.trident.job.Progress;

import java.util.Arrays;

/**
 * Tilt-axis rotation and offset by reconstruction consistency. A trial axis aligns the tilts,
 * they are reconstructed and reprojected, and the misfit is scored with Tukey's biweight
 * (c = 4.685 σ, σ from the median absolute misfit) over the object's support (where the
 * reprojection at the starting axis exceeds 10 % of its peak, dilated by 2 px), leaving out a
 * border of 12 % of the width on each side. Objects entering or leaving the field cannot be
 * explained by any reconstruction of the field: the border exclusion and the bounded biweight
 * keep them from pulling the axis, as they pull the common-line estimate. The minimum comes
 * from a parabola through the best grid point and its neighbours; the standard error from
 * leaving out one tilt at a time (jackknife).
 */
final class AxisSearch {
    static final double TUKEY = 4.685;
    static final double BORDER = 0.12;
    /**
     * SIRT iterations of each trial reconstruction: an under-converged reconstruction leaves
     * misfits that depend on the trial and bias the axis (20 iterations: 0.4° off on a clean
     * phantom, 60: 0.07°).
     */
    static final int SIRT_ITERATIONS = 60;


    record Found(double value, double sd) {}

    private final PmLevel lv;
    private final double[] angles;
    private final int threads;
    private final Progress progress;
    private boolean[][] mask;
    private double sigma;

    AxisSearch(PmLevel lv, double[] angles, int threads, Progress progress) {
        this.lv = lv;
        this.angles = angles;
        this.threads = threads;
        this.progress = progress;
    }

    /** Support and noise scale at the starting axis; later trials are scored against them. */
    private void reference(double rot, double[] dx, double[] dy) {
        float[][] al = lv.align(rot, dx, dy);
        float[][] rep = lv.fresh(al);
        int n = al.length;
        double peak = 0;
        for (float[] r : rep) for (float v : r) peak = Math.max(peak, v);
        mask = support(rep, lv.w, lv.rows(), threads, progress);
        int count = 0;
        for (boolean[] m : mask) for (boolean v : m) if (v) count++;
        float[] dev = new float[Math.max(1, count)];
        int k = 0;
        for (int t = 0; t < n; t++) for (int i = 0; i < mask[t].length; i++) if (mask[t][i]) dev[k++] = Math.abs(al[t][i] - rep[t][i]);
        Arrays.sort(dev, 0, k);
        sigma = Math.max(1.4826 * (k > 0 ? dev[k / 2] : 0), 1e-6 * Math.max(peak, 1e-30));
    }

    /** Where the reprojection exceeds 10 % of its peak, dilated by 2 px, without a border of {@link #BORDER} of the width. */
    private static boolean[][] support(float[][] rep, int bw, int bh, int threads, Progress progress) {
        double peak = 0;
        for (float[] r : rep) for (float v : r) peak = Math.max(peak, v);
        double lim = 0.1 * peak;
        int mx = (int) Math.ceil(BORDER * bw);
        boolean[][] mask = new boolean[rep.length][];
        Parallel.forEach(rep.length, threads, progress, t -> {
            boolean[] m = new boolean[bw * bh];
            for (int y = 0; y < bh; y++) for (int x = 0; x < bw; x++) {
                if (rep[t][y * bw + x] <= lim) continue;
                for (int j = Math.max(0, y - 2); j <= Math.min(bh - 1, y + 2); j++)
                    for (int i = Math.max(mx, x - 2); i <= Math.min(bw - 1 - mx, x + 2); i++) m[j * bw + i] = true;
            }
            mask[t] = m;
        });
        return mask;
    }

    /** Biweight cost of each tilt for the given alignment. */
    private double[] tiltCosts(double rot, double[] dx, double[] dy) {
        float[][] al = lv.align(rot, dx, dy);
        float[][] rep = lv.fresh(al);
        int n = al.length;
        double[] c = new double[n];
        double cc = TUKEY * TUKEY / 6;
        Parallel.forEach(n, threads, progress, t -> {
            double s = 0;
            boolean[] m = mask[t];
            for (int i = 0; i < m.length; i++) {
                if (!m[i]) continue;
                double x = (al[t][i] - rep[t][i]) / (sigma * TUKEY);
                s += Math.abs(x) >= 1 ? cc : cc * (1 - Math.pow(1 - x * x, 3));
            }
            c[t] = s;
        });
        return c;
    }

    /**
     * Rotation (degrees) within rot ± halfWidth. Every trial is reconstructed from zero: a start
     * from the reconstruction at {@code rot} converges better but pulls the minimum towards
     * {@code rot} (on held-out clutter series the repeated narrow searches then stopped 0.5–1.3° short).
     */
    Found rotation(double rot, double[] dx, double[] dy, double halfWidth) {
        reference(rot, dx, dy);
        return search(rot, halfWidth / (halfWidth >= 1 ? 4 : 2), r -> tiltCosts(r, dx, dy));
    }

    /** Offset perpendicular to the axis within ±halfWidth level pixels; the value is in full-size pixels. */
    Found offset(double rot, double[] dx, double[] dy, double halfWidth) {
        reference(rot, dx, dy);
        Found f = search(0, halfWidth / (halfWidth >= 1 ? 4 : 2), o -> {
            double[] d = Aligner.fromAxis(rot, lv.toFull(o), 0);
            double[] x = dx.clone(), y = dy.clone();
            for (int t = 0; t < x.length; t++) { x[t] += d[0]; y[t] += d[1]; }
            return tiltCosts(rot, x, y);
        });
        return new Found(lv.toFull(f.value()), lv.toFull(f.sd()));
    }

    private interface Costs {
        double[] at(double v);
    }

    /** Grid of ±2 steps around {@code centre}, extended while the minimum sits at an end (at most 4 more steps). */
    private Found search(double centre, double step, Costs f) {
        java.util.TreeMap<Double, double[]> grid = new java.util.TreeMap<>();
        for (int i = -2; i <= 2; i++) grid.put(centre + i * step, f.at(centre + i * step));
        for (int extra = 0; extra < 4; extra++) {
            progress.checkCancelled();
            double best = argmin(grid, -1);
            if (best == grid.firstKey()) grid.put(best - step, f.at(best - step));
            else if (best == grid.lastKey()) grid.put(best + step, f.at(best + step));
            else break;
        }
        double v = vertex(grid, -1);
        int n = grid.firstEntry().getValue().length;
        double[] jack = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            jack[t] = vertex(grid, t);
            mean += jack[t] / n;
        }
        double var = 0;
        for (double j : jack) var += (j - mean) * (j - mean);
        return new Found(v, Math.sqrt(var * (n - 1) / n));
    }

    private static double total(double[] c, int leaveOut) {
        double s = 0;
        for (int t = 0; t < c.length; t++) if (t != leaveOut) s += c[t];
        return s;
    }

    private static double argmin(java.util.TreeMap<Double, double[]> grid, int leaveOut) {
        double best = Double.NaN, bc = Double.POSITIVE_INFINITY;
        for (var e : grid.entrySet()) {
            double c = total(e.getValue(), leaveOut);
            if (c < bc) { bc = c; best = e.getKey(); }
        }
        return best;
    }

    /** Parabola through the grid minimum and its neighbours (the minimum itself at an end of the grid). */
    private static double vertex(java.util.TreeMap<Double, double[]> grid, int leaveOut) {
        double x1 = argmin(grid, leaveOut);
        Double x0 = grid.lowerKey(x1), x2 = grid.higherKey(x1);
        if (x0 == null || x2 == null) return x1;
        double f0 = total(grid.get(x0), leaveOut), f1 = total(grid.get(x1), leaveOut), f2 = total(grid.get(x2), leaveOut);
        double h0 = x1 - x0, h2 = x2 - x1;
        double d = h0 * (f2 - f1) + h2 * (f0 - f1);
        if (!(d > 0)) return x1;
        double off = -0.5 * (h0 * h0 * (f2 - f1) - h2 * h2 * (f0 - f1)) / d;
        return x1 + Math.max(-h0, Math.min(h2, off));
    }

    /**
     * Relative misfit ‖a − p‖ / ‖a‖ of each tilt inside the support (as {@link #reference}) of the
     * aligned tilts {@code al} and their reprojection {@code rep}; returns the overall value.
     */
    static double tiltResiduals(float[][] al, float[][] rep, int bw, int bh, double[] out, int threads, Progress progress) {
        boolean[][] mask = support(rep, bw, bh, threads, progress);
        double num = 0, den = 0;
        for (int t = 0; t < al.length; t++) {
            double a = 0, b = 0;
            for (int i = 0; i < mask[t].length; i++) {
                if (!mask[t][i]) continue;
                double d = al[t][i] - rep[t][i];
                a += d * d;
                b += (double) al[t][i] * al[t][i];
            }
            out[t] = b > 0 ? Math.sqrt(a / b) : Double.NaN;
            num += a;
            den += b;
        }
        return den > 0 ? Math.sqrt(num / den) : Double.NaN;
    }
}
