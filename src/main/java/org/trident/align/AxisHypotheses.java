package org.trident.align;

import org.ejml.simple.SimpleMatrix;
import org.trident.job.Parallel;
import org.trident.job.Progress;

/**
 * Which of two perpendicular tilt axes the data support. The common line cannot always tell a
 * vertical from a horizontal axis: for a rod or needle lying along the axis, both the profile
 * along it and the profile across it barely change with tilt. The cosine law of tracked centres
 * can: cut the object into bands along the trial axis; the centroid of each band across the axis
 * must move as {@code x_b·cosθ + z_b·sinθ} plus the tilt's own shift. Under the perpendicular
 * (wrong) axis, features that stay put while the stage tilts (a needle's stripes) or move along
 * the true axis cannot follow that law for every band at once, so its least-squares misfit (in
 * pixels) is large. Unlike {@link BandCentroids} this needs no isolated object: it only compares
 * two hypotheses on the same pixels. (A rotation of 180° is the same axis with the opposite tilt
 * sense, which comes with the angles: not a hypothesis here.)
 */
final class AxisHypotheses {
    private AxisHypotheses() {}

    /** Bands along the axis: enough to see the law differ between bands, wide enough to average many pixels. */
    static final int BANDS = 8;

    /**
     * RMS misfit (pixels) of the band centroids to the cosine law for rotation {@code r}
     * (degrees); NaN when fewer than three bands hold signal.
     */
    static double cosineLawMisfit(float[][] im, int w, int h, double[] angles, double r, int threads, Progress progress) {
        int n = im.length;
        float[][] rot = new float[n][];
        boolean[][] mask = new boolean[n][];
        Parallel.forEach(n, threads, progress, t -> {
            rot[t] = Resampling.affine(im[t], w, h, Resampling.rotation(r), 0, 0, Interpolation.CUBIC, null);
            float[] s = ImageOps.gaussian(rot[t], w, h, 1.5);
            double max = 0;
            for (float v : s) max = Math.max(max, v);
            boolean[] m = new boolean[w * h];
            for (int i = 0; i < m.length; i++) m[i] = s[i] > 0.1 * max;
            mask[t] = m;
        });
        // band edges fixed in the aligned frame: along the true axis, positions do not change with tilt
        int lo = h, hi = -1;
        for (int y = 0; y < h; y++) {
            int count = 0;
            for (int t = 0; t < n; t++) {
                boolean any = false;
                for (int x = 0; x < w && !any; x++) any = mask[t][y * w + x];
                if (any) count++;
            }
            if (2 * count >= n) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
        }
        if (hi - lo + 1 < BANDS) return Double.NaN;
        double bw = (hi - lo + 1) / (double) BANDS, cx = (w - 1) / 2.0;
        double[][] u = new double[n][BANDS], mass = new double[n][BANDS];
        for (int t = 0; t < n; t++) {
            for (int y = lo; y <= hi; y++) {
                int b = Math.min(BANDS - 1, (int) ((y - lo) / bw));
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (!mask[t][i] || !(rot[t][i] > 0)) continue;
                    mass[t][b] += rot[t][i];
                    u[t][b] += rot[t][i] * (x - cx);
                }
            }
            for (int b = 0; b < BANDS; b++) if (mass[t][b] > 0) u[t][b] /= mass[t][b];
        }
        // unknowns: s_t, and x_b, z_b for b >= 1 (band 0 fixes the translation gauge)
        int nu = n + 2 * (BANDS - 1), rows = 0;
        for (int t = 0; t < n; t++) for (int b = 0; b < BANDS; b++) if (mass[t][b] > 0) rows++;
        if (rows <= nu + 2) return Double.NaN;
        SimpleMatrix a = new SimpleMatrix(rows + n, nu), y = new SimpleMatrix(rows + n, 1);
        int row = 0;
        for (int t = 0; t < n; t++) {
            double c = Math.cos(Math.toRadians(angles[t])), s = Math.sin(Math.toRadians(angles[t]));
            for (int b = 0; b < BANDS; b++) {
                if (!(mass[t][b] > 0)) continue;
                a.set(row, t, 1);
                if (b > 0) {
                    a.set(row, n + 2 * (b - 1), c);
                    a.set(row, n + 2 * (b - 1) + 1, s);
                }
                y.set(row++, 0, u[t][b]);
            }
        }
        // a tiny pull of every shift towards 0 keeps tilts without band 0 regular; it does not change the misfit
        for (int t = 0; t < n; t++) a.set(rows + t, t, 1e-6);
        SimpleMatrix res = a.mult(a.solve(y)).minus(y);
        double ss = 0;
        for (int i = 0; i < rows; i++) ss += res.get(i, 0) * res.get(i, 0);
        return Math.sqrt(ss / (rows - nu));
    }
}
