package org.trident.cli;

import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.Profiles;
import org.trident.io.OutputDirs;
import org.trident.pipeline.AnalyzeStep;
import org.trident.model.TridentException;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Stages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident analyze RECON_DIR --out DIR}: derived volumes, depth profiles and the surface/bulk summary. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Derive mask, depth-nm, fraction-<El>, valence-<El> and inhomogeneity volumes from a reconstruct output, "
                + "and write depth-profiles.csv, depth-profiles-by-particle.csv, summary.csv and analysis.json.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECON_DIR", description = "A reconstruct output folder (or its reconstruction.json).")
    Path recon;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--fit-series", paramLabel = "BUNDLE", description = "Also fit the depth profiles in the projection domain "
            + "on this aligned bundle (the one RECON_DIR was reconstructed from): profiles-fit.csv, summary-fit.csv, profiles-fit.json.")
    Path fitSeries;

    @Option(names = "--params", paramLabel = "FILE", description = "Settings file (trident.params/1, its 'analyze' section); options given here override it.")
    Path paramsFile;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        AnalysisParams base = paramsFile == null ? AnalysisParams.defaults() : ParamsFile.read(paramsFile).analyze();
        AnalysisParams params = analysis.params(base, n -> Given.option(spec, n), common.threads());
        if (fitSeries != null && params.shellFit().mode() == org.trident.analysis.ShellFitParams.Mode.OFF && Given.option(spec, "--shell-fit")) {
            throw new TridentException("--fit-series asks for the shell fit but --shell-fit is off; drop one of them");
        }
        var problems = params.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        OutputDirs.prepare(out, force, recon);
        org.trident.model.TiltSeries aligned = fitSeries == null ? null : org.trident.formats.Datasets.read(fitSeries);
        AnalyzeStep step = new AnalyzeStep();
        AnalyzeStep.Input in = AnalyzeStep.Input.read(recon);
        var ctx = common.context();
        Stages.single(ctx, "analyze", in.volumes().label(), AnalyzeStep.workUnits(in.volumes()));
        AnalyzeStep.Result r = step.run(in, params, ctx);
        step.write(r, out);
        if (aligned != null) {
            // naming the series asks for the fit, whatever the mode in a settings file
            org.trident.pipeline.ShellFitStep.runAndWrite(aligned, fitSeries, r, params, ctx, out);
        }
        r.analysis().warnings().forEach(w -> System.err.println("trident analyze: warning: " + w));
        System.out.print(report(r.analysis()));
        return 0;
    }

    static String report(AnalysisResult r) {
        StringBuilder b = new StringBuilder();
        var m = r.mask();
        b.append(String.format(Locale.ROOT, "%d particle(s), %d material voxels (threshold %.4g, %s)%n", m.particles(),
                m.materialVoxels(), m.threshold(), m.thresholdRule()));
        b.append(String.format(Locale.ROOT, "%-16s %12s %12s%n", "quantity", "surface", "bulk"));
        for (Profiles.Summary s : r.summary()) {
            b.append(String.format(Locale.ROOT, "%-16s %12.4g %12.4g%n", s.quantity(), s.surfaceMean(), s.bulkMean()));
        }
        for (String n : r.notes()) if (!r.warnings().contains(n)) b.append("note: ").append(n).append('\n'); // warnings went to stderr
        return b.toString();
    }
}
