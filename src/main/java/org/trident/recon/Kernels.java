package org.trident.recon;

/**
 * The projector applied to a block of {@code nb} slices at once. Each block is one contiguous
 * float array, slice-interleaved: the {@code nb} values of one voxel (or detector bin) for the
 * slices of the block are adjacent, so every system-matrix entry is read once per block and
 * the innermost loops run over {@code nb} contiguous floats (SIMD code from the JIT: two arrays,
 * or one array read and written at the same index).
 * <ul>
 * <li>volume block {@code x[(k*X + i)*nb + b]} (voxel (i, k) of slice b);</li>
 * <li>projection block {@code p[(t*PW + bin)*nb + b]} with {@code PW} the padded width.</li>
 * </ul>
 * Forward and back read the same entries and weight table, so they are exact adjoints.
 * Nothing here allocates.
 */
final class Kernels {
    private Kernels() {}

    /** Voxels per tile of the back-projection accumulator: tile × nb floats stay in L1/L2 cache. */
    static int tile(int nb) {
        return Math.max(64, 8192 / Math.max(1, nb));
    }

    /** {@code p[view] += A_view x} for the single view {@code t}. {@code p} is not cleared. */
    static void forwardView(SliceGeometry g, float[] x, float[] p, int nb, int t) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
        if (nb == 1) {
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                float xv = x[v];
                p[o] += tap[k] * xv;
                p[o + 1] += tap[k + 1] * xv;
                p[o + 2] += tap[k + 2] * xv;
            }
            return;
        }
        for (int v = 0; v < nv; v++) {
            int e = ent[eb + v];
            int k = tb + 3 * (e & 0xFFFF);
            float w0 = tap[k], w1 = tap[k + 1], w2 = tap[k + 2];
            int o0 = (pb + (e >>> 16)) * nb, o1 = o0 + nb, o2 = o1 + nb, xo = v * nb;
            // three loops: each writes one row, so the JIT can vectorise it
            for (int b = 0; b < nb; b++) p[o0 + b] += w0 * x[xo + b];
            for (int b = 0; b < nb; b++) p[o1 + b] += w1 * x[xo + b];
            for (int b = 0; b < nb; b++) p[o2 + b] += w2 * x[xo + b];
        }
    }

    /** {@code p[views] += A x} for views {@code views[from..to)}. {@code p} is not cleared. */
    static void forward(SliceGeometry g, float[] x, float[] p, int nb, int[] views, int from, int to) {
        for (int vi = from; vi < to; vi++) forwardView(g, x, p, nb, views[vi]);
    }

    /** Single slice ({@code nb = 1}) forward. */
    static void forwardFlat(SliceGeometry g, float[] x, float[] p, int[] views, int from, int to) {
        forward(g, x, p, 1, views, from, to);
    }

    /**
     * {@code acc[(v - v0)*nb + b] = (Aᵀ p)[v][b]} restricted to views {@code views[from..to)} and
     * voxels {@code [v0, v1)}; the tile is overwritten.
     */
    static void backTile(SliceGeometry g, float[] p, float[] acc, int nb, int[] views, int from, int to, int v0, int v1) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        java.util.Arrays.fill(acc, 0, (v1 - v0) * nb, 0f);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
            if (nb == 1) {
                for (int v = v0; v < v1; v++) {
                    int e = ent[eb + v];
                    int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                    acc[v - v0] += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
                }
                continue;
            }
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v];
                int k = tb + 3 * (e & 0xFFFF);
                float w0 = tap[k], w1 = tap[k + 1], w2 = tap[k + 2];
                int o0 = (pb + (e >>> 16)) * nb, o1 = o0 + nb, o2 = o1 + nb, ao = (v - v0) * nb;
                for (int b = 0; b < nb; b++) acc[ao + b] += w0 * p[o0 + b] + w1 * p[o1 + b] + w2 * p[o2 + b];
            }
        }
    }

    /** Back-projection of one slice held flat ({@code p[t*PW + bin]}) into {@code out[v]} (overwritten): the live preview's path. */
    static void backFlat(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to) {
        backTile(g, p, out, 1, views, from, to, 0, g.voxels());
    }

    /** Rows {@code [from, to)} of a block with {@code nb} slices set to zero. */
    static void clear(float[] block, int from, int to, int nb) {
        java.util.Arrays.fill(block, from * nb, to * nb, 0f);
    }

    /** All views 0..tilts-1 in order. */
    static int[] allViews(int tilts) {
        int[] v = new int[tilts];
        for (int i = 0; i < tilts; i++) v[i] = i;
        return v;
    }
}
