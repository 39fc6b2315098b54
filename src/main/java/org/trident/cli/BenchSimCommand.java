package org.trident.cli;

import org.trident.job.Progress;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code trident bench sim}: times the simulator on the reference case (a 64³ particle,
 * 29 tilts, 1024 EDS and 1100 EELS channels) with the requested threads and with one thread,
 * phase by phase, and optionally the writing of the bundle.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Time `simulate` (default: 64^3 cycled-100 particle, 29 tilts, 1024 EDS + 1100 EELS channels, low dose).")
public final class BenchSimCommand implements Callable<Integer> {
    @Option(names = "--size", description = "Grid edge (default ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--stage", description = "Stage (default ${DEFAULT-VALUE}).")
    String stage = "cycled-100";

    @Option(names = "--dose", description = "low, high or total e-/A^2 (default ${DEFAULT-VALUE}).")
    String dose = "low";

    @Option(names = "--repeat", description = "Timed runs per thread count; the fastest counts (default ${DEFAULT-VALUE}).")
    int repeat = 2;

    @Option(names = "--write", description = "Also time writing the outputs (to a temporary folder, deleted afterwards).")
    boolean write;

    @Mixin
    CommonOptions common;

    /** Records how long each phase announced through {@link Progress#start} took. */
    static final class PhaseTimer implements Progress {
        final Map<String, Long> nanos = new LinkedHashMap<>();
        private String phase;
        private long since;

        @Override public synchronized void start(String message, long total) {
            stop();
            phase = message;
            since = System.nanoTime();
        }

        synchronized void stop() {
            if (phase != null) nanos.merge(phase, System.nanoTime() - since, Long::sum);
            phase = null;
        }

        @Override public void advance(long units) {}
        @Override public boolean isCancelled() { return false; }
    }

    @Override
    public Integer call() throws Exception {
        SimulationParams p = SimulationParams.defaults(stage).withSize(size).withDose(dose).requireValid();
        System.out.printf(Locale.ROOT, "simulate %s: %d^3 voxels (oversample %d), %d tilts, %d EDS + %d EELS channels, %s dose%n",
                stage, size, p.oversample(), p.anglesDeg().length, p.edsChannels(), p.eelsChannels(), dose);
        Simulator.run(p.withSize(Math.min(size, 24)).withAngles(new double[]{0, 30}), Progress.NONE, common.threads()); // warm-up
        double tN = time(p, common.threads(), "threads=" + common.threads());
        double t1 = common.threads() > 1 ? time(p, 1, "threads=1") : tN;
        System.out.printf(Locale.ROOT, "speed-up with %d threads: %.2fx%n", common.threads(), t1 / tN);
        if (write) {
            Simulation sim = Simulator.run(p, Progress.NONE, common.threads());
            Path dir = Files.createTempDirectory("trident-bench-sim");
            try {
                long t0 = System.nanoTime();
                SimulationWriter.write(sim, dir, Progress.NONE);
                double s = (System.nanoTime() - t0) / 1e9;
                long bytes;
                try (var w = Files.walk(dir)) {
                    bytes = w.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                System.out.printf(Locale.ROOT, "writing: %.2f s for %.0f MB (%.0f MB/s)%n", s, bytes / 1e6, bytes / 1e6 / s);
            } finally {
                try (var w = Files.walk(dir)) {
                    w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        return 0;
    }

    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    private double time(SimulationParams p, int threads, String label) {
        double best = Double.MAX_VALUE;
        PhaseTimer bestTimer = null;
        double bestCpu = 0;
        for (int r = 0; r < Math.max(1, repeat); r++) {
            PhaseTimer timer = new PhaseTimer();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            Simulator.run(p, timer, threads);
            timer.stop();
            double s = (System.nanoTime() - t0) / 1e9;
            if (s < best) { best = s; bestTimer = timer; bestCpu = (cpuNanos() - c0) / 1e9; }
        }
        StringBuilder phases = new StringBuilder();
        for (var e : bestTimer.nanos.entrySet()) phases.append(String.format(Locale.ROOT, ", %s %.2f s", e.getKey(), e.getValue() / 1e9));
        // CPU time shows the work done even when other processes share the cores
        System.out.printf(Locale.ROOT, "%s: %.2f s wall, %.2f s CPU (process)%s%n", label, best, bestCpu, phases);
        return best;
    }
}
