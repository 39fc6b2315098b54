package org.trident.recon;

/**
 * The projector applied to a block of {@code nb} slices at once. Data are slice-interleaved so
 * the innermost loop runs over the slices of the block, contiguous in memory, and the JIT turns
 * it into SIMD code; each system-matrix entry is read once per block.
 * <ul>
 * <li>volume block {@code x[(k*X + i)*nb + b]} (voxel (i, k) of slice b);</li>
 * <li>projection block {@code p[(t*PW + bin)*nb + b]} with {@code PW} the padded width.</li>
 * </ul>
 * Forward and back use the same weights, so they are exact adjoints.
 */
final class Kernels {
    private Kernels() {}

    /** Voxels per tile of the back-projection accumulator (keeps it in L2 cache). */
    static final int TILE = 1024;

    /** {@code p[views] += A x} for views {@code views[from..to)}. {@code p} is not cleared. */
    static void forward(SliceGeometry g, float[] x, float[] p, int nb, int[] views, int from, int to) {
        int[] ent = g.entries();
        int nv = g.voxels(), pw = g.paddedWidth();
        if (nb == 1) {
            forwardOne(ent, nv, pw, x, p, views, from, to);
            return;
        }
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw * nb;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), h = 1f - f;
                int o = pb + (e >>> 16) * nb, o1 = o + nb, q = v * nb;
                for (int b = 0; b < nb; b++) p[o + b] += h * x[q + b];
                for (int b = 0; b < nb; b++) p[o1 + b] += f * x[q + b];
            }
        }
    }

    /**
     * {@code acc[v - v0] = (Aᵀ p)[v]} restricted to views {@code views[from..to)} and voxels
     * {@code [v0, v1)}; {@code acc} is overwritten.
     */
    static void backTile(SliceGeometry g, float[] p, float[] acc, int nb, int[] views, int from, int to, int v0, int v1) {
        int[] ent = g.entries();
        int nv = g.voxels(), pw = g.paddedWidth();
        java.util.Arrays.fill(acc, 0, (v1 - v0) * nb, 0f);
        if (nb == 1) {
            backOne(ent, nv, pw, p, acc, views, from, to, v0, v1);
            return;
        }
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw * nb;
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), h = 1f - f;
                int o = pb + (e >>> 16) * nb, o1 = o + nb, q = (v - v0) * nb;
                for (int b = 0; b < nb; b++) acc[q + b] += h * p[o + b] + f * p[o1 + b];
            }
        }
    }

    /** One slice (previews): the same arithmetic without the slice loop. */
    private static void forwardOne(int[] ent, int nv, int pw, float[] x, float[] p, int[] views, int from, int to) {
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), xv = x[v];
                int o = pb + (e >>> 16);
                p[o] += (1f - f) * xv;
                p[o + 1] += f * xv;
            }
        }
    }

    private static void backOne(int[] ent, int nv, int pw, float[] p, float[] acc, int[] views, int from, int to, int v0, int v1) {
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e);
                int o = pb + (e >>> 16);
                acc[v - v0] += (1f - f) * p[o] + f * p[o + 1];
            }
        }
    }

    /** All views 0..tilts-1 in order. */
    static int[] allViews(int tilts) {
        int[] v = new int[tilts];
        for (int i = 0; i < tilts; i++) v[i] = i;
        return v;
    }
}
