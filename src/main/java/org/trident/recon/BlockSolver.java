package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;

import java.util.Random;

/**
 * One iteration of each algorithm on one block of slices held in a {@link Workspace}:
 * {@code ws.x} is the estimate; measured values are read straight from the tilt images (rows
 * {@code row0 … row0+nb−1}), so no copy of the projections is made. Per-slice squared residuals
 * are added to {@code res[j]} (global slice index). Nothing is allocated here.
 */
final class BlockSolver {
    private final SliceGeometry g;
    private final ReconParams params;
    private final int[] allViews;
    private final ViewOrder order;   // SART only
    private final RayMatrix rays;    // ART only
    private final float relax;

    BlockSolver(SliceGeometry g, ReconParams params, ViewOrder order, RayMatrix rays) {
        this.g = g;
        this.params = params;
        this.allViews = Kernels.allViews(g.tilts());
        this.order = order;
        this.rays = rays;
        this.relax = (float) params.relaxation();
    }

    /** SIRT: x += λ C Aᵀ R (b − A x), then constraints. */
    void sirt(Workspace ws, ImageStack s, int row0, int j0, int nb, double[] res) {
        if (nb == 1 && ws.flatX != null) {
            singleSlice(ws, s, row0, j0, allViews, 0, allViews.length, g.invColSum(), res);
            return;
        }
        if (ws.fx != null) {
            int st = NativeKernels.stride(nb);
            double[] r2 = ws.dots;
            residualsFlat(ws, s, row0, nb, st, allViews, 0, allViews.length, r2);
            for (int b = 0; b < nb; b++) res[j0 + b] += r2[b];
            NativeKernels.update(g, ws.fp, ws.fx, st, allViews, 0, allViews.length, g.invColSum(), relax, params.nonNegative(), ws.fm, 0, 1);
            return;
        }
        projectAndCompare(ws, s, row0, j0, nb, allViews, 0, allViews.length, res);
        update(ws, nb, allViews, 0, allViews.length, g.invColSum());
    }

    /** Runs the parts of one pass in parallel and returns when all are done. */
    interface Runner {
        void runAll(java.util.List<Runnable> parts);
    }

    /**
     * SIRT on one block whose passes are split between {@code ws.accs.length} threads: the
     * forward and residual by contiguous runs of views (each thread writes only its views'
     * detector rows), the back-projection and update by square tiles (each thread its own
     * accumulator and voxels). Every bin and voxel sums in the same order as {@link #sirt}, so
     * the volume is bit-identical to the one-thread result.
     */
    void sirtShared(Workspace ws, ImageStack s, int row0, int j0, int nb, double[] res, Runner runner) {
        int parts = ws.accs.length, nt = allViews.length;
        double[][] r2 = ws.partDots;
        int st = ws.fx != null ? NativeKernels.stride(nb) : 0;
        java.util.List<Runnable> fwd = new java.util.ArrayList<>(parts);
        for (int q = 0; q < parts; q++) {
            int from = q * nt / parts, to = (q + 1) * nt / parts;
            double[] mine = r2[q];
            if (ws.fx != null) fwd.add(() -> residualsFlat(ws, s, row0, nb, st, allViews, from, to, mine));
            else fwd.add(() -> residuals(ws, s, row0, nb, allViews, from, to, mine));
        }
        runner.runAll(fwd);
        for (int b = 0; b < nb; b++) {
            double sum = 0;
            for (int q = 0; q < parts; q++) sum += r2[q][b];
            res[j0 + b] += sum;
        }
        java.util.List<Runnable> back = new java.util.ArrayList<>(parts);
        for (int q = 0; q < parts; q++) {
            int part = q;
            if (ws.fx != null) {
                back.add(() -> NativeKernels.update(g, ws.fp, ws.fx, st, allViews, 0, nt, g.invColSum(), relax, params.nonNegative(),
                        ws.fm, part, parts));
            } else {
                back.add(() -> update(ws, ws.accs[part], nb, allViews, 0, nt, g.invColSum(), part, parts));
            }
        }
        runner.runAll(back);
    }

