package org.trident.recon;

/**
 * The one dispatch between the Java and the native kernels for callers that hold blocks as rows
 * ({@link Kernels}' layout): CGLS, WBP of a block, the whole-volume projector of the low-dose and
 * fused solvers, reprojection. With the native kernels the rows are copied into a flat block
 * (kept per thread, reused) around each call: one copy of the volume block and of the projection
 * rows costs a few percent of a projection over 61 views. SIRT and SART, the hot loops, keep flat
 * blocks in their workspace instead (BlockSolver).
 */
final class BlockKernels {
    private BlockKernels() {}

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][]{new float[0], new float[0]});

    /** {@code p[views] += A x} for views {@code views[from..to)}. */
    static void forward(SliceGeometry g, float[][] x, float[][] p, int nb, int[] views, int from, int to) {
        if (!NativeKernels.active()) {
            Kernels.forward(g, x, p, nb, views, from, to);
            return;
        }
        int st = NativeKernels.stride(nb), nv = g.voxels(), pw = g.paddedWidth();
        float[][] sc = scratch((long) nv * st, (long) g.tilts() * pw * st);
        float[] fx = sc[0], fp = sc[1];
        toFlat(x, 0, nv, nb, st, fx);
        for (int vi = from; vi < to; vi++) toFlat(p, views[vi] * pw, (views[vi] + 1) * pw, nb, st, fp);
        NativeKernels.forward(g, fx, fp, st, views, from, to, true);
        for (int vi = from; vi < to; vi++) fromFlat(fp, views[vi] * pw, (views[vi] + 1) * pw, nb, st, p);
    }

    /** {@code out[v] = (Aᵀ p)[v]} for every voxel over views {@code views[from..to)}; {@code acc} is a {@link Kernels#TILE}-row scratch for the Java kernels. */
    static void back(SliceGeometry g, float[][] p, float[][] out, float[][] acc, int nb, int[] views, int from, int to) {
        int nv = g.voxels();
        if (!NativeKernels.active()) {
            for (int v0 = 0; v0 < nv; v0 += Kernels.TILE) {
                int v1 = Math.min(nv, v0 + Kernels.TILE);
                Kernels.backTile(g, p, acc, nb, views, from, to, v0, v1);
                for (int v = v0; v < v1; v++) System.arraycopy(acc[v - v0], 0, out[v], 0, nb);
            }
            return;
        }
        int st = NativeKernels.stride(nb), pw = g.paddedWidth();
        float[][] sc = scratch((long) nv * st, (long) g.tilts() * pw * st);
        float[] fx = sc[0], fp = sc[1];
        for (int vi = from; vi < to; vi++) toFlat(p, views[vi] * pw, (views[vi] + 1) * pw, nb, st, fp);
        NativeKernels.back(g, fp, fx, st, views, from, to, 0, 1);
        fromFlat(fx, 0, nv, nb, st, out);
    }

    private static float[][] scratch(long nx, long np) {
        float[][] s = SCRATCH.get();
        if (s[0].length < nx) s[0] = new float[Math.toIntExact(nx)];
        if (s[1].length < np) s[1] = new float[Math.toIntExact(np)];
        return s;
    }

    /** Rows {@code [r0, r1)} into the flat block (stride {@code st}, pad lanes zero). */
    private static void toFlat(float[][] rows, int r0, int r1, int nb, int st, float[] flat) {
        for (int r = r0; r < r1; r++) {
            System.arraycopy(rows[r], 0, flat, r * st, nb);
            if (st > nb) java.util.Arrays.fill(flat, r * st + nb, (r + 1) * st, 0f);
        }
    }

    private static void fromFlat(float[] flat, int r0, int r1, int nb, int st, float[][] rows) {
        for (int r = r0; r < r1; r++) System.arraycopy(flat, r * st, rows[r], 0, nb);
    }
}
