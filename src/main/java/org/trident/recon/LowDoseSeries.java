package org.trident.recon;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole series with a low-dose method ({@code reconstruct --algorithm em|os-em|em-tv|sirt-tv|fused}).
 * Which channel gets what (docs/reconstruction.md, "Low dose"):
 * <ul>
 * <li>ADF: SIRT with its defaults (thousands of counts per pixel: least squares is the Poisson
 *     limit), and its volume gives the support (threshold, dilated) used by every other channel;</li>
 * <li>count channels (EDS:&lt;El&gt; net counts): the chosen Poisson method, or, for {@code fused},
 *     all of them together with the HAADF link;</li>
 * <li>every other map (EELS edges, L3 moments, MLLS weights: background-subtracted or signed, so
 *     not Poisson): SIRT, a linear method, so that numerator and denominator of every valence
 *     ratio go through the same operator; with {@code sirt-tv} they get least squares + TV
 *     instead.</li>
 * </ul>
 */
public final class LowDoseSeries {
    private LowDoseSeries() {}

    /** True for an element count channel: an EDS-derived map of one element in counts. */
    public static boolean isCountChannel(Channel c) {
        return c.signal() == Signal.MAP && c.name().startsWith("EDS:") && c.name().substring(4).matches("[A-Z][a-z]?");
    }

