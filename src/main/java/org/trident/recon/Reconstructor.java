package org.trident.recon;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reconstructs volumes from aligned tilt series (contract section 1 geometry: tilt axis = image
 * y axis, volume X = image width, Y = image height, Z = thickness, default X). One instance
 * holds the system matrix for one width, thickness and set of angles and can be reused for every
 * channel, every slice range (previews) and every parameter set of the same geometry.
 *
 * <p>Values come out in the projections' units per pixel length: a uniform object of value 1
 * projected as line integrals in pixels reconstructs to about 1. No hidden rescaling.
 *
 * <p>Work is split into blocks of consecutive slices. SIRT takes one block of up to
 * {@value #SHARED_BLOCK} slices at a time and splits each pass between the threads (views in
 * the forward projection, voxel tiles in the back-projection); the other algorithms use blocks
 * of up to {@value #MAX_BLOCK} slices, as many per thread ({@link #blockSize}), threads over
 * blocks. Iterations run over all blocks, so that the whole current estimate exists after each
 * iteration (for the listener, the residual and the stopping rule). Results do not depend on the
 * thread count.
 */
public final class Reconstructor {
    /**
     * Most slices processed together by one worker. The kernels' inner loops run over the slices
     * of a block, and C2's vector loops pay off only for long runs (measured: 64 slices run
     * 1.3–1.6× faster per update than 32; docs/decisions/0004-projector-and-kernels.md).
     */
    public static final int MAX_BLOCK = 64;

    /** Slices per block for {@code slices} slices on {@code workers} threads: the same number of blocks per worker, each at most {@link #MAX_BLOCK}. */
    static int blockSize(int slices, int workers) {
        return blockSize(slices, workers, MAX_BLOCK);
    }

    /** Most slices in the one block that all threads share (SIRT). */
    static final int SHARED_BLOCK = 64;

    static int blockSize(int slices, int workers, int max) {
        long w = Math.max(1, workers);
        long blocks = w * Math.max(1, (slices + w * max - 1) / (w * max));
        return (int) Math.max(1, Math.min(max, (slices + blocks - 1) / blocks));
    }

    /**
     * The projector kernels in use: "native-avx512", "native-avx2", "native-sse2" or "java"
     * (system property {@code trident.kernels} = auto | native | java; docs/decisions/1201-native-kernels.md).
     */
    public static String kernels() {
        return NativeKernels.name();
    }

    /**
     * Chooses the kernels for this process (auto, native or java) and returns the name of the set
     * in use; when native was asked for and cannot be used, {@code note} gets one line saying why.
     */
    public static String selectKernels(String setting, StringBuilder note) {
        return NativeKernels.select(setting, note);
    }

    /** Called after every {@link #every()} iterations (and after the last) on the calling thread. */
    public interface Listener {
        default int every() { return 1; }

        /**
         * @param iteration 1-based iteration just finished
         * @param residual  ‖b − A x‖ / ‖b‖ measured during that iteration (NaN for WBP)
         * @param estimate  the live current estimate: read it, copy it if you keep it, never modify it
         */
        void onIteration(int iteration, int iterations, double residual, Volume estimate);
    }

    /** A volume with what it took to make it. */
    public record Result(Volume volume, int iterations, double[] residuals, double[] changes, boolean converged, double seconds) {
        /** The last residual, NaN for WBP. */
        public double residual() { return residuals.length == 0 ? Double.NaN : residuals[residuals.length - 1]; }
    }

    private final SliceGeometry geometry;
    private final double[] anglesDeg;
    private ViewOrder viewOrder;
    private RayMatrix rayMatrix;
    private RampFilter cachedRamp;
    private String cachedRampKey = "";

    /** A reconstructor for tilt images {@code width} pixels wide, {@code thickness} voxels thick (Z), default projector. */
    public Reconstructor(int width, int thickness, double[] anglesDeg) {
        this(width, thickness, anglesDeg, ProjectorModel.DEFAULT);
    }

    /** As above with a chosen projector model (the weights are built once here and shared by every run). */
    public Reconstructor(int width, int thickness, double[] anglesDeg, ProjectorModel model) {
        if (anglesDeg == null || anglesDeg.length == 0) throw new TridentException("there are no tilt angles to reconstruct from");
        int distinct = AngleWeights.distinct(anglesDeg);
        if (distinct < 2) {
            throw new TridentException("a reconstruction needs at least two different tilt angles, but "
                    + (anglesDeg.length == 1 ? "only one tilt was given" : "all " + anglesDeg.length + " tilts have the same angle"));
        }
        this.anglesDeg = anglesDeg.clone();
        this.geometry = new SliceGeometry(width, thickness, anglesDeg, model);
    }

    /** One-shot reconstruction of a whole stack (see the instance method). */
    public static Volume reconstruct(ImageStack projections, double[] anglesDeg, ReconParams params, int threads,
                                     Progress progress, Listener listener) {
        requireValid(params);
        return new Reconstructor(projections.width(), params.thickness(projections.width()), anglesDeg)
                .run(projections, 0, projections.height(), 1.0, params, null, threads, progress, listener).volume();
    }

    public SliceGeometry geometry() { return geometry; }

    /** The shared projector of this geometry, for forward and back-projection of single slices by other stages. */
    public SliceProjector projector() { return geometry; }

    /** The tilt angles this reconstructor was set up for, in degrees (a copy). */
    public double[] anglesDeg() { return anglesDeg.clone(); }

    /** Reconstructs all rows of {@code projections} into a volume with voxel size {@code pixelSizeNm}. */
    public Volume reconstruct(ImageStack projections, double pixelSizeNm, ReconParams params, int threads,
                              Progress progress, Listener listener) {
        return run(projections, 0, projections.height(), pixelSizeNm, params, null, threads, progress, listener).volume();
    }

    /**
     * Reconstructs detector rows {@code [y0, y1)} (volume slices j = row − y0).
     *
     * @param support optional support mask in the output volume's layout (true = may be non-zero), or null
     */
    public Result run(ImageStack projections, int y0, int y1, double pixelSizeNm, ReconParams params,
                      boolean[] support, int threads, Progress progress, Listener listener) {
        long start = System.nanoTime();
        requireValid(params);
        if (params.algorithm().lowDose()) {
            return LowDose.run(geometry.nz(), anglesDeg, projections, y0, y1, pixelSizeNm, params, LowDoseParams.defaults(), support, threads, progress).result();
        }
        int w = geometry.width(), nz = geometry.nz();
        if (params.thickness(w) != nz) throw new TridentException("this reconstructor was set up for a thickness of " + nz
                + " voxels, but the settings ask for " + params.thickness(w));
        if (projections.width() != w) throw new TridentException("the tilt images are " + projections.width()
                + " pixels wide, but this reconstructor was set up for " + w);
        if (projections.tilts() != anglesDeg.length) throw new TridentException("there are " + projections.tilts()
                + " tilt images but " + anglesDeg.length + " tilt angles");
        if (y0 < 0 || y1 > projections.height() || y1 <= y0) throw new TridentException("rows " + y0 + " to " + (y1 - 1)
                + " are not inside images of height " + projections.height());
        int[] bad = firstNonFinite(projections, y0, y1);
        if (bad != null) throw new TridentException("tilt " + bad[0] + " has a value that is not a number at x=" + bad[1] + ", y=" + bad[2]
                + "; remove NaN and infinite values before reconstructing");
        int ny = y1 - y0, nx = geometry.nx();
        if (support != null && support.length != (long) nx * ny * nz) throw new TridentException("the support mask holds "
                + support.length + " voxels but the volume has " + (long) nx * ny * nz);
        Volume vol = Volume.zeros(nx, ny, nz, pixelSizeNm);
        Algorithm alg = params.algorithm();
        int workers = Math.max(1, threads);
        // SIRT: one block at a time, each pass split between the threads
        // (views in the forward, tiles in the back), so blocks can be twice as long
        boolean shared = alg == Algorithm.SIRT && ny > 1;
        int nb = shared ? blockSize(ny, 1, SHARED_BLOCK) : blockSize(ny, workers);
        List<int[]> blocks = new ArrayList<>();
        for (int j = 0; j < ny; j += nb) blocks.add(new int[]{j, Math.min(nb, ny - j)});
        if (!shared) workers = Math.min(workers, blocks.size());
        int poolSize = shared ? 1 : workers;
        final int threadCount = workers;

        ViewOrder order = alg == Algorithm.SART ? viewOrder(params.subsets()) : null;
        RayMatrix rays = alg == Algorithm.ART ? rayMatrix() : null;
        BlockSolver solver = new BlockSolver(geometry, params, order, rays);
        Cgls cgls = alg == Algorithm.CGLS ? new Cgls(geometry, blocks.size()) : null;
        final int nbFinal = nb;
        BlockingQueue<Workspace> pool = new ArrayBlockingQueue<>(poolSize);
        // SIRT and SART run on flat blocks when the native kernels are in use (NativeKernels)
        boolean nativeFlat = NativeKernels.active() && (alg == Algorithm.SIRT || alg == Algorithm.SART);
        for (int q = 0; q < poolSize; q++) {
            Workspace ws = new Workspace(geometry, nb, support != null, alg == Algorithm.WBP ? ramp(params) : null, alg == Algorithm.CGLS,
                    nativeFlat);
            pool.add(shared ? ws.shared(workers) : ws);
        }
        int iterations = alg.iterative() ? params.iterations() : 1;
        int[] rayOrder = rays != null ? new int[rays.rays] : null;
        double[] res = new double[ny], change = new double[ny], norm = new double[ny], meas2 = new double[ny];
        double measNorm = measuredNorm2(projections, y0, y1, meas2);
        double[] residuals = new double[iterations], changes = new double[iterations];
        int done = 0;
        boolean converged = false;
        progress.start("reconstructing (" + alg.label() + ")", (long) iterations * blocks.size());
        ExecutorService exec = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "trident-recon");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (int it = 0; it < iterations; it++) {
                progress.checkCancelled();
                java.util.Arrays.fill(res, 0);
                java.util.Arrays.fill(change, 0);
                java.util.Arrays.fill(norm, 0);
                if (rayOrder != null) solver.rayOrder(it, rayOrder);
                final int iter = it;
                List<Runnable> tasks = new ArrayList<>(blocks.size());
                for (int[] blk : blocks) {
                    tasks.add(() -> {
                        progress.checkCancelled();
                        Workspace ws = pool.poll();
                        try {
                            int j0 = blk[0], n = blk[1];
                            int st = NativeKernels.stride(n);
                            if (ws.fx != null) {
                                // native SIRT/SART: the block lives in the flat layout only
                                if (ws.fm != null) Blocks.gatherMaskFlat(support, nx, ny, nz, j0, n, st, ws.fm);
                                // shared block: the threads gather and scatter it by slices (each slice's sums by one thread)
                                int lanes = shared && exec != null ? Math.min(threadCount, n) : 1;
                                List<Runnable> in = new ArrayList<>(lanes);
                                for (int q = 0; q < lanes; q++) {
                                    int b0 = q * n / lanes, b1 = (q + 1) * n / lanes;
                                    in.add(() -> NativeKernels.gather(vol.data(), nx, ny, nz, j0, n, st, ws.fx, b0, b1));
                                }
                                runAll(lanes > 1 ? exec : null, in);
                                if (alg == Algorithm.SIRT) {
                                    if (shared) solver.sirtShared(ws, projections, y0 + j0, j0, n, res, sharedRunner(exec));
                                    else solver.sirt(ws, projections, y0 + j0, j0, n, res);
                                } else {
                                    solver.sart(ws, projections, y0 + j0, j0, n, iter, res, progress);
                                }
                                List<Runnable> out = new ArrayList<>(lanes);
                                for (int q = 0; q < lanes; q++) {
                                    int b0 = q * n / lanes, b1 = (q + 1) * n / lanes;
                                    out.add(() -> NativeKernels.scatter(ws.fx, st, vol.data(), nx, ny, nz, j0, n, change, norm, b0, b1));
                                }
                                runAll(lanes > 1 ? exec : null, out);
                                progress.advance(1);
                                return;
                            }
                            if (ws.mask != null) Blocks.gatherMask(support, nx, ny, nz, j0, n, ws.mask);
                            if (alg == Algorithm.WBP) {
                                solver.wbp(ws, projections, y0 + j0, n);
                            } else {
                                Blocks.gatherVolume(vol.data(), nx, ny, nz, j0, n, ws.x);
                                switch (alg) {
                                    case SIRT -> {
                                        if (shared) solver.sirtShared(ws, projections, y0 + j0, j0, n, res, sharedRunner(exec));
                                        else solver.sirt(ws, projections, y0 + j0, j0, n, res);
                                    }
                                    case SART -> solver.sart(ws, projections, y0 + j0, j0, n, iter, res, progress);
                                    case ART -> solver.art(ws, projections, y0 + j0, j0, n, rayOrder, res, progress);
                                    case CGLS -> cgls.iterate(ws, blk[0] / nbFinal, projections, y0 + j0, j0, n, res);
                                    default -> throw new IllegalStateException(alg.name());
                                }
                            }
                            Blocks.scatterVolume(ws.x, vol.data(), nx, ny, nz, j0, n, change, norm);
                        } finally {
                            pool.add(ws);
                        }
                        progress.advance(1);
                    });
                }
                runAll(shared ? null : exec, tasks); // shared: the blocks in turn, each split over exec
                done = it + 1;
                double r = alg.iterative() ? Math.sqrt(sum(res) / Math.max(measNorm, 1e-300)) : Double.NaN;
                double c = Math.sqrt(sum(change) / Math.max(sum(norm), 1e-300));
                residuals[it] = r;
                changes[it] = c;
                if (alg.iterative()) {
                    progress.message(String.format(java.util.Locale.ROOT, "iteration %d/%d, residual %.4g, change %.3g", done, iterations, r, c));
                }
                converged = params.tolerance() > 0 && it > 0 && c < params.tolerance();
                if (listener != null && (done % Math.max(1, listener.every()) == 0 || done == iterations || converged)) {
                    listener.onIteration(done, iterations, r, vol);
                }
                if (converged) break;
            }
        } finally {
            if (exec != null) exec.shutdownNow();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Result(vol, done, java.util.Arrays.copyOf(residuals, done), java.util.Arrays.copyOf(changes, done), converged, secs);
    }

    /** Runs one pass's parts on {@code exec}, its size the pass's parallelism. */
    private static BlockSolver.Runner sharedRunner(ExecutorService exec) {
        return tasks -> runAll(exec, tasks);
    }

    private static void runAll(ExecutorService exec, List<Runnable> tasks) {
        if (exec == null) {
            for (Runnable r : tasks) r.run();
            return;
        }
        List<Future<?>> fs = new ArrayList<>(tasks.size());
        for (Runnable r : tasks) fs.add(exec.submit(r));
        RuntimeException first = null;
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (first == null) {
                    first = c instanceof RuntimeException re ? re : new TridentException("reconstruction failed: " + c, c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        if (first != null) throw first;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }

    private static double measuredNorm2(ImageStack s, int y0, int y1, double[] perSlice) {
        int w = s.width();
        double total = 0;
        for (int t = 0; t < s.tilts(); t++) {
            float[] img = s.tilt(t);
            for (int y = y0; y < y1; y++) {
                double a = 0;
                for (int x = 0; x < w; x++) a += (double) img[y * w + x] * img[y * w + x];
                perSlice[y - y0] += a;
                total += a;
            }
        }
        return total;
    }

    private static int[] firstNonFinite(ImageStack s, int y0, int y1) {
        int w = s.width();
        for (int t = 0; t < s.tilts(); t++) {
            float[] img = s.tilt(t);
            for (int q = y0 * w; q < y1 * w; q++) if (!Float.isFinite(img[q])) return new int[]{t, q % w, q / w};
        }
        return null;
    }

    static void requireValid(ReconParams p) {
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("cannot reconstruct: " + String.join(" ", problems));
    }

    synchronized ViewOrder viewOrder(int subsets) {
        int count = subsets <= 0 ? geometry.tilts() : Math.min(subsets, geometry.tilts());
        if (viewOrder == null || viewOrder.count != count) viewOrder = new ViewOrder(geometry, subsets);
        return viewOrder;
    }

    private synchronized RayMatrix rayMatrix() {
        if (rayMatrix == null) rayMatrix = new RayMatrix(geometry);
        return rayMatrix;
    }

    synchronized RampFilter ramp(ReconParams p) {
        String key = p.filter() + "/" + p.filterCutoff();
        if (cachedRamp == null || !cachedRampKey.equals(key)) {
            cachedRamp = new RampFilter(geometry.width(), p.filter(), p.filterCutoff());
            cachedRampKey = key;
        }
        return cachedRamp;
    }

    /** Bytes of the shared matrix and of one run's scratch with {@code threads} workers over {@code slices} slices. */
    public long scratchBytes(int slices, int threads, ReconParams params) {
        boolean shared = params.algorithm() == Algorithm.SIRT && slices > 1;
        int nb = shared ? blockSize(slices, 1, SHARED_BLOCK) : blockSize(slices, threads);
        boolean flat = NativeKernels.active() && (params.algorithm() == Algorithm.SIRT || params.algorithm() == Algorithm.SART);
        long b = geometry.bytes() + (shared ? Workspace.bytes(geometry, nb, false, flat) + (threads - 1L) * Kernels.TILE * (4L * nb + 20)
                : Math.min(threads, (slices + nb - 1) / nb) * Workspace.bytes(geometry, nb, false, flat));
        if (params.algorithm() == Algorithm.SART) b += 4L * geometry.voxels() * Math.max(1, params.subsets() <= 0 ? geometry.tilts() : params.subsets());
        if (params.algorithm() == Algorithm.ART) b += 16L * geometry.voxels() * geometry.tilts();
        return b;
    }
}
