package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.AlignParams;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.ReconstructionReader;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.pipeline.AlignStep;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Pipeline;
import org.trident.pipeline.ShellFitStep;
import org.trident.pipeline.QuantifyStep;
import org.trident.recon.MethodChoice;
import org.trident.recon.ReconParams;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * "Process" and "Process all": the remaining steps of a dataset (quantify → align → reconstruct
 * → analyze) with its own settings, as one job. Each step is the {@code pipeline} command's own
 * ({@link Pipeline#quantify}, {@link Pipeline#align}, {@link Pipeline#reconstruct},
 * {@link Pipeline#analyze}: the same steps, rules, method choice and provenance), written into the
 * results folder as it is made; the settings used are saved beside them as a
 * {@value #PARAMS} file, so {@code trident pipeline --params} replays the run.
 */
public final class ProcessRunner {
    /** The parameters file (trident.params/1) written in each dataset's results folder. */
    public static final String PARAMS = Project.PARAMS;

    private ProcessRunner() {}

    /**
     * What a dataset is processed with: every stage's settings as the pipeline takes them (its own
     * settings, else each params record's defaults) and the reference spectra, or null.
     */
    public record Settings(Pipeline.Params params, Path references) {
        /** Explicit stage settings; the reconstruction method as given (not chosen from the data). */
        public Settings(QuantParams quant, AlignParams align, ReconParams recon, AnalysisParams analysis, Path references) {
            this(Pipeline.Params.defaults().withQuantify(quant).withAlign(align)
                    .withReconstruct(ReconViewModel.settings(List.of(), recon, true)).withAnalyze(analysis).withChooseMethod(false), references);
        }
    }

    /**
     * A dataset's own settings (Quantify, Reconstruct with its automatic switch and low-dose
     * settings, Analyze; each stage's defaults where it has none) with the references found
     * beside a {@code simulate} bundle.
     */
    public static Settings settingsOf(Dataset d) {
        var rs = d.settings(ReconViewModel.Setup.class);
        var qp = d.settings(QuantParams.class);
        var ap = d.settings(AnalysisParams.class);
        Pipeline.Params p = ReconViewModel.pipelineParams(rs != null ? rs : ReconViewModel.Setup.defaults(), List.of(), true);
        if (qp != null) p = p.withQuantify(qp);
        if (ap != null) p = p.withAnalyze(ap);
        return new Settings(p, d.seriesPath() == null ? null : QuantifyViewModel.findReferences(d.seriesPath()));
    }

    /**
     * Makes a parameters file's settings the dataset's own (Quantify, Reconstruct with Automatic
     * and the low-dose settings, Analyze), as {@link #settingsOf} reads them back. The file's
     * {@code align} section has no per-dataset home: Align and Process use its defaults.
     */
    public static void useParams(Dataset d, Pipeline.Params p) {
        d.setSettings(QuantParams.class, p.quantify());
        d.setSettings(ReconViewModel.Setup.class, ReconViewModel.Setup.of(p));
        d.setSettings(AnalysisParams.class, p.analyze());
    }

    /**
     * What one run made, applied to the dataset on the FX thread by {@link #adopt}.
     *
     * @param warnings what the user should hear about, one line each (quantify's warnings; a shell fit asked for
     *                 with mode on that could not run), as {@code pipeline} prints them
     */
    public record Outcome(Dataset dataset, QuantResult quantified, TiltSeries aligned, Map<String, Volume> volumes,
                          Map<String, Path> volumeFiles, AnalysisResult analysis, Map<String, ObjectNode> records,
                          MethodChoice.Choice methodChoice, List<String> warnings) {
        public Outcome {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /**
     * The steps still to run: from the first one never made here (or stale) onwards. Quantify is
     * skipped for a series without spectra, align for one already aligned elsewhere (a pipeline
     * output's aligned/ bundle) that was not aligned here.
     */
    public static List<String> remaining(Dataset d) {
        List<String> out = new ArrayList<>();
        if (d.openedSeries() == null) return out;
        boolean spectra = d.openedSeries().channels().stream().anyMatch(c -> c.isSpectrum());
        boolean redo = false;
        for (String step : Project.STEPS) {
            ObjectNode rec = d.steps().get(step);
            boolean done = rec != null && !rec.path("stale").asBoolean(false);
            if (!redo && step.equals("quantify") && !spectra) continue;
            if (!redo && step.equals("align") && rec == null && ReconViewModel.looksAligned(d.rawSeries())) continue;
            if (redo || !done) {
                redo = true;
                out.add(step);
            }
        }
        return out;
    }

    /** Runs {@code steps} of one dataset; blocking (a job). Does not touch the dataset's state, only its results folder. */
    public static Outcome run(Dataset d, List<String> steps, Settings s, Project proj, int threads, Progress progress) {
        return run(d, steps, s, proj, threads, new StagedProgress(progress, "Processing " + d.label(), steps.size()).forDataset(d.label()));
    }

    private static Outcome run(Dataset d, List<String> steps, Settings s, Project proj, int threads, StagedProgress sp) {
        if (d.openedSeries() == null) throw new TridentException(d.label() + " has no tilt series to process");
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Path dir = proj.dir(d);
        Pipeline.Params params = s.params();
        ParamsFile.write(dir.resolve(PARAMS), params);
        // each step's input with the path provenance checksums: what this workspace wrote, else what was opened
        Bundle cur = d.rawSeries() == d.openedSeries() ? new Bundle(d.seriesPath(), d.openedSeries())
                : new Bundle(dir.resolve(Project.folderOf("quantify")), d.rawSeries());
        QuantResult q = null;
        if (steps.contains("quantify")) {
            RunContext ctx = RunContext.of(threads, sp.step("quantify"));
            Bundle raw = new Bundle(d.seriesPath(), d.openedSeries());
            QuantifyStep.Result[] r = new QuantifyStep.Result[1];
            records.put("quantify", proj.save(d, "quantify", tmp -> r[0] = Pipeline.quantify(raw, s.references(), params.quantify(), ctx, tmp)));
            q = r[0].quant();
            warnings.addAll(r[0].warnings());
            cur = new Bundle(dir.resolve(Project.folderOf("quantify")), q.series());
        }
        TiltSeries aligned = null;
        Bundle forRecon;
        if (steps.contains("align")) {
            RunContext ctx = RunContext.of(threads, sp.step("align"));
            Bundle in = cur;
            AlignStep.Result[] r = new AlignStep.Result[1];
            records.put("align", proj.save(d, "align", tmp -> r[0] = Pipeline.align(in, params.align(), ctx, tmp)));
            aligned = r[0].aligned();
            forRecon = new Bundle(dir.resolve(Project.folderOf("align")), aligned);
        } else if (d.alignedHere() && !steps.contains("quantify")) {
            forRecon = new Bundle(d.steps().containsKey("align") ? dir.resolve(Project.folderOf("align")) : null, d.series());
        } else {
            forRecon = cur;
        }
        Map<String, Volume> volumes = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Path volumesDir = dir.resolve(Project.folderOf("reconstruct"));
        MethodChoice.Choice choice = null;
        if (steps.contains("reconstruct")) {
            RunContext ctx = RunContext.of(threads, sp.step("reconstruct"));
            Pipeline.Reconstructed[] r = new Pipeline.Reconstructed[1];
            records.put("reconstruct", proj.save(d, "reconstruct", tmp -> r[0] = Pipeline.reconstruct(forRecon, params, ctx, tmp)));
            choice = r[0].choice();
            readVolumes(volumesDir, volumes, files);
        }
        AnalysisResult analysis = null;
        if (steps.contains("analyze")) {
            if (!Files.isRegularFile(volumesDir.resolve(ReconstructionReader.FILE))) {
                throw new TridentException(d.label() + ": reconstruct before analyzing (no volumes in its results folder)");
            }
            RunContext ctx = RunContext.of(threads, sp.step("analyze"));
            AnalysisResult[] r = new AnalysisResult[1];
            TiltSeries fitSeries = forRecon.series();
            Path fitSource = forRecon.source();
            MethodChoice.Choice used = choice;
            ShellFitStep.Attempt[] fit = new ShellFitStep.Attempt[1];
            ObjectNode rec = proj.save(d, "analyze", tmp -> {
                var an = Pipeline.analyze(volumesDir, d.label(), params.analyze(), ctx, tmp).analysis();
                r[0] = an;
                warnings.addAll(an.warnings());
                // the shell fit by pipeline's rule, beside the analysis (profiles-fit.csv; the Profiles view reads it back)
                fit[0] = ShellFitStep.attempt(fitSeries, fitSource, an, params.analyze().withThreads(threads), used, ctx);
                if (fit[0].fit() != null) ShellFitStep.write(fit[0].fit(), tmp);
            });
            records.put("analyze", Project.withProfileSource(rec, fit[0].profileSource()));
            if (fit[0].warning() != null) warnings.add(fit[0].warning());
            analysis = r[0];
        }
        sp.finish();
        return new Outcome(d, q, aligned, volumes, files, analysis, records, choice, warnings);
    }

    private static void readVolumes(Path dir, Map<String, Volume> volumes, Map<String, Path> files) {
        try (Stream<Path> st = Files.list(dir)) {
            for (Path f : st.filter(DatasetLoader::isMrc).sorted().toList()) {
                String name = DatasetLoader.volumeName(f);
                volumes.put(name, Mrc.readVolume(f));
                files.put(name, f);
            }
        } catch (IOException e) {
            throw TridentException.file(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    /** Puts what a run made into its dataset and records each step in order (FX thread). */
    public static void adopt(Outcome o, Project proj) {
        Dataset d = o.dataset();
        if (o.quantified() != null) d.setQuantified(o.quantified().series());
        if (o.aligned() != null) d.setAligned(o.aligned());
        o.volumes().forEach((n, v) -> d.addVolume(new Dataset.VolumeItem(n, v, o.volumeFiles().get(n))));
        if (o.analysis() != null) {
            AnalyzeViewModel.adopt(d, o.analysis());
            Path fit = proj.dir(d).resolve(Project.folderOf("analyze")).resolve(org.trident.analysis.ShellFitWriter.PROFILES);
            d.setFitProfiles(Files.isRegularFile(fit) ? DepthProfiles.read(fit) : null);
        }
        o.records().forEach((step, rec) -> proj.note(d, step, rec));
        d.setResultsDir(proj.dir(d));
    }

    /**
     * Several datasets in one job: the steps of all of them make one progress bar (equal shares
     * per step), so the job's ETA is the whole run's. A dataset that fails is reported and the
     * others go on.
     */
    public static List<Object> runAll(List<Dataset> ds, Map<Dataset, Settings> settings, Project proj, int threads, Progress progress) {
        Map<Dataset, List<String>> plan = new LinkedHashMap<>();
        for (Dataset d : ds) {
            List<String> r = remaining(d);
            if (!r.isEmpty()) plan.put(d, r);
        }
        int total = plan.values().stream().mapToInt(List::size).sum();
        StagedProgress sp = new StagedProgress(progress, "Processing " + plan.size() + " dataset(s)", Math.max(1, total));
        List<Object> out = new ArrayList<>();
        for (var e : plan.entrySet()) {
            progress.checkCancelled();
            try {
                out.add(run(e.getKey(), e.getValue(), settings.get(e.getKey()), proj, threads, sp.forDataset(e.getKey().label())));
            } catch (java.util.concurrent.CancellationException c) {
                throw c;
            } catch (RuntimeException err) {
                out.add(new TridentException(e.getKey().label() + ": " + Dialogs.sentence(err), err));
            }
        }
        return out;
    }
}
