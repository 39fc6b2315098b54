package org.trident.align;

import org.trident.job.Parallel;

import org.ejml.simple.SimpleMatrix;
import org.trident.job.Progress;

/**
 * Tilt-axis rotation from the cosine law of tracked centres, for isolated objects. The object is
 * cut into bands across the axis; in the aligned frame each band's centroid must follow
 * x_b·cosθ + z_b·sinθ plus the tilt's own shift. Resampled at a trial rotation r0 that is off by
 * ε, a centroid also moves by −ε·v (v its position along the axis), a term that differs between
 * bands and is not of the cosine form, so one least-squares fit over all tilts and bands gives ε.
 * Centroids average many pixels, so this stays precise at low dose, where profile comparison
 * does not.
 */
final class BandCentroids {
    private BandCentroids() {}

    /**
     * Refined rotation (degrees) starting at {@code r0}; fixed-point rounds. NaN when too few
     * tilts show the object apart from the border and from other objects.
     */
    static double refine(float[][] im, int w, int h, double[] angles, double r0, int bands, int threads, Progress progress) {
        double r = r0;
        for (int round = 0; round < 8; round++) {
            progress.checkCancelled();
            double eps = step(im, w, h, angles, r, bands, threads, progress);
            if (!Double.isFinite(eps) || Math.abs(eps) > 10) return Double.NaN;
            r += eps;
            if (Math.abs(eps) < 0.005) return r;
        }
        return Double.NaN; // did not settle: no answer rather than a wrong one
    }

