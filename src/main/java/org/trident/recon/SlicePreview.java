package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Fast reconstruction of one slice (or a few) for live previews: the system matrix is built once
 * for a width, thickness and set of angles and reused for every call, so a slider can drive
 * {@link #slice}. A slice is the x-z plane of one detector row {@code y}: X·Z floats with x
 * fastest, row {@code k} (z index) after row {@code k-1}, same values as the full volume's slice j.
 * Thread-safe: concurrent calls share only immutable data.
 *
 * <p>One slice gains nothing from the slice-interleaved blocks of the volume engine, so SIRT,
 * SART and WBP of a single slice run here on a few flat arrays allocated per call (no volume,
 * no row object per voxel), with {@link SliceKernels} or, for SIRT with the native kernels,
 * the mirror-pair kernels of {@link NativeKernels#pairForward} and {@link NativeKernels#pairUpdate}
 * (docs/decisions/1202-preview-pair-kernels.md): the same matrix and updates as the engine, so
 * the slice equals the full volume's to float rounding. Threads come from one shared daemon pool.
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
     * Slice {@code row} with {@code params} on {@code threads} threads (the calling thread and up
     * to {@code threads − 1} helpers from a shared daemon pool); the result does not depend on
     * {@code threads}.
     */
    public float[] slice(ImageStack projections, int row, ReconParams params, int threads) {
        return preview(projections, row, params, threads, Progress.NONE).values();
    }

    /**
     * A previewed slice: X·Z floats, x fastest; the iterations run and the engine's residual
     * {@code ‖b − A x‖ / ‖b‖} of the last one (measured during it, before its update; NaN for WBP).
     */
    public record Slice(float[] values, int iterations, double residual) {}

    /**
     * Slice {@code row} with {@code params}: SIRT, SART and WBP on this class's flat one-slice
     * kernels, every other algorithm (ART, CGLS, the low-dose methods) through the volume engine
     * on one slice. {@code progress} is checked for cancellation once per iteration.
     */
    public Slice preview(ImageStack projections, int row, ReconParams params, int threads, Progress progress) {
        Algorithm a = params.algorithm();
        if (progress == null) progress = Progress.NONE;
        if (a == Algorithm.SIRT || a == Algorithm.SART || a == Algorithm.WBP) {
            params = withOwnThickness(projections, params);
            checkRows(projections, row, 1);
            Reconstructor.requireValid(params);
            checkInput(projections, row);
            return flat(projections, row, params, threads, progress);
        }
        params = withOwnThickness(projections, params);
        checkRows(projections, row, 1);
        Reconstructor.Result r = reconstructor.run(projections, row, row + 1, 1.0, params, null, threads, progress, null);
        return new Slice(r.volume().data(), r.iterations(), r.residual());
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
     * One slice on flat arrays: the same updates as {@link BlockSolver}'s single-slice path, equal
     * to float rounding (other orders of additions). SIRT with the native kernels runs by mirror
     * pairs (docs/decisions/1202-preview-pair-kernels.md): the forward with its residual by units
     * of {@link SliceKernels#mirrorUnits}, the back-projection with its update by voxel row pairs
     * {@code (k, Z−1−k)}. With {@code threads} > 1 each pass is cut into fixed ranges (units, row
     * pairs, views or voxels) that the threads claim; every value is computed by one thread in a
     * fixed order, so the result does not depend on the number of threads. SIRT allocates nothing
     * per iteration (SART a few small lambdas per subset).
     */
    private Slice flat(ImageStack s, int row, ReconParams params, int threads, Progress progress) {
        SliceGeometry g = reconstructor.geometry();
        int nv = g.voxels(), pw = g.paddedWidth(), w = g.width(), gu = SliceGeometry.GUARD, nt = g.tilts();
        float[] x = new float[nv], p = new float[nt * pw];
        int[] all = Kernels.allViews(nt);
        try (Team team = new Team(Math.max(1, Math.min(threads, g.nz())))) {
            if (params.algorithm() == Algorithm.WBP) {
                RampFilter ramp = reconstructor.ramp(params);
                float[] vw = g.viewWeights();
                boolean nn = params.nonNegative();
                team.run(all.length, (lo, hi) -> {
                    float[] buf = new float[ramp.paddedLength()];
                    for (int t = lo; t < hi; t++) ramp.apply(s.tilt(t), row * w, vw[t], p, t * pw + gu, buf);
                });
                team.run(nv, (v0, v1) -> {
                    SliceKernels.back(g, p, x, all, 0, all.length, v0, v1);
                    if (nn) for (int v = v0; v < v1; v++) x[v] = Math.max(x[v], 0f);
                });
                return new Slice(x, 1, Double.NaN);
            }
            double measNorm = 0;
            for (int t = 0; t < nt; t++) {
                float[] img = s.tilt(t);
                double a = 0;
                for (int q = row * w; q < (row + 1) * w; q++) a += (double) img[q] * img[q];
                measNorm += a;
            }
            ViewOrder order = params.algorithm() == Algorithm.SART ? reconstructor.viewOrder(params.subsets()) : null;
            float relax = (float) params.relaxation();
            boolean nn = params.nonNegative();
            boolean stopRule = params.tolerance() > 0;
            float[] prev = stopRule ? new float[nv] : null;
            double[] r2 = new double[nt];
            boolean pairs = order == null && NativeKernels.active();
            float[] acc = new float[nv];
            Part fwd, upd;
            int fwdN, updN;
            if (pairs) { // native SIRT by mirror pairs: measured rows in p's padded layout once per call
                float[] meas = new float[nt * pw];
                for (int t = 0; t < nt; t++) System.arraycopy(s.tilt(t), row * w, meas, t * pw + gu, w);
                fwd = (lo, hi) -> NativeKernels.pairForward(g, x, p, meas, first, second, lo, hi, r2);
                upd = (lo, hi) -> NativeKernels.pairUpdate(g, p, x, first, second, g.invColSum(), relax, nn, lo, hi, acc);
                fwdN = first.length;
                updN = (g.nz() + 1) / 2;
            } else if (order == null) { // Java SIRT: mirror pairs share their entries in the forward
                fwd = (lo, hi) -> {
                    for (int u = lo; u < hi; u++) {
                        clear(p, first[u], pw);
                        if (second[u] >= 0) clear(p, second[u], pw);
                    }
                    SliceKernels.forwardUnits(g, first, second, x, p, lo, hi);
                    for (int u = lo; u < hi; u++) {
                        r2[first[u]] = residual(s, row, first[u], p);
                        if (second[u] >= 0) r2[second[u]] = residual(s, row, second[u], p);
                    }
                };
                float[] invCol = g.invColSum();
                upd = (v0, v1) -> {
                    SliceKernels.back(g, p, acc, all, 0, all.length, v0, v1);
                    update(x, acc, invCol, relax, nn, v0, v1);
                };
                fwdN = first.length;
                updN = nv;
            } else {
                fwd = upd = null;
                fwdN = updN = 0;
            }
            int it = 0;
            double residual = Double.NaN;
            while (it < params.iterations()) {
                progress.checkCancelled();
                if (stopRule) System.arraycopy(x, 0, prev, 0, nv);
                double res2 = 0;
                if (order == null) {
                    java.util.Arrays.fill(r2, 0);
                    team.run(fwdN, fwd);
                    for (int t = 0; t < nt; t++) res2 += r2[t];
                    team.run(updN, upd);
                } else { // SART / OS-SART: subset by subset, views of a subset split between the threads
                    for (int q : order.order(it, params.randomOrder(), params.seed())) {
                        int from = order.start[q], to = order.start[q + 1];
                        float[] invCol = order.invCol[q];
                        java.util.Arrays.fill(r2, 0);
                        team.run(to - from, (lo, hi) -> {
                            for (int vi = from + lo; vi < from + hi; vi++) clear(p, order.views[vi], pw);
                            SliceKernels.forward(g, x, p, order.views, from + lo, from + hi);
                            for (int vi = from + lo; vi < from + hi; vi++) r2[order.views[vi]] = residual(s, row, order.views[vi], p);
                        });
                        for (int vi = from; vi < to; vi++) res2 += r2[order.views[vi]];
                        team.run(nv, (v0, v1) -> {
                            SliceKernels.back(g, p, acc, order.views, from, to, v0, v1);
                            update(x, acc, invCol, relax, nn, v0, v1);
                        });
                    }
                }
                residual = Math.sqrt(res2 / Math.max(measNorm, 1e-300));
                it++;
                if (stopRule && it > 1 && converged(prev, x, params.tolerance())) break;
            }
            return new Slice(x, it, residual);
        }
    }

    private static void update(float[] x, float[] acc, float[] invCol, float relax, boolean nn, int v0, int v1) {
        for (int v = v0; v < v1; v++) {
            float nvl = x[v] + relax * invCol[v] * acc[v];
            x[v] = nn ? Math.max(nvl, 0f) : nvl;
        }
    }

    private static void clear(float[] p, int t, int pw) {
        java.util.Arrays.fill(p, t * pw, (t + 1) * pw, 0f);
    }

    private double residual(ImageStack s, int row, int t, float[] p) {
        return SliceKernels.residual(reconstructor.geometry(), s.tilt(t), row, t, p);
    }

    /** A range {@code [lo, hi)} of one pass's work. */
    private interface Part {
        void run(int lo, int hi);
    }

    /** Helper threads of every preview: daemons, created when needed, kept 30 s when idle. */
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "trident-preview");
                t.setDaemon(true);
                return t;
            });

    /**
     * The threads of one call: the caller and up to {@code parts − 1} helpers from {@link #POOL}.
     * A pass {@code [0, n)} is cut into fixed ranges that whoever is free claims; the caller runs
     * any range no helper has claimed, so a late or busy helper only costs time, never blocks.
     * Passes allocate nothing; helpers spin briefly between passes, then park.
     */
    private static final class Team implements AutoCloseable {
        private static final int SPIN = 5_000;
        private final int parts;
        private final AtomicLong ticket = new AtomicLong(); // pass << 32 | next range to claim
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReferenceArray<Thread> helpers;
        private final Thread caller = Thread.currentThread();
        private volatile boolean closed;
        private volatile Throwable failure;
        private long pass;
        private Part task; // of the current pass: written before its ticket is published
        private int n, k;

        Team(int parts) {
            this.parts = parts;
            this.helpers = new AtomicReferenceArray<>(Math.max(0, parts - 1));
            for (int j = 0; j < parts - 1; j++) {
                int slot = j;
                POOL.execute(() -> help(slot));
            }
        }

        /** Runs {@code part} over {@code [0, n)} cut into up to {@code parts} ranges; returns when all are done. */
        void run(int n, Part part) {
            int kk = Math.min(parts, Math.max(1, n));
            if (kk == 1) {
                part.run(0, n);
                return;
            }
            this.task = part;
            this.n = n;
            this.k = kk;
            done.set(0);
            long me = ++pass;
            ticket.set(me << 32);
            for (int j = 0; j < helpers.length(); j++) {
                Thread h = helpers.get(j);
                if (h != null) LockSupport.unpark(h);
            }
            work(me);
            for (int spin = 0; done.get() < kk; spin++) {
                if (spin < SPIN) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 100_000);
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof RuntimeException re) throw re;
                if (f instanceof Error e) throw e;
                throw new TridentException("preview failed: " + f, f);
            }
        }

        /** Claims and runs ranges of pass {@code me} until none is left. */
        private void work(long me) {
            while (true) {
                long t = ticket.get();
                if ((t >>> 32) != me || (int) t >= k) return;
                if (!ticket.compareAndSet(t, t + 1)) continue;
                int j = (int) t;
                try {
                    task.run((int) ((long) n * j / k), (int) ((long) n * (j + 1) / k));
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                }
                if (done.incrementAndGet() == k) LockSupport.unpark(caller);
            }
        }

        private void help(int slot) {
            helpers.set(slot, Thread.currentThread());
            long seen = 0;
            try {
                for (int spin = 0; !closed; ) {
                    long p = ticket.get() >>> 32;
                    if (p != seen) {
                        seen = p;
                        work(p);
                        spin = 0;
                    } else if (spin++ < SPIN) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(this, 1_000_000);
                    }
                }
            } finally {
                helpers.set(slot, null);
            }
        }

        @Override
        public void close() {
            closed = true;
            for (int j = 0; j < helpers.length(); j++) {
                Thread h = helpers.get(j);
                if (h != null) LockSupport.unpark(h);
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
