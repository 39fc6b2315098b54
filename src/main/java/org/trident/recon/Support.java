package org.trident.recon;

import org.trident.model.Volume;

import java.util.Arrays;

/**
 * The support of the chemical channels from the ADF reconstruction: voxels above a quarter of
 * the ADF's 99th percentile (the particle's interior level; a quarter keeps partly filled surface
 * voxels), grown by a few voxels so that the blur of the real border stays inside.
 */
final class Support {
    static final String RULE = "0.25 x the 99th percentile of the ADF volume";

    private Support() {}

    static boolean[] fromAdf(Volume adf, int dilation) {
        float[] d = adf.data();
        float[] sorted = d.clone();
        Arrays.sort(sorted);
        float p99 = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))];
        boolean[] m = new boolean[d.length];
        if (!(p99 > 0)) {
            Arrays.fill(m, true);
            return m;
        }
        float thr = 0.25f * p99;
        for (int i = 0; i < d.length; i++) m[i] = d[i] > thr;
        int nx = adf.nx(), ny = adf.ny(), nz = adf.nz();
        for (int axis = 0; axis < 3; axis++) m = grow(m, nx, ny, nz, axis, dilation);
        return m;
    }

    /** Max filter of radius r along one axis. */
    private static boolean[] grow(boolean[] m, int nx, int ny, int nz, int axis, int r) {
        if (r <= 0) return m;
        boolean[] o = new boolean[m.length];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int len = axis == 0 ? nx : axis == 1 ? ny : nz;
        for (int v = 0; v < m.length; v++) {
            if (!m[v]) continue;
            int pos = (v / stride) % len;
            for (int q = Math.max(0, pos - r); q <= Math.min(len - 1, pos + r); q++) o[v + (q - pos) * stride] = true;
        }
        return o;
    }
}
