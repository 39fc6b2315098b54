package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.AlignParams;
import org.trident.align.Aligner;
import org.trident.align.Alignment;
import org.trident.align.Alignments;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.Analyzer;
import org.trident.analysis.ReconstructionReader;
import org.trident.job.ToolVersion;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;
import org.trident.spectra.Quantifier;
import org.trident.spectra.References;

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
 * → analyze) with its own settings, as one job, chained the way {@code trident pipeline} chains
 * the commands (quantify skipped without spectra; align estimated on ADF and applied to every
 * channel; every image channel reconstructed with half-sets; analyze reading the reconstruct
 * output), each result written to the results folder by the same writers as it is made.
 *
 * <p>This is the one class to re-point at {@code org.trident.pipeline.Pipeline} once that lands:
 * {@link #run} is the only place that calls the engine stages.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /** What a dataset is processed with (its own settings, else the defaults of each stage's params record). */
    public record Settings(QuantParams quant, AlignParams align, ReconParams recon, AnalysisParams analysis, Path references) {}

    /** What one run made, applied to the dataset on the FX thread by {@link #adopt}. */
    public record Outcome(Dataset dataset, QuantResult quantified, TiltSeries aligned, Map<String, Volume> volumes,
                          Map<String, Path> volumeFiles, AnalysisResult analysis, Map<String, ObjectNode> records) {}

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
        QuantResult q = null;
        TiltSeries cur = d.rawSeries();
        if (steps.contains("quantify")) {
            References refs = s.references() == null ? null : References.read(s.references());
            Progress progress = sp.step("quantify");
            q = Quantifier.quantify(d.openedSeries(), s.quant(), refs, threads, progress);
            cur = q.series();
            records.put("quantify", proj.saveQuantified(d, q, progress));
        }
        TiltSeries aligned = null;
        if (steps.contains("align")) {
            Progress progress = sp.step("align");
            AlignParams p = s.align();
            double prior = cur.extra().path("tiltAxis").path("rotationDeg").asDouble(p.rotationPriorDeg());
            p = new AlignParams(p.methods(), prior, p.rotationRangeDeg(), p.maxShiftPx(), p.lowCutoff(), p.highCutoff(), p.taperFraction(),
                    p.maxOffsetPx(), p.pmMaxIterations(), p.pmTolerancePx(), p.sirtIterations(), p.centre(), p.interpolation());
            Aligner.Result r = Aligner.estimate(cur, null, p, null, threads, progress);
            Alignment a = r.alignment();
            aligned = Alignments.apply(cur, a, p.interpolation(), threads, progress);
            records.put("align", proj.saveAligned(d, a, aligned, progress));
        }
        TiltSeries forRecon = aligned != null ? aligned : (steps.contains("quantify") ? cur : d.series());
        Map<String, Volume> volumes = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Path volumesDir = proj.dir(d).resolve("volumes");
        if (steps.contains("reconstruct")) {
            Progress progress = sp.step("reconstruct");
            Path input = aligned != null || d.steps().containsKey("align") ? proj.dir(d).resolve("aligned") : d.seriesPath();
            var settings = new SeriesReconstruction.Settings(List.of(), s.recon(), null, true);
            records.put("reconstruct", proj.saveVolumes(d, dir -> SeriesReconstruction.run(forRecon, input, dir, settings, threads, progress, ToolVersion.get())));
            readVolumes(volumesDir, volumes, files);
        }
        AnalysisResult analysis = null;
        if (steps.contains("analyze")) {
            if (!java.nio.file.Files.isRegularFile(volumesDir.resolve(ReconstructionReader.FILE))) {
                throw new TridentException(d.label() + ": reconstruct before analyzing (no volumes in its results folder)");
            }
            Progress progress = sp.step("analyze");
            var in = ReconstructionReader.read(volumesDir);
            in = new org.trident.analysis.AnalysisInputs(d.label(), in.channels(), in.quantification(), in.halfA(), in.halfB());
            analysis = Analyzer.analyze(in, s.analysis(), progress);
            records.put("analyze", proj.saveAnalysis(d, analysis));
        }
        sp.finish();
        return new Outcome(d, q, aligned, volumes, files, analysis, records);
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
        if (o.analysis() != null) AnalyzeViewModel.adopt(d, o.analysis());
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
