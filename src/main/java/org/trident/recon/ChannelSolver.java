package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;

/**
 * Where the slices of one channel are solved: in this JVM ({@link #LOCAL}) or spread over a
 * cluster (org.trident.scaleout). Single-axis tomography is slice-separable, so any split of the
 * detector rows gives the same volume as long as every part uses the same geometry and settings.
 */
@FunctionalInterface
public interface ChannelSolver {
    /**
     * Reconstructs every row of {@code images} with {@code r}'s geometry.
     *
     * @param support optional support in the volume's layout, or null
     */
    Reconstructor.Result solve(Reconstructor r, ImageStack images, double pixelSizeNm, ReconParams params,
                               boolean[] support, int threads, Progress progress);

    /** The whole channel in this JVM on {@code threads} threads. */
    ChannelSolver LOCAL = (r, images, px, p, support, threads, progress) ->
            r.run(images, 0, images.height(), px, p, support, threads, progress, null);

    /** A name for provenance ({@code "local"}, or the cluster's master URL). */
    default String where() { return "local"; }
}
