package org.trident.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Datasets;
import org.trident.io.Json;
import org.trident.io.OutputDirs;
import org.trident.job.Checksums;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trident pipeline BUNDLE --out DIR}: quantify → align → reconstruct → analyze with
 * defaults that work on a raw bundle. Each step runs the stage's own command in this process,
 * so every sub-folder is exactly what the stand-alone command writes; {@code provenance.json}
 * records every step's arguments, settings file, input checksums, times and threads.
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
    public Integer call() throws Exception {
        Path json = Files.isDirectory(bundle) ? bundle.resolve("tiltseries.json") : bundle;
        TiltSeries ts = Datasets.read(bundle, common.allowOutsidePaths);
        if (references != null && !Files.exists(references)) throw TridentException.file(references, "file not found");
        checkBeforeWork(ts);
        OutputDirs.prepare(out, force, bundle, references);
        boolean spectra = ts.channels().stream().anyMatch(c -> c.isSpectrum());
        // every step folder checked against the raw input up front: a step folder that is a link into it is refused
        for (String sub : spectra ? List.of("quantified", "aligned", "volumes", "analysis") : List.of("aligned", "volumes", "analysis")) {
            OutputDirs.prepare(out.resolve(sub), force, bundle, references);
        }
        String threads = Integer.toString(common.threads());

        ObjectNode prov = Json.object();
        prov.put("format", "trident.provenance/1");
        prov.put("version", Version.get());
        prov.put("dataset", ts.label());
        prov.put("bundle", json.toAbsolutePath().normalize().toString());
        prov.put("threads", common.threads());
        prov.put("started", Instant.now().toString());
        ArrayNode steps = prov.putArray("steps");
        long t0 = System.nanoTime();

        try {
            Path input = json;
            if (spectra) {
                List<String> a = new ArrayList<>(List.of("quantify", json.toString(), "--out", out.resolve("quantified").toString()));
                if (references != null) a.addAll(List.of("--references", references.toString()));
                step(steps, "quantify", a, inputs(input, references), out.resolve("quantified"), "quantification.json");
                input = out.resolve("quantified").resolve("tiltseries.json");
            } else {
                ObjectNode s = steps.addObject();
                s.put("step", "quantify");
                s.put("skipped", "the bundle has no spectrum channels; analyze writes what it can (mask, depth, ADF profile)");
            }
            step(steps, "align", List.of("align", input.toString(), "--out", out.resolve("aligned").toString()),
                    inputs(input, null), out.resolve("aligned"), "alignment.json");
            List<String> r = new ArrayList<>(List.of("reconstruct", out.resolve("aligned").toString(), "--out", out.resolve("volumes").toString(), "--half-sets"));
            if (algorithm != null) r.addAll(List.of("--algorithm", algorithm));
            if (iterations != null) r.addAll(List.of("--iterations", iterations.toString()));
            step(steps, "reconstruct", r, inputs(out.resolve("aligned").resolve("tiltseries.json"), null), out.resolve("volumes"), "reconstruction.json");
            List<String> an = new ArrayList<>(List.of("analyze", out.resolve("volumes").toString(), "--out", out.resolve("analysis").toString()));
            if (surfaceNm != null) an.addAll(List.of("--surface-nm", surfaceNm.toString()));
            if (bulkNm != null) an.addAll(List.of("--bulk-nm", bulkNm.toString()));
            an.addAll(analyzeOptions);
            step(steps, "analyze", an, inputs(out.resolve("volumes").resolve("reconstruction.json"), null), out.resolve("analysis"), "analysis.json");

        } catch (Exception | Error e) {
            // leave a record of what ran and where it stopped; the error itself is reported by the CLI
            prov.put("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            prov.put("finished", Instant.now().toString());
            prov.put("seconds", (System.nanoTime() - t0) / 1e9);
            Json.write(out.resolve("provenance.json"), prov);
            throw e;
        }
        prov.put("finished", Instant.now().toString());
        prov.put("seconds", (System.nanoTime() - t0) / 1e9);
        Json.write(out.resolve("provenance.json"), prov);
        System.out.printf(Locale.ROOT, "pipeline done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    /**
     * Everything that would make a later step refuse, checked before the first step runs: the
     * series' size for alignment and reconstruction, the reconstruction settings (and the memory its
     * volume needs), and every option passed on to a step.
     */
    private void checkBeforeWork(TiltSeries ts) {
        List<String> p = org.trident.align.Aligner.preconditions(ts.tilts(), ts.width(), ts.height());
        if (!p.isEmpty()) throw new TridentException("pipeline: " + bundle + ": " + String.join("; ", p));
        List<String> r = new ArrayList<>(List.of("reconstruct", bundle.toString(), "--out", out.toString(), "--half-sets"));
        if (algorithm != null) r.addAll(List.of("--algorithm", algorithm));
        if (iterations != null) r.addAll(List.of("--iterations", iterations.toString()));
        CommandLine.ParseResult rp = TridentCommand.commandLine().parseArgs(r.toArray(String[]::new));
        ReconstructCommand rc = (ReconstructCommand) rp.subcommand().commandSpec().userObject();
        org.trident.recon.SeriesReconstruction.check(ts, rc.settings());
        List<String> an = new ArrayList<>(List.of("analyze", out.toString(), "--out", out.toString()));
        if (surfaceNm != null) an.addAll(List.of("--surface-nm", surfaceNm.toString()));
        if (bulkNm != null) an.addAll(List.of("--bulk-nm", bulkNm.toString()));
        an.addAll(analyzeOptions);
        TridentCommand.commandLine().parseArgs(an.toArray(String[]::new)); // unknown or invalid analyze options stop here
    }

    /** The files a step reads: a bundle's JSON with the arrays beside it, or a reconstruct folder, plus references. */
    private static List<Path> inputs(Path json, Path refs) {
        List<Path> in = new ArrayList<>();
        in.add(json.getParent() == null ? json : json.getParent());
        if (refs != null) in.add(refs.toAbsolutePath().getParent() == null ? refs : refs.toAbsolutePath().getParent());
        return in;
    }

    /** Runs one stage's command with this process's thread count; its exceptions propagate unchanged. */
    private void step(ArrayNode steps, String name, List<String> args, List<Path> inputs, Path dir, String settingsFile) throws Exception {
        List<String> full = new ArrayList<>(args);
        full.addAll(List.of("--threads", Integer.toString(common.threads())));
        if (force) full.add("--force");
        if (common.verbose) full.add("--verbose");
        if (common.allowOutsidePaths) full.add("--allow-outside-paths");
        ObjectNode s = steps.addObject();
        s.put("step", name);
        ArrayNode av = s.putArray("arguments");
        full.forEach(av::add);
        ObjectNode sums = s.putObject("inputs");
        for (Path p : inputs) Checksums.of(p, out).forEach(sums::put);
        s.put("started", Instant.now().toString());
        s.put("threads", common.threads());
        System.err.println("== " + name);
        long t = System.nanoTime();
        CommandLine cl = TridentCommand.commandLine();
        CommandLine.ParseResult pr = cl.parseArgs(full.toArray(String[]::new));
        if (!pr.hasSubcommand()) throw new TridentException("pipeline: the " + name + " step is not available in this build");
        Object cmd = pr.subcommand().commandSpec().userObject();
        Object rc = cmd instanceof Callable<?> c ? c.call() : null;
        if (cmd instanceof Runnable run && !(cmd instanceof Callable<?>)) run.run();
        if (rc instanceof Integer i && i != 0) throw new TridentException("pipeline: the " + name + " step failed (exit " + i + "); see its message above");
        s.put("seconds", (System.nanoTime() - t) / 1e9);
        Path settings = dir.resolve(settingsFile);
        if (Files.isRegularFile(settings)) {
            JsonNode j = Json.readObject(settings);
            s.set("settings", j);
        }
    }
}