    public static ObjectNode run(TiltSeries ts, Path bundle, Path out, SeriesReconstruction.Settings s, LowDoseParams lp,
                                 boolean[] givenSupport, int threads, Progress progress, String version) {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>(s.base().validate());
        problems.addAll(lp.validate());
        if (!problems.isEmpty()) throw new TridentException("cannot reconstruct: " + String.join(" ", problems));
        Algorithm alg = s.base().algorithm();
        List<Channel> chosen = SeriesReconstruction.select(ts, s.channels());
        Channel adf = ts.channels().stream().filter(c -> c.isImage() && c.signal() == Signal.ADF).findFirst().orElse(null);
        if (alg == Algorithm.FUSED && adf == null) throw new TridentException("the fused method needs an ADF/HAADF image channel; this series has none (use em-tv)");
        int w = ts.width(), z = s.base().thickness(w);
        double[] angles = ts.tiltAnglesDeg();
        int[][] halves = s.halfSets() ? SeriesReconstruction.halves(angles) : null;
        ReconstructionWriter writer = new ReconstructionWriter(out, ts);
        ObjectNode settings = writer.root().putObject("parameters");
        settings.setAll(ReconstructionWriter.parameters(s.base()));
        settings.set("lowDose", Json.MAPPER.valueToTree(lp));
        settings.put("channelRule", "ADF: sirt (and the support); EDS element counts: " + alg.label()
                + "; other maps: " + (alg == Algorithm.SIRT_TV ? "sirt-tv" : "sirt (linear, so valence ratios stay unbiased)"));

        ReconParams sirt = ReconParams.defaults(Algorithm.SIRT).withThickness(s.base().thicknessVoxels());
        Reconstructor full = new Reconstructor(w, z, angles);
        List<Channel> counts = new ArrayList<>(), rest = new ArrayList<>();
        for (Channel c : chosen) {
            if (c == adf) continue;
            (isCountChannel(c) && alg != Algorithm.SIRT_TV ? counts : rest).add(c);
        }
        // parts of the work, for the progress: each channel (or the fused set) once per tilt set
        int sets = halves == null ? 1 : 3;
        int perSet = (alg == Algorithm.FUSED && !counts.isEmpty() ? 1 : counts.size()) + rest.size();
        int parts = (adf != null ? 1 : 0) + sets * perSet + (sets - 1) * (adf != null && chosen.contains(adf) ? 1 : 0);
        int[] part = {0};
        // the support: given, or from the ADF reconstruction (threshold, dilated)
        Volume adfVolume = null;
        boolean[] support = givenSupport;
        if (adf != null) {
            ReconParams pa = SeriesReconstruction.paramsFor(adf, new SeriesReconstruction.Settings(List.of(), sirt, s.nonNegative(), false));
            progress.part(++part[0], parts);
            adfVolume = full.run(adf.images(), 0, adf.height(), ts.pixelSizeNm(), pa, givenSupport, threads, named(progress, adf.name()), null).volume();
            if (support == null) support = Support.fromAdf(adfVolume, lp.supportDilation());
            if (chosen.contains(adf)) {
                ObjectNode c = writer.addChannel(adf, adfVolume, pa, null);
                c.put("method", "sirt");
                c.put("reason", "ADF: high counts, least squares; its volume gives the support");
            }
        }
        if (support != null) {
            int n = 0;
            for (boolean b : support) if (b) n++;
            writer.root().put("supportVoxels", n);
            writer.root().put("supportSource", givenSupport != null ? "given" : "ADF reconstruction, threshold " + Support.RULE
                    + ", dilated by " + lp.supportDilation() + " voxels");
        }
        Map<String, Double> k = kFactors(ts);
        // full set, then the halves with the same plan and support
        for (int h = -1; h < (halves == null ? 0 : 2); h++) {
            int[] idx = h < 0 ? null : halves[h];
            String tag = h < 0 ? "" : h == 0 ? " (odd tilts)" : " (even tilts)";
            double[] a = idx == null ? angles : SeriesReconstruction.pick(angles, idx);
            Reconstructor rec = idx == null ? full : new Reconstructor(w, z, a);
            if (idx != null && adf != null && chosen.contains(adf)) {
                ReconParams pa = SeriesReconstruction.paramsFor(adf, new SeriesReconstruction.Settings(List.of(), sirt, s.nonNegative(), false));
                progress.part(++part[0], parts);
                Volume v = rec.run(sub(adf.images(), idx), 0, adf.height(), ts.pixelSizeNm(), pa, support, threads, named(progress, adf.name() + tag), null).volume();
                writer.addHalfSet(adf, h == 0, v);
            }
            if (alg == Algorithm.FUSED && !counts.isEmpty()) {
                List<FusedReconstruction.Input> in = new ArrayList<>();
                for (Channel c : counts) in.add(new FusedReconstruction.Input(c.name(), c.name().substring(4), sub(c.images(), idx)));
                progress.part(++part[0], parts);
                FusedReconstruction.Outcome o = FusedReconstruction.run(sub(adf.images(), idx), in, k, a, z, s.base(), lp, support, threads,
                        named(progress, "fused" + tag));
                for (int i = 0; i < counts.size(); i++) {
                    Volume v = new Volume(w, ts.height(), z, o.volumes().get(i), ts.pixelSizeNm());
                    if (idx == null) {
                        ObjectNode c = writer.addChannel(counts.get(i), v, s.base(), null);
                        c.put("method", "fused");
                        c.put("reason", "element counts, reconstructed jointly with the HAADF");
                        c.put("seconds", Math.round(o.seconds() * 1000) / 1000.0);
                        if (i == 0) writer.root().set("fused", o.details());
                    } else {
                        writer.addHalfSet(counts.get(i), h == 0, v);
                    }
                }
            } else {
                for (Channel c : counts) {
                    progress.part(++part[0], parts);
                    LowDose.Outcome o = LowDose.run(z, a, sub(c.images(), idx), 0, c.height(), ts.pixelSizeNm(), s.base(), lp, support, threads, named(progress, c.name() + tag));
                    if (idx == null) {
                        ObjectNode n = writer.addChannel(c, o.result().volume(), s.base(), o.result());
                        n.put("method", alg.label());
                        n.put("reason", "element counts: Poisson");
                        n.set("lowDose", o.details());
                    } else {
                        writer.addHalfSet(c, h == 0, o.result().volume());
                    }
                }
            }
            for (Channel c : rest) {
                progress.part(++part[0], parts);
                ImageStack st = sub(c.images(), idx);
                if (alg == Algorithm.SIRT_TV) {
                    ReconParams p = s.base().withNonNegative(s.nonNegative() != null ? s.nonNegative() : SeriesReconstruction.nonNegativeByDefault(c.signal()));
                    LowDose.Outcome o = LowDose.run(z, a, st, 0, c.height(), ts.pixelSizeNm(), p, lp, support, threads, named(progress, c.name() + tag));
                    if (idx == null) {
                        ObjectNode n = writer.addChannel(c, o.result().volume(), p, o.result());
                        n.put("method", "sirt-tv");
                        n.set("lowDose", o.details());
                    } else {
                        writer.addHalfSet(c, h == 0, o.result().volume());
                    }
                } else {
                    ReconParams p = SeriesReconstruction.paramsFor(c, new SeriesReconstruction.Settings(List.of(), sirt, s.nonNegative(), false));
                    // no support here: exactly today's SIRT, so these channels are never worse than before
                    Reconstructor.Result r = rec.run(st, 0, c.height(), ts.pixelSizeNm(), p, givenSupport, threads, named(progress, c.name() + tag), null);
                    if (idx == null) {
                        ObjectNode n = writer.addChannel(c, r.volume(), p, r);
                        n.put("method", "sirt");
                        n.put("reason", "not a count channel (background-subtracted or signed): least squares, linear");
                    } else {
                        writer.addHalfSet(c, h == 0, r.volume());
                    }
                }
            }
        }
        if (halves != null) {
            ObjectNode ht = writer.root().putObject("halfSetTilts");
            var o = ht.putArray("odd");
            var e = ht.putArray("even");
            for (int i : halves[0]) o.add(i);
            for (int i : halves[1]) e.add(i);
        }
        if (bundle != null) recordInputs(writer, bundle, chosen);
        writer.root().put("systemMatrixBytes", full.geometry().bytes());
        writer.finish(threads, (System.nanoTime() - t0) / 1e9, version);
        return writer.root();
    }

