package org.trident.cli;

import org.trident.analysis.AnalysisParams;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trident pipeline BUNDLE --out DIR}: quantify → align → reconstruct → analyze with
 * defaults that work on a raw bundle. A thin front end over {@link Pipeline}: it turns its
 * options into {@link Pipeline.Params} and runs the chain in this process; every sub-folder is
 * what the stand-alone command writes, and {@code provenance.json} records every step's
 * parameters, input checksums, times and threads.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run the whole chain on a raw bundle: quantify (when it has spectra), align (on ADF, applied to all channels), "
                + "reconstruct every linear channel (with half-sets) and analyze. Writes DIR/quantified/, DIR/aligned/, DIR/volumes/, "
                + "DIR/analysis/ and DIR/provenance.json.")
public final class PipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Raw tilt-series bundle (folder or its tiltseries.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--references", paramLabel = "FILE", description = "EELS reference spectra (trident.references/1) for MLLS and valence calibration.")
    Path references;

    @Option(names = "--force", description = "Write into a non-empty output folder (each step's folder is overwritten).")
    boolean force;

    @Option(names = "--algorithm", paramLabel = "NAME", description = "Reconstruction algorithm passed to reconstruct (default: reconstruct's own).")
    String algorithm;

    @Option(names = "--iterations", paramLabel = "N", description = "Reconstruction iterations passed to reconstruct (default: reconstruct's own).")
    Integer iterations;

    @Option(names = "--surface-nm", paramLabel = "NM", description = "Passed to analyze: surface = depth below this (default 10 nm).")
    Double surfaceNm;

    @Option(names = "--bulk-nm", paramLabel = "NM", description = "Passed to analyze: bulk = depth at or beyond this (default 40 nm).")
    Double bulkNm;

    @Option(names = "--analyze-option", paramLabel = "ARG", description = "Extra argument for analyze, e.g. --analyze-option=--smooth-voxels=1; repeatable.")
    List<String> analyzeOptions = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Pipeline.Params p = params();
        if (references != null && !Files.exists(references)) throw TridentException.file(references, "file not found");
        OutputDirs.prepare(out, force, bundle, references);
        long t0 = System.nanoTime();
        Pipeline.run(bundle, references, p, common.context(), out);
        System.out.printf(Locale.ROOT, "pipeline done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    /** Every stage's defaults, with this command's overrides. */
    Pipeline.Params params() {
        Pipeline.Params d = Pipeline.Params.defaults();
        ReconParams r = d.reconstruct().base();
        if (algorithm != null) {
            Algorithm a = Algorithm.parse(algorithm);
            if (a == null) throw new TridentException("unknown algorithm '" + algorithm + "'; choose wbp, art, sart, sirt or cgls");
            r = ReconParams.defaults(a);
        }
        if (iterations != null) r = r.withIterations(iterations);
        List<String> problems = r.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join(" ", problems));
        var s = d.reconstruct();
        AnalysisOptions ao = new AnalysisOptions();
        try {
            new CommandLine(ao).parseArgs(analyzeOptions.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new TridentException("--analyze-option: " + e.getMessage());
        }
        AnalysisParams an = ao.params(common.threads());
        if (surfaceNm != null || bulkNm != null) {
            an = new AnalysisParams(surfaceNm != null ? surfaceNm : an.surfaceDepthNm(), bulkNm != null ? bulkNm : an.bulkDepthNm(),
                    an.shellNm(), an.threshold(), an.minParticleVoxels(), an.minVoidVoxels(), an.weakFraction(), an.smoothVoxels(), an.threads());
        }
        problems = an.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        return d.withReconstruct(new SeriesReconstruction.Settings(s.channels(), r, s.nonNegative(), s.halfSets())).withAnalyze(an);
    }
}
