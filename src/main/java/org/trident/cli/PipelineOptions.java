package org.trident.cli;

import org.trident.analysis.AnalysisParams;
import org.trident.model.TridentException;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's settings as options, mixed into {@code pipeline} and {@code batch} so that both
 * turn the same words into the same {@link Pipeline.Params}.
 */
public final class PipelineOptions {
    @Option(names = "--algorithm", paramLabel = "NAME", description = "Reconstruction algorithm passed to reconstruct (default: reconstruct's own).")
    String algorithm;

    @Option(names = "--iterations", paramLabel = "N", description = "Reconstruction iterations passed to reconstruct (default: reconstruct's own).")
    Integer iterations;

    @Option(names = "--surface-nm", paramLabel = "NM", description = "Passed to analyze: surface = depth below this (default: analyze's).")
    Double surfaceNm;

    @Option(names = "--bulk-nm", paramLabel = "NM", description = "Passed to analyze: bulk = depth at or beyond this (default: analyze's).")
    Double bulkNm;

    @Option(names = "--shell-fit", paramLabel = "MODE", description = "Depth profiles fitted in the projection domain: auto (default: "
            + "fit when there are element or MLLS maps, report the fit when the counts are sparse), on (fit and report it), off.")
    String shellFit;

    @Option(names = "--analyze-option", paramLabel = "ARG", description = "Extra argument for analyze, e.g. --analyze-option=--smooth-voxels=1; repeatable.")
    List<String> analyzeOptions = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "Settings of every step (trident.params/1); the options above override it.")
    Path paramsFile;

    /** Every stage's defaults, overlaid by --params FILE, overlaid by these options; analysis runs on {@code threads}. */
    public Pipeline.Params params(int threads) {
        Pipeline.Params d = paramsFile == null ? Pipeline.Params.defaults() : ParamsFile.read(paramsFile);
        ReconParams r = d.reconstruct().base();
        if (algorithm != null) {
            Algorithm a = Algorithm.parse(algorithm);
            if (a == null) throw new TridentException("unknown algorithm '" + algorithm + "'; choose wbp, art, sart, sirt, cgls, em, os-em, em-tv, sirt-tv or fused");
            if (a != r.algorithm()) r = ReconParams.defaults(a).withThickness(r.thicknessVoxels());
        }
        if (iterations != null) r = r.withIterations(iterations);
        List<String> problems = r.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join(" ", problems));
        var s = d.reconstruct();
        AnalysisOptions ao = new AnalysisOptions();
        CommandLine.ParseResult parsed;
        try {
            parsed = new CommandLine(ao).parseArgs(analyzeOptions.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new TridentException("--analyze-option: " + e.getMessage());
        }
        AnalysisParams an = ao.params(d.analyze(), parsed::hasMatchedOption, threads);
        if (surfaceNm != null || bulkNm != null) {
            an = an.withDepths(surfaceNm != null ? surfaceNm : an.surfaceDepthNm(), bulkNm != null ? bulkNm : an.bulkDepthNm());
        }
        if (shellFit != null) an = an.withShellFit(an.shellFit().withMode(AnalysisOptions.mode(shellFit)));
        problems = an.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        Pipeline.Params out = d.withReconstruct(new SeriesReconstruction.Settings(s.channels(), r, s.nonNegative(), s.halfSets())).withAnalyze(an);
        // a method named here is used as given; otherwise the pipeline picks it from the aligned data
        return algorithm != null ? out.withChooseMethod(false) : out;
    }
}
