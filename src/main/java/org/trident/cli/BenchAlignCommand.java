package org.trident.cli;

import org.trident.align.AlignParams;
import org.trident.align.Aligner;
import org.trident.align.Alignment;
import org.trident.align.Alignments;
import org.trident.align.Families;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;
import org.trident.sim.Misalignment;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trident bench align}: seconds to align a simulated misaligned series (default 116 tilts
 * of 256², the size of issue 13's liquid-cell series) next to the seconds of its SIRT-20
 * reconstruction in the same run, their ratio, CPU seconds and the load average, and how close
 * the alignment came to the simulator's truth.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Benchmark alignment against a SIRT-20 reconstruction of the same series (same run).")
public final class BenchAlignCommand implements Callable<Integer> {
    @Option(names = "--size", description = "Image size N (N x N px; default: ${DEFAULT-VALUE}).")
    int size = 256;

    @Option(names = "--tilts", description = "Number of tilts, evenly spaced over ±70° (default: ${DEFAULT-VALUE}).")
    int tilts = 116;

    @Option(names = "--dose", description = "Simulated dose: low, very-low or high (default: ${DEFAULT-VALUE}).")
    String dose = "high";

    @Option(names = "--neighbour", description = "Add a second particle half outside the field (clutter).")
    boolean neighbour;

    @Option(names = "--seed", description = "Random seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--bin", description = "Alignment's --bin (default: the align step's own default).")
    Integer bin;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (size < 16 || tilts < 3) throw new TridentException("choose --size >= 16 and --tilts >= 3");
        int threads = common.threads();
        double[] angles = new double[tilts];
        for (int t = 0; t < tilts; t++) angles[t] = -70 + 140.0 * t / (tilts - 1);
        out("Trident %s, bench align: %d tilts of %d x %d px (±70°), dose %s%s, %d core(s), %d thread(s); load average at start: %s",
                Version.get(), tilts, size, size, dose, neighbour ? ", neighbour" : "", Runtime.getRuntime().availableProcessors(), threads, loadAverage());
        long s0 = System.nanoTime();
        SimulationParams sp = SimulationParams.defaults("pristine").withSize(size).withAngles(angles).withSpectra(false, false)
                .withDose(dose).withSeed(seed).withNeighbour(neighbour).withMisalignment(Misalignment.defaults()).requireValid();
        Simulation sim = Simulator.run(sp, Progress.NONE, threads);
        TiltSeries ts = sim.series();
        out("simulated in %.1f s", (System.nanoTime() - s0) / 1e9);

        AlignParams ap = bin == null ? AlignParams.defaults() : AlignParams.defaults().withBin(bin);
        long c0 = cpuNanos(), a0 = System.nanoTime();
        Aligner.Result r = Aligner.estimate(ts, null, ap, null, threads, Progress.NONE);
        double alignS = (System.nanoTime() - a0) / 1e9, alignCpu = (cpuNanos() - c0) / 1e9;
        String loadAlign = loadAverage();
        Alignment truth = Alignment.fromJson(sim.misalignment().alignmentJson(), null);
        double rms = Families.residualRms(r.alignment(), truth, ts.tiltAnglesDeg());
        double axis = r.alignment().tiltAxisRotationDeg() - truth.tiltAxisRotationDeg();

        ImageStack aligned = Alignments.apply(ts.adf().images(), r.alignment(), org.trident.align.Interpolation.CUBIC, threads, Progress.NONE);
        ReconParams rp = ReconParams.defaults(Algorithm.SIRT).withIterations(20);
        c0 = cpuNanos();
        long r0 = System.nanoTime();
        Reconstructor.reconstruct(aligned, ts.tiltAnglesDeg(), rp, threads, Progress.NONE, null);
        double reconS = (System.nanoTime() - r0) / 1e9, reconCpu = (cpuNanos() - c0) / 1e9;

        out("");
        out("%-34s %10s %10s", "", "wall s", "CPU s");
        out("%-34s %10.1f %10.1f", "align (auto: " + r.alignment().extra().path("methods").asText() + ")", alignS, alignCpu);
        out("%-34s %10.1f %10.1f", "SIRT-20 reconstruction, all rows", reconS, reconCpu);
        out("align / SIRT-20: %.2f x wall, %.2f x CPU (target: at most 2 x)", alignS / reconS, alignCpu / reconCpu);
        out("load average after align: %s; after SIRT-20: %s", loadAlign, loadAverage());
        out("accuracy against the simulator's truth: residual shifts %.3f px RMS, axis rotation %.3f° (truth %.2f°, error %+.3f°)",
                rms, r.alignment().tiltAxisRotationDeg(), truth.tiltAxisRotationDeg(), axis);
        r.notes().forEach(n -> out("  %s", n));
        return 0;
    }

    private static void out(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
