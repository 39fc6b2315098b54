package org.trident.recon;

import org.trident.job.Parallel;
import org.trident.job.Progress;

/**
 * Whole-volume forward projection {@code A} and back-projection {@code Aᵀ} on the shared slice
 * kernels: the one place where the low-dose solvers ({@link PoissonEm}, {@link PrimalDual})
 * touch the projector, so that the projector can change underneath them. Volumes are laid out
 * as {@link org.trident.model.Volume} (x fastest, then y, then z); projections as one
 * {@code W × ny} image per tilt (row = slice). Work runs over blocks of slices on the given
 * number of threads; each block writes only its own slices, so results do not depend on the
 * thread count. {@code A} and {@code Aᵀ} are exact adjoints (they share the kernels' weights).
 */
public final class VolumeProjector {
    private final SliceGeometry g;
    private final int nx, ny, nz, w, tilts, threads, nb;
    private final int[] allViews;

    /**
     * @param width     detector width W = volume X
     * @param slices    number of detector rows = volume Y
     * @param thickness volume Z
     */
    public VolumeProjector(int width, int slices, int thickness, double[] anglesDeg, int threads) {
        this.g = new SliceGeometry(width, thickness, anglesDeg);
        this.nx = width;
        this.ny = slices;
        this.nz = thickness;
        this.w = width;
        this.tilts = anglesDeg.length;
        this.threads = Math.max(1, threads);
        this.nb = Reconstructor.blockSize(slices, this.threads);
        this.allViews = Kernels.allViews(tilts);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int tilts() { return tilts; }
    public int voxels() { return nx * ny * nz; }
    public int pixels() { return w * ny; }

    /** A new projection set (zeros), {@code tilts × (W·ny)}. */
    public float[][] newProjections() {
        return new float[tilts][w * ny];
    }

    /** {@code p[t] = A_t x} for every tilt (overwritten). */
    public void forward(float[] x, float[][] p) {
        forward(x, p, allViews);
    }

    /** {@code p[t] = A_t x} for the tilts in {@code views} only; other tilts untouched. */
    public void forward(float[] x, float[][] p, int[] views) {
        int blocks = (ny + nb - 1) / nb, pw = g.paddedWidth(), nv = g.voxels();
        Parallel.forEach(blocks, threads, Progress.NONE, blk -> {
            int j0 = blk * nb, n = Math.min(nb, ny - j0);
            float[][] xr = Kernels.rows(nv, n), pr = Kernels.rows(tilts * pw, n);
            Blocks.gatherVolume(x, nx, ny, nz, j0, n, xr);
            BlockKernels.forward(g, xr, pr, n, views, 0, views.length);
            for (int t : views) {
                float[] out = p[t];
                for (int b = 0; b < n; b++) {
                    int dst = (j0 + b) * w;
                    for (int u = 0; u < w; u++) out[dst + u] = pr[t * pw + u + SliceGeometry.GUARD][b];
                }
            }
        });
    }

    /** {@code x = Σ_t A_tᵀ p[t]} over every tilt (overwritten). */
    public void back(float[][] p, float[] x) {
        back(p, x, allViews);
    }

    /** {@code x = Σ_{t ∈ views} A_tᵀ p[t]} (overwritten). */
    public void back(float[][] p, float[] x, int[] views) {
        int blocks = (ny + nb - 1) / nb, pw = g.paddedWidth(), nv = g.voxels();
        Parallel.forEach(blocks, threads, Progress.NONE, blk -> {
            int j0 = blk * nb, n = Math.min(nb, ny - j0);
            float[][] pr = Kernels.rows(tilts * pw, n), acc = Kernels.rows(Kernels.TILE, n);
            for (int t : views) {
                float[] in = p[t];
                for (int b = 0; b < n; b++) {
                    int src = (j0 + b) * w;
                    for (int u = 0; u < w; u++) pr[t * pw + u + SliceGeometry.GUARD][b] = in[src + u];
                }
            }
            float[][] xr = Kernels.rows(nv, n);
            BlockKernels.back(g, pr, xr, acc, n, views, 0, views.length);
            for (int v = 0; v < nv; v++) {
                int k = v / nx, i = v % nx;
                float[] a = xr[v];
                for (int b = 0; b < n; b++) x[(k * ny + j0 + b) * nx + i] = a[b];
            }
        });
    }

    /** The measured rows {@code [y0, y0+ny)} of a stack as a projection set (copied). */
    public float[][] measured(org.trident.model.ImageStack s, int y0) {
        float[][] p = newProjections();
        for (int t = 0; t < tilts; t++) System.arraycopy(s.tilt(t), y0 * w, p[t], 0, w * ny);
        return p;
    }
}
