package org.trident.cli;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.ProjectorModel;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;
import org.trident.recon.ReferenceSirt;
import org.trident.recon.SlicePreview;
import org.trident.recon.UniformDisc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code trident bench recon}: time per iteration and GUPS (giga voxel-ray updates per second:
 * forward plus back projection = 2·X·Z·tilts·Y per iteration) of the reconstruction engine, next
 * to a plain single-threaded SIRT on the same data, and peak heap against projections + volume.
 */
@Command(name = "recon", mixinStandardHelpOptions = true,
        description = "Benchmark the reconstruction engine against a plain single-threaded SIRT.")
public final class BenchReconCommand implements Callable<Integer> {
    @Option(names = "--width", description = "Tilt-image width W = volume X = Z (default: ${DEFAULT-VALUE}).")
    int width = 256;

    @Option(names = "--tilts", description = "Number of tilts, evenly spaced over ±70° (default: ${DEFAULT-VALUE}).")
    int tilts = 61;

    @Option(names = "--slices", description = "Number of slices Y (default: ${DEFAULT-VALUE}).")
    int slices = 128;

    @Option(names = "--iterations", description = "Timed iterations of the engine (default: ${DEFAULT-VALUE}).")
    int iterations = 10;

    @Option(names = "--reference-iterations", description = "Timed iterations of the plain reference (default: ${DEFAULT-VALUE}).")
    int referenceIterations = 1;

    @Option(names = "--algorithm", description = "Engine algorithm: sirt, sart, art, cgls or wbp (default: ${DEFAULT-VALUE}); the reference is always SIRT.")
    String algorithm = "sirt";

    @Option(names = "--projector", description = "Projector model: strip-area or linear (default: the engine's default, strip-area).")
    String projector;

    @Option(names = "--repeats", description = "Timed runs of the multi-threaded engine; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--kernels", description = "Projector kernels of the engine: auto, native or java (default: the trident.kernels property, else auto).")
    String kernels;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Algorithm alg = Algorithm.parse(algorithm);
        if (alg == null) throw new TridentException("unknown algorithm '" + algorithm + "'; choose wbp, art, sart, sirt or cgls");
        if (width < 8 || tilts < 2 || slices < 1 || iterations < 1 || repeats < 1) {
            throw new TridentException("choose --width >= 8, --tilts >= 2, --slices >= 1, --iterations >= 1, --repeats >= 1");
        }
        ProjectorModel model = projector == null ? ProjectorModel.DEFAULT : ProjectorModel.parse(projector);
        if (model == null) throw new TridentException("unknown projector '" + projector + "'; choose strip-area or linear");
        double[] angles = new double[tilts];
        for (int t = 0; t < tilts; t++) angles[t] = -70 + 140.0 * t / (tilts - 1);
        if (kernels != null && !kernels.equalsIgnoreCase("auto") && !kernels.equalsIgnoreCase("native") && !kernels.equalsIgnoreCase("java")) {
            throw new TridentException("unknown kernels '" + kernels + "'; choose auto, native or java");
        }
        StringBuilder kernelNote = new StringBuilder();
        String kernelSet = kernels == null ? Reconstructor.kernels() : Reconstructor.selectKernels(kernels, kernelNote);
        ImageStack data = ellipsoidProjections(width, slices, angles);
        int threads = common.threads();
        double updates = 2.0 * width * width * tilts * slices;
        out("Trident %s, bench recon: %d wide x %d tilts x %d slices, Z = %d, %s, %d core(s) available, %d thread(s)",
                Version.get(), width, tilts, slices, width, alg.label(), Runtime.getRuntime().availableProcessors(), threads);
        out("GUPS = 2·X·Z·tilts·Y = %.3g voxel-ray updates per iteration / time per iteration", updates);
        out("projector: %s; kernels: %s%s; load average at start: %s", model.label(), kernelSet,
                kernelNote.length() > 0 ? " (" + kernelNote + ")" : "", loadAverage());

