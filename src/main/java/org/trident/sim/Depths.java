package org.trident.sim;

/**
 * Depth below the particle surface as the contract (section 6) defines it: the Euclidean
 * distance from a voxel centre to the nearest centre of a voxel outside the particle with its
 * voids filled, minus half a voxel; voxels beyond the grid border count as outside. Exact
 * squared distance transform by separable lower envelopes of parabolas (Felzenszwalb and
 * Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 8, 2012).
 */
public final class Depths {
    private Depths() {}

    /** Voxels of {@code mask} plus every non-mask voxel not connected (6-neighbours) to the grid border. */
    public static boolean[] fillHoles(boolean[] mask, int nx, int ny, int nz) {
        boolean[] outside = new boolean[mask.length];
        IntQueue queue = new IntQueue(mask.length);
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            boolean border = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
            int idx = (k * ny + j) * nx + i;
            if (border && !mask[idx]) { outside[idx] = true; queue.add(idx); }
        }
        int sxy = nx * ny;
        while (!queue.isEmpty()) {
            int idx = queue.poll();
            int i = idx % nx, j = (idx / nx) % ny, k = idx / sxy;
            if (i > 0) visit(idx - 1, mask, outside, queue);
            if (i < nx - 1) visit(idx + 1, mask, outside, queue);
            if (j > 0) visit(idx - nx, mask, outside, queue);
            if (j < ny - 1) visit(idx + nx, mask, outside, queue);
            if (k > 0) visit(idx - sxy, mask, outside, queue);
            if (k < nz - 1) visit(idx + sxy, mask, outside, queue);
        }
        boolean[] filled = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) filled[i] = !outside[i];
        return filled;
    }

    /** A FIFO of voxel indices; each voxel enters at most once, so capacity = voxel count suffices. */
    private static final class IntQueue {
        private final int[] items;
        private int head, tail;

        IntQueue(int capacity) { items = new int[capacity]; }
        void add(int v) { items[tail++] = v; }
        int poll() { return items[head++]; }
        boolean isEmpty() { return head == tail; }
    }

    private static void visit(int idx, boolean[] mask, boolean[] outside, IntQueue q) {
        if (!mask[idx] && !outside[idx]) { outside[idx] = true; q.add(idx); }
    }

    /**
     * Depth in units of {@code voxelNm} for each voxel of {@code body} (already hole-filled):
     * (distance to the nearest outside voxel centre − 0.5) × voxel size; NaN outside the body.
     */
    public static float[] depthNm(boolean[] body, int nx, int ny, int nz, double voxelNm) {
        // pad by one outside voxel on every side so the border counts as outside
        int px = nx + 2, py = ny + 2, pz = nz + 2;
        float inf = 1e30f; // squared distances are integers below 2^24 here, exact in float
        float[] f = new float[px * py * pz];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            if (body[(k * ny + j) * nx + i]) f[((k + 1) * py + (j + 1)) * px + (i + 1)] = inf;
        }
        int maxN = Math.max(px, Math.max(py, pz));
        double[] line = new double[maxN], out = new double[maxN], zb = new double[maxN + 1];
        int[] v = new int[maxN];
        for (int k = 0; k < pz; k++) for (int j = 0; j < py; j++) {
            int base = (k * py + j) * px;
            for (int i = 0; i < px; i++) line[i] = f[base + i];
            transform1d(line, px, out, v, zb);
            for (int i = 0; i < px; i++) f[base + i] = (float) out[i];
        }
        for (int k = 0; k < pz; k++) for (int i = 0; i < px; i++) {
            for (int j = 0; j < py; j++) line[j] = f[(k * py + j) * px + i];
            transform1d(line, py, out, v, zb);
            for (int j = 0; j < py; j++) f[(k * py + j) * px + i] = (float) out[j];
        }
        for (int j = 0; j < py; j++) for (int i = 0; i < px; i++) {
            for (int k = 0; k < pz; k++) line[k] = f[(k * py + j) * px + i];
            transform1d(line, pz, out, v, zb);
            for (int k = 0; k < pz; k++) f[(k * py + j) * px + i] = (float) out[k];
        }
        float[] depth = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            int idx = (k * ny + j) * nx + i;
            depth[idx] = body[idx] ? (float) ((Math.sqrt(f[((k + 1) * py + (j + 1)) * px + (i + 1)]) - 0.5) * voxelNm) : Float.NaN;
        }
        return depth;
    }

    /** 1-D squared distance transform of sampled function f (length n). */
    private static void transform1d(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s;
            while (true) {
                int p = v[k];
                s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
                if (s <= z[k] && k > 0) { k--; } else break;
            }
            if (s <= z[k]) { // k == 0 and the new parabola dominates everywhere
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) k++;
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }
}
