package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Mrc;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;
import org.trident.recon.LowDoseParams;
import org.trident.recon.LowDoseSeries;
import org.trident.recon.ChannelSolver;
import org.trident.recon.ReconParams;
import org.trident.recon.ReconstructionWriter;
import org.trident.recon.Reconstructor;
import org.trident.recon.SeriesReconstruction;
import org.trident.recon.SeriesReconstruction.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconstructs the image channels of an aligned series (docs/reconstruction.md) with the engine's
 * per-signal non-negativity rule ({@link SeriesReconstruction#paramsFor}). {@link #run} keeps the
 * volumes in memory (the GUI shows them); {@link #runInto} writes each volume as soon as it
 * exists, so only one is in memory (the CLI). Both give the same files and the same
 * reconstruction.json.
 */
public final class ReconstructStep implements Step<ReconstructStep.Input, Settings, ReconstructStep.Result> {
    /**
     * @param bundle  the aligned series
     * @param support support mask volume (non-zero = may hold material), or null
     */
    public record Input(Bundle bundle, Path support) {
        public static Input of(Bundle b) {
            return new Input(b, null);
        }
    }

    /** One reconstructed channel: the settings used for it and the solver's result. */
    public record ChannelVolume(Channel channel, ReconParams params, Reconstructor.Result result) {
        public Volume volume() { return result.volume(); }
    }

    /**
     * @param series     the series reconstructed
     * @param settings   the settings asked for
     * @param outcome    channels, half-set tilts, support, timing
     * @param volumes    channel volumes by name (empty after {@link #runInto}, which wrote them)
     * @param odd        odd-tilt half-set volumes by channel name (idem)
     * @param even       even-tilt half-set volumes by channel name (idem)
     * @param provenance the provenance record
     * @param threads    threads used
     */
    public record Result(Input input, Settings settings, SeriesReconstruction.Outcome outcome, Map<String, ChannelVolume> volumes,
                         Map<String, Volume> odd, Map<String, Volume> even, ObjectNode provenance, int threads) {
        public TiltSeries series() { return input.bundle().series(); }
    }

    private final LowDoseParams lowDose;

    /** A step with the low-dose methods' default settings. */
    public ReconstructStep() {
        this(LowDoseParams.defaults());
    }

    /** A step whose low-dose methods (em, os-em, em-tv, sirt-tv, fused) use {@code lowDose}. */
    public ReconstructStep(LowDoseParams lowDose) {
        this.lowDose = lowDose == null ? LowDoseParams.defaults() : lowDose;
    }

    @Override public String name() { return "reconstruct"; }

    /**
     * The work of reconstructing {@code channels} channels of a series of {@code tilts} tilts of
     * W × H pixels in {@link org.trident.job.WorkPlan}'s units: each iteration projects and
     * back-projects every voxel of the W × H × thickness volume along every tilt, so channels ×
     * iterations × tilts × W × H × thickness, twice with half sets (the two halves make one more
     * full set); WBP counts as one iteration.
     */
    public static double workUnits(int tilts, int width, int height, int channels, Settings s) {
        ReconParams b = s.base();
        int iterations = b.algorithm() != null && b.algorithm().iterative() ? Math.max(1, b.iterations()) : 1;
        return (s.halfSets() ? 2.0 : 1.0) * channels * iterations * (double) tilts * width * height * b.thickness(width);
    }

    /** As {@link #workUnits(int, int, int, int, Settings)} for the channels of {@code ts} that {@code s} selects. */
    public static double workUnits(TiltSeries ts, Settings s) {
        return workUnits(ts.tilts(), ts.width(), ts.height(), SeriesReconstruction.select(ts, s.channels()).size(), s);
    }

    /** Refuses bad settings, channel names or support mask with a sentence, before anything runs or is written. */
    public static void check(Input in, Settings s) {
        List<String> problems = s.base().validate();
        if (!problems.isEmpty()) throw new org.trident.model.TridentException(String.join(" ", problems));
        SeriesReconstruction.select(in.bundle().series(), s.channels());
        support(in, s);
    }

    @Override
    public Result run(Input in, Settings s, RunContext ctx) {
        if (s.base().algorithm() != null && s.base().algorithm().lowDose()) {
            // the low-dose methods write as they go (LowDoseSeries): reconstruct them into a folder with runInto
            throw new org.trident.model.TridentException(s.base().algorithm().label()
                    + " runs from `trident reconstruct` or `pipeline` (it writes its volumes as it goes); choose sirt, sart, art, cgls or wbp here");
        }
        Map<String, ChannelVolume> vols = new LinkedHashMap<>();
        Map<String, Volume> odd = new LinkedHashMap<>(), even = new LinkedHashMap<>();
        Provenance prov = provenance(in, s, ctx);
        var o = SeriesReconstruction.reconstruct(in.bundle().series(), s, support(in, s), ctx.threads(), ctx.progress(),
                new SeriesReconstruction.Sink() {
                    @Override public void channel(Channel c, ReconParams p, Reconstructor.Result r) { vols.put(c.name(), new ChannelVolume(c, p, r)); }
                    @Override public void halfSet(Channel c, boolean oddTilts, Volume v) { (oddTilts ? odd : even).put(c.name(), v); }
                });
        return new Result(in, s, o, vols, odd, even, prov.finish(), ctx.threads());
    }

    /** Reconstructs and writes into {@code dir} (prepared by the caller) volume by volume; returns the record written. */
    public ObjectNode runInto(Input in, Settings s, RunContext ctx, Path dir) {
        return runInto(in, s, ctx, dir, ChannelSolver.LOCAL);
    }

    /**
     * As {@link #runInto(Input, Settings, RunContext, Path)}, with each channel's slices solved by
     * {@code solver} (on a Spark cluster: org.trident.scaleout); records where in {@code "solvedOn"}.
     */
    public ObjectNode runInto(Input in, Settings s, RunContext ctx, Path dir, ChannelSolver solver) {
        Provenance prov = provenance(in, s, ctx);
        if (s.base().algorithm() != null && s.base().algorithm().lowDose()) {
            ObjectNode r = LowDoseSeries.run(in.bundle().series(), in.bundle().source(), dir, s, lowDose, support(in, s), ctx.threads(),
                    ctx.progress(), ctx.version());
            if (in.support() != null) r.putObject("support").put("path", in.support().toAbsolutePath().normalize().toString());
            r.set("provenance", prov.parameters(parameters(s).set("lowDose", org.trident.io.Json.MAPPER.valueToTree(lowDose))).finish());
            org.trident.io.Json.write(dir.resolve("reconstruction.json"), r);
            return r;
        }
        ReconstructionWriter w = new ReconstructionWriter(dir, in.bundle().series());
        var o = SeriesReconstruction.reconstruct(in.bundle().series(), s, support(in, s), ctx.threads(), ctx.progress(),
                new SeriesReconstruction.Sink() {
                    @Override public void channel(Channel c, ReconParams p, Reconstructor.Result r) { w.addChannel(c, r.volume(), p, r); }
                    @Override public void halfSet(Channel c, boolean oddTilts, Volume v) { w.addHalfSet(c, oddTilts, v); }
                }, solver);
        if (solver != ChannelSolver.LOCAL) w.root().put("solvedOn", solver.where());
        return finish(w, in, s, o, prov.finish(), ctx.threads(), ctx.version());
    }

    /** Writes the volumes of {@link #run} and reconstruction.json into {@code dir} (prepared by the caller). */
    @Override
    public void write(Result r, Path dir) {
        ReconstructionWriter w = new ReconstructionWriter(dir, r.series());
        for (ChannelVolume cv : r.volumes().values()) {
            w.addChannel(cv.channel(), cv.volume(), cv.params(), cv.result());
            Volume o = r.odd().get(cv.channel().name()), e = r.even().get(cv.channel().name());
            if (o != null) w.addHalfSet(cv.channel(), true, o);
            if (e != null) w.addHalfSet(cv.channel(), false, e);
        }
        finish(w, r.input(), r.settings(), r.outcome(), r.provenance(), r.threads(), r.provenance().path("version").asText());
    }

    private static ObjectNode finish(ReconstructionWriter w, Input in, Settings s, SeriesReconstruction.Outcome o, ObjectNode prov,
                                     int threads, String version) {
        SeriesReconstruction.describe(w, s, o);
        if (in.bundle().source() != null) SeriesReconstruction.recordInputs(w, in.bundle().source(), o.channels());
        if (in.support() != null) w.root().putObject("support").put("path", in.support().toAbsolutePath().normalize().toString());
        w.root().set("provenance", prov);
        w.finish(threads, o.seconds(), version);
        return w.root();
    }

    private Provenance provenance(Input in, Settings s, RunContext ctx) {
        TiltSeries ts = in.bundle().series();
        List<String> names = new ArrayList<>();
        for (Channel c : SeriesReconstruction.select(ts, s.channels())) names.add(c.name());
        return Provenance.start(name(), ctx).inputs(in.bundle().files(names)).input(in.support()).parameters(parameters(s));
    }

    /** The settings as recorded: the base parameters, the non-negativity rule, channels and half sets. */
    public static ObjectNode parameters(Settings s) {
        ObjectNode n = ReconstructionWriter.parameters(s.base());
        if (s.nonNegative() == null) n.putNull("nonNegative");
        else n.put("nonNegative", s.nonNegative());
        var ch = n.putArray("channels");
        s.channels().forEach(ch::add);
        n.put("halfSets", s.halfSets());
        return n;
    }

    private static boolean[] support(Input in, Settings s) {
        if (in.support() == null) return null;
        TiltSeries ts = in.bundle().series();
        return SeriesReconstruction.support(Mrc.readVolume(in.support()), ts.width(), ts.height(), s.base().thickness(ts.width()));
    }
}