        // warm the JIT on a small problem so that timings are of compiled code
        ImageStack small = ellipsoidProjections(64, 16, angles);
        ReconParams warm = ReconParams.defaults(alg).withIterations(3);
        Reconstructor warmEngine = new Reconstructor(64, 64, angles, model);
        warmEngine.reconstruct(small, 1.0, warm, threads, Progress.NONE, null);
        warmEngine.reconstruct(small, 1.0, warm, 1, Progress.NONE, null);
        ReferenceSirt.reconstruct(small, angles, 64, 2, 1.9, true, model);

        long setup0 = System.nanoTime();
        Reconstructor engine = new Reconstructor(width, width, angles, model);
        double setupMs = (System.nanoTime() - setup0) / 1e6;
        ReconParams p = ReconParams.defaults(alg).withIterations(iterations);
        int iters = alg.iterative() ? iterations : 1;

        System.gc();
        long before = heapUsed();
        HeapWatch watch = new HeapWatch();
        resetPeaks();
        double tN = Double.POSITIVE_INFINITY, cN = Double.POSITIVE_INFINITY;
        long peakPools = 0, peakSampled = 0;
        for (int rep = 0; rep < repeats; rep++) {
            long c0 = cpuNanos();
            tN = Math.min(tN, time(() -> engine.reconstruct(data, 1.0, p, threads, Progress.NONE, null)) / iters);
            cN = Math.min(cN, (cpuNanos() - c0) / 1e9 / iters);
            if (rep == 0) {
                peakPools = poolPeakSum();
                peakSampled = watch.stop();
            }
        }
        String loadAfterEngine = loadAverage();
        long c0;
        c0 = cpuNanos();
        double t1 = threads == 1 ? tN : time(() -> engine.reconstruct(data, 1.0, p, 1, Progress.NONE, null)) / iters;
        double c1 = threads == 1 ? cN : (cpuNanos() - c0) / 1e9 / iters;
        c0 = cpuNanos();
        double tRef = time(() -> ReferenceSirt.reconstruct(data, angles, width, referenceIterations, 1.9, true, model)) / referenceIterations;
        double cRef = (cpuNanos() - c0) / 1e9 / referenceIterations;

        out("");
        out("%-50s %12s %8s %8s %14s %12s", "", "s/iteration", "GUPS", "ratio", "CPU s/iter", "GUPS/CPU-s");
        out("%-50s %12.3f %8.3f %8s %14.3f %12.3f", "plain reference SIRT, 1 thread", tRef, updates / tRef / 1e9, "1.00", cRef, updates / cRef / 1e9);
        out("%-50s %12.3f %8.3f %8.2f %14.3f %12.3f", "engine " + alg.label() + " " + kernelSet + ", 1 thread", t1, updates / t1 / 1e9, tRef / t1, c1, updates / c1 / 1e9);
        out("%-50s %12.3f %8.3f %8.2f %14.3f %12.3f", "engine " + alg.label() + " " + kernelSet + ", " + threads + " thread(s)" + (repeats > 1 ? ", best of " + repeats : ""),
                tN, updates / tN / 1e9, tRef / tN, cN, updates / cN / 1e9);
        out("engine %d thread(s) vs plain reference, GUPS per CPU-second: %.1f x; %d-thread scaling (wall, 1 thread / %d): %.2f x",
                threads, cRef / cN, threads, threads, t1 / tN);
        out("issue-12 figure: engine GUPS on %d thread(s) (wall, best of %d) / reference GUPS per CPU-second = %.1f x (target 45 x, about 9 GUPS);"
                + " meaningful on an idle machine only", threads, repeats, cRef / tN);
        out("  (%d fully available core(s) at this run's GUPS per CPU-second would give %.2f GUPS, %.1f x the reference)", threads,
                updates / cN / 1e9 * threads, cRef / cN * threads);
        out("load average after the engine runs: %s; after the reference: %s", loadAfterEngine, loadAverage());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out("(system load average %.1f on %d cores: wall times include waiting for other processes; CPU time is this process's own,", load,
                Runtime.getRuntime().availableProcessors());
        out(" so GUPS/CPU-s is what one fully available core delivers)");
        out("(system matrix set-up %.0f ms, shared by all slices and channels, not counted per iteration)", setupMs);

