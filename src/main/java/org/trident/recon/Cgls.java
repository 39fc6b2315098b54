package org.trident.recon;

import org.trident.model.ImageStack;

/**
 * Conjugate gradients on the normal equations (CGLS, Hestenes &amp; Stiefel 1952; Björck,
 * Numerical Methods for Least Squares Problems, §7.4), slice by slice: each slice of a block
 * has its own step sizes. Minimises ‖b − A x‖² without weights; converges in far fewer
 * iterations than SIRT but cannot enforce non-negativity (a clamp would break the conjugacy).
 * A support mask restricts the unknowns. The search direction and residual of every block
 * persist between iterations (one volume and one projection set more than SIRT, plus one
 * volume block per worker).
 */
final class Cgls {
    private final SliceGeometry g;
    private final float[][][] dir;    // per block: search direction p (volume block rows)
    private final float[][][] resid;  // per block: residual r = b − A x (projection block rows)
    private final double[][] gamma;   // per block and slice: ‖Aᵀ r‖²
    private final int[] allViews;

    Cgls(SliceGeometry g, int blocks) {
        this.g = g;
        this.dir = new float[blocks][][];
        this.resid = new float[blocks][][];
        this.gamma = new double[blocks][];
        this.allViews = Kernels.allViews(g.tilts());
    }

    /** One iteration on block {@code blk} (rows row0…row0+nb−1); ws.x holds the current estimate. */
    void iterate(Workspace ws, int blk, ImageStack s, int row0, int j0, int nb, double[] res) {
        int nv = g.voxels(), pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD, nt = g.tilts();
        float[][] x = ws.x, q = ws.p;
        if (dir[blk] == null) {
            // start: r = b (x = 0), p = s = Aᵀ r
            float[][] r = Kernels.rows(nt * pw, nb);
            for (int t = 0; t < nt; t++) {
                float[] img = s.tilt(t);
                for (int u = 0; u < w; u++) {
                    float[] row = r[t * pw + gu + u];
                    int src = row0 * w + u;
                    for (int b = 0; b < nb; b++) row[b] = img[src + b * w];
                }
            }
            float[][] p = Kernels.rows(nv, nb);
            double[] gm = new double[nb];
            back(ws, r, p, gm, nb);
            resid[blk] = r;
            dir[blk] = p;
            gamma[blk] = gm;
        }
        float[][] r = resid[blk], p = dir[blk];
        double[] gm = gamma[blk];
        double[] r2 = ws.dots2;
        java.util.Arrays.fill(r2, 0, nb, 0);
        for (int t = 0; t < nt; t++) for (int u = 0; u < w; u++) {
            float[] row = r[t * pw + gu + u];
            for (int b = 0; b < nb; b++) r2[b] += (double) row[b] * row[b];
        }
        for (int b = 0; b < nb; b++) res[j0 + b] += r2[b];
        // q = A p; α = γ / ‖q‖²
        Kernels.clear(q, 0, nt * pw, nb);
        BlockKernels.forward(g, p, q, nb, allViews, 0, allViews.length);
        double[] alpha = ws.dots;
        java.util.Arrays.fill(alpha, 0, nb, 0);
        for (int t = 0; t < nt; t++) for (int u = 0; u < w; u++) {
            float[] row = q[t * pw + gu + u];
            for (int b = 0; b < nb; b++) alpha[b] += (double) row[b] * row[b];
        }
        for (int b = 0; b < nb; b++) alpha[b] = alpha[b] > 0 ? gm[b] / alpha[b] : 0;
        float[] af = ws.d;
        for (int b = 0; b < nb; b++) af[b] = (float) alpha[b];
        for (int v = 0; v < nv; v++) {
            float[] xv = x[v], pv = p[v];
            for (int b = 0; b < nb; b++) xv[b] += af[b] * pv[b];
        }
        for (int t = 0; t < nt; t++) for (int u = 0; u < w; u++) {
            float[] rr = r[t * pw + gu + u], qq = q[t * pw + gu + u];
            for (int b = 0; b < nb; b++) rr[b] -= af[b] * qq[b];
        }
        // s = Aᵀ r with γ_new = ‖s‖², then p = s + β p with β = γ_new / γ
        double[] gn = ws.dots2;
        java.util.Arrays.fill(gn, 0, nb, 0);
        float[][] sv = ws.extra;
        back(ws, r, sv, gn, nb);
        for (int b = 0; b < nb; b++) af[b] = gm[b] > 0 ? (float) (gn[b] / gm[b]) : 0f;
        for (int v = 0; v < nv; v++) {
            float[] pv = p[v], s2 = sv[v];
            for (int b = 0; b < nb; b++) pv[b] = s2[b] + af[b] * pv[b];
        }
        System.arraycopy(gn, 0, gm, 0, nb);
    }

    /** s = Aᵀ r over the whole block into {@code out}, with γ = ‖s‖² per slice added to {@code gm}. */
    private void back(Workspace ws, float[][] r, float[][] out, double[] gm, int nb) {
        int nv = g.voxels();
        BlockKernels.back(g, r, out, ws.acc, nb, allViews, 0, allViews.length);
        for (int v = 0; v < nv; v++) {
            float[] a = out[v];
            if (ws.mask != null) {
                float[] m = ws.mask[v];
                for (int b = 0; b < nb; b++) a[b] *= m[b];
            }
            for (int b = 0; b < nb; b++) gm[b] += (double) a[b] * a[b];
        }
    }
}
