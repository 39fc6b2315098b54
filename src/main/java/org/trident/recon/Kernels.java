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
 * Forward and back use the same entries and weight table, so they are exact adjoints. Measured
 * on JDK 17 (docs/decisions/0004-projector-and-kernels.md): this layout is what C2 vectorises; a
 * single flat interleaved array with per-entry offsets stayed scalar (same speed with
 * {@code -XX:-UseSuperWord}) and ran 2× slower.
 */
final class Kernels {
    private Kernels() {}

    /** Voxels per tile of the back-projection accumulator (keeps it in L2 cache). */
    static final int TILE = 1024;

    /** {@code p[views] += A x} for views {@code views[from..to)}. {@code p} is not cleared. */
    static void forward(SliceGeometry g, float[][] x, float[][] p, int nb, int[] views, int from, int to) {
        for (int vi = from; vi < to; vi++) forwardView(g, x, p, nb, views[vi]);
    }

    /** {@code p[t] += A_t x} for the single view {@code t}. */
    static void forwardView(SliceGeometry g, float[][] x, float[][] p, int nb, int t) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
        for (int v = 0; v < nv; v++) {
            int e = ent[eb + v];
            int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
            float w0 = tap[k], w1 = tap[k + 1], w2 = tap[k + 2];
            float[] xv = x[v], p0 = p[o], p1 = p[o + 1], p2 = p[o + 2];
            // one loop per written row: the JIT cannot prove the rows distinct, so a fused loop stays scalar
            for (int b = 0; b < nb; b++) p0[b] += w0 * xv[b];
            for (int b = 0; b < nb; b++) p1[b] += w1 * xv[b];
            for (int b = 0; b < nb; b++) p2[b] += w2 * xv[b];
        }
    }

    /**
     * {@code acc[v - v0] = (Aᵀ p)[v]} restricted to views {@code views[from..to)} and voxels
     * {@code [v0, v1)}; {@code acc} rows are overwritten.
     */
    static void backTile(SliceGeometry g, float[][] p, float[][] acc, int nb, int[] views, int from, int to, int v0, int v1) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        for (int v = v0; v < v1; v++) java.util.Arrays.fill(acc[v - v0], 0, nb, 0f);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v];
                int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                float w0 = tap[k], w1 = tap[k + 1], w2 = tap[k + 2];
                float[] a = acc[v - v0], p0 = p[o], p1 = p[o + 1], p2 = p[o + 2];
                for (int b = 0; b < nb; b++) a[b] += w0 * p0[b] + w1 * p1[b] + w2 * p2[b];
            }
        }
    }

    /** Back-projection of one slice held flat ({@code p[t*PW + bin]}) into {@code out[v]} (overwritten): the live preview's path. */
    static void backFlat(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        java.util.Arrays.fill(out, 0, nv, 0f);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw;
            int tb = t * SliceGeometry.CODES * 3;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                out[v] += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
            }
        }
    }

    /** Forward projection of one slice held flat ({@code x[v]}) into {@code p[t*PW + bin]} (added to). */
    static void forwardFlat(SliceGeometry g, float[] x, float[] p, int[] views, int from, int to) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth();
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
            for (int v = 0; v < nv; v++) {
                int e = ent[eb + v];
                int k = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                float xv = x[v];
                p[o] += tap[k] * xv;
                p[o + 1] += tap[k + 1] * xv;
                p[o + 2] += tap[k + 2] * xv;
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
