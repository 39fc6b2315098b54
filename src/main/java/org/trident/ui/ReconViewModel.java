package org.trident.ui;

import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.ReconstructStep;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.io.Mrc;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;
import org.trident.recon.MethodChoice;
import org.trident.recon.ReconParams;
import org.trident.recon.SlicePreview;
import org.trident.recon.SeriesReconstruction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Reconstruct step without the toolkit: settings (with undo), a one-slice preview and the
 * full run over chosen channels. The {@link Reconstructor} (its system matrix) is kept while the
 * geometry stays the same, so a preview after a settings change costs only the solve.
 */
public final class ReconViewModel {
    private TiltSeries series;
    private Path source;
    /**
     * The step's settings: the method chosen from the data ("automatic", the pipeline's
     * {@link MethodChoice}) or the one given, that method's parameters, and the low-dose methods'
     * settings. Defaults from {@link Pipeline.Params#defaults()} (the pipeline's own).
     */
    public record Setup(boolean automatic, ReconParams params, LowDoseParams lowDose) {
        public static Setup defaults() {
            Pipeline.Params d = Pipeline.Params.defaults();
            return new Setup(d.chooseMethod(), d.reconstruct().base(), d.lowDose());
        }

        /**
         * The step's settings in a pipeline's parameters (a loaded params.json): the inverse of
         * {@link #pipelineParams(Setup, List, boolean)}; a rule switching non-negativity off shows
         * as the box off. Channels and half sets are not settings of this step.
         */
        public static Setup of(Pipeline.Params p) {
            ReconParams base = p.reconstruct().base();
            if (Boolean.FALSE.equals(p.reconstruct().nonNegative())) base = base.withNonNegative(false);
            return new Setup(p.chooseMethod(), base, p.lowDose());
        }
    }

    private Setup setup = Setup.defaults();
    private final Deque<Setup> undo = new ArrayDeque<>();
    private MethodChoice.Choice choice;
    private final CostCurves costs = new CostCurves();
    private Path lastDir;
    private SlicePreview slicePreview;
    private String geometryKey = "";

    public void setSeries(TiltSeries ts) {
        setSeries(ts, null);
    }

    /** The series and the file or folder it was read from (recorded with SHA-256 in what is saved), or null. */
    public void setSeries(TiltSeries ts, Path source) {
        series = ts;
        this.source = source;
        choice = null;
        slicePreview = null;
        geometryKey = "";
    }

    public TiltSeries series() { return series; }
    public Setup setup() { return setup; }
    /** Per-term costs of the running (or last) low-dose run, per iteration. */
    public CostCurves costs() { return costs; }

    /**
     * The parameters a run uses now: those given, or with "automatic" the chosen method's (its
     * defaults, unless it is the method given, as {@code pipeline} does).
     */
    public ReconParams params() {
        MethodChoice.Choice c = setup.automatic() ? choice() : null;
        return c == null ? setup.params() : Pipeline.reconstructSettings(series, pipelineParams(List.of(), false), c).base();
    }

    /** The method chosen from the data (the pipeline's {@link MethodChoice}); null without a series. */
    public synchronized MethodChoice.Choice choice() {
        if (choice == null && series != null) choice = MethodChoice.choose(series);
        return choice;
    }

    /** Changes the settings, remembering the old ones for {@link #undo()}. */
    public void setSetup(Setup s) {
        if (s.equals(setup)) return;
        undo.push(setup);
        while (undo.size() > 100) undo.removeLast();
        setup = s;
    }

    /** Gives the parameters explicitly (no longer automatic), remembering the old settings for {@link #undo()}. */
    public void setParams(ReconParams p) {
        setSetup(new Setup(false, p, setup.lowDose()));
    }

    /** "Automatic": the method is chosen from the data, as {@code pipeline} does. */
    public void setAutomatic(boolean a) {
        setSetup(new Setup(a, setup.params(), setup.lowDose()));
    }

    public void setLowDose(LowDoseParams lp) {
        setSetup(new Setup(setup.automatic(), setup.params(), lp));
    }

