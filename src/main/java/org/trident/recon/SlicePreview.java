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
 *
 * <p>One slice gains nothing from the slice-interleaved blocks of the volume engine, so SIRT,
 * SART and WBP of a single slice run here on three flat arrays allocated per call (no volume,
 * no row object per voxel, no thread pool), with the same kernels and the same order of
 * arithmetic as the engine's single-slice path, so the slice equals the full volume's.
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
        Algorithm a = params.algorithm();
        if (a == Algorithm.SIRT || a == Algorithm.SART || a == Algorithm.WBP) {
            params = withOwnThickness(projections, params);
            checkRows(projections, row, 1);
            Reconstructor.requireValid(params);
            checkInput(projections, row);
            return flat(projections, row, params);
        }
        return slices(projections, row, 1, params, 1, Progress.NONE).data();
    }

    /** Rows {@code [firstRow, firstRow+count)} as a small volume (Y = count), voxel size 1. */
    public Volume slices(ImageStack projections, int firstRow, int count, ReconParams params, int threads, Progress progress) {
        params = withOwnThickness(projections, params);
        checkRows(projections, firstRow, count);
        return reconstructor.run(projections, firstRow, firstRow + count, 1.0, params, null, threads, progress, null).volume();
    }

    private ReconParams withOwnThickness(ImageStack projections, ReconParams params) {
        return params.thickness(projections.width()) != thickness() ? params.withThickness(thickness()) : params;
    }

    private static void checkRows(ImageStack projections, int firstRow, int count) {
        if (firstRow < 0 || count < 1 || firstRow + count > projections.height()) {
            throw new TridentException("rows " + firstRow + " to " + (firstRow + count - 1) + " are not inside images of height " + projections.height());
        }
    }

    private void checkInput(ImageStack projections, int row) {
        SliceGeometry g = reconstructor.geometry();
        if (projections.width() != g.width()) throw new TridentException("the tilt images are " + projections.width()
                + " pixels wide, but this preview was set up for " + g.width());
        if (projections.tilts() != g.tilts()) throw new TridentException("there are " + projections.tilts()
                + " tilt images but " + g.tilts() + " tilt angles");
        int w = g.width();
        for (int t = 0; t < g.tilts(); t++) {
            float[] img = projections.tilt(t);
            for (int q = row * w; q < (row + 1) * w; q++) {
                if (!Float.isFinite(img[q])) throw new TridentException("tilt " + t + " has a value that is not a number at x=" + (q - row * w)
                        + ", y=" + row + "; remove NaN and infinite values before reconstructing");
            }
        }
    }

    /** One slice on flat arrays: the same updates, in the same order, as {@link BlockSolver}'s single-slice path. */
    private float[] flat(ImageStack s, int row, ReconParams params) {
        SliceGeometry g = reconstructor.geometry();
        int nv = g.voxels(), pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD;
        float[] x = new float[nv], p = new float[g.tilts() * pw], acc = new float[nv];
        int[] all = Kernels.allViews(g.tilts());
        if (params.algorithm() == Algorithm.WBP) {
            RampFilter ramp = reconstructor.ramp(params);
            float[] buf = new float[ramp.paddedLength()];
            float[] vw = g.viewWeights();
            for (int t = 0; t < g.tilts(); t++) ramp.apply(s.tilt(t), row * w, vw[t], p, t * pw + gu, buf);
            Kernels.backFlat(g, p, x, all, 0, all.length);
            if (params.nonNegative()) for (int v = 0; v < nv; v++) x[v] = Math.max(x[v], 0f);
            return x;
        }
        ViewOrder order = params.algorithm() == Algorithm.SART ? reconstructor.viewOrder(params.subsets()) : null;
        float relax = (float) params.relaxation();
        boolean nn = params.nonNegative();
        float[] ir = g.invRowSum();
        boolean stopRule = params.tolerance() > 0;
        float[] prev = stopRule ? new float[nv] : null;
        for (int it = 0; it < params.iterations(); it++) {
            if (stopRule) System.arraycopy(x, 0, prev, 0, nv);
            int[] subsets = order == null ? new int[]{0} : order.order(it, params.randomOrder(), params.seed());
            for (int q : subsets) {
                int[] views = order == null ? all : order.views;
                int from = order == null ? 0 : order.start[q], to = order == null ? all.length : order.start[q + 1];
                float[] invCol = order == null ? g.invColSum() : order.invCol[q];
                for (int vi = from; vi < to; vi++) java.util.Arrays.fill(p, views[vi] * pw, (views[vi] + 1) * pw, 0f);
                Kernels.forwardFlatTiled(g, x, p, views, from, to);
                for (int vi = from; vi < to; vi++) {
                    int t = views[vi];
                    float[] img = s.tilt(t);
                    for (int bin = 0; bin < pw; bin++) {
                        int k = t * pw + bin;
                        p[k] = g.isReal(bin) ? (img[row * w + bin - gu] - p[k]) * ir[k] : 0f;
                    }
                }
                Kernels.backFlat(g, p, acc, views, from, to);
                for (int v = 0; v < nv; v++) {
                    float nvl = x[v] + relax * invCol[v] * acc[v];
                    x[v] = nn ? Math.max(nvl, 0f) : nvl;
                }
            }
            if (stopRule && it > 0 && converged(prev, x, params.tolerance())) break;
        }
        return x;
    }

    /** The engine's stopping rule on this slice alone: ‖x_k − x_{k−1}‖ / ‖x_k‖ < tolerance. */
    private static boolean converged(float[] prev, float[] x, double tolerance) {
        double change = 0, norm = 0;
        for (int v = 0; v < x.length; v++) {
            double d = x[v] - prev[v];
            change += d * d;
            norm += (double) x[v] * x[v];
        }
        return Math.sqrt(change / Math.max(norm, 1e-300)) < tolerance;
    }
}
