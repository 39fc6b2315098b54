package org.trident.align;

/**
 * What only translates the object. A 3-D translation (a, b, c) of the object moves its aligned
 * projection at tilt θ by (a·cosθ + c·sinθ, b): such shift patterns are harmless (the volume
 * just moves), so they are removed before comparing alignments and from refinement updates.
 * A constant x shift (the tilt-axis offset) is NOT of this form and is kept.
 */
public final class Families {
    private Families() {}

    /** Least-squares fit of (a, b, c) to axis-frame shifts; returns {a, b, c}. */
    public static double[] fitTranslation(double[] anglesDeg, double[] ex, double[] ey) {
        double scc = 0, scs = 0, sss = 0, sxc = 0, sxs = 0, sy = 0;
        int n = anglesDeg.length;
        for (int t = 0; t < n; t++) {
            double c = Math.cos(Math.toRadians(anglesDeg[t])), s = Math.sin(Math.toRadians(anglesDeg[t]));
            scc += c * c; scs += c * s; sss += s * s;
            sxc += ex[t] * c; sxs += ex[t] * s;
            sy += ey[t];
        }
        double det = scc * sss - scs * scs;
        double a, cc;
        if (Math.abs(det) < 1e-12 * Math.max(1, scc * sss)) {
            a = scc > 0 ? sxc / scc : 0;
            cc = 0;
        } else {
            a = (sxc * sss - sxs * scs) / det;
            cc = (scc * sxs - scs * sxc) / det;
        }
        return new double[]{a, sy / n, cc};
    }

    /** Subtracts the best-fitting translation pattern from axis-frame shifts, in place. */
    public static void removeTranslation(double[] anglesDeg, double[] ex, double[] ey) {
        double[] f = fitTranslation(anglesDeg, ex, ey);
        for (int t = 0; t < ex.length; t++) {
            double c = Math.cos(Math.toRadians(anglesDeg[t])), s = Math.sin(Math.toRadians(anglesDeg[t]));
            ex[t] -= f[0] * c + f[2] * s;
            ey[t] -= f[1];
        }
    }

    /**
     * The residual between an estimated and a true alignment after removing what only
     * translates the object: e_t = d_est − d_true is taken into the true axis frame
     * (R(−r_true)·e_t), the best (a, b, c) pattern is removed, and the RMS of the remaining
     * 2-D vectors (sqrt of mean |e_t|²) is returned, in pixels.
     */
    public static double residualRms(Alignment estimate, Alignment truth, double[] anglesDeg) {
        int n = truth.tilts();
        double r = Math.toRadians(truth.tiltAxisRotationDeg()), c = Math.cos(r), s = Math.sin(r);
        double[] ex = new double[n], ey = new double[n];
        for (int t = 0; t < n; t++) {
            double dx = estimate.dx(t) - truth.dx(t), dy = estimate.dy(t) - truth.dy(t);
            ex[t] = c * dx + s * dy;
            ey[t] = -s * dx + c * dy;
        }
        removeTranslation(anglesDeg, ex, ey);
        double sum = 0;
        for (int t = 0; t < n; t++) sum += ex[t] * ex[t] + ey[t] * ey[t];
        return Math.sqrt(sum / n);
    }
}
