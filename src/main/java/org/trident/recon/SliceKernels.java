package org.trident.recon;

/**
 * The projector on one slice held flat ({@code x[v]}, {@code p[t·PW + bin]}), shaped for the live
 * preview's latency rather than the volume engine's throughput. Same entries and weight table as
 * {@link Kernels}, so forward and back stay exact adjoints of the one strip-area matrix.
 *
 * <p>Measured on one 256 × 256 slice, 61 tilts (CPU time, docs/reconstruction.md): the engine's
 * square-tile forward order, which keeps a block's rows in cache, only costs here (one slice fits
 * in L2), so the forward runs view by view over the whole slice (17 → 9.5 ms); the back-projection
 * adds four views per pass over the voxels, in list order, so each voxel's sum is bit-identical
 * to {@link Kernels#backFlat} with a quarter of the loads and stores of the output (9 → 7.5 ms).
 */
final class SliceKernels {
    private SliceKernels() {}

    /** {@code p[t] += A_t x} for each view {@code t} of {@code views[from..to)}; each view's row is written by this call only. */
    static void forward(SliceGeometry g, float[] x, float[] p, int[] views, int from, int to) {
        Kernels.forwardFlat(g, x, p, views, from, to);
    }

    /**
     * {@code out[v] = (Aᵀ p)[v]} for voxels {@code [v0, v1)} and views {@code views[from..to)}
     * (overwritten); views are added in list order, so the split into voxel ranges does not change a bit.
     */
    static void back(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to, int v0, int v1) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nv = g.voxels(), pw = g.paddedWidth(), c3 = SliceGeometry.CODES * 3;
        java.util.Arrays.fill(out, v0, v1, 0f);
        int vi = from;
        for (; vi + 4 <= to; vi += 4) {
            int t0 = views[vi], t1 = views[vi + 1], t2 = views[vi + 2], t3 = views[vi + 3];
            int e0 = t0 * nv, e1 = t1 * nv, e2 = t2 * nv, e3 = t3 * nv;
            int p0 = t0 * pw, p1 = t1 * pw, p2 = t2 * pw, p3 = t3 * pw;
            int q0 = t0 * c3, q1 = t1 * c3, q2 = t2 * c3, q3 = t3 * c3;
            for (int v = v0; v < v1; v++) {
                float s = out[v];
                int e = ent[e0 + v], k = q0 + 3 * (e & 0xFFFF), o = p0 + (e >>> 16);
                s += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
                e = ent[e1 + v]; k = q1 + 3 * (e & 0xFFFF); o = p1 + (e >>> 16);
                s += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
                e = ent[e2 + v]; k = q2 + 3 * (e & 0xFFFF); o = p2 + (e >>> 16);
                s += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
                e = ent[e3 + v]; k = q3 + 3 * (e & 0xFFFF); o = p3 + (e >>> 16);
                s += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
                out[v] = s;
            }
        }
        for (; vi < to; vi++) {
            int t = views[vi];
            int eb = t * nv, pb = t * pw, tq = t * c3;
            for (int v = v0; v < v1; v++) {
                int e = ent[eb + v], k = tq + 3 * (e & 0xFFFF), o = pb + (e >>> 16);
                out[v] += tap[k] * p[o] + tap[k + 1] * p[o + 1] + tap[k + 2] * p[o + 2];
            }
        }
    }
}