    /** SART / OS-SART: the SIRT update restricted to one subset of views at a time. */
    void sart(Workspace ws, ImageStack s, int row0, int j0, int nb, int iteration, double[] res, Progress progress) {
        int[] subsetOrder = order.order(iteration, params.randomOrder(), params.seed());
        if (ws.fx != null) {
            int st = NativeKernels.stride(nb);
            double[] r2 = ws.dots;
            for (int q : subsetOrder) {
                progress.checkCancelled();
                int from = order.start[q], to = order.start[q + 1];
                residualsFlat(ws, s, row0, nb, st, order.views, from, to, r2);
                for (int b = 0; b < nb; b++) res[j0 + b] += r2[b];
                NativeKernels.update(g, ws.fp, ws.fx, st, order.views, from, to, order.invCol[q], relax, params.nonNegative(),
                        ws.fm, 0, 1);
            }
            return;
        }
        for (int q : subsetOrder) {
            progress.checkCancelled();
            int from = order.start[q], to = order.start[q + 1];
            if (nb == 1 && ws.flatX != null) {
                singleSlice(ws, s, row0, j0, order.views, from, to, order.invCol[q], res);
                continue;
            }
            projectAndCompare(ws, s, row0, j0, nb, order.views, from, to, res);
            update(ws, nb, order.views, from, to, order.invCol[q]);
        }
    }

    /** ART (Kaczmarz): x += λ a_i (b_i − a_i·x) / ‖a_i‖² for one ray at a time, then constraints. */
    void art(Workspace ws, ImageStack s, int row0, int j0, int nb, int[] rayOrder, double[] res, Progress progress) {
        float[][] x = ws.x;
        float[] d = ws.d;
        int w = g.width();
        double[] r2 = ws.dots;
        java.util.Arrays.fill(r2, 0, nb, 0);
        for (int n = 0; n < rayOrder.length; n++) {
            if ((n & 4095) == 0) progress.checkCancelled();
            int r = rayOrder[n];
            float inv = rays.invNorm2[r];
            if (inv == 0f) continue;
            int t = r / w, o = row0 * w + r % w;
            float[] img = s.tilt(t);
            int q0 = rays.rowStart[r], q1 = rays.rowStart[r + 1];
            for (int b = 0; b < nb; b++) d[b] = 0f;
            for (int q = q0; q < q1; q++) {
                float a = rays.weights[q];
                float[] xv = x[rays.cols[q]];
                for (int b = 0; b < nb; b++) d[b] += a * xv[b];
            }
            for (int b = 0; b < nb; b++) {
                float e = img[o + b * w] - d[b];
                r2[b] += (double) e * e;
                d[b] = relax * e * inv;
            }
            for (int q = q0; q < q1; q++) {
                float a = rays.weights[q];
                float[] xv = x[rays.cols[q]];
                for (int b = 0; b < nb; b++) xv[b] += a * d[b];
            }
        }
        for (int b = 0; b < nb; b++) res[j0 + b] += r2[b];
        constrain(ws, nb, 0, g.voxels());
    }

    /** WBP: ramp-filtered, angle-weighted projections back-projected once. */
    void wbp(Workspace ws, ImageStack s, int j0, int nb) {
        int w = g.width(), pw = g.paddedWidth(), gu = SliceGeometry.GUARD;
        float[][] p = ws.p;
        float[] vw = g.viewWeights();
        if (nb == 1 && ws.flatP != null) {
            // one slice: flat arrays avoid a row object per voxel (same arithmetic)
            java.util.Arrays.fill(ws.flatP, 0f);
            for (int t = 0; t < g.tilts(); t++) ws.ramp.apply(s.tilt(t), j0 * w, vw[t], ws.flatP, t * pw + gu, ws.fftBuf);
            if (NativeKernels.active()) NativeKernels.backRange(g, ws.flatP, ws.flatX, allViews, 0, allViews.length, 0, g.voxels());
            else Kernels.backFlat(g, ws.flatP, ws.flatX, allViews, 0, allViews.length);
            for (int v = 0; v < g.voxels(); v++) ws.x[v][0] = ws.flatX[v];
            constrain(ws, nb, 0, g.voxels());
            return;
        }
        Kernels.clear(p, 0, g.tilts() * pw, nb);
        for (int t = 0; t < g.tilts(); t++) {
            float[] img = s.tilt(t);
            for (int b = 0; b < nb; b++) ws.ramp.apply(img, (j0 + b) * w, vw[t], p, t * pw + gu, b, ws.fftBuf);
        }
        BlockKernels.back(g, p, ws.x, ws.acc, nb, allViews, 0, allViews.length);
        constrain(ws, nb, 0, g.voxels());
    }

