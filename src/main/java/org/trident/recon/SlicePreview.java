package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

/**
 * Fast reconstruction of one slice (or a few) for live previews: the system matrix is built once
 * for a width, thickness and set of angles and reused for every call, so a slider can drive
 * {@link #slice}. A slice is the x-z plane of one detector row {@code y}: X·Z floats with x
 * fastest, row {@code k} (z index) after row {@code k-1}, same values as the full volume's slice j.
 * Thread-safe: concurrent calls share only immutable data.
 */
public final class SlicePreview {
    private final Reconstructor reconstructor;

    public SlicePreview(int width, int thickness, double[] anglesDeg) {
        this.reconstructor = new Reconstructor(width, thickness, anglesDeg);
    }

    public int width() { return reconstructor.geometry().nx(); }
    public int thickness() { return reconstructor.geometry().nz(); }

    /** Slice {@code row} reconstructed with {@code params} on the calling thread; X·Z floats, x fastest. */
    public float[] slice(ImageStack projections, int row, ReconParams params) {
        return slices(projections, row, 1, params, 1, Progress.NONE).data();
    }

    /** Rows {@code [firstRow, firstRow+count)} as a small volume (Y = count), voxel size 1. */
    public Volume slices(ImageStack projections, int firstRow, int count, ReconParams params, int threads, Progress progress) {
        if (params.thickness(projections.width()) != thickness()) {
            params = params.withThickness(thickness());
        }
        if (firstRow < 0 || count < 1 || firstRow + count > projections.height()) {
            throw new TridentException("rows " + firstRow + " to " + (firstRow + count - 1) + " are not inside images of height " + projections.height());
        }
        return reconstructor.run(projections, firstRow, firstRow + count, 1.0, params, null, threads, progress, null).volume();
    }
}
