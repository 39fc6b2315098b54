package org.trident.ui;

import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.ReconstructStep;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;
import org.trident.recon.SeriesReconstruction;

import java.nio.file.Path;
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
    private ReconParams params = ReconParams.defaults(Algorithm.SIRT);
    private final Deque<ReconParams> undo = new ArrayDeque<>();
    private Reconstructor reconstructor;
    private String geometryKey = "";

    public void setSeries(TiltSeries ts) {
        setSeries(ts, null);
    }

    /** The series and the file or folder it was read from (recorded with SHA-256 in what is saved), or null. */
    public void setSeries(TiltSeries ts, Path source) {
        series = ts;
        this.source = source;
        reconstructor = null;
        geometryKey = "";
    }

    public TiltSeries series() { return series; }
    public ReconParams params() { return params; }

    /** Changes the settings, remembering the old ones for {@link #undo()}. */
    public void setParams(ReconParams p) {
        if (p.equals(params)) return;
        undo.push(params);
        while (undo.size() > 100) undo.removeLast();
        params = p;
    }

    /** Switching algorithm takes that algorithm's documented defaults, keeping the thickness. */
    public void setAlgorithm(Algorithm a) {
        if (a == params.algorithm()) return;
        setParams(ReconParams.defaults(a).withThickness(params.thicknessVoxels()));
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public void undo() {
        if (!undo.isEmpty()) params = undo.pop();
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

    private synchronized Reconstructor reconstructor() {
        int w = series.width(), z = params.thickness(w);
        String key = w + "/" + z + "/" + java.util.Arrays.toString(series.tiltAnglesDeg());
        if (reconstructor == null || !key.equals(geometryKey)) {
            reconstructor = new Reconstructor(w, z, series.tiltAnglesDeg());
            geometryKey = key;
        }
        return reconstructor;
    }

    /** Result of a preview: the slice perpendicular to the tilt axis (columns x, rows z) at row {@code row}. */
    public record Preview(float[] values, int width, int height, int row, double residual, double seconds) {}

    /** Reconstructs the one slice at detector row {@code row} of {@code channel} with the current settings. */
    public Preview preview(String channel, int row, ReconParams p, Progress progress) {
        if (series == null) throw new TridentException("open a tilt series to reconstruct");
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the settings cannot run: " + problems.get(0));
        Channel c = series.channel(channel);
        if (c == null || !c.isImage()) throw new TridentException("channel " + channel + " is not an image channel");
        int y = Math.max(0, Math.min(series.height() - 1, row));
        var r = reconstructor().run(c.images(), y, y + 1, series.pixelSizeNm(), paramsFor(c, p), null, 1, progress, null);
        Volume v = r.volume();
        // the volume is nx × 1 × nz: its only XZ section, x fastest then z
        return new Preview(v.data().clone(), v.nx(), v.nz(), y, r.residual(), r.seconds());
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
        if (last == null) throw new TridentException("run a full reconstruction before saving it");
        org.trident.io.OutputDirs.prepare(dir, false);
        new ReconstructStep().write(last, dir);
        return dir.resolve(org.trident.recon.ReconstructionWriter.FILE);
    }

    public synchronized boolean hasResult() { return last != null; }

    /** Reconstructs every named channel fully through the reconstruct step; volumes keyed by channel name. */
    public Map<String, Volume> run(List<String> channels, ReconParams p, int threads, Progress progress) {
        if (series == null) throw new TridentException("open a tilt series to reconstruct");
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the settings cannot run: " + String.join(" ", problems));
        if (channels.isEmpty()) throw new TridentException("choose at least one channel to reconstruct");
        ReconstructStep.Result r = new ReconstructStep().run(ReconstructStep.Input.of(new Bundle(source, series)), settings(channels, p),
                RunContext.of(threads, progress));
        Map<String, Volume> out = new LinkedHashMap<>();
        r.volumes().forEach((name, cv) -> out.put(name, cv.volume()));
        synchronized (this) {
            last = r;
        }
        return out;
    }
}
