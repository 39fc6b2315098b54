package org.trident.cli;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;
import org.trident.recon.Algorithm;
import org.trident.recon.FusedReconstruction;
import org.trident.recon.LowDoseParams;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;
import org.trident.recon.VolumeProjector;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code trident bench fused}: times the fused reconstruction of the case (a 64³
 * particle, 41 tilts, 6 count channels + HAADF) against plain SIRT of the same six channels in
 * the same run. The channels are Poisson counts (about 2 per particle pixel per tilt) of the
 * simulated cycled-100 particle's densities (Ni, Co, Mn, O, Li and the Ni+Mn sum, named after
 * six elements), projected with the engine's projector: a speed figure, not an accuracy one.
 */
@Command(name = "fused", mixinStandardHelpOptions = true,
        description = "Time `reconstruct --algorithm fused` (default: 64^3, 41 tilts, 6 count channels + HAADF, 150 iterations) against SIRT of the same channels.")
public final class BenchFusedCommand implements Callable<Integer> {
    @Option(names = "--size", description = "Grid edge (default ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--tilts", description = "Tilts over -70..70 degrees (default ${DEFAULT-VALUE}).")
    int tilts = 41;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        double step = 140.0 / (tilts - 1);
        SimulationParams sp = SimulationParams.defaults("cycled-100").withSize(size).withSpectra(false, false).withNoise(false)
                .withAngles(SimulationParams.angles(-70, 70 + 1e-9, step));
        double[] angles = sp.anglesDeg();
        Map<String, Volume> truth = Simulator.run(sp, Progress.NONE, common.threads()).truth().volumes();
        String[] from = {"density-Ni", "density-Co", "density-Mn", "density-O", "density-Li", "density-Ni"};
        String[] el = {"Ni", "Co", "Mn", "O", "Fe", "Cu"};
        VolumeProjector p = new VolumeProjector(size, size, size, angles, common.threads());
        SplittableRandom r = new SplittableRandom(1);
        List<FusedReconstruction.Input> in = new ArrayList<>();
        float[][] haadf = p.newProjections();
        for (int c = 0; c < 6; c++) {
            float[] x = truth.get(from[c]).data().clone();
            if (c == 5) { float[] mn = truth.get("density-Mn").data(); for (int i = 0; i < x.length; i++) x[i] += mn[i]; }
            float[][] q = p.newProjections();
            p.forward(x, q);
            double max = 0;
            for (float[] t : q) for (float v : t) max = Math.max(max, v);
            double scale = 4.0 / Math.max(max, 1e-9);
            double zg = Math.pow(org.trident.spectra.XrayLines.Z.get(el[c]), 1.7);
            for (int t = 0; t < q.length; t++) {
                for (int i = 0; i < q[t].length; i++) {
                    haadf[t][i] += (float) (zg * q[t][i] * 50);
                    q[t][i] = poisson(r, q[t][i] * scale);
                }
            }
            in.add(new FusedReconstruction.Input("EDS:" + el[c], el[c], new ImageStack(size, size, q)));
        }
        ImageStack h = new ImageStack(size, size, haadf);
        System.out.printf(Locale.ROOT, "bench fused: %d^3, %d tilts, 6 count channels + HAADF, %d thread(s); load average before: %s%n",
                size, angles.length, common.threads(), loadAverage());
        ReconParams fusedP = ReconParams.defaults(Algorithm.FUSED);
        long t0 = System.nanoTime(), c0 = cpuNanos();
        FusedReconstruction.run(h, in, Map.of(), angles, size, fusedP, LowDoseParams.defaults(), null, common.threads(), Progress.NONE);
        double fused = (System.nanoTime() - t0) / 1e9, fusedCpu = (cpuNanos() - c0) / 1e9;
        ReconParams sirt = ReconParams.defaults(Algorithm.SIRT).withNonNegative(false);
        Reconstructor rec = new Reconstructor(size, size, angles);
        t0 = System.nanoTime();
        c0 = cpuNanos();
        for (FusedReconstruction.Input i : in) rec.reconstruct(i.images(), 1.0, sirt, common.threads(), Progress.NONE, null);
        double base = (System.nanoTime() - t0) / 1e9, baseCpu = (cpuNanos() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "fused, %d iterations: %.1f s wall, %.1f s CPU of this process (%.3f s wall per iteration)%n",
                fusedP.iterations(), fused, fusedCpu, fused / fusedP.iterations());
        System.out.printf(Locale.ROOT, "baseline: SIRT %d iterations of the same 6 channels: %.1f s wall, %.1f s CPU; ratio fused/SIRT %.2f wall, %.2f CPU%n",
                sirt.iterations(), base, baseCpu, fused / base, fusedCpu / Math.max(baseCpu, 1e-9));
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        return 0;
    }

    /** CPU time of this process (all threads), independent of the other jobs on the machine. */
    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0L;
    }

    private static float poisson(SplittableRandom r, double mean) {
        if (mean > 30) return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        double l = Math.exp(-mean), prod = 1;
        int k = 0;
        do { k++; prod *= r.nextDouble(); } while (prod > l);
        return k - 1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
