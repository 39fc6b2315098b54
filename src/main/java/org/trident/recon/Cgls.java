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
    private final float[][] dir;    // per block: search direction p (volume block layout)
    private final float[][] resid;  // per block: residual r = b − A x (projection block layout)
    private final double[][] gamma; // per block and slice: ‖Aᵀ r‖²
    private final int[] allViews;

    Cgls(SliceGeometry g, int blocks) {
        this.g = g;
        this.dir = new float[blocks][];
        this.resid = new float[blocks][];
        this.gamma = new double[blocks][];
        this.allViews = Kernels.allViews(g.tilts());
    }

    /** One iteration on block {@code blk} (rows row0…row0+nb−1); ws.x holds the current estimate. */
    void iterate(Workspace ws, int blk, ImageStack s, int row0, int j0, int nb, double[] res) {
        int nv = g.voxels(), pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD, np = g.tilts() * pw * nb;
        float[] x = ws.x, q = ws.p, acc = ws.acc;
        if (dir[blk] == null) {
            // start: r = b (x = 0), p = s = Aᵀ r
            float[] r = new float[np];
            for (int t = 0; t < g.tilts(); t++) {
                float[] img = s.tilt(t);
                for (int u = 0; u < w; u++) {
                    int o = (t * pw + gu + u) * nb, src = row0 * w + u;
                    for (int b = 0; b < nb; b++) r[o + b] = img[src + b * w];
                }
            }
            float[] p = new float[nv * nb];
            double[] gm = new double[nb];
            back(ws, r, p, gm, nb);
            resid[blk] = r;
            dir[blk] = p;
            gamma[blk] = gm;
        }
        float[] r = resid[blk], p = dir[blk];
        double[] gm = gamma[blk];
        for (int b = 0; b < nb; b++) {
            double r2 = 0;
            for (int t = 0; t < g.tilts(); t++) for (int u = 0; u < w; u++) {
                double e = r[(t * pw + gu + u) * nb + b];
                r2 += e * e;
            }
            res[j0 + b] += r2;
        }
        // q = A p; α = γ / ‖q‖²
        java.util.Arrays.fill(q, 0, np, 0f);
        Kernels.forward(g, p, q, nb, allViews, 0, allViews.length);
        double[] alpha = ws.dots;
        for (int b = 0; b < nb; b++) {
            double qq = 0;
            for (int t = 0; t < g.tilts(); t++) for (int u = 0; u < w; u++) {
                double v = q[(t * pw + gu + u) * nb + b];
                qq += v * v;
            }
            alpha[b] = qq > 0 ? gm[b] / qq : 0;
        }
        for (int v = 0; v < nv; v++) for (int b = 0; b < nb; b++) x[v * nb + b] += (float) alpha[b] * p[v * nb + b];
        for (int t = 0; t < g.tilts(); t++) for (int u = 0; u < w; u++) {
            int o = (t * pw + gu + u) * nb;
            for (int b = 0; b < nb; b++) r[o + b] -= (float) alpha[b] * q[o + b];
        }
        // s = Aᵀ r with γ_new = ‖s‖², then p = s + β p with β = γ_new / γ
        double[] gn = ws.dots2;
        java.util.Arrays.fill(gn, 0, nb, 0);
        float[] sv = ws.extra;
        back(ws, r, sv, gn, nb);
        for (int v = 0; v < nv; v++) {
            for (int b = 0; b < nb; b++) {
                float beta = gm[b] > 0 ? (float) (gn[b] / gm[b]) : 0f;
                p[v * nb + b] = sv[v * nb + b] + beta * p[v * nb + b];
            }
        }
        System.arraycopy(gn, 0, gm, 0, nb);
    }

    /** s = Aᵀ r over the whole block into {@code out}, with γ = ‖s‖² per slice. */
    private void back(Workspace ws, float[] r, float[] out, double[] gm, int nb) {
        int nv = g.voxels();
        for (int v0 = 0; v0 < nv; v0 += Kernels.TILE) {
            int v1 = Math.min(nv, v0 + Kernels.TILE);
            Kernels.backTile(g, r, ws.acc, nb, allViews, 0, allViews.length, v0, v1);
            mask(ws, ws.acc, v0, v1, nb);
            System.arraycopy(ws.acc, 0, out, v0 * nb, (v1 - v0) * nb);
            for (int i = 0; i < (v1 - v0) * nb; i++) gm[i % nb] += (double) ws.acc[i] * ws.acc[i];
        }
    }

    private static void mask(Workspace ws, float[] a, int v0, int v1, int nb) {
        if (ws.mask == null) return;
        for (int i = 0; i < (v1 - v0) * nb; i++) a[i] *= ws.mask[v0 * nb + i];
    }

    long bytes() {
        long b = 0;
        for (float[] a : dir) if (a != null) b += 4L * a.length;
        for (float[] a : resid) if (a != null) b += 4L * a.length;
        return b;
    }
}
