package org.trident.recon;

import org.trident.job.Parallel;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

/**
 * The forward projection {@code A·x} of a volume with a {@link Reconstructor}'s own system
 * matrix and kernels: the tilt images a reconstruction predicts. Projection matching in
 * alignment compares these with the measured tilts, so it uses exactly the projector the
 * reconstruction inverts (no second projector to disagree with it).
 */
public final class Reprojection {
    private Reprojection() {}

    /**
     * Tilt images {@code nx × ny} (one per angle of {@code r}) of volume {@code v}, which must have
     * the reconstructor's X and Z; slices are projected in blocks on {@code threads} threads.
     */
    public static ImageStack project(Reconstructor r, Volume v, int threads, Progress progress) {
        SliceGeometry g = r.geometry();
        int nx = g.nx(), nz = g.nz(), ny = v.ny(), tilts = g.tilts(), pw = g.paddedWidth(), w = g.width();
        if (v.nx() != nx || v.nz() != nz) throw new TridentException("a " + v.nx() + " x " + v.ny() + " x " + v.nz()
                + " volume cannot be projected by a reconstructor set up for X = " + nx + ", Z = " + nz);
        float[][] out = new float[tilts][w * ny];
        int workers = Math.max(1, threads);
        int nb = Reconstructor.blockSize(ny, workers);
        int blocks = (ny + nb - 1) / nb;
        int[] views = Kernels.allViews(tilts);
        Parallel.forEach(blocks, threads, progress, q -> {
            int j0 = q * nb, n = Math.min(nb, ny - j0);
            float[][] x = Kernels.rows(g.voxels(), n), p = Kernels.rows(tilts * pw, n);
            Blocks.gatherVolume(v.data(), nx, ny, nz, j0, n, x);
            BlockKernels.forward(g, x, p, n, views, 0, tilts);
            for (int t = 0; t < tilts; t++) {
                float[] img = out[t];
                for (int u = 0; u < w; u++) {
                    float[] row = p[t * pw + SliceGeometry.GUARD + u];
                    for (int b = 0; b < n; b++) img[(j0 + b) * w + u] = row[b];
                }
            }
        });
        return new ImageStack(w, ny, out);
    }
}
