package org.trident.recon;

/**
 * The system matrix by rays (compressed sparse rows: one row per measured detector bin of each
 * tilt), for ART's ray-by-ray updates. Built from {@link SliceGeometry} on demand; holds the
 * same weights, so ART solves the same equations as SIRT and SART.
 */
final class RayMatrix {
    final int rays;
    final int[] rowStart;
    final int[] cols;
    final float[] weights;
    final float[] invNorm2; // 1 / ‖a_i‖², 0 for empty rays

    RayMatrix(SliceGeometry g) {
        int t = g.tilts(), w = g.width(), nv = g.voxels(), gu = SliceGeometry.GUARD;
        rays = t * w;
        int[] count = new int[rays + 1];
        int[] ent = g.entries();
        float[] tap = g.taps();
        for (int tt = 0; tt < t; tt++) {
            for (int v = 0; v < nv; v++) {
                int e = ent[tt * nv + v];
                int b0 = e >>> 16, k = (tt * SliceGeometry.CODES + (e & 0xFFFF)) * 3;
                for (int j = 0; j < 3; j++) if (g.isReal(b0 + j) && tap[k + j] != 0f) count[tt * w + b0 + j - gu + 1]++;
            }
        }
        for (int r = 0; r < rays; r++) count[r + 1] += count[r];
        rowStart = count.clone();
        cols = new int[count[rays]];
        weights = new float[count[rays]];
        int[] fill = java.util.Arrays.copyOf(count, rays);
        for (int tt = 0; tt < t; tt++) {
            for (int v = 0; v < nv; v++) {
                int e = ent[tt * nv + v];
                int b0 = e >>> 16, k = (tt * SliceGeometry.CODES + (e & 0xFFFF)) * 3;
                for (int j = 0; j < 3; j++) {
                    if (g.isReal(b0 + j) && tap[k + j] != 0f) { int r = tt * w + b0 + j - gu; cols[fill[r]] = v; weights[fill[r]++] = tap[k + j]; }
                }
            }
        }
        invNorm2 = new float[rays];
        for (int r = 0; r < rays; r++) {
            double s = 0;
            for (int q = rowStart[r]; q < rowStart[r + 1]; q++) s += (double) weights[q] * weights[q];
            invNorm2[r] = s > 1e-9 ? (float) (1 / s) : 0f;
        }
    }

    long bytes() {
        return 4L * (rowStart.length + cols.length + weights.length + invNorm2.length);
    }
}
