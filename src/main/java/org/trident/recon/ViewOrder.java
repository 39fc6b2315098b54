package org.trident.recon;

import java.util.Arrays;
import java.util.Random;

/**
 * The view subsets of SART/OS-SART and the order they are visited in. Subset {@code s} holds the
 * views of rank {@code s, s+S, s+2S, …} in angle order, so every subset spans the whole range.
 * Without random order, subsets are visited with a stride near S/φ (golden ratio), so that
 * consecutive updates come from well separated angles; with it, in a seeded random order.
 */
final class ViewOrder {
    final int count;
    final int[] views;       // views grouped by subset
    final int[] start;       // subset s is views[start[s]..start[s+1])
    final float[][] invCol;  // per subset: 1 / (sum over its views of each voxel's measured weight)

    ViewOrder(SliceGeometry g, int subsets) {
        int t = g.tilts();
        count = subsets <= 0 ? t : Math.min(subsets, t);
        double[] a = g.anglesDeg();
        Integer[] byAngle = new Integer[t];
        for (int i = 0; i < t; i++) byAngle[i] = i;
        Arrays.sort(byAngle, (p, q) -> Double.compare(a[p], a[q]));
        views = new int[t];
        start = new int[count + 1];
        int n = 0;
        for (int s = 0; s < count; s++) {
            start[s] = n;
            for (int r = s; r < t; r += count) views[n++] = byAngle[r];
        }
        start[count] = n;
        invCol = new float[count][];
        int nv = g.voxels();
        int[] ent = g.entries();
        float[] tap = g.taps();
        for (int s = 0; s < count; s++) {
            double[] col = new double[nv];
            for (int q = start[s]; q < start[s + 1]; q++) {
                int eb = views[q] * nv, tb = views[q] * SliceGeometry.CODES * 3;
                for (int v = 0; v < nv; v++) {
                    int e = ent[eb + v];
                    int b0 = e >>> 16, k = tb + 3 * (e & 0xFFFF);
                    for (int j = 0; j < 3; j++) if (g.isReal(b0 + j)) col[v] += tap[k + j];
                }
            }
            float[] ic = new float[nv];
            for (int v = 0; v < nv; v++) ic[v] = col[v] > 1e-6 ? (float) (1 / col[v]) : 0f;
            invCol[s] = ic;
        }
    }

    /** The order of subsets in iteration {@code it}. */
    int[] order(int it, boolean random, long seed) {
        int[] o = new int[count];
        if (random) {
            for (int i = 0; i < count; i++) o[i] = i;
            Random r = new Random(seed * 1_000_003L + it);
            for (int i = count - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = o[i]; o[i] = o[j]; o[j] = tmp;
            }
            return o;
        }
        int stride = strideNear(count, count / 1.618);
        for (int i = 0; i < count; i++) o[i] = (int) ((long) i * stride % count);
        return o;
    }

    static int strideNear(int n, double target) {
        if (n <= 2) return 1;
        int best = 1;
        for (int s = 1; s < n; s++) {
            if (gcd(s, n) == 1 && Math.abs(s - target) < Math.abs(best - target)) best = s;
        }
        return best;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    long bytes() {
        return 4L * count * (invCol.length > 0 ? invCol[0].length : 0) + 4L * views.length;
    }
}
