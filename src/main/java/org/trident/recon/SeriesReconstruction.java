package org.trident.recon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.BundleReader;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reconstructs the image channels of an aligned tilt series into a folder (the work of
 * {@code trident reconstruct}, reusable by the pipeline). One system matrix serves every
 * channel; volumes are written one at a time by {@link ReconstructionWriter}.
 *
 * <p>Default non-negativity per signal: ADF/BF images are counts of scattered electrons and
 * cannot be negative, so the constraint is on (it also reduces missing-wedge streaks).
 * Derived maps ({@code signal: map}: EDS/EELS net counts, MLLS weights, L3 moments) are
 * unbiased least-squares amounts that are legitimately negative per pixel at low dose; clipping
 * them would bias low-signal regions upward and with them every ratio built later, so they are
 * reconstructed unconstrained unless asked otherwise.
 */
public final class SeriesReconstruction {
    private SeriesReconstruction() {}

    /**
     * What to reconstruct and how.
     *
     * @param channels    channel names; empty means every image channel
     * @param base        algorithm and settings for all channels
     * @param nonNegative null: per-signal default (see class comment); otherwise for every channel
     * @param halfSets    also reconstruct each channel from the odd and from the even tilts
     * @param projector   the system matrix's model (null: {@link ProjectorModel#DEFAULT}); recorded in reconstruction.json
     */
    public record Settings(List<String> channels, ReconParams base, Boolean nonNegative, boolean halfSets, ProjectorModel projector) {
        public Settings {
            channels = channels == null ? List.of() : List.copyOf(channels);
            if (base == null) base = ReconParams.defaults(Algorithm.SIRT);
            if (projector == null) projector = ProjectorModel.DEFAULT;
        }

        /** With the default projector. */
        public Settings(List<String> channels, ReconParams base, Boolean nonNegative, boolean halfSets) {
            this(channels, base, nonNegative, halfSets, ProjectorModel.DEFAULT);
        }

        public static Settings defaults() {
            return new Settings(List.of(), ReconParams.defaults(Algorithm.SIRT), null, false);
        }
    }

    /** The default non-negativity for a signal (see the class comment for why). */
    public static boolean nonNegativeByDefault(Signal s) {
        return s == Signal.ADF;
    }

    /** The parameters used for channel {@code c}. */
    public static ReconParams paramsFor(Channel c, Settings s) {
        boolean nn = s.nonNegative() != null ? s.nonNegative()
                : s.base().algorithm() != Algorithm.CGLS && nonNegativeByDefault(c.signal());
        return s.base().withNonNegative(nn);
    }