    /** Random or sequential ray order for ART iteration {@code it}; views visited with a golden-ratio stride. */
    int[] rayOrder(int it, int[] into) {
        int w = g.width(), t = g.tilts();
        if (params.randomOrder()) {
            for (int i = 0; i < into.length; i++) into[i] = i;
            Random r = new Random(params.seed() * 1_000_003L + it);
            for (int i = into.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = into[i]; into[i] = into[j]; into[j] = tmp;
            }
            return into;
        }
        int stride = ViewOrder.strideNear(t, t / 1.618);
        int n = 0;
        for (int i = 0; i < t; i++) {
            int view = (int) ((long) i * stride % t);
            for (int u = 0; u < w; u++) into[n++] = view * w + u;
        }
        return into;
    }

    /**
     * p ← A x for the given views (square voxel tiles, all views per tile: {@link Kernels#forwardTiled}),
     * then view by view p_t ← R (b_t − p_t) (zero on guard bins), squared residuals per slice into {@code res}.
     */
    private void projectAndCompare(Workspace ws, ImageStack s, int row0, int j0, int nb, int[] views, int from, int to, double[] res) {
        double[] r2 = ws.dots;
        residuals(ws, s, row0, nb, views, from, to, r2);
        for (int b = 0; b < nb; b++) res[j0 + b] += r2[b];
    }

