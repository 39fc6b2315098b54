package org.trident.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisWriter;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.CompareStep;
import org.trident.pipeline.Pipeline;
import org.trident.recon.SeriesReconstruction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final String FIGURES = "figures";

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Raw tilt-series bundle (folder or its tiltseries.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--references", paramLabel = "FILE", description = "EELS reference spectra (trident.references/1) for MLLS and valence calibration.")
    Path references;

    @Option(names = "--force", description = "Write into a non-empty output folder (each step's folder is overwritten).")
    boolean force;

    @Option(names = "--figures", description = "Also write DIR/figures/: the depth-profile figures (SVG, PNG at 600 dpi, PDF with "
            + "embedded fonts, 85 mm wide, half-set error bands), drawn as `compare` draws them.")
    boolean figures;

    @Option(names = "--json", description = "Print a machine-readable result on stdout (files written, per-dataset summary, warnings, "
            + "exit status); progress and the text summary go to stderr.")
    boolean json;

    @Mixin
    PipelineOptions options;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Pipeline.Params p = options.params(common.threads());
        if (references != null && !Files.exists(references)) throw TridentException.file(references, "file not found");
        Bundle raw = Bundle.read(bundle, common.allowOutsidePaths);
        checkBeforeWork(raw.series(), p);
        OutputDirs.prepare(out, force, bundle, references);
        boolean spectra = raw.series().channels().stream().anyMatch(c -> c.isSpectrum());
        // every step folder checked against the raw input up front: a step folder that is a link into it is refused
        for (String sub : spectra ? List.of("quantified", "aligned", "volumes", "analysis") : List.of("aligned", "volumes", "analysis")) {
            OutputDirs.prepare(out.resolve(sub), force, bundle, references);
        }
        if (figures) OutputDirs.prepare(out.resolve(FIGURES), force, bundle, references);
        long t0 = System.nanoTime(), started = System.currentTimeMillis();
        Pipeline.Result result = Pipeline.run(raw, references, p, common.context(), out);
        PrintStream human = json ? System.err : System.out;
        var method = result.provenance().path("reconstructionMethod");
        if (!method.isMissingNode()) {
            System.err.println("pipeline: reconstructed with " + method.path("algorithm").asText() + " because " + method.path("reason").asText());
        }
        var amounts = result.provenance().path("fractionAmounts");
        if (amounts.isTextual()) System.err.println("pipeline: " + amounts.asText());
        var source = result.provenance().path("profileSource");
        if (source.path("summary").asText().equals("shell-fit")) {
            System.err.println("pipeline: summary from the shell fit because " + source.path("reason").asText());
        }
        result.warnings().forEach(w -> System.err.println("trident pipeline: warning: " + w));
        if (figures) {
            // the same step and chart builder as `compare`, on this one dataset
            CompareStep step = new CompareStep();
            CompareStep.Result r = step.run(new CompareStep.Input(List.of(out)), CompareStep.Params.defaults(), common.context());
            step.write(r, out.resolve(FIGURES));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        human.printf(Locale.ROOT, "pipeline done in %.1f s: %s%n", seconds, out);
        if (json) JsonResult.print(json(result, raw.series().label(), seconds, JsonResult.writtenSince(out, started)));
        return 0;
    }

    /** The --json result: every file written, the dataset's surface/bulk summary, the warnings. */
    static ObjectNode json(Pipeline.Result r, String dataset, double seconds, List<Path> written) {
        ObjectNode n = JsonResult.ok("pipeline", r.out());
        n.put("seconds", seconds);
        JsonResult.written(n, r.out(), written);
        ObjectNode d = n.putArray("datasets").addObject();
        d.put("dataset", dataset);
        d.put("analysisDir", "analysis");
        ArrayNode rows = d.putArray("summary");
        r.summary().forEach(s -> rows.add(AnalysisWriter.summaryJson(s)));
        var method = r.provenance().path("reconstructionMethod");
        if (!method.isMissingNode()) n.set("reconstructionMethod", method.deepCopy());
        var source = r.provenance().path("profileSource");
        if (!source.isMissingNode()) n.set("profileSource", source.deepCopy());
        JsonResult.warnings(n, r.warnings());
        return n;
    }

    /**
     * What would make a later step refuse, checked before the first step runs: the series' size for
     * alignment and reconstruction, and the reconstruction settings and the memory its volume needs
     * (the analysis options were checked when the settings were made).
     */
    private void checkBeforeWork(org.trident.model.TiltSeries ts, Pipeline.Params p) {
        List<String> pre = org.trident.align.Aligner.preconditions(ts.tilts(), ts.width(), ts.height());
        if (!pre.isEmpty()) throw new TridentException("pipeline: " + bundle + ": " + String.join("; ", pre));
        SeriesReconstruction.check(ts, p.reconstruct());
    }
}
