package org.trident.analysis;

import org.trident.job.Parallel;

import org.trident.job.Progress;

/**
 * Exact squared Euclidean distance transform on a voxel grid, by the separable lower-envelope
 * algorithm of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled Functions",
 * Theory of Computing 8, 2012): a 1-D pass along x, then y, then z. Distances are in voxel units
 * between voxel centres; exact, not a chamfer approximation.
 */
public final class DistanceTransform {
    private DistanceTransform() {}

    /** Larger than any squared distance on a grid that fits in one Java array. */
    static final float FAR = 1e30f;

    /**
     * Squared distance from every voxel to the nearest voxel where {@code feature} is true
     * (x fastest). Where there is no feature voxel at all, the result is {@link #FAR}.
     */
    public static float[] squared(boolean[] feature, int nx, int ny, int nz, int threads, Progress progress) {
        float[] d = new float[feature.length];
        for (int i = 0; i < d.length; i++) d[i] = feature[i] ? 0f : FAR;
        // x lines: one per (j, k)
        Parallel.forEach(nz, threads, progress, k -> {
            Line line = new Line(nx);
            for (int j = 0; j < ny; j++) line.run(d, (k * ny + j) * nx, 1, nx);
        });
        Parallel.forEach(nz, threads, progress, k -> {
            Line line = new Line(ny);
            for (int i = 0; i < nx; i++) line.run(d, k * ny * nx + i, nx, ny);
        });
        Parallel.forEach(ny, threads, progress, j -> {
            Line line = new Line(nz);
            for (int i = 0; i < nx; i++) line.run(d, j * nx + i, nx * ny, nz);
        });
        return d;
    }

    /** Work arrays for one 1-D pass; one per thread. */
    private static final class Line {
        final double[] f, out, z;
        final int[] v;

        Line(int n) {
            f = new double[n];
            out = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        /** Replaces {@code d[start + q·stride]} by min over p of (q-p)² + d[start + p·stride]. */
        void run(float[] d, int start, int stride, int n) {
            for (int q = 0; q < n; q++) f[q] = d[start + q * stride];
            int k = -1;
            for (int q = 0; q < n; q++) {
                if (f[q] >= FAR) continue;
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double s;
                while (true) {
                    int p = v[k];
                    s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
                    if (s <= z[k]) k--;
                    else break;
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (k < 0) return; // no finite value on this line: stays FAR
            k = 0;
            for (int q = 0; q < n; q++) {
                while (z[k + 1] < q) k++;
                double dq = q - v[k];
                out[q] = dq * dq + f[v[k]];
            }
            for (int q = 0; q < n; q++) d[start + q * stride] = (float) Math.min(out[q], FAR);
        }
    }
}