        // the GUI's live preview: one slice, WBP, 512 wide x the same tilts
        ImageStack wide = ellipsoidProjections(512, 4, angles);
        long s0 = System.nanoTime();
        SlicePreview preview = new SlicePreview(512, 512, angles);
        double previewSetupMs = (System.nanoTime() - s0) / 1e6;
        ReconParams wbp = ReconParams.defaults(Algorithm.WBP);
        for (int i = 0; i < 5; i++) preview.slice(wide, i % 4, wbp);
        int calls = 20;
        long pc0 = threadCpuNanos();
        double previewMs = time(() -> {
            for (int i = 0; i < calls; i++) preview.slice(wide, i % 4, wbp);
        }) * 1000 / calls;
        double previewCpuMs = (threadCpuNanos() - pc0) / 1e6 / calls;
        out("slice preview (WBP, one 512 x 512 slice from %d tilts): %.1f ms per slice wall, %.1f ms CPU (set-up once: %.0f ms)",
                tilts, previewMs, previewCpuMs, previewSetupMs);
        ImageStack mid = ellipsoidProjections(256, 4, angles);
        SlicePreview preview256 = new SlicePreview(256, 256, angles);
        ReconParams sirt1 = ReconParams.defaults(Algorithm.SIRT).withIterations(1);
        // same-run baseline: the same slice through the volume engine's one-slice path (tiled block kernels)
        for (int i = 0; i < 5; i++) {
            preview256.slice(mid, i % 4, sirt1, threads);
            preview256.slice(mid, i % 4, sirt1, 1);
            preview256.slices(mid, i % 4, 1, sirt1, 1, Progress.NONE);
        }
        double[] engineSlice = previewTimes(calls, () -> {
            for (int i = 0; i < calls; i++) preview256.slices(mid, i % 4, 1, sirt1, 1, Progress.NONE);
        });
        double[] one = previewTimes(calls, () -> {
            for (int i = 0; i < calls; i++) preview256.slice(mid, i % 4, sirt1, 1);
        });
        double[] many = previewTimes(calls, () -> {
            for (int i = 0; i < calls; i++) preview256.slice(mid, i % 4, sirt1, threads);
        });
        out("slice preview (one SIRT iteration, one 256 x 256 slice from %d tilts; target <= 8 ms), load average %s:", tilts, loadAverage());
        out("  %-44s %7.1f ms wall %7.1f ms CPU (process)", "engine one-slice path, 1 thread (baseline)", engineSlice[0], engineSlice[1]);
        out("  %-44s %7.1f ms wall %7.1f ms CPU   %.2f x the baseline's CPU", "preview, 1 thread", one[0], one[1], engineSlice[1] / one[1]);
        out("  %-44s %7.1f ms wall %7.1f ms CPU   %.2f x the baseline's wall", "preview, " + threads + " thread(s), best of 3", many[0], many[1],
                engineSlice[0] / many[0]);
        texture(model, threads);

