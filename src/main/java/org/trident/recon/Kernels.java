package org.trident.recon;

/**
 * The projector applied to a block of {@code nb} slices at once. Data are held as rows of
 * {@code nb} floats, one row per voxel or detector bin, so that the innermost loop runs over the
 * slices of the block with the same index into every array it touches — the form the JIT turns
 * into SIMD code (with one flat array and two different offsets it cannot rule out aliasing and
 * stays scalar: measured 2–3× slower). Each system-matrix entry is read once per block.
 * <ul>
 * <li>volume block {@code x[k*X + i][b]} (voxel (i, k) of slice b);</li>
 * <li>projection block {@code p[t*PW + bin][b]} with {@code PW} the padded width.</li>
 * </ul>
 * Forward and back use the same weights, so they are exact adjoints.
 */
final class Kernels {
    private Kernels() {}

    /** Voxels per tile of the back-projection accumulator (keeps it in L2 cache). */
    static final int TILE = 1024;

    /** {@code p[views] += A x} for views {@code views[from..to)}. {@code p} is not cleared. */
    static void forward(SliceGeometry g, float[][] x, float[][] p, int nb, int[] views, int from, int to) {
        int[] ent = g.entries();
        int nv = g.voxels(), pw = g.paddedWidth();
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), h = 1f - f;
                int o = pb + (e >>> 16);
                float[] xv = x[v], p0 = p[o], p1 = p[o + 1];
                for (int b = 0; b < nb; b++) p0[b] += h * xv[b];
                for (int b = 0; b < nb; b++) p1[b] += f * xv[b];
            }
        }
    }

    /**
     * {@code acc[v - v0] = (Aᵀ p)[v]} restricted to views {@code views[from..to)} and voxels
     * {@code [v0, v1)}; {@code acc} rows are overwritten.
     */
    static void backTile(SliceGeometry g, float[][] p, float[][] acc, int nb, int[] views, int from, int to, int v0, int v1) {
        int[] ent = g.entries();
        int nv = g.voxels(), pw = g.paddedWidth();
        for (int v = v0; v < v1; v++) java.util.Arrays.fill(acc[v - v0], 0, nb, 0f);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), h = 1f - f;
                int o = pb + (e >>> 16);
                float[] a = acc[v - v0], p0 = p[o], p1 = p[o + 1];
                for (int b = 0; b < nb; b++) a[b] += h * p0[b] + f * p1[b];
            }
        }
    }

    /** Back-projection of one slice held flat ({@code p[t*PW + bin]}) into {@code out[v]} (overwritten): the live preview's path. */
    static void backFlat(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to) {
        int[] ent = g.entries();
        int nv = g.voxels(), pw = g.paddedWidth();
        java.util.Arrays.fill(out, 0, nv, 0f);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                float f = SliceGeometry.fraction(e), h = 1f - f;
                int o = pb + (e >>> 16);
                out[v] += h * p[o] + f * p[o + 1];
            }
        }
    }

    /** Rows {@code [from, to)} set to zero over the first {@code nb} values. */
    static void clear(float[][] rows, int from, int to, int nb) {
        for (int r = from; r < to; r++) java.util.Arrays.fill(rows[r], 0, nb, 0f);
    }

    /** A block of {@code n} rows of {@code nb} floats. */
    static float[][] rows(int n, int nb) {
        return new float[n][nb];
    }

    /** All views 0..tilts-1 in order. */
    static int[] allViews(int tilts) {
        int[] v = new int[tilts];
        for (int i = 0; i < tilts; i++) v[i] = i;
        return v;
    }
}
