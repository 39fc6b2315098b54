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

    /** Side of a square voxel tile: its footprint on the detector is at most √2·SIDE + 3 bins per view. */
    static final int SIDE = 32;
    /** Voxels per tile of the back-projection accumulator (keeps it in L2 cache); holds one square tile. */
    static final int TILE = SIDE * SIDE;

    /**
     * {@code p[views] += A x} tile by tile: for each square tile of voxels, every view of
     * {@code views[from..to)}, the tile's voxels row by row. The tile's block rows stay in
     * cache while all views read them, and each view touches only the few dozen detector rows
     * the tile's footprint covers (view-by-view over the whole slice streamed the whole volume
     * block from memory once per view). Every bin receives its contributions in this order in
     * every path ({@link #forwardFlatTiled} too), so one slice and a block agree bit for bit.
     */
    static void forwardTiled(SliceGeometry g, float[][] x, float[][] p, int nb, int[] views, int from, int to) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nx = g.nx(), nz = g.nz(), nv = g.voxels(), pw = g.paddedWidth();
        for (int k0 = 0; k0 < nz; k0 += SIDE) {
            int k1 = Math.min(nz, k0 + SIDE);
            for (int i0 = 0; i0 < nx; i0 += SIDE) {
                int i1 = Math.min(nx, i0 + SIDE);
                for (int vi = from; vi < to; vi++) {
                    int t = views[vi];
                    int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
                    for (int k = k0; k < k1; k++) {
                        for (int v = k * nx + i0, ve = k * nx + i1; v < ve; v++) {
                            int e = ent[eb + v];
                            int q = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                            float w0 = tap[q], w1 = tap[q + 1], w2 = tap[q + 2];
                            float[] xv = x[v], p0 = p[o], p1 = p[o + 1], p2 = p[o + 2];
                            // one loop per written row: C2 cannot prove the rows distinct, so a fused loop stays scalar
                            for (int b = 0; b < nb; b++) p0[b] += w0 * xv[b];
                            for (int b = 0; b < nb; b++) p1[b] += w1 * xv[b];
                            for (int b = 0; b < nb; b++) p2[b] += w2 * xv[b];
                        }
                    }
                }
            }
        }
    }

    /** {@link #forwardTiled} of one slice held flat ({@code x[v]}, {@code p[t*PW + bin]}), same order of additions. */
    static void forwardFlatTiled(SliceGeometry g, float[] x, float[] p, int[] views, int from, int to) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nx = g.nx(), nz = g.nz(), nv = g.voxels(), pw = g.paddedWidth();
        for (int k0 = 0; k0 < nz; k0 += SIDE) {
            int k1 = Math.min(nz, k0 + SIDE);
            for (int i0 = 0; i0 < nx; i0 += SIDE) {
                int i1 = Math.min(nx, i0 + SIDE);
                for (int vi = from; vi < to; vi++) {
                    int t = views[vi];
                    int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
                    for (int k = k0; k < k1; k++) {
                        for (int v = k * nx + i0, ve = k * nx + i1; v < ve; v++) {
                            int e = ent[eb + v];
                            int q = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                            float xv = x[v];
                            p[o] += tap[q] * xv;
                            p[o + 1] += tap[q + 1] * xv;
                            p[o + 2] += tap[q + 2] * xv;
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code acc[(k−k0)·SIDE + (i−i0)] = (Aᵀ p)[k·X + i]} over the square tile {@code [i0,i1) × [k0,k1)}
     * and views {@code views[from..to)}; acc rows of the tile are overwritten. Per voxel the views
     * are summed in list order, as in {@link #backFlat}.
     */
    static void backSquare(SliceGeometry g, float[][] p, float[][] acc, int nb, int[] views, int from, int to, int i0, int i1, int k0, int k1) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nx = g.nx(), nv = g.voxels(), pw = g.paddedWidth();
        for (int k = k0; k < k1; k++) {
            for (int i = i0; i < i1; i++) java.util.Arrays.fill(acc[(k - k0) * SIDE + i - i0], 0, nb, 0f);
        }
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw, tb = t * SliceGeometry.CODES * 3;
            for (int k = k0; k < k1; k++) {
                int r = (k - k0) * SIDE - i0, row = k * nx;
                for (int i = i0; i < i1; i++) {
                    int e = ent[eb + row + i];
                    int q = tb + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                    float w0 = tap[q], w1 = tap[q + 1], w2 = tap[q + 2];
                    float[] a = acc[r + i], p0 = p[o], p1 = p[o + 1], p2 = p[o + 2];
                    for (int b = 0; b < nb; b++) a[b] += w0 * p0[b] + w1 * p1[b] + w2 * p2[b];
                }
            }
        }
    }

    /** {@code p[views] += A x} for views {@code views[from..to)}. {@code p} is not cleared. */
    static void forward(SliceGeometry g, float[][] x, float[][] p, int nb, int[] views, int from, int to) {
        forwardTiled(g, x, p, nb, views, from, to);
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
