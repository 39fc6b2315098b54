package org.trident.align;

/** 1-D profile helpers: sub-pixel shift by direct correlation and cubic resampling. */
final class Profiles {
    private Profiles() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Shift {@code m} such that {@code ref(v) ≈ p(v + m)}, searched within ±maxShift, refined by a parabola. */
    static double shift(double[] ref, double[] p, double maxShift) {
        int n = ref.length, mx = (int) Math.min(Math.ceil(maxShift), n / 2 - 1);
        double[] c = new double[2 * mx + 1];
        for (int s = -mx; s <= mx; s++) {
            double acc = 0;
            for (int i = Math.max(0, -s); i < Math.min(n, n - s); i++) acc += ref[i] * p[i + s];
            c[s + mx] = acc;
        }
        int best = mx;
        for (int i = 0; i < c.length; i++) if (c[i] > c[best]) best = i;
        double o = 0;
        if (best > 0 && best < c.length - 1) {
            double d = c[best - 1] - 2 * c[best] + c[best + 1];
            if (d < 0) o = Math.max(-0.5, Math.min(0.5, 0.5 * (c[best - 1] - c[best + 1]) / d));
        }
        return best - mx + o;
    }

    /** {@code out(v) = p(v + m)} with cubic interpolation, zero outside. */
    static double[] shifted(double[] p, double m) {
        int n = p.length;
        double[] out = new double[n];
        int[] idx = new int[4];
        double[] wt = new double[4];
        for (int i = 0; i < n; i++) {
            double pos = i + m;
            if (pos < -1 || pos > n) continue;
            Interpolation.CUBIC.weights(pos, n, idx, wt);
            double v = 0;
            for (int k = 0; k < 4; k++) v += wt[k] * p[idx[k]];
            out[i] = v;
        }
        return out;
    }
}