        double mb = 1 << 20;
        long projBytes = 4L * width * slices * tilts, volBytes = 4L * width * width * slices;
        long matrix = engine.geometry().bytes();
        out("");
        out("memory (JVM accounting): projections %.1f MB, volume %.1f MB, shared system matrix %.1f MB", projBytes / mb, volBytes / mb, matrix / mb);
        // what the reconstruction holds at its peak: the projections plus the growth of the heap during the run
        long peak = peakSampled - before + projBytes;
        out("  heap in use after GC just before the run (JVM, classes, projections): %.1f MB", before / mb);
        out("  peak heap during the %d-thread run (sampled MemoryMXBean every 2 ms): %.1f MB, so projections + growth = %.1f MB",
                threads, peakSampled / mb, peak / mb);
        out("    = %.2f x (projections + volume); without the shared matrix %.2f x", peak / (double) (projBytes + volBytes),
                (peak - matrix) / (double) (projBytes + volBytes));
        out("  sum of heap pool peaks (MemoryPoolMXBean; an upper bound, counts uncollected garbage): %.1f MB, projections + growth = %.1f MB",
                peakPools / mb, (peakPools - before + projBytes) / mb);
        out("  engine scratch estimate: %.1f MB (matrix + per-thread blocks)", engine.scratchBytes(slices, threads, p) / mb);
        return 0;
    }

    /**
     * The issue-12 texture figure: SIRT 50 of a uniform disc (N 129, R 40, exact strip integrals,
     * 25 tilts over ±60°), high-pass RMS inside 0.6 R and RMSE to the truth, for the chosen
     * projector and, for comparison in the same run, the other one.
     */
    private static void texture(ProjectorModel model, int threads) {
        int n = 129;
        double r = 40;
        double[] a = new double[25];
        for (int t = 0; t < a.length; t++) a[t] = -60 + 5.0 * t;
        ImageStack disc = UniformDisc.project(n, 2, r, a);
        float[] truth = UniformDisc.truth(n, r);
        out("");
        out("texture (uniform disc N %d, R %.0f, exact strip integrals, 25 tilts ±60°, SIRT 50; high-pass RMS inside 0.6 R):", n, r);
        for (ProjectorModel m : new ProjectorModel[]{model, model == ProjectorModel.STRIP ? ProjectorModel.LINEAR : ProjectorModel.STRIP}) {
            var v = new Reconstructor(n, n, a, m).reconstruct(disc, 1.0, ReconParams.defaults(Algorithm.SIRT), threads, Progress.NONE, null);
            float[] s = new float[n * n];
            for (int k = 0; k < n; k++) for (int i = 0; i < n; i++) s[k * n + i] = v.get(i, 0, k);
            out("  %-12s texture %.5f   RMSE to truth %.5f%s", m.label(), UniformDisc.texture(s, n, r), UniformDisc.rmse(s, truth),
                    m == model ? "" : "   (other model, for comparison)");
        }
        out("  (scikit-image 0.19.3 iradon_sart on the same data: texture 0.0079-0.0102, RMSE 0.074 at 10 passes; docs/reconstruction.md)");
    }

    /** Best of three runs of {@code r} (which makes {@code calls} calls): {wall ms, process CPU ms} per call. */
    private static double[] previewTimes(int calls, Runnable r) {
        double wall = Double.POSITIVE_INFINITY, cpu = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long c0 = cpuNanos();
            wall = Math.min(wall, time(r) * 1000 / calls);
            cpu = Math.min(cpu, (cpuNanos() - c0) / 1e6 / calls);
        }
        return new double[]{wall, cpu};
    }

    private static String loadAverage() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
            String[] f = s.split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : s;
        } catch (java.io.IOException | RuntimeException e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    private static void out(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Projections of a tilted ellipsoid of value 1, computed analytically (the data's content does not affect speed). */
    static ImageStack ellipsoidProjections(int w, int h, double[] angles) {
        double a = 0.35 * w, b = 0.4 * h, c = 0.25 * w;
        float[][] d = new float[angles.length][w * h];
        for (int t = 0; t < angles.length; t++) {
            double th = Math.toRadians(angles[t]), cs = Math.cos(th), sn = Math.sin(th);
            // chord of the line u(cos,0,sin) + s(-sin,0,cos) through x²/a² + y²/b² + z²/c² <= 1
            double A = sn * sn / (a * a) + cs * cs / (c * c);
            for (int row = 0; row < h; row++) {
                double y = row - (h - 1) / 2.0;
                for (int col = 0; col < w; col++) {
                    double u = col - (w - 1) / 2.0;
                    double bq = 2 * (u * cs * -sn / (a * a) + u * sn * cs / (c * c));
                    double cq = u * u * (cs * cs / (a * a) + sn * sn / (c * c)) + y * y / (b * b) - 1;
                    double disc = bq * bq - 4 * A * cq;
                    d[t][row * w + col] = disc > 0 ? (float) (Math.sqrt(disc) / A) : 0f;
                }
            }
        }
        return new ImageStack(w, h, d);
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getProcessCpuTime();
        return 0;
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }

    private static long poolPeakSum() {
        long s = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) s += pool.getPeakUsage().getUsed();
        return s;
    }

    /** Samples heap use every few milliseconds on a daemon thread and keeps the maximum. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong(heapUsed());
        private volatile boolean running = true;
        private final Thread thread;

        HeapWatch() {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(heapUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            running = false;
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Math.max(peak.get(), heapUsed());
        }
    }
}