    /** One estimate of ε (degrees) at rotation r. */
    static double step(float[][] im, int w, int h, double[] angles, double r, int bands, int threads, Progress progress) {
        int n = im.length;
        double[][] u = new double[n][bands], v = new double[n][bands], m = new double[n][bands];
        double[] half = new double[n];
        float[][] rot = new float[n][];
        double[] cy = new double[n];
        boolean[][] masks = new boolean[n][];
        Parallel.forEach(n, threads, progress, t -> {
            rot[t] = Resampling.affine(im[t], w, h, Resampling.rotation(r), 0, 0, Interpolation.CUBIC, null);
            boolean[] mask = support(rot[t], w, h);
            if (mask == null) {
                half[t] = Double.POSITIVE_INFINITY;
                return;
            }
            double sm = 0, sy = 0;
            double c0x = (w - 1) / 2.0, c0y = (h - 1) / 2.0;
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!mask[i]) continue;
                sm += rot[t][i];
                sy += rot[t][i] * (y - c0y);
                lo = Math.min(lo, y - c0y);
                hi = Math.max(hi, y - c0y);
            }
            cy[t] = sy / sm;
            half[t] = Math.min(cy[t] - lo, hi - cy[t]);
            masks[t] = mask;
        });
        // the band edges must cut the same material at every tilt: one half-height for all
        double hmin = Double.POSITIVE_INFINITY;
        int usable = 0;
        for (int t = 0; t < n; t++) if (masks[t] != null) { hmin = Math.min(hmin, half[t]); usable++; }
        // the object must be seen apart from the border and from other objects in most tilts
        if (usable < Math.max(4, (n + 1) / 2) || !(hmin > 2)) return Double.NaN;
        final double hh = 0.9 * hmin;
        Parallel.forEach(n, threads, progress, t -> {
            boolean[] mask = masks[t];
            if (mask == null) return; // no equations from this tilt (its weights stay 0)
            double c0x = (w - 1) / 2.0, c0y = (h - 1) / 2.0;
            double[] su = new double[bands], sv = new double[bands], ss = new double[bands];
            double bw = 2 * hh / bands, start = cy[t] - hh;
            for (int y = 0; y < h; y++) {
                // each pixel row spans [y - 0.5, y + 0.5]; split it between the bands it overlaps,
                // so band edges move continuously with the tilt's centre instead of by whole rows
                double top = y - c0y - 0.5;
                int b0 = (int) Math.floor((top - start) / bw);
                for (int b = Math.max(0, b0); b <= Math.min(bands - 1, b0 + 1); b++) {
                    double lo = start + b * bw, hi = lo + bw;
                    double f = Math.min(hi, top + 1) - Math.max(lo, top);
                    if (f <= 0) continue;
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        if (!mask[i]) continue;
                        double val = f * rot[t][i];
                        ss[b] += val;
                        su[b] += val * (x - c0x);
                        sv[b] += val * (y - c0y);
                    }
                }
            }
            for (int b = 0; b < bands; b++) {
                m[t][b] = ss[b];
                u[t][b] = ss[b] > 0 ? su[b] / ss[b] : 0;
                v[t][b] = ss[b] > 0 ? sv[b] / ss[b] : 0;
            }
        });
        // unknowns: s_t (n), x_b and z_b for b >= 1 (2(bands-1)), beta
        int nu = n + 2 * (bands - 1) + 1, ne = n * bands;
        SimpleMatrix a = new SimpleMatrix(ne, nu), y = new SimpleMatrix(ne, 1);
        for (int t = 0; t < n; t++) {
            double c = Math.cos(Math.toRadians(angles[t])), s = Math.sin(Math.toRadians(angles[t]));
            for (int b = 0; b < bands; b++) {
                int row = t * bands + b;
                double wgt = m[t][b] > 0 ? Math.sqrt(m[t][b]) : 0;
                a.set(row, t, wgt);
                if (b > 0) {
                    a.set(row, n + 2 * (b - 1), wgt * c);
                    a.set(row, n + 2 * (b - 1) + 1, wgt * s);
                }
                a.set(row, nu - 1, wgt * v[t][b]);
                y.set(row, 0, wgt * u[t][b]);
            }
            if (masks[t] == null) a.set(t * bands, t, 1); // pins the unused tilt's shift so the system stays regular
        }
        SimpleMatrix sol = a.solve(y);
        double beta = sol.get(nu - 1, 0);
        return Math.toDegrees(-beta);
    }

    /**
     * Pixels of the object: the strongest connected region above a threshold that does not touch
     * the image border, dilated by 3 px. The threshold starts at 5 % of the smoothed peak and is
     * raised (10, 20, 30 %) while the object is merged with something touching the border (an
     * object entering the field), until such a region holds at least 30 % of the signal above the
     * threshold. Null when none does: that tilt's centroids would be pulled by what lies outside
     * the field, so it gives no equations.
     */
    private static boolean[] support(float[] im, int w, int h) {
        float[] s = ImageOps.gaussian(im, w, h, 1.5);
        double max = 0;
        for (float x : s) max = Math.max(max, x);
        for (double f : new double[]{0.05, 0.1, 0.2, 0.3}) {
            boolean[] o = component(s, w, h, f * max);
            if (o != null) return o;
        }
        return null;
    }

    private static boolean[] component(float[] s, int w, int h, double lim) {
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        int best = 0, next = 0;
        double bestMass = 0, all = 0;
        for (int i0 = 0; i0 < s.length; i0++) {
            if (!(s[i0] > lim) || label[i0] != 0) continue;
            next++;
            int top = 0;
            stack[top++] = i0;
            label[i0] = next;
            boolean border = false;
            double mass = 0;
            while (top > 0) {
                int i = stack[--top];
                int x = i % w, y = i / w;
                mass += s[i];
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) border = true;
                int[] nb = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : nb) if (j >= 0 && s[j] > lim && label[j] == 0) { label[j] = next; stack[top++] = j; }
            }
            all += mass;
            if (!border && mass > bestMass) { bestMass = mass; best = next; }
        }
        if (best == 0 || bestMass < 0.3 * all) return null;
        boolean[] o = new boolean[w * h];
        int r = 3;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            if (label[y * w + x] != best) continue;
            for (int dy = -r; dy <= r; dy++) for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h) o[yy * w + xx] = true;
            }
        }
        return o;
    }
}
