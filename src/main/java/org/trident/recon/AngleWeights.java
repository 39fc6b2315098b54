package org.trident.recon;

import java.util.Arrays;

/**
 * How much of the angular range each view stands for, for weighted back-projection with
 * irregular steps. Views are sorted by angle; each distinct angle gets half the gap to each
 * neighbour (an end view gets its one inner half-gap twice, as if the step continued), and
 * views at the same angle share that width equally. When the range covers 180° the gaps wrap
 * around (θ and θ+180° are the same line integral, mirrored).
 */
public final class AngleWeights {
    private AngleWeights() {}

    /** Number of distinct angles (within 1e-6°), counting θ and θ±180° as one. */
    public static int distinct(double[] anglesDeg) {
        double[] s = normalised(anglesDeg);
        Arrays.sort(s);
        int n = s.length == 0 ? 0 : 1;
        for (int i = 1; i < s.length; i++) if (s[i] - s[i - 1] > 1e-6) n++;
        if (n > 1 && s[s.length - 1] - s[0] > 180 - 1e-6) n--;
        return n;
    }

    private static double[] normalised(double[] a) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) s[i] = a[i] <= -90 + 1e-9 ? a[i] + 180 : a[i];
        return s;
    }

    /** Angular width in radians per view (input order); they sum to the covered range (at most π). */
    public static float[] angularWidthsRad(double[] anglesDeg) {
        int n = anglesDeg.length;
        float[] w = new float[n];
        if (n == 0) return w;
        double[] a = normalised(anglesDeg);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(a[p], a[q]));
        // groups of equal angles
        int[] groupStart = new int[n + 1];
        int groups = 0;
        for (int r = 0; r < n; r++) {
            if (r == 0 || a[order[r]] - a[order[r - 1]] > 1e-6) groupStart[groups++] = r;
        }
        groupStart[groups] = n;
        if (groups == 1) {
            for (int i = 0; i < n; i++) w[i] = (float) (Math.PI / n);
            return w;
        }
        double[] g = new double[groups];
        for (int q = 0; q < groups; q++) g[q] = a[order[groupStart[q]]];
        double span = g[groups - 1] - g[0];
        double meanStep = span / (groups - 1);
        boolean wraps = span + meanStep >= 180 - 1e-6;
        for (int q = 0; q < groups; q++) {
            double lo, hi;
            if (q > 0) lo = (g[q] - g[q - 1]) / 2;
            else lo = wraps ? (g[0] + 180 - g[groups - 1]) / 2 : (g[1] - g[0]) / 2;
            if (q < groups - 1) hi = (g[q + 1] - g[q]) / 2;
            else hi = wraps ? (g[0] + 180 - g[q]) / 2 : (g[q] - g[q - 1]) / 2;
            double width = Math.toRadians(lo + hi);
            int members = groupStart[q + 1] - groupStart[q];
            for (int r = groupStart[q]; r < groupStart[q + 1]; r++) w[order[r]] = (float) (width / members);
        }
        return w;
    }
}
