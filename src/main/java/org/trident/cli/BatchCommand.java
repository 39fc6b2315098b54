package org.trident.cli;

import org.trident.pipeline.Pipeline;
import org.trident.scaleout.Batch;
import org.trident.scaleout.ScaleOut;
import org.trident.scaleout.SparkClasspath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trident batch BUNDLE… --out DIR}: {@code pipeline} for every bundle as Apache Spark tasks
 * and {@code compare} over the results (docs/scaleout.md). The pipeline options mean what they
 * mean to {@code pipeline}: both mix in the same {@link PipelineOptions}.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run the pipeline for many bundles as Apache Spark tasks, then compare them.",
                "Writes DIR/<dataset>/ exactly as `pipeline` would, DIR/comparison/ as `compare` would, and DIR/batch.json.",
                "Runs on an embedded local master (every core) unless --master names a cluster; a failed bundle is reported "
                        + "and does not stop the others (exit code 1)."})
public final class BatchCommand implements Callable<Integer> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "BUNDLE", description = "Raw tilt-series bundles (folders or tiltseries.json).")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Batch folder (new or empty; see --resume and --force).")
    Path out;

    @Option(names = "--references", paramLabel = "FILE", description = "EELS reference spectra (trident.references/1) for every bundle.")
    Path references;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], local[*] or spark://host:port (default: local[*]).")
    String master;

    @Option(names = "--resume", description = "Skip datasets already finished in DIR (a dataset folder exists only once its pipeline finished).")
    boolean resume;

    @Option(names = "--force", description = "Redo datasets already finished in DIR (replaces only Trident's own pipeline outputs).")
    boolean force;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!SparkClasspath.available()) {
            // Spark lives beside the jar, not in it: run this same command again where it is loaded
            return SparkClasspath.rerunWithSpark(TridentCommand.class.getName(), spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        }
        Pipeline.Params params = pipeline.params(common.threads()); // bad options are refused before Spark starts
        Batch.Request req = new Batch.Request(bundles, references, out, master, resume, force);
        Batch.Result r = ScaleOut.batch(req, params, common.context());
        for (var o : r.datasets()) {
            switch (o.status()) {
                case "ok" -> System.out.printf(Locale.ROOT, "%-20s ok      %7.1f s  %s%n", o.dataset(), o.seconds(), o.executor());
                case "skipped" -> System.out.printf(Locale.ROOT, "%-20s skipped (finished earlier; --resume)%n", o.dataset());
                default -> System.err.println("trident batch: " + o.dataset() + " (" + o.bundle() + "): " + o.error());
            }
        }
        if (r.record().has("comparisonError")) System.err.println("trident batch: comparison: " + r.record().get("comparisonError").asText());
        System.out.printf(Locale.ROOT, "wrote %s (%d dataset(s), %d failed, %.1f s)%n", out.resolve(Batch.RECORD), r.datasets().size(), r.failed(),
                r.record().path("seconds").asDouble());
        return r.failed() > 0 || r.record().has("comparisonError") ? 1 : 0;
    }
}
