package org.trident.recon;

/**
 * The projector on one slice held flat ({@code x[v]}, {@code p[t·PW + bin]}), shaped for the live
 * preview's latency rather than the volume engine's throughput. Same entries and weight table as
 * {@link Kernels}, so forward and back stay exact adjoints of the one strip-area matrix.
 *
 * <p>Measured on one 256 × 256 slice, 61 tilts (CPU time under load, docs/reconstruction.md):
 * the engine's square-tile forward order, which keeps a block's rows in cache, only costs here
 * (one slice fits in L2), so the forward runs view by view over the whole slice (17 → 9 ms), and
 * a view and its mirror (±θ, checked entry by entry) share one read of each entry and weight
 * (9 → 7 ms with every view paired); the back-projection adds four views per pass over the
 * voxels, in list order, so each voxel's sum is bit-identical to {@link Kernels#backFlat} with a
 * quarter of the loads and stores of the output (9 → 7 ms). Sharing mirror entries in the back
 * as well (rows k and Z−1−k together) measured no faster than the four-view pass and was dropped.
 */
final class SliceKernels {
    private SliceKernels() {}

    /** {@code p[t] += A_t x} for each view {@code t} of {@code views[from..to)}; each view's row is written by this call only. */
    static void forward(SliceGeometry g, float[] x, float[] p, int[] views, int from, int to) {
        if (NativeKernels.active()) NativeKernels.forward(g, x, p, 1, views, from, to, false);
        else Kernels.forwardFlat(g, x, p, views, from, to);
    }

    /**
     * View {@code t}'s row of {@code p} (holding {@code A_t x}) becomes the weighted residual
     * {@code R (b − A x)} of detector row {@code row}, guards 0; returns {@code Σ (b − A x)²} over
     * the real bins. One home for the engine's single-slice path and the preview.
     */
    static double residual(SliceGeometry g, float[] img, int row, int t, float[] p) {
        int pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD;
        float[] ir = g.invRowSum();
        double r2 = 0;
        for (int bin = 0; bin < pw; bin++) {
            int k = t * pw + bin;
            if (!g.isReal(bin)) {
                p[k] = 0f;
                continue;
            }
            float e = img[row * w + bin - gu] - p[k];
            r2 += (double) e * e;
            p[k] = e * ir[k];
        }
        return r2;
    }

    /**
     * {@code out[v] = (Aᵀ p)[v]} for voxels {@code [v0, v1)} and views {@code views[from..to)}
     * (overwritten); views are added in list order, so the split into voxel ranges does not change a bit.
     */
    static void back(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to, int v0, int v1) {
        if (NativeKernels.active()) {
            NativeKernels.backRange(g, p, out, views, from, to, v0, v1);
            return;
        }
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

    /**
     * Views paired with their mirror: view {@code m} is the mirror of {@code t} when voxel
     * {@code (i, k)} at {@code m} has exactly the entry (first bin and position code) of voxel
     * {@code (i, Z−1−k)} at {@code t} and both views have the same weight table, as happens for
     * {@code ±θ} (the footprint depends on |cos θ| and |sin θ| only). Checked entry by entry, so
     * a pair shares its weights exactly. Returns {first[], second[]}: one unit per pair or
     * unpaired view ({@code second = −1}), in the order of the lower view.
     */
    static int[][] mirrorUnits(SliceGeometry g) {
        int n = g.tilts(), nx = g.nx(), nz = g.nz(), nv = g.voxels(), c3 = SliceGeometry.CODES * 3;
        int[] ent = g.entries();
        float[] tap = g.taps();
        double[] a = g.anglesDeg();
        int[] partner = new int[n];
        java.util.Arrays.fill(partner, -1);
        for (int t = 0; t < n; t++) {
            if (partner[t] >= 0) continue;
            int best = -1;
            for (int m = t + 1; m < n; m++) {
                if (partner[m] < 0 && Math.abs(a[m] + a[t]) < 1e-9 * Math.max(1, Math.abs(a[t])) && a[t] != 0) { best = m; break; }
            }
            if (best < 0 || !java.util.Arrays.equals(tap, t * c3, (t + 1) * c3, tap, best * c3, (best + 1) * c3)) continue;
            boolean same = true;
            for (int k = 0; k < nz && same; k++) {
                same = java.util.Arrays.equals(ent, t * nv + (nz - 1 - k) * nx, t * nv + (nz - k) * nx, ent, best * nv + k * nx, best * nv + (k + 1) * nx);
            }
            if (same) { partner[t] = best; partner[best] = t; }
        }
        int units = 0;
        for (int t = 0; t < n; t++) if (partner[t] < 0 || partner[t] > t) units++;
        int[] first = new int[units], second = new int[units];
        int u = 0;
        for (int t = 0; t < n; t++) {
            if (partner[t] < 0 || partner[t] > t) { first[u] = t; second[u++] = partner[t]; }
        }
        return new int[][]{first, second};
    }

    /**
     * {@code p[t] += A_t x} for the views of units {@code [u0, u1)} of {@link #mirrorUnits}; a
     * pair reads each entry and weight once for both views (the mirror's voxel is row Z−1−k).
     */
    static void forwardUnits(SliceGeometry g, int[] first, int[] second, float[] x, float[] p, int u0, int u1) {
        int[] ent = g.entries();
        float[] tap = g.taps();
        int nx = g.nx(), nz = g.nz(), nv = g.voxels(), pw = g.paddedWidth(), c3 = SliceGeometry.CODES * 3;
        // the Java kernels' preview path; with the native kernels SlicePreview runs NativeKernels.pairForward instead
        // (the same pairing in C, fused with the residual: docs/decisions/1202-preview-pair-kernels.md)
        for (int u = u0; u < u1; u++) {
            int t = first[u], m = second[u];
            if (m < 0) {
                Kernels.forwardFlat(g, x, p, new int[]{t}, 0, 1);
                continue;
            }
            int eb = t * nv, pt = t * pw, pm = m * pw, tq = t * c3;
            for (int k = 0; k < nz; k++) {
                int row = k * nx, mirror = (nz - 1 - k) * nx;
                for (int i = 0; i < nx; i++) {
                    int e = ent[eb + row + i], q = tq + 3 * (e & 0xFFFF), o = e >>> 16;
                    float w0 = tap[q], w1 = tap[q + 1], w2 = tap[q + 2];
                    float xa = x[row + i], xb = x[mirror + i];
                    p[pt + o] += w0 * xa;
                    p[pt + o + 1] += w1 * xa;
                    p[pt + o + 2] += w2 * xa;
                    p[pm + o] += w0 * xb;
                    p[pm + o + 1] += w1 * xb;
                    p[pm + o + 2] += w2 * xb;
                }
            }
        }
    }
}