    /** The channels to reconstruct; refuses spectrum channels and unknown names with a sentence. */
    public static List<Channel> select(TiltSeries ts, List<String> names) {
        List<Channel> out = new ArrayList<>();
        if (names.isEmpty()) {
            for (Channel c : ts.channels()) if (c.isImage()) out.add(c);
            if (out.isEmpty()) throw new TridentException("the bundle has no image channels to reconstruct, only spectra; run `trident quantify` first to turn spectra into maps");
            return out;
        }
        for (String n : names) {
            Channel c = ts.channel(n);
            if (c == null) {
                List<String> have = ts.channels().stream().map(Channel::name).toList();
                throw new TridentException("there is no channel named '" + n + "' (the bundle has " + String.join(", ", have) + ")");
            }
            if (c.isSpectrum()) throw new TridentException("channel " + n + " holds spectra, which cannot be reconstructed directly; run `trident quantify` to make per-element maps and reconstruct those");
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    /**
     * Reconstructs into {@code out} (prepared by the caller) and writes reconstruction.json.
     *
     * @param bundle the bundle the series was read from (its files are recorded with SHA-256), or null
     * @return the JSON written
     */
    /** Solver copies held besides the volume itself (projections, corrections, normalisation), for the memory estimate. */
    private static final double WORKING_VOLUMES = 3.0;

    /**
     * Refuses, before any work, settings and series that cannot be reconstructed: invalid
     * parameters, images narrower than 2 pixels, fewer than two distinct angles, and a volume that
     * does not fit in the memory Java may use (with the sentence saying how much is needed and how to get it).
     */
    public static void check(TiltSeries ts, Settings s) {
        List<String> problems = new ArrayList<>(s.base().validate());
        int w = ts.width(), h = ts.height();
        if (w < 2 || h < 1) problems.add("a reconstruction needs images at least 2 pixels wide, these are " + w + " x " + h + ".");
        if (java.util.Arrays.stream(ts.tiltAnglesDeg()).distinct().count() < 2) problems.add("a reconstruction needs at least two different tilt angles.");
        if (s.projector() != ProjectorModel.DEFAULT && s.base().algorithm().lowDose()) {
            problems.add("the low-dose methods run on the default " + ProjectorModel.DEFAULT.label() + " projector only; leave --projector out with "
                    + s.base().algorithm().label() + ".");
        }
        if (!problems.isEmpty()) throw new TridentException("cannot reconstruct: " + String.join(" ", problems));
        long z = s.base().thickness(w);
        double need = (double) w * h * z * 4 * (1 + WORKING_VOLUMES);
        Runtime rt = Runtime.getRuntime();
        double can = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > can * 0.9) {
            throw new TridentException(String.format(java.util.Locale.ROOT,
                    "cannot reconstruct: a %d x %d x %d volume needs about %.1f GB of memory with the solver's working copies, but Java may use"
                            + " only %.1f GB more; give Java more (java -Xmx%dg -jar trident.jar …), reduce --thickness, bin the images or"
                            + " reconstruct fewer channels at a time", w, h, z, need / 1e9, can / 1e9, (long) Math.ceil((need + rt.maxMemory() - can) / 1e9) + 1));
        }
    }

    public static ObjectNode run(TiltSeries ts, Path bundle, Path out, Settings s, int threads, Progress progress, String version) {
        return run(ts, bundle, out, s, null, threads, progress, version);
    }

    /**
     * As {@link #run(TiltSeries, Path, Path, Settings, int, Progress, String)}, with a support:
     * voxels where it is false are held at zero in every channel (and half set).
     *
     * @param support X·Y·Z booleans in volume order (x fastest), or null
     */
    public static ObjectNode run(TiltSeries ts, Path bundle, Path out, Settings s, boolean[] support, int threads, Progress progress, String version) {
        if (s.base().algorithm() != null && s.base().algorithm().lowDose()) {
            return LowDoseSeries.run(ts, bundle, out, s, LowDoseParams.defaults(), support, threads, progress, version);
        }
        ReconstructionWriter writer = new ReconstructionWriter(out, ts);
        Outcome o = reconstruct(ts, s, support, threads, progress, new Sink() {
            @Override public void channel(Channel c, ReconParams p, Reconstructor.Result r) { writer.addChannel(c, r.volume(), p, r); }
            @Override public void halfSet(Channel c, boolean oddTilts, Volume v) { writer.addHalfSet(c, oddTilts, v); }
        });
        describe(writer, s, o);
        if (bundle != null) recordInputs(writer, bundle, o.channels());
        writer.finish(threads, o.seconds(), version);
        return writer.root();
    }

    /** Receives each volume as soon as it exists (to write it, or to keep it in memory). */
    public interface Sink {
        void channel(Channel c, ReconParams p, Reconstructor.Result r);

        void halfSet(Channel c, boolean oddTilts, Volume v);
    }

    /**
     * What a run did besides the volumes.
     *
     * @param channels          the channels reconstructed, in order
     * @param halves            odd and even tilt indices, or null without half sets
     * @param supportVoxels     voxels inside the support, or -1 without one
     * @param systemMatrixBytes memory of the shared system matrix
     * @param seconds           wall time of the whole run
     * @param projector         the projector model of the system matrix
     */
    public record Outcome(List<Channel> channels, int[][] halves, int supportVoxels, long systemMatrixBytes, double seconds,
                          ProjectorModel projector) {}

    /**
     * Reconstructs the chosen channels (and half sets), handing every volume to {@code sink};
     * the one loop behind both the CLI (which writes as it goes) and the GUI (which keeps them).
     */
    public static Outcome reconstruct(TiltSeries ts, Settings s, boolean[] support, int threads, Progress progress, Sink sink) {
        return reconstruct(ts, s, support, threads, progress, sink, ChannelSolver.LOCAL);
    }

    /** As above, with each channel's slices solved by {@code solver}. */
    public static Outcome reconstruct(TiltSeries ts, Settings s, boolean[] support, int threads, Progress progress, Sink sink,
                                      ChannelSolver solver) {
        long t0 = System.nanoTime();
        check(ts, s);
        List<Channel> chosen = select(ts, s.channels());
        int w = ts.width(), z = s.base().thickness(w);
        double[] angles = ts.tiltAnglesDeg();
        Reconstructor full = new Reconstructor(w, z, angles, s.projector());
        int[][] halves = s.halfSets() ? halves(angles) : null;
        Reconstructor oddR = null, evenR = null;
        if (halves != null) {
            oddR = new Reconstructor(w, z, pick(angles, halves[0]), s.projector());
            evenR = new Reconstructor(w, z, pick(angles, halves[1]), s.projector());
        }
        int parts = chosen.size() * (halves == null ? 1 : 3), part = 0;
        for (Channel c : chosen) {
            progress.checkCancelled();
            ReconParams p = paramsFor(c, s);
            progress.part(++part, parts);
            Reconstructor.Result r = solver.solve(full, c.images(), ts.pixelSizeNm(), p, support, threads, named(progress, c.name()));
            sink.channel(c, p, r);
            if (halves != null) {
                progress.part(++part, parts);
                Volume vo = solver.solve(oddR, subStack(c.images(), halves[0]), ts.pixelSizeNm(), p, support, threads,
                        named(progress, c.name() + " (odd tilts)")).volume();
                sink.halfSet(c, true, vo);
                progress.part(++part, parts);
                Volume ve = solver.solve(evenR, subStack(c.images(), halves[1]), ts.pixelSizeNm(), p, support, threads,
                        named(progress, c.name() + " (even tilts)")).volume();
                sink.halfSet(c, false, ve);
            }
        }
        int inside = -1;
        if (support != null) {
            inside = 0;
            for (boolean b : support) if (b) inside++;
        }
        return new Outcome(chosen, halves, inside, full.geometry().bytes(), (System.nanoTime() - t0) / 1e9, full.geometry().model());
    }

    /** Records the settings, half-set tilts, support and system-matrix size of a run in reconstruction.json. */
    public static void describe(ReconstructionWriter writer, Settings s, Outcome o) {
        ObjectNode settings = writer.root().putObject("parameters");
        settings.setAll(ReconstructionWriter.parameters(s.base()));
        if (s.nonNegative() == null) {
            settings.putNull("nonNegative");
            settings.put("nonNegativeRule", "per signal: on for ADF, off for maps and other signals (see each channel)");
        } else {
            settings.put("nonNegative", s.nonNegative());
        }
        if (o.halves() != null) {
            ObjectNode ht = writer.root().putObject("halfSetTilts");
            ArrayNode od = ht.putArray("odd"), ev = ht.putArray("even");
            for (int i : o.halves()[0]) od.add(i);
            for (int i : o.halves()[1]) ev.add(i);
        }
        if (o.supportVoxels() >= 0) writer.root().put("supportVoxels", o.supportVoxels());
        writer.root().put("systemMatrixBytes", o.systemMatrixBytes());
        writer.projector(o.projector());
    }

    /** A support from a mask volume (non-zero and finite = inside); its shape must be the volume's. */
    public static boolean[] support(Volume mask, int nx, int ny, int nz) {
        if (mask.nx() != nx || mask.ny() != ny || mask.nz() != nz) {
            throw new TridentException("the support mask is " + mask.nx() + "x" + mask.ny() + "x" + mask.nz()
                    + " voxels but the reconstruction is " + nx + "x" + ny + "x" + nz);
        }
        float[] d = mask.data();
        boolean[] s = new boolean[d.length];
        for (int i = 0; i < d.length; i++) s[i] = d[i] != 0 && Float.isFinite(d[i]);
        return s;
    }

    /** Tilt indices of odd and even rank in angle order, so that each half spans the whole range. */
    static int[][] halves(double[] angles) {
        Integer[] order = new Integer[angles.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(angles[a], angles[b]));
        int[] odd = new int[angles.length / 2], even = new int[(angles.length + 1) / 2];
        for (int r = 0; r < order.length; r++) {
            if (r % 2 == 1) odd[r / 2] = order[r];
            else even[r / 2] = order[r];
        }
        Arrays.sort(odd);
        Arrays.sort(even);
        if (AngleWeights.distinct(pick(angles, odd)) < 2 || AngleWeights.distinct(pick(angles, even)) < 2) {
            throw new TridentException("half sets need at least two different angles in each half; this series has " + angles.length + " tilts");
        }
        return new int[][]{odd, even};
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    static ImageStack subStack(ImageStack s, int[] idx) {
        float[][] d = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) d[i] = s.tilt(idx[i]);
        return new ImageStack(s.width(), s.height(), d, s.sourceType());
    }

    /** Lists the bundle JSON and the chosen channels' arrays under "inputs" with their SHA-256. */
    public static void recordInputs(ReconstructionWriter w, Path bundle, List<Channel> chosen) {
        Path json = BundleReader.jsonFile(bundle);
        if (!Files.isRegularFile(json)) return;
        w.addInput(json);
        ObjectNode root = Json.readObject(json);
        Path dir = json.toAbsolutePath().getParent();
        for (var c : root.path("channels")) {
            String name = c.path("name").asText();
            if (chosen.stream().noneMatch(ch -> ch.name().equals(name))) continue;
            Path f = dir.resolve(c.path("file").asText());
            if (Files.isRegularFile(f)) w.addInput(f);
        }
    }

    /** Prefixes phase messages with the channel name. */
    private static Progress named(Progress p, String channel) {
        return new Progress() {
            @Override public void start(String message, long total) { p.start(channel + ": " + message, total); }
            @Override public void advance(long units) { p.advance(units); }
            @Override public void message(String m) { p.message(channel + ": " + m); }
            @Override public boolean isCancelled() { return p.isCancelled(); }
        };
    }
}
