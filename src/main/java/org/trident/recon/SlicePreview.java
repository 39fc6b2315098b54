package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fast reconstruction of one slice (or a few) for live previews: the system matrix is built once
 * for a width, thickness and set of angles and reused for every call, so a slider can drive
 * {@link #slice}. A slice is the x-z plane of one detector row {@code y}: X·Z floats with x
 * fastest, row {@code k} (z index) after row {@code k-1}, same values as the full volume's slice j.
 * Thread-safe: concurrent calls share only immutable data.
 *
 * <p>One slice gains nothing from the slice-interleaved blocks of the volume engine, so SIRT,
 * SART and WBP of a single slice run here on three flat arrays allocated per call (no volume,
 * no row object per voxel), with {@link SliceKernels}: the same matrix and updates as the
 * engine, so the slice equals the full volume's to float rounding.
 */
public final class SlicePreview {
    private final Reconstructor reconstructor;
    private final int[] first, second; // SliceKernels.mirrorUnits of the geometry


    public SlicePreview(int width, int thickness, double[] anglesDeg) {
        this.reconstructor = new Reconstructor(width, thickness, anglesDeg);
        int[][] units = SliceKernels.mirrorUnits(reconstructor.geometry());
        this.first = units[0];
        this.second = units[1];
    }

    public int width() { return reconstructor.geometry().nx(); }
    public int thickness() { return reconstructor.geometry().nz(); }

    /** Slice {@code row} reconstructed with {@code params} on the calling thread; X·Z floats, x fastest. */
    public float[] slice(ImageStack projections, int row, ReconParams params) {
        return slice(projections, row, params, 1);
    }

    /**
     * Slice {@code row} with {@code params} on {@code threads} threads (the calling thread and
     * {@code threads − 1} helpers for this call); the result does not depend on {@code threads}.
     */
    public float[] slice(ImageStack projections, int row, ReconParams params, int threads) {
        Algorithm a = params.algorithm();
        if (a == Algorithm.SIRT || a == Algorithm.SART || a == Algorithm.WBP) {
            params = withOwnThickness(projections, params);
            checkRows(projections, row, 1);
            Reconstructor.requireValid(params);
            checkInput(projections, row);
            return flat(projections, row, params, threads);
        }
        return slices(projections, row, 1, params, threads, Progress.NONE).data();
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

    /**
     * One slice on flat arrays with {@link SliceKernels}: the same updates as {@link BlockSolver}'s
     * single-slice path (the back-projection bit for bit, the forward in another order of
     * additions, so equal to float rounding). With {@code threads} > 1 each pass is split: views
     * in the forward (with their residual), voxel ranges in the back (with their update); every
     * value is computed by one thread in a fixed order, so the result does not depend on the split.
     */
    private float[] flat(ImageStack s, int row, ReconParams params, int threads) {
        SliceGeometry g = reconstructor.geometry();
        int nv = g.voxels(), pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD;
        float[] x = new float[nv], p = new float[g.tilts() * pw], acc = new float[nv];
        int[] all = Kernels.allViews(g.tilts());
        int parts = Math.max(1, Math.min(threads, g.nz()));
        ExecutorService exec = parts > 1 ? Executors.newFixedThreadPool(parts - 1, r -> {
            Thread t = new Thread(r, "trident-preview");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            if (params.algorithm() == Algorithm.WBP) {
                RampFilter ramp = reconstructor.ramp(params);
                float[] vw = g.viewWeights();
                boolean nn = params.nonNegative();
                split(exec, parts, all.length, (lo, hi) -> {
                    float[] buf = new float[ramp.paddedLength()];
                    for (int t = lo; t < hi; t++) ramp.apply(s.tilt(t), row * w, vw[t], p, t * pw + gu, buf);
                });
                split(exec, parts, nv, (v0, v1) -> {
                    SliceKernels.back(g, p, x, all, 0, all.length, v0, v1);
                    if (nn) for (int v = v0; v < v1; v++) x[v] = Math.max(x[v], 0f);
                });
                return x;
            }
            ViewOrder order = params.algorithm() == Algorithm.SART ? reconstructor.viewOrder(params.subsets()) : null;
            float relax = (float) params.relaxation();
            boolean nn = params.nonNegative();
            boolean stopRule = params.tolerance() > 0;
            float[] prev = stopRule ? new float[nv] : null;
            for (int it = 0; it < params.iterations(); it++) {
                if (stopRule) System.arraycopy(x, 0, prev, 0, nv);
                int[] subsets = order == null ? new int[]{0} : order.order(it, params.randomOrder(), params.seed());
                for (int q : subsets) {
                    int[] views = order == null ? all : order.views;
                    int from = order == null ? 0 : order.start[q], to = order == null ? all.length : order.start[q + 1];
                    float[] invCol = order == null ? g.invColSum() : order.invCol[q];
                    if (order == null) { // SIRT: all views, mirror pairs share their entries in the forward
                        split(exec, parts, first.length, (lo, hi) -> {
                            for (int u = lo; u < hi; u++) {
                                clear(p, first[u], pw);
                                if (second[u] >= 0) clear(p, second[u], pw);
                            }
                            SliceKernels.forwardUnits(g, first, second, x, p, lo, hi);
                            for (int u = lo; u < hi; u++) {
                                residual(s, row, first[u], p);
                                if (second[u] >= 0) residual(s, row, second[u], p);
                            }
                        });
                    } else {
                        split(exec, parts, to - from, (lo, hi) -> {
                            for (int vi = from + lo; vi < from + hi; vi++) clear(p, views[vi], pw);
                            SliceKernels.forward(g, x, p, views, from + lo, from + hi);
                            for (int vi = from + lo; vi < from + hi; vi++) residual(s, row, views[vi], p);
                        });
                    }
                    split(exec, parts, nv, (v0, v1) -> {
                        SliceKernels.back(g, p, acc, views, from, to, v0, v1);
                        for (int v = v0; v < v1; v++) {
                            float nvl = x[v] + relax * invCol[v] * acc[v];
                            x[v] = nn ? Math.max(nvl, 0f) : nvl;
                        }
                    });
                }
                if (stopRule && it > 0 && converged(prev, x, params.tolerance())) break;
            }
            return x;
        } finally {
            if (exec != null) exec.shutdownNow();
        }
    }

    private static void clear(float[] p, int t, int pw) {
        java.util.Arrays.fill(p, t * pw, (t + 1) * pw, 0f);
    }

    private void residual(ImageStack s, int row, int t, float[] p) {
        SliceKernels.residual(reconstructor.geometry(), s.tilt(t), row, t, p);
    }

    /** A range {@code [lo, hi)} of one pass's work. */
    private interface Part {
        void run(int lo, int hi);
    }

    /** {@code [0, n)} cut into {@code parts} near-equal ranges: the first on the calling thread, the rest on {@code exec}. */
    private static void split(ExecutorService exec, int parts, int n, Part part) {
        int k = Math.min(parts, Math.max(1, n));
        if (exec == null || k == 1) {
            part.run(0, n);
            return;
        }
        List<Future<?>> fs = new ArrayList<>(k - 1);
        for (int j = 1; j < k; j++) {
            int lo = (int) ((long) n * j / k), hi = (int) ((long) n * (j + 1) / k);
            fs.add(exec.submit(() -> part.run(lo, hi)));
        }
        part.run(0, (int) ((long) n / k));
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException re ? re : new TridentException("preview failed: " + c, c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
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
