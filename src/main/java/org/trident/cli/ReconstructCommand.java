package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.Filter;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.ReconstructStep;
import org.trident.scaleout.ScaleOut;
import org.trident.scaleout.SparkClasspath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident reconstruct BUNDLE --out DIR}: one float32 MRC per image channel plus reconstruction.json. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Reconstruct the image channels of an aligned tilt series (all of them, or those named with --channel).",
                "Writes one float32 MRC per channel (voxel size from pixelSizeNm) and reconstruction.json.",
                "Defaults: SIRT, 50 iterations, relaxation 1.9; non-negativity on for ADF, off for maps (see docs/reconstruction.md)."})
public final class ReconstructCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Aligned tilt-series bundle (folder or its tiltseries.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty; see --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--channel", paramLabel = "NAME", description = "Channel to reconstruct (repeatable; default: every image channel).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--algorithm", paramLabel = "NAME", description = "wbp, art, sart, sirt or cgls (default: sirt).")
    String algorithm = "sirt";

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (default: sirt 50, sart 10, art 5, cgls 15; wbp ignores it).")
    Integer iterations;

    @Option(names = "--relaxation", paramLabel = "R", description = "Relaxation in (0, 2) (default: sirt 1.9, sart 0.5, art 0.5).")
    Double relaxation;

    @Option(names = "--thickness", paramLabel = "Z", description = "Volume thickness in voxels (default: the image width).")
    int thickness;

    @Option(names = "--non-negative", negatable = true, description = "Clamp negative voxels to zero for every channel "
            + "(default: on for ADF, off for maps, which may be legitimately negative at low dose).")
    Boolean nonNegative;

    @Option(names = "--filter", paramLabel = "NAME", description = "WBP filter: ramp, shepp-logan (default), cosine, hann, hamming.")
    String filter = "shepp-logan";

    @Option(names = "--cutoff", paramLabel = "F", description = "WBP filter cut-off as a fraction of Nyquist (default: 1).")
    double cutoff = 1.0;

    @Option(names = "--tolerance", paramLabel = "T", description = "Stop early when the relative change per iteration falls below T (default: 0, off).")
    double tolerance;

    @Option(names = "--subsets", paramLabel = "N", description = "SART: 0 = one view per update (default), N = ordered subsets.")
    int subsets;

    @Option(names = "--random-order", negatable = true, description = "ART/SART: visit rays or views in a seeded random order (default: on).")
    Boolean randomOrder;

    @Option(names = "--seed", paramLabel = "K", description = "Seed of the random order (default: 1).")
    long seed = 1;

    @Option(names = "--support", paramLabel = "MASK.mrc", description = "Support mask volume (X x Y x Z; non-zero = may hold material): voxels outside stay zero.")
    Path support;

    @Option(names = "--half-sets", description = "Also reconstruct each channel from the odd and from the even tilts (for uncertainties).")
    boolean halfSets;

    @Option(names = "--master", paramLabel = "URL", description = "Solve the slices on Apache Spark: local[N], local[*] or spark://host:port "
            + "(docs/scaleout.md). The volume equals the single-machine one.")
    String master;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Algorithm alg = Algorithm.parse(algorithm);
        if (alg == null) throw new TridentException("unknown algorithm '" + algorithm + "'; choose wbp, art, sart, sirt or cgls");
        Filter f = Filter.parse(filter);
        if (f == null) throw new TridentException("unknown filter '" + filter + "'; choose ramp, shepp-logan, cosine, hann or hamming");
        ReconParams d = ReconParams.defaults(alg);
        ReconParams p = new ReconParams(alg, iterations != null ? iterations : d.iterations(), relaxation != null ? relaxation : d.relaxation(),
                d.nonNegative(), thickness, f, cutoff, tolerance, randomOrder != null ? randomOrder : d.randomOrder(), subsets, seed);
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join(" ", problems));
        SeriesReconstruction.Settings s = new SeriesReconstruction.Settings(channels, p, nonNegative, halfSets);
        if (master != null && !SparkClasspath.available()) {
            // Spark lives beside the jar, not in it: run this same command again where it is loaded
            return SparkClasspath.rerunWithSpark(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        }
        ReconstructStep.Input in = new ReconstructStep.Input(Bundle.read(bundle), support);
        ReconstructStep.check(in, s); // refuse bad channel names or a bad mask before touching --out
        if (master != null) ScaleOut.check(s);
        OutputDirs.prepare(out, force, bundle);
        ObjectNode r = master != null ? ScaleOut.reconstruct(master, in, s, common.context(), out)
                : new ReconstructStep().runInto(in, s, common.context(), out);
        var chs = r.path("channels");
        chs.fieldNames().forEachRemaining(n -> {
            var c = chs.get(n);
            System.out.printf(Locale.ROOT, "%-16s -> %-20s %s, %d iteration(s), %.1f s%s%n", n, c.path("file").asText(),
                    c.path("parameters").path("algorithm").asText(), c.path("iterations").asInt(), c.path("seconds").asDouble(),
                    c.has("relativeResidual") ? String.format(Locale.ROOT, ", residual %.3g", c.get("relativeResidual").asDouble()) : "");
        });
        System.out.printf(Locale.ROOT, "wrote %s (%.1f s, %s)%n", out.resolve("reconstruction.json"), r.path("seconds").asDouble(),
                master != null ? "on Spark " + r.path("spark").path("master").asText() : common.threads() + " thread(s)");
        return 0;
    }
}