    /** The k-factors of the series' quantification (element → k). */
    public static Map<String, Double> kFactors(TiltSeries ts) {
        Map<String, Double> k = new HashMap<>();
        var q = ts.extra().path("quantification").path("kFactors");
        q.fieldNames().forEachRemaining(e -> k.put(e, q.get(e).asDouble()));
        return k;
    }

    private static ImageStack sub(ImageStack s, int[] idx) {
        return idx == null ? s : SeriesReconstruction.subStack(s, idx);
    }

    private static void recordInputs(ReconstructionWriter w, Path bundle, List<Channel> chosen) {
        Path json = BundleReader.jsonFile(bundle);
        if (!Files.isRegularFile(json)) return;
        w.addInput(json);
        Path dir = json.toAbsolutePath().getParent();
        Map<String, String> files = new LinkedHashMap<>();
        for (var c : Json.readObject(json).path("channels")) files.put(c.path("name").asText(), c.path("file").asText());
        for (Channel c : chosen) {
            String f = files.get(c.name());
            if (f != null && Files.isRegularFile(dir.resolve(f))) w.addInput(dir.resolve(f));
        }
    }

    static Progress named(Progress p, String channel) {
        if (p instanceof CostSink sink) return new NamedCosts(p, channel, sink);
        return new Progress() {
            @Override public void start(String message, long total) { p.start(channel + ": " + message, total); }
            @Override public void advance(long units) { p.advance(units); }
            @Override public void message(String m) { p.message(channel + ": " + m); }
            @Override public boolean isCancelled() { return p.isCancelled(); }
        };
    }

    /** {@link #named} for a progress that also takes per-iteration costs: they keep their channel name. */
    private record NamedCosts(Progress p, String channel, CostSink sink) implements Progress, CostSink {
        @Override public void start(String message, long total) { p.start(channel + ": " + message, total); }
        @Override public void advance(long units) { p.advance(units); }
        @Override public void message(String m) { p.message(channel + ": " + m); }
        @Override public boolean isCancelled() { return p.isCancelled(); }
        @Override public void costs(String source, int iteration, int iterations, java.util.Map<String, Double> terms) {
            sink.costs(source.isEmpty() ? channel : channel + " " + source, iteration, iterations, terms);
        }
    }
}
