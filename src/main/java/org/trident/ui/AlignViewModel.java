package org.trident.ui;

import org.trident.align.AlignParams;
import org.trident.align.Aligner;
import org.trident.align.Alignment;
import org.trident.align.Alignments;
import org.trident.align.Interpolation;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.AlignStep;
import org.trident.pipeline.Bundle;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Align step without the toolkit: the raw series, the current alignment (estimated, then
 * possibly nudged by hand, with undo), the per-tilt correlation, and previews of raw or aligned
 * tilts. Applying it gives the aligned series every channel shares (shifts found on ADF apply to
 * EDS and EELS recorded in the same scan).
 */
public final class AlignViewModel {
    private TiltSeries raw;
    private java.nio.file.Path source;
    private Aligner.Result estimate;
    private final AlignStep step = new AlignStep();
    private Alignment alignment;
    private double[] score;
    private final Deque<Alignment> undo = new ArrayDeque<>();

    public void setSeries(TiltSeries ts) {
        setSeries(ts, null);
    }

    /** The series and the bundle it was read from (checksummed in the alignment's provenance), or null. */
    public void setSeries(TiltSeries ts, java.nio.file.Path source) {
        raw = ts;
        this.source = source;
        estimate = null;
        alignment = ts == null ? null : Alignment.identity(ts.tilts());
        score = null;
        undo.clear();
    }

    private volatile AlignParams lastParams = AlignParams.defaults();

    /** The settings of the last estimate (the defaults before one): what the results folder's params.json records for align. */
    public AlignParams lastParams() { return lastParams; }

    public TiltSeries raw() { return raw; }
    public Alignment alignment() { return alignment; }
    /** Normalised correlation per tilt from the last estimate; null before one. */
    public double[] score() { return score; }

    /** Estimates on the ADF channel (blocking; run it as a job). */
    public Aligner.Result estimate(AlignParams p, int threads, Progress progress) {
        if (raw == null) throw new TridentException("open a tilt series to align");
        var problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the alignment settings cannot run: " + String.join(" ", problems));
        var r = step.estimate(input(), p, RunContext.of(threads, progress));
        lastParams = p;
        return r;
    }

    private AlignStep.Input input() {
        return AlignStep.Input.of(new Bundle(source, raw));
    }

    /** Takes an estimate as the current alignment (undoable). */
    public void accept(Aligner.Result r) {
        undo.push(alignment);
        alignment = r.alignment();
        score = r.score();
        estimate = r;
    }

    /** Moves tilt {@code t} by (ddx, ddy) pixels in the raw frame (undoable). */
    public void nudge(int t, double ddx, double ddy) {
        undo.push(alignment);
        double[] dx = alignment.dx().clone(), dy = alignment.dy().clone();
        dx[t] += ddx;
        dy[t] += ddy;
        alignment = alignment.withShifts(dx, dy);
    }

    /** True when tilt {@code t} is left out of the aligned series (found unusable, or chosen by hand). */
    public boolean excluded(int t) { return alignment != null && alignment.isExcluded(t); }

    /** Why tilt {@code t} is left out ("" when it is kept). */
    public String exclusionReason(int t) {
        return excluded(t) ? alignment.extra().path("excludedReasons").path(Integer.toString(t)).asText("left out") : "";
    }

    /** Leaves tilt {@code t} out of the aligned series, or takes it back in (undoable). */
    public void toggleExcluded(int t) {
        undo.push(alignment);
        java.util.Set<Integer> ex = new java.util.TreeSet<>();
        for (int e : alignment.excludedTilts()) ex.add(e);
        if (!ex.remove(t)) ex.add(t);
        if (alignment.tilts() - ex.size() < 3) {
            alignment = undo.pop();
            throw new TridentException("at least 3 tilts must stay in the aligned series");
        }
        alignment = alignment.withExcluded(ex);
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public void undo() {
        if (!undo.isEmpty()) alignment = undo.pop();
    }

    /** Tilt {@code t} of the alignment channel, raw or aligned with the current alignment. */
    public float[] image(int t, boolean aligned) {
        Channel c = raw.adf();
        if (c == null) throw new TridentException("this series has no image channel to align on");
        float[] im = c.images().tilt(t);
        return aligned ? Alignments.image(im, raw.width(), raw.height(), alignment, t, Interpolation.LINEAR) : im;
    }

    /**
     * The tilt axis in image pixels (columns, rows) as two end points {c0, r0, c1, r1}: in the raw
     * view the line through R(r)·(offset, 0) along R(r)·(0, 1); in the aligned view the centre column.
     */
    public double[] axisLine(boolean aligned) {
        double w = raw.width(), h = raw.height();
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        if (aligned) return new double[]{cx, 0, cx, h - 1};
        double r = Math.toRadians(alignment.tiltAxisRotationDeg()), d = alignment.tiltAxisOffsetPx();
        double px = d * Math.cos(r), py = d * Math.sin(r);      // R(r)·(d, 0)
        double ux = -Math.sin(r), uy = Math.cos(r);              // R(r)·(0, 1)
        double half = Math.hypot(w, h) / 2;
        return new double[]{cx + px - ux * half, cy + py - uy * half, cx + px + ux * half, cy + py + uy * half};
    }

    /**
     * The aligned series, all channels (blocking; run it as a job), through the pipeline's align
     * step: the alignment's interpolation is the settings' ({@link AlignParams#defaults()}, as
     * {@code trident align}), and its record gets the step's provenance.
     */
    public TiltSeries apply(int threads, Progress progress) {
        return apply(AlignParams.defaults(), threads, progress);
    }

    /** As {@link #apply(int, Progress)} with {@code p}'s interpolation. */
    public TiltSeries apply(AlignParams p, int threads, Progress progress) {
        Aligner.Result e = estimate == null ? new Aligner.Result(alignment, null, null, null, null, java.util.List.of())
                : new Aligner.Result(alignment, estimate.score(), estimate.xcorr(), estimate.com(), estimate.residual(), estimate.notes());
        return step.apply(input(), e, p, RunContext.of(threads, progress)).aligned();
    }
}
