package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.AlignParams;
import org.trident.align.Aligner;
import org.trident.align.Alignment;
import org.trident.align.AlignmentReport;
import org.trident.align.Alignments;
import org.trident.io.BundleWriter;
import org.trident.job.Progress;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Estimates shifts and the tilt axis on one image channel and applies them to every channel
 * (docs/alignment.md); writes alignment.json, alignment-report.csv and the aligned bundle.
 */
public final class AlignStep implements Step<AlignStep.Input, AlignParams, AlignStep.Result> {
    public static final String REPORT = "alignment-report.csv";

    /**
     * @param bundle  the raw series
     * @param channel image channel to estimate on, or null for the ADF channel
     * @param start   alignment to start from (manual corrections), or null
     */
    public record Input(Bundle bundle, String channel, Alignment start) {
        public static Input of(Bundle b) {
            return new Input(b, null, null);
        }
    }

    /**
     * @param estimate   the estimate with its per-tilt scores
     * @param aligned    every channel with the alignment applied
     * @param provenance also inside the alignment's record
     */
    public record Result(Aligner.Result estimate, TiltSeries raw, TiltSeries aligned, ObjectNode provenance) {
        public Alignment alignment() { return estimate.alignment(); }
    }

    @Override public String name() { return "align"; }

    /**
     * The work of aligning {@code ts} in {@link org.trident.job.WorkPlan}'s units. Projection
     * matching dominates: each round reconstructs the estimate channel with 2 × sirtIterations SIRT
     * iterations and reprojects it, tilts × (W/bin)² × (H/bin) per iteration, and the finest level
     * takes at most four rounds after the coarser ones (fewer when the shifts settle, so this is an
     * upper estimate). Applying the alignment interpolates every image channel (16 taps, cubic).
     */
    public static double workUnits(TiltSeries ts, AlignParams p) {
        return workUnits(ts.tilts(), ts.width(), ts.height(), ts.imageChannels(), p);
    }

    /** As {@link #workUnits(TiltSeries, AlignParams)} for a series of {@code images} image channels of W × H pixels. */
    public static double workUnits(int tilts, int width, int height, int images, AlignParams p) {
        double w = width / (double) p.bin(), h = height / (double) p.bin();
        double pm = p.methods().contains(org.trident.align.AlignMethod.PM)
                ? Math.min(p.pmMaxIterations(), 4) * (2.0 * p.sirtIterations() + 1) * tilts * w * w * h : 0;
        return pm + 16.0 * tilts * width * height * images;
    }

    /** The rotation prior when none is typed: the series' {@code tiltAxis.rotationDeg} when it has one, else the settings' prior. */
    public static double prior(TiltSeries ts, AlignParams p) {
        var axis = ts.extra().path("tiltAxis").path("rotationDeg");
        return axis.isNumber() ? axis.asDouble() : p.rotationPriorDeg();
    }

    /**
     * Estimates with the rotation prior in {@code p} exactly as given (0 is a prior like any
     * other); callers without one use {@link #prior}.
     */
    @Override
    public Result run(Input in, AlignParams p, RunContext ctx) {
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        TiltSeries ts = in.bundle().series();
        if (in.start() != null && in.start().tilts() != ts.tilts()) {
            throw new TridentException("the start alignment has " + in.start().tilts() + " shifts but the series has " + ts.tilts() + " tilts");
        }
        Provenance prov = Provenance.start(name(), ctx).inputs(in.bundle().files()).parameters(ParamsJson.tree(p));
        long t0 = System.nanoTime();
        Aligner.Result r = Aligner.estimateWithPrior(ts, in.channel(), p, in.start(), ctx.threads(), ctx.progress());
        return apply(in, r, p, ctx, prov, t0);
    }

    /**
     * The first half of {@link #run}: the estimate only, with the rotation prior as the chain takes
     * it ({@link #prior}), for a front end that lets the user correct it before {@link #apply}.
     */
    public Aligner.Result estimate(Input in, AlignParams p, RunContext ctx) {
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        AlignParams ap = p.withRotationSearch(prior(in.bundle().series(), p), p.rotationRangeDeg());
        return Aligner.estimateWithPrior(in.bundle().series(), in.channel(), ap, in.start(), ctx.threads(), ctx.progress());
    }

    /**
     * The second half of {@link #run}: applies {@code estimate}'s alignment (possibly corrected by
     * hand since) to every channel with {@code p}'s interpolation; provenance as {@link #run}.
     */
    public Result apply(Input in, Aligner.Result estimate, AlignParams p, RunContext ctx) {
        Provenance prov = Provenance.start(name(), ctx).inputs(in.bundle().files()).parameters(ParamsJson.tree(p));
        return apply(in, estimate, p, ctx, prov, System.nanoTime());
    }

    private Result apply(Input in, Aligner.Result r, AlignParams p, RunContext ctx, Provenance prov, long t0) {
        TiltSeries ts = in.bundle().series();
        Alignment a = r.alignment();
        a.extra().put("interpolation", p.interpolation().name().toLowerCase(Locale.ROOT));
        a.extra().put("seconds", (System.nanoTime() - t0) / 1e9);
        TiltSeries aligned = Alignments.apply(ts, a, p.interpolation(), ctx.threads(), ctx.progress());
        ObjectNode pn = prov.finish();
        a.extra().set("provenance", pn);
        return new Result(r, ts, aligned, pn);
    }

    @Override
    public void write(Result r, Path dir) {
        write(r, dir, Progress.NONE);
    }

    public void write(Result r, Path dir, Progress progress) {
        Aligner.Result e = r.estimate();
        e.alignment().write(dir.resolve(Alignment.FILE));
        AlignmentReport.write(dir.resolve(REPORT), r.raw().tiltAnglesDeg(), e.alignment(), e);
        BundleWriter.write(r.aligned(), dir, progress);
    }
}
