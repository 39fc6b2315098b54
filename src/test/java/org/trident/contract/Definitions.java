package org.trident.contract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Contract section 6's definitions written out plainly, to recompute what Trident wrote. */
final class Definitions {
    private Definitions() {}

    /** depth-nm from a mask: distance to the nearest voxel centre outside the particle with its voids filled, − 0.5, × voxel. */
    static double[] depth(boolean[] mask, int nx, int ny, int nz, double voxelNm) {
        int n = nx * ny * nz;
        // background reachable from the grid border (6-connected) is outside; the rest of the background is void
        boolean[] outside = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            int x = (k * ny + j) * nx + i;
            boolean border = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
            if (border && !mask[x]) {
                outside[x] = true;
                queue.add(x);
            }
        }
        int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        while (!queue.isEmpty()) {
            int x = queue.poll(), i = x % nx, j = (x / nx) % ny, k = x / (nx * ny);
            for (int[] s : steps) {
                int a = i + s[0], b = j + s[1], c = k + s[2];
                if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
                int y = (c * ny + b) * nx + a;
                if (!mask[y] && !outside[y]) {
                    outside[y] = true;
                    queue.add(y);
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int x = 0; x < n; x++) if (outside[x]) out.add(new int[]{x % nx, (x / nx) % ny, x / (nx * ny)});
        double[] d = new double[n];
        for (int x = 0; x < n; x++) {
            if (!mask[x]) {
                d[x] = Double.NaN;
                continue;
            }
            int i = x % nx, j = (x / nx) % ny, k = x / (nx * ny);
            double d2 = Math.pow(Math.min(Math.min(Math.min(i + 1, nx - i), Math.min(j + 1, ny - j)), Math.min(k + 1, nz - k)), 2);
            for (int[] o : out) {
                int a = o[0] - i, b = o[1] - j, c = o[2] - k;
                d2 = Math.min(d2, a * a + b * b + c * c);
            }
            d[x] = (Math.sqrt(d2) - 0.5) * voxelNm;
        }
        return d;
    }

    /** Shell centre → {mean, population std, finite count} of the finite values, shells [k·w, (k+1)·w). */
    static Map<Double, double[]> shells(float[] values, float[] depth, double w) {
        Map<Double, double[]> acc = new TreeMap<>();
        for (int x = 0; x < values.length; x++) {
            if (!Float.isFinite(values[x]) || !Float.isFinite(depth[x])) continue;
            double centre = (Math.floor(depth[x] / w) + 0.5) * w;
            double[] a = acc.computeIfAbsent(centre, c -> new double[3]);
            a[0] += values[x];
            a[1] += (double) values[x] * values[x];
            a[2]++;
        }
        for (double[] a : acc.values()) {
            double mean = a[0] / a[2];
            a[1] = Math.sqrt(Math.max(0, a[1] / a[2] - mean * mean));
            a[0] = mean;
        }
        return acc;
    }

    /** inhomogeneity at a mask voxel: population std / mean of the finite fraction-Ni of the mask voxels in its 3×3×3 cube. */
    static double inhomogeneity(float[] frac, boolean[] mask, int nx, int ny, int nz, int i, int j, int k) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int c = k - 1; c <= k + 1; c++) for (int b = j - 1; b <= j + 1; b++) for (int a = i - 1; a <= i + 1; a++) {
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
            int y = (c * ny + b) * nx + a;
            if (!mask[y] || !Float.isFinite(frac[y])) continue;
            s += frac[y];
            s2 += (double) frac[y] * frac[y];
            n++;
        }
        if (n < 14) return Double.NaN;
        double mean = s / n;
        return mean > 0 ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) / mean : Double.NaN;
    }
}