    /** Switching algorithm takes that algorithm's documented defaults, keeping the thickness; the method is then given, not chosen. */
    public void setAlgorithm(Algorithm a) {
        if (!setup.automatic() && a == setup.params().algorithm()) return;
        setParams(ReconParams.defaults(a).withThickness(setup.params().thicknessVoxels()));
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public void undo() {
        if (!undo.isEmpty()) setup = undo.pop();
    }

    /** These settings as the pipeline takes them (what Process runs and the saved parameters file holds). */
    public Pipeline.Params pipelineParams(List<String> channels, boolean halfSets) {
        return pipelineParams(setup, channels, halfSets);
    }

    /** {@code s} as the pipeline takes it. */
    public static Pipeline.Params pipelineParams(Setup s, List<String> channels, boolean halfSets) {
        return Pipeline.Params.defaults().withReconstruct(settings(channels, s.params(), halfSets))
                .withChooseMethod(s.automatic()).withLowDose(s.lowDose());
    }

    /** Channels that can be reconstructed: image channels (ADF and per-tilt maps), not raw spectra. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        if (series != null) for (Channel c : series.channels()) if (c.isImage()) out.add(c.name());
        return out;
    }

    /** A note when the series does not look aligned (no alignment.json was applied to it). */
    public static boolean looksAligned(TiltSeries ts) {
        return ts.extra().has("alignment") || ts.extra().path("tiltAxis").path("aligned").asBoolean(false);
    }

    /** The one-slice preview of the current geometry; its system matrix is kept while width, thickness and angles stay. */
    private synchronized SlicePreview slicePreview(ReconParams params) {
        int w = series.width(), z = params.thickness(w);
        String key = w + "/" + z + "/" + java.util.Arrays.toString(series.tiltAnglesDeg());
        if (slicePreview == null || !key.equals(geometryKey)) {
            slicePreview = new SlicePreview(w, z, series.tiltAnglesDeg());
            geometryKey = key;
        }
        return slicePreview;
    }

    /** Result of a preview: the slice perpendicular to the tilt axis (columns x, rows z) at row {@code row}. */
    public record Preview(float[] values, int width, int height, int row, double residual, double seconds, Map<String, double[]> costs) {
        public Preview(float[] values, int width, int height, int row, double residual, double seconds) {
            this(values, width, height, row, residual, seconds, Map.of());
        }
    }

    /**
     * Reconstructs the one slice at detector row {@code row} of {@code channel} with the current
     * settings, on every core the JVM sees (front ends do not choose threads).
     */
    public Preview preview(String channel, int row, ReconParams p, Progress progress) {
        return preview(channel, row, p, RunContext.availableThreads(), progress);
    }

    /**
     * As {@link #preview(String, int, ReconParams, Progress)} on {@code threads} threads: SIRT, SART
     * and WBP on the preview's own one-slice kernels ({@link SlicePreview}), ART, CGLS and the rest
     * through the engine on one slice; the slice does not depend on {@code threads}. The residual
     * is the engine's ‖b − Ax‖/‖b‖ of the last iteration (NaN for WBP).
     */
    public Preview preview(String channel, int row, ReconParams p, int threads, Progress progress) {
        if (series == null) throw new TridentException("open a tilt series to reconstruct");
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the settings cannot run: " + problems.get(0));
        Channel c = series.channel(channel);
        if (c == null || !c.isImage()) throw new TridentException("channel " + channel + " is not an image channel");
        int y = Math.max(0, Math.min(series.height() - 1, row));
        if (p.algorithm().lowDose()) {
            if (!LowDosePreview.usesSirt(c, p.algorithm())) {
                long t0 = System.nanoTime();
                CostCurves cc = new CostCurves();
                float[] v = LowDosePreview.slice(series, c, y, p, setup.lowDose(), cc.recording(progress, p.algorithm() == Algorithm.FUSED ? "fused" : c.name()));
                return new Preview(v, series.width(), p.thickness(series.width()), y, Double.NaN, (System.nanoTime() - t0) / 1e9, cc.snapshot());
            }
            p = ReconParams.defaults(Algorithm.SIRT).withThickness(p.thicknessVoxels()); // what the series run gives this channel
        }
        long t0 = System.nanoTime();
        SlicePreview sp = slicePreview(p);
        SlicePreview.Slice s = sp.preview(c.images(), y, paramsFor(c, p), threads, progress);
        // x fastest then z, as the XZ section of the engine's volume
        return new Preview(s.values(), sp.width(), sp.thickness(), y, s.residual(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The engine settings for the GUI's controls. The "Non-negative (ADF)" box switches the
     * engine's per-signal rule (SeriesReconstruction.paramsFor: on for ADF, off for BF and maps)
     * on or off, so that GUI and {@code trident reconstruct} give the same volumes for the same
     * settings: box on, or an algorithm whose default is off (WBP, CGLS) left alone → the rule,
     * as with no {@code --non-negative} flag; box off where the default is on → off everywhere.
     */
    public static SeriesReconstruction.Settings settings(List<String> channels, ReconParams p) {
        return settings(channels, p, false);
    }

    /** As {@link #settings(List, ReconParams)}, with or without half sets (Process makes them, as {@code pipeline} does). */
    public static SeriesReconstruction.Settings settings(List<String> channels, ReconParams p, boolean halfSets) {
        Boolean nn = p.nonNegative() || !ReconParams.defaults(p.algorithm()).nonNegative() ? null : Boolean.FALSE;
        return new SeriesReconstruction.Settings(channels, p, nn, halfSets);
    }

    /** The settings the engine uses for a channel (see {@link #settings}). */
    public static ReconParams paramsFor(Channel c, ReconParams p) {
        return SeriesReconstruction.paramsFor(c, settings(List.of(), p));
    }

    private ReconstructStep.Result last;

    /**
     * Writes the last full run as a {@code reconstruct} output (MRC per channel +
     * reconstruction.json with provenance), readable by {@code trident analyze}.
     *
     * @param version ignored: the version recorded is the one the run was made with
     */
    public synchronized Path save(Path dir, String version) {
        if (last == null && lastDir == null) throw new TridentException("run a full reconstruction before saving it");
        org.trident.io.OutputDirs.prepare(dir, false);
        if (last != null) new ReconstructStep().write(last, dir);
        else copyFiles(lastDir, dir);
        return dir.resolve(org.trident.recon.ReconstructionWriter.FILE);
    }

    public synchronized boolean hasResult() { return last != null || lastDir != null; }

    /**
     * Reconstructs the named channels with the current settings: automatic or a low-dose method
     * through the pipeline's reconstruct step ({@link Pipeline#reconstruct}: the same choice, the
     * same channel rule, written as it goes into a scratch folder that Save copies), the others
     * through {@link ReconstructStep#run} in memory. Costs per term are collected in {@link #costs()}.
     */
    public Map<String, Volume> run(List<String> channels, Setup s, int threads, Progress progress) {
        if (!s.automatic()) return run(channels, s.params(), s.lowDose(), threads, progress);
        check(channels, s.params(), s.lowDose());
        Pipeline.Params used = pipelineParams(s, channels, false);
        var out = runInFolder(used, threads, progress);
        lastRun = used;
        return out;
    }

    private volatile Pipeline.Params lastRun;

    /** The last full run's settings as the pipeline takes them (what the results folder's params.json records); null before one. */
    public Pipeline.Params lastRunParams() { return lastRun; }

    /** {@code p} with a run's reconstruct settings (method or automatic, and the low-dose settings); {@code p} itself when {@code run} is null. */
    public static Pipeline.Params withRun(Pipeline.Params p, Pipeline.Params run) {
        return run == null ? p : p.withReconstruct(run.reconstruct()).withChooseMethod(run.chooseMethod()).withLowDose(run.lowDose());
    }

    /** Reconstructs every named channel fully through the reconstruct step; volumes keyed by channel name. */
    public Map<String, Volume> run(List<String> channels, ReconParams p, int threads, Progress progress) {
        return run(channels, p, setup.lowDose(), threads, progress);
    }

    private Map<String, Volume> run(List<String> channels, ReconParams p, LowDoseParams lowDose, int threads, Progress progress) {
        if (series == null) throw new TridentException("open a tilt series to reconstruct");
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the settings cannot run: " + String.join(" ", problems));
        if (channels.isEmpty()) throw new TridentException("choose at least one channel to reconstruct");
        Pipeline.Params used = Pipeline.Params.defaults().withReconstruct(settings(channels, p)).withChooseMethod(false).withLowDose(lowDose);
        if (p.algorithm().lowDose()) {
            var out = runInFolder(used, threads, progress);
            lastRun = used;
            return out;
        }
        ReconstructStep.Result r = new ReconstructStep().run(ReconstructStep.Input.of(new Bundle(source, series)), settings(channels, p),
                RunContext.of(threads, progress));
        Map<String, Volume> out = new LinkedHashMap<>();
        r.volumes().forEach((name, cv) -> out.put(name, cv.volume()));
        synchronized (this) {
            last = r;
            dropFolder();
        }
        lastRun = used;
        return out;
    }

    private void check(List<String> channels, ReconParams p, LowDoseParams lowDose) {
        if (series == null) throw new TridentException("open a tilt series to reconstruct");
        List<String> problems = new ArrayList<>(p.validate());
        problems.addAll(lowDose.validate());
        if (!problems.isEmpty()) throw new TridentException("the settings cannot run: " + String.join(" ", problems));
        if (channels.isEmpty()) throw new TridentException("choose at least one channel to reconstruct");
    }

    private Map<String, Volume> runInFolder(Pipeline.Params params, int threads, Progress progress) {
        costs.clear();
        Path dir;
        try {
            dir = Files.createTempDirectory("trident-recon-");
        } catch (IOException e) {
            throw new TridentException("cannot make a scratch folder for the reconstruction: " + e.getMessage(), e);
        }
        Pipeline.Reconstructed r;
        try {
            r = Pipeline.reconstruct(new Bundle(source, series), params, RunContext.of(threads, costs.recording(progress)), dir);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
        Map<String, Volume> out = new LinkedHashMap<>();
        r.record().path("channels").fields().forEachRemaining(e -> out.put(e.getKey(), Mrc.readVolume(dir.resolve(e.getValue().path("file").asText()))));
        synchronized (this) {
            dropFolder();
            last = null;
            lastDir = dir;
        }
        return out;
    }

    private void dropFolder() {
        if (lastDir != null) deleteQuietly(lastDir);
        lastDir = null;
    }

    private static void copyFiles(Path from, Path to) {
        try (var s = Files.list(from)) {
            for (Path f : s.toList()) Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw TridentException.file(to, "cannot write: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Project.deleteTree(dir);
        } catch (IOException ignored) {
            // a scratch folder under the system's temp folder; the system cleans it up
        }
    }
}
