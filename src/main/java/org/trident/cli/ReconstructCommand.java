package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.Filter;
import org.trident.recon.ProjectorModel;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.ReconstructStep;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Stages;
import org.trident.recon.LowDoseParams;
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
                "Defaults come from the settings record (shown with each option); non-negativity on for ADF, off for maps (see docs/reconstruction.md)."})
public final class ReconstructCommand implements Callable<Integer> {
    /** The defaults every option shows: ReconParams.defaults, the one home. */
    private static final ReconParams BASE = SeriesReconstruction.Settings.defaults().base();

    static {
        // per-algorithm defaults for the help text, generated from the records rather than retyped
        StringBuilder it = new StringBuilder(), rl = new StringBuilder(), ro = new StringBuilder();
        for (Algorithm a : Algorithm.values()) {
            ReconParams d = ReconParams.defaults(a);
            if (!a.iterative()) continue;
            it.append(it.isEmpty() ? "" : ", ").append(a.label()).append(' ').append(d.iterations());
            if (a != Algorithm.CGLS) rl.append(rl.isEmpty() ? "" : ", ").append(a.label()).append(' ').append(d.relaxation());
            if (a == Algorithm.ART || a == Algorithm.SART) ro.append(ro.isEmpty() ? "" : ", ").append(a.label()).append(d.randomOrder() ? " on" : " off");
        }
        System.setProperty("trident.help.recon.iterations", it.toString());
        System.setProperty("trident.help.recon.relaxation", rl.toString());
        System.setProperty("trident.help.recon.randomOrder", ro.toString());
        LowDoseParams ld = LowDoseParams.defaults();
        System.setProperty("trident.help.lowdose.tvStrength", Double.toString(ld.tvStrength()));
        System.setProperty("trident.help.lowdose.gamma", Double.toString(ld.gamma()));
        System.setProperty("trident.help.lowdose.haadfModelError", Double.toString(ld.haadfModelError()));
    }

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Aligned tilt-series bundle (folder or its tiltseries.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty; see --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--channel", paramLabel = "NAME", description = "Channel to reconstruct (repeatable; default: every image channel).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--algorithm", paramLabel = "NAME", description = "wbp, art, sart, sirt, cgls; for low dose em, os-em, em-tv, sirt-tv or fused "
            + "(default: ${DEFAULT-VALUE}; see docs/reconstruction.md).")
    String algorithm = BASE.algorithm().label();

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (default: ${sys:trident.help.recon.iterations}; wbp ignores it).")
    Integer iterations;

    @Option(names = "--relaxation", paramLabel = "R", description = "Relaxation in (0, 2) (default: ${sys:trident.help.recon.relaxation}).")
    Double relaxation;

    @Option(names = "--thickness", paramLabel = "Z", converter = Checked.PositiveInt.class, description = "Volume thickness in voxels (default: the image width).")
    int thickness = BASE.thicknessVoxels();

    @Option(names = "--non-negative", negatable = true, description = "Clamp negative voxels to zero for every channel "
            + "(default: on for ADF, off for maps, which may be legitimately negative at low dose).")
    Boolean nonNegative;

    @Option(names = "--filter", paramLabel = "NAME", description = "WBP filter: ramp, shepp-logan, cosine, hann, hamming (default: ${DEFAULT-VALUE}).")
    String filter = BASE.filter().label();

    @Option(names = "--cutoff", paramLabel = "F", description = "WBP filter cut-off as a fraction of Nyquist (default: ${DEFAULT-VALUE}).")
    double cutoff = BASE.filterCutoff();

    @Option(names = "--tolerance", paramLabel = "T", description = "Stop early when the relative change per iteration falls below T (default: ${DEFAULT-VALUE}; 0 = off).")
    double tolerance = BASE.tolerance();

    @Option(names = "--subsets", paramLabel = "N", description = "SART: 0 = one view per update, N = ordered subsets (default: ${DEFAULT-VALUE}); OS-EM: subsets.")
    int subsets = BASE.subsets();

    @Option(names = "--random-order", negatable = true, description = "ART/SART: visit rays or views in a seeded random order (default: ${sys:trident.help.recon.randomOrder}).")
    Boolean randomOrder;

    @Option(names = "--seed", paramLabel = "K", description = "Seed of the random order (default: ${DEFAULT-VALUE}).")
    long seed = BASE.seed();

    @Option(names = "--tv-strength", paramLabel = "B", description = "em-tv, sirt-tv, fused: TV weight relative to each channel's noise (default: ${sys:trident.help.lowdose.tvStrength}; 0 = no TV).")
    Double tvStrength;

    @Option(names = "--gamma", paramLabel = "G", description = "fused: HAADF exponent, intensity per atom ~ Z^G (default: ${sys:trident.help.lowdose.gamma}).")
    Double gamma;

    @Option(names = "--haadf-model-error", paramLabel = "E", description = "fused: relative accuracy of the HAADF model, sets the link weight "
            + "with the HAADF noise (default: ${sys:trident.help.lowdose.haadfModelError}).")
    Double haadfModelError;

