package org.trident.cli;

import org.trident.job.Progress;
import org.trident.model.TridentException;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;
import org.trident.spectra.EdsStage;
import org.trident.spectra.LeastSquares;
import org.trident.spectra.QuantModel;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;
import org.trident.spectra.Quantifier;
import org.trident.spectra.References;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trident bench quant}: times {@code quantify} (EDS fit + EELS white lines + MLLS) on a
 * simulated series held in memory, and compares the per-pixel step with a plain per-pixel
 * least-squares solve (normal equations formed and solved for every pixel).
 */
@Command(name = "quant", mixinStandardHelpOptions = true,
        description = "Time spectral quantification on a simulated series (default 64x64 px, 41 tilts, 1024 EDS and 800 EELS channels).")
public final class BenchQuantCommand implements Callable<Integer> {
    @Option(names = "--size", description = "Image edge in pixels (default: ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--tilts", description = "Number of tilts over ±70° (default: ${DEFAULT-VALUE}).")
    int tilts = 41;

    @Option(names = "--eds-channels", description = "EDS channels of 10 eV (default: ${DEFAULT-VALUE}).")
    int edsChannels = 1024;

    @Option(names = "--eels-channels", description = "EELS channels of 0.5 eV from 450 eV (default: ${DEFAULT-VALUE}).")
    int eelsChannels = 800;

    @Option(names = "--repeats", description = "Timed runs; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats = 2;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (size < 8 || tilts < 1 || repeats < 1) throw new TridentException("choose --size >= 8, --tilts >= 1, --repeats >= 1");
        double[] angles = new double[tilts];
        for (int t = 0; t < tilts; t++) angles[t] = tilts == 1 ? 0 : -70 + 140.0 * t / (tilts - 1);
        long t0 = System.nanoTime();
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(size).withAngles(angles)
                .withEdsAxis(edsChannels, 0.005, 0.01).withEelsAxis(eelsChannels, 450.0, 0.5);
        Simulation sim = Simulator.run(p, Progress.NONE, common.threads());
        Path dir = Files.createTempDirectory("trident-bench-refs");
        References refs;
        try {
            sim.references().write(dir);
            refs = References.read(dir.resolve("references.json"));
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s::iterator) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
        out("data: %dx%d px, %d tilts, %d EDS + %d EELS channels (%.2f GB of spectra), simulated in %.1f s",
                size, size, tilts, edsChannels, eelsChannels, (double) size * size * tilts * (edsChannels + eelsChannels) * 4 / 1e9, secs(t0));
        int threads = common.threads();
        double best = Double.POSITIVE_INFINITY, best1 = Double.POSITIVE_INFINITY;
        QuantResult r = null;
        for (int i = 0; i < repeats; i++) {
            long a = System.nanoTime();
            r = Quantifier.quantify(sim.series(), QuantParams.defaults(), refs, threads, Progress.NONE);
            best = Math.min(best, secs(a));
        }
        long a = System.nanoTime();
        Quantifier.quantify(sim.series(), QuantParams.defaults(), refs, 1, Progress.NONE);
        best1 = secs(a);
        int maps = r.series().channels().size() - 1;
        out("quantify, %d threads: %.2f s for %d maps (%.0f spectra/s); 1 thread: %.2f s (speed-up %.2fx)",
                threads, best, maps, 2.0 * size * size * tilts / best, best1, best1 / best);
        // plain reference: per pixel, form and solve the EDS normal equations (what a naive fit does)
        QuantModel m = Quantifier.prepare(sim.series(), QuantParams.defaults(), null, threads, Progress.NONE);
        EdsStage eds = m.eds();
        double plain = plainEdsPerPixel(sim, eds);
        double ours = edsOnly(sim, threads);
        out("EDS per-pixel step on one tilt, extrapolated to %d tilts: precomputed pseudo-inverse %.2f s vs per-pixel normal equations %.2f s (%.1fx)",
                tilts, ours, plain * tilts, plain * tilts / ours);
        out("target: < 30 s on 2 cores for 64x64x41 with 1024 EDS + 800 EELS channels");
        return 0;
    }

    private double edsOnly(Simulation sim, int threads) {
        var noEels = new QuantParams(QuantParams.defaults().eds(), QuantParams.defaults().eels(), "EDS", null, null, null);
        var ts = sim.series().withChannels(sim.series().channels().stream().filter(c -> !c.name().equals("EELS")).toList());
        long a = System.nanoTime();
        Quantifier.quantify(ts, noEels, null, threads, Progress.NONE);
        return secs(a);
    }

    /** Seconds to fit every pixel of tilt 0 by forming AᵀWA and AᵀWy and solving, pixel by pixel. */
    private static double plainEdsPerPixel(Simulation sim, EdsStage eds) {
        var model = eds.model();
        var fit = eds.fitted();
        int k = fit.families().size() + 1, n = sim.series().channel("EDS").spectra().channels();
        double[][] cols = new double[k][];
        for (int i = 0; i < k - 1; i++) cols[i] = model.column(fit.families().get(i));
        cols[k - 1] = fit.background();
        double[] w = new double[n];
        for (int c = model.fitFrom(); c < model.fitTo(); c++) w[c] = 1.0 / Math.max(fit.model()[c], 1e-6);
        var s = sim.series().channel("EDS").spectra();
        float[] row = new float[s.width() * n];
        double[] y = new double[n];
        double checksum = 0;
        long a = System.nanoTime();
        for (int r = 0; r < s.height(); r++) {
            s.readRow(0, r, row);
            for (int x = 0; x < s.width(); x++) {
                for (int c = 0; c < n; c++) y[c] = row[x * n + c];
                DMatrixRMaj g = new DMatrixRMaj(LeastSquares.gram(cols, w));
                DMatrixRMaj q = new DMatrixRMaj(k, 1, true, LeastSquares.project(cols, w, y));
                DMatrixRMaj z = new DMatrixRMaj(k, 1);
                if (CommonOps_DDRM.solve(g, q, z)) checksum += z.get(0);
            }
        }
        double t = secs(a);
        if (Double.isNaN(checksum)) System.out.println("(plain reference produced NaN)");
        return t;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void out(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }
}
