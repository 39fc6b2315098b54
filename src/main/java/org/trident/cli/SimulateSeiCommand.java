package org.trident.cli;

import org.trident.io.OutputDirs;
import org.trident.sei.sim.SeiSimParams;
import org.trident.sei.sim.SeiSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code trident simulate-sei --out DIR}: a simulated SEI study with known truth (docs/sei.md). */
@Command(name = "simulate-sei", mixinStandardHelpOptions = true,
        description = {"Simulate a correlative SEI study (trident.sei-study/1) with known truth.",
                "Writes Asylum-style ESM .ibw maps, AFM height, XPS F 1s maps, F 1s CSV and C 1s / Li 1s VAMAS spectra per sample,",
                "Coulomb efficiency per cycle; DIR/truth/truth.json holds the optimum, true map cv/Rq and component fractions."})
public final class SimulateSeiCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--seed", paramLabel = "K", description = "Random seed (default in SeiSimParams); the same seed gives the same study.")
    Long seed;

    @Option(names = "--optimum", paramLabel = "WT%", description = "True optimum composition (default in SeiSimParams: 23 wt%%).")
    Double optimum;

    @Option(names = "--size", paramLabel = "N", description = "Map edge in pixels (default in SeiSimParams: 128).")
    Integer size;

    @Override
    public Integer call() {
        SeiSimParams p = SeiSimParams.defaults();
        if (size != null) p = p.withSize(size);
        if (seed != null) p = p.withSeed(seed);
        if (optimum != null) p = p.withOptimum(optimum);
        OutputDirs.prepare(out, force);
        Path study = SeiSimulator.write(out, p, new CliProgress(false));
        System.out.println("wrote the study " + study + " (truth in " + out.resolve("truth") + ")");
        return 0;
    }
}