    /** The views' rows of {@code ws.p} ← R (b − A x); squared residuals per slice into {@code r2} (overwritten). */
    private void residuals(Workspace ws, ImageStack s, int row0, int nb, int[] views, int from, int to, double[] r2) {
        float[][] p = ws.p;
        float[] ir = g.invRowSum();
        int pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD;
        for (int vi = from; vi < to; vi++) Kernels.clear(p, views[vi] * pw, (views[vi] + 1) * pw, nb);
        Kernels.forwardTiled(g, ws.x, p, nb, views, from, to);
        java.util.Arrays.fill(r2, 0, nb, 0);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            float[] img = s.tilt(t);
            for (int bin = 0; bin < pw; bin++) {
                float[] pr = p[t * pw + bin];
                if (!g.isReal(bin)) {
                    java.util.Arrays.fill(pr, 0, nb, 0f);
                    continue;
                }
                float sc = ir[t * pw + bin];
                int src = row0 * w + bin - gu;
                for (int b = 0; b < nb; b++) {
                    float e = img[src + b * w] - pr[b];
                    r2[b] += (double) e * e;
                    pr[b] = e * sc;
                }
            }
        }
    }

    /**
     * One SIRT/SART update of a single slice on flat arrays (the engine's path for one slice):
     * a row object per voxel would cost more than it saves. Same arithmetic, in the same order,
     * as the blocked path, so a slice is the same whichever way it was made.
     */
    private void singleSlice(Workspace ws, ImageStack s, int row0, int j0, int[] views, int from, int to, float[] invCol, double[] res) {
        int nv = g.voxels(), pw = g.paddedWidth();
        float[] x = ws.flatX, p = ws.flatP, acc = ws.flatAcc;
        for (int v = 0; v < nv; v++) x[v] = ws.x[v][0];
        double r2 = 0;
        for (int vi = from; vi < to; vi++) java.util.Arrays.fill(p, views[vi] * pw, (views[vi] + 1) * pw, 0f);
        if (NativeKernels.active()) NativeKernels.forward(g, x, p, 1, views, from, to, true);
        else Kernels.forwardFlatTiled(g, x, p, views, from, to);
        for (int vi = from; vi < to; vi++) r2 += SliceKernels.residual(g, s.tilt(views[vi]), row0, views[vi], p);
        res[j0] += r2;
        if (NativeKernels.active()) NativeKernels.backRange(g, p, acc, views, from, to, 0, nv);
        else Kernels.backFlat(g, p, acc, views, from, to);
        boolean nn = params.nonNegative();
        for (int v = 0; v < nv; v++) {
            float nvl = x[v] + relax * invCol[v] * acc[v];
            if (nn) nvl = Math.max(nvl, 0f);
            if (ws.mask != null) nvl *= ws.mask[v][0];
            ws.x[v][0] = nvl;
        }
    }

    /**
     * x += λ·invCol·Aᵀp over the given views, square tile by square tile (the tile's footprint
     * keeps the detector rows it reads in cache), then constraints while the tile is in cache.
     */
    private void update(Workspace ws, int nb, int[] views, int from, int to, float[] invCol) {
        update(ws, ws.acc, nb, views, from, to, invCol, 0, 1);
    }

    /** As above for tiles {@code part, part + parts, …} (in row-major tile order), with accumulator {@code acc}. */
    private void update(Workspace ws, float[][] acc, int nb, int[] views, int from, int to, float[] invCol, int part, int parts) {
        int nx = g.nx(), nz = g.nz(), side = Kernels.SIDE;
        float[][] x = ws.x;
        int tile = 0;
        for (int k0 = 0; k0 < nz; k0 += side) {
            int k1 = Math.min(nz, k0 + side);
            for (int i0 = 0; i0 < nx; i0 += side) {
                if (tile++ % parts != part) continue;
                int i1 = Math.min(nx, i0 + side);
                Kernels.backSquare(g, ws.p, acc, nb, views, from, to, i0, i1, k0, k1);
                for (int k = k0; k < k1; k++) {
                    for (int i = i0; i < i1; i++) {
                        int v = k * nx + i;
                        float s = relax * invCol[v];
                        float[] xv = x[v], a = acc[(k - k0) * side + i - i0];
                        for (int b = 0; b < nb; b++) xv[b] += s * a[b];
                    }
                    constrain(ws, nb, k * nx + i0, k * nx + i1);
                }
            }
        }
    }

    /**
     * The native path's {@code ws.fp} rows of the views ← R (b − A x) from {@code ws.fx} (same
     * arithmetic as {@link #residuals}); squared residuals per slice into {@code r2} (overwritten).
     */
    private void residualsFlat(Workspace ws, ImageStack s, int row0, int nb, int st, int[] views, int from, int to, double[] r2) {
        float[] p = ws.fp;
        float[] ir = g.invRowSum();
        int pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD;
        for (int vi = from; vi < to; vi++) java.util.Arrays.fill(p, views[vi] * pw * st, (views[vi] + 1) * pw * st, 0f);
        NativeKernels.forward(g, ws.fx, p, st, views, from, to, true);
        java.util.Arrays.fill(r2, 0, nb, 0);
        for (int vi = from; vi < to; vi++) {
            int t = views[vi];
            float[] img = s.tilt(t);
            for (int bin = 0; bin < pw; bin++) {
                int base = (t * pw + bin) * st;
                if (!g.isReal(bin)) {
                    java.util.Arrays.fill(p, base, base + st, 0f);
                    continue;
                }
                float sc = ir[t * pw + bin];
                int src = row0 * w + bin - gu;
                for (int b = 0; b < nb; b++) {
                    float e = img[src + b * w] - p[base + b];
                    r2[b] += (double) e * e;
                    p[base + b] = e * sc;
                }
            }
        }
    }

    private void constrain(Workspace ws, int nb, int v0, int v1) {
        float[][] x = ws.x;
        if (params.nonNegative()) {
            for (int v = v0; v < v1; v++) {
                float[] xv = x[v];
                for (int b = 0; b < nb; b++) xv[b] = Math.max(xv[b], 0f);
            }
        }
        if (ws.mask != null) {
            for (int v = v0; v < v1; v++) {
                float[] xv = x[v], m = ws.mask[v];
                for (int b = 0; b < nb; b++) xv[b] *= m[b];
            }
        }
    }
}