    @Option(names = "--projector", paramLabel = "MODEL", description = "System-matrix model: strip-area (artefact-free, the default) or linear "
            + "(the earlier voxel-driven model, for comparison; not with the low-dose methods). Recorded in reconstruction.json.")
    String projector;

    @Option(names = "--params", paramLabel = "FILE", description = "Settings file (trident.params/1, its 'reconstruct' section); options given here override it.")
    Path paramsFile;

    @Spec
    CommandSpec spec;

    @Option(names = "--support", paramLabel = "MASK.mrc", description = "Support mask volume (X x Y x Z; non-zero = may hold material): voxels outside stay zero.")
    Path support;

    @Option(names = "--half-sets", description = "Also reconstruct each channel from the odd and from the even tilts (for uncertainties).")
    boolean halfSets;

    @Option(names = "--master", paramLabel = "URL", description = "Solve the slices on Apache Spark: local[N], local[*] or spark://host:port "
            + "(docs/scaleout.md). The volume equals the single-machine one.")
    String master;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        SeriesReconstruction.Settings s = settings();
        if (master != null && !SparkClasspath.available()) {
            // Spark lives beside the jar, not in it: run this same command again where it is loaded
            return SparkClasspath.rerunWithSpark(TridentCommand.class.getName(), spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        }
        ReconstructStep.Input in = new ReconstructStep.Input(Bundle.read(bundle, common.allowOutsidePaths), support);
        ReconstructStep.check(in, s); // refuse bad channel names or a bad mask before touching --out
        SeriesReconstruction.check(in.bundle().series(), s); // and images, angles and memory
        if (master != null) ScaleOut.check(s);
        OutputDirs.prepare(out, force, bundle);
        var ctx = common.context();
        if (master == null) Stages.single(ctx, "reconstruct", in.bundle().series().label(), ReconstructStep.workUnits(in.bundle().series(), s)); // its parts are the channels
        ObjectNode r = master != null ? ScaleOut.reconstruct(master, in, s, ctx, out)
                : new ReconstructStep(lowDose()).runInto(in, s, ctx, out);
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

    /** The settings: the record's defaults, overlaid by --params FILE, overlaid by the options typed. */
    SeriesReconstruction.Settings settings() {
        SeriesReconstruction.Settings file = paramsFile == null ? SeriesReconstruction.Settings.defaults() : ParamsFile.read(paramsFile).reconstruct();
        ReconParams p = file.base();
        if (given("--algorithm")) {
            Algorithm alg = Algorithm.parse(algorithm);
            if (alg == null) throw new TridentException("unknown algorithm '" + algorithm + "'; choose wbp, art, sart, sirt, cgls, em, os-em, em-tv, sirt-tv or fused");
            if (alg != p.algorithm()) {
                // another algorithm brings its own iterations, relaxation, non-negativity and order; the rest is kept
                ReconParams d = ReconParams.defaults(alg);
                p = new ReconParams(alg, d.iterations(), d.relaxation(), d.nonNegative(), p.thicknessVoxels(), p.filter(), p.filterCutoff(),
                        p.tolerance(), d.randomOrder(), p.subsets(), p.seed());
            }
        }
        if (given("--filter")) {
            Filter f = Filter.parse(filter);
            if (f == null) throw new TridentException("unknown filter '" + filter + "'; choose ramp, shepp-logan, cosine, hann or hamming");
            p = p.withFilter(f, p.filterCutoff());
        }
        if (given("--cutoff")) p = p.withFilter(p.filter(), cutoff);
        if (iterations != null) p = p.withIterations(iterations);
        if (relaxation != null) p = p.withRelaxation(relaxation);
        if (given("--thickness")) p = p.withThickness(thickness);
        if (given("--tolerance")) p = p.withTolerance(tolerance);
        p = p.withOrder(randomOrder != null ? randomOrder : p.randomOrder(), given("--subsets") ? subsets : p.subsets(), given("--seed") ? seed : p.seed());
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join(" ", problems));
        ProjectorModel model = file.projector();
        if (projector != null) {
            model = ProjectorModel.parse(projector);
            if (model == null) throw new TridentException("unknown projector '" + projector + "'; choose strip-area or linear");
        }
        return new SeriesReconstruction.Settings(given("--channel") ? channels : file.channels(), p,
                nonNegative != null ? nonNegative : file.nonNegative(), given("--half-sets") ? halfSets : file.halfSets(), model);
    }

    /** The low-dose methods' settings: their defaults (one home: LowDoseParams), overlaid by --params FILE's lowDose section, then by this command's options. */
    LowDoseParams lowDose() {
        LowDoseParams d = paramsFile == null ? LowDoseParams.defaults() : ParamsFile.read(paramsFile).lowDose();
        LowDoseParams ld = new LowDoseParams(tvStrength != null ? tvStrength : d.tvStrength(), gamma != null ? gamma : d.gamma(),
                haadfModelError != null ? haadfModelError : d.haadfModelError(), d.subsets(), d.supportDilation());
        List<String> problems = ld.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join(" ", problems));
        return ld;
    }

    private boolean given(String option) {
        return Given.option(spec, option);
    }
}
