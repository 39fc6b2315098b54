package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Signal;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The analysis engine: reconstructed channels → mask, depth, fractions, valences,
 * inhomogeneity, depth profiles and the surface/bulk summary (contract section 6).
 * Call {@link #analyze}; write the result with {@link AnalysisWriter}.
 */
public final class Analyzer {
    /** 3d transition metals: the default {@code transitionMetals} when the bundle names none. */
    static final List<String> TRANSITION_METALS = List.of("Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn");

    private final AnalysisInputs in;
    private final AnalysisParams p;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> methods = new LinkedHashMap<>();
    private ParticleMask mask;

    private Analyzer(AnalysisInputs in, AnalysisParams p) {
        this.in = in;
        this.p = p;
    }

    public static AnalysisResult analyze(AnalysisInputs inputs, AnalysisParams params, Progress progress) {
        List<String> problems = params.validate();
        if (!problems.isEmpty()) throw new TridentException("analysis settings: " + String.join("; ", problems));
        return new Analyzer(inputs, params).run(progress);
    }

    private AnalysisResult run(Progress progress) {
        ReconChannel adf = adfChannel();
        Volume ref = adf.volume();
        for (ReconChannel c : in.channels()) {
            if (!c.volume().sameShape(ref)) throw new TridentException("channel " + c.name() + " is " + shape(c.volume())
                    + " but " + adf.name() + " is " + shape(ref) + "; all reconstructed channels must share one grid");
        }
        double vs = ref.voxelSizeNm();
        progress.start("segmenting particles", 4);
        mask = Masks.segment(ref, p.threshold(), p.minParticleVoxels(), p.minVoidVoxels());
        if (mask.particles() == 0) throw new TridentException("no particle found in " + adf.name() + " above the threshold "
                + fmt(mask.threshold()) + "; set --threshold or lower --min-particle-voxels");
        progress.advance(1);
        progress.checkCancelled();
        Volume depth = Depths.depthNm(mask, vs, p.threads(), progress);
        progress.advance(1);

        Map<String, Quantity> full = derive(name -> volume(in.channel(name)), true);
        Map<String, Quantity> ha = new LinkedHashMap<>(), hb = new LinkedHashMap<>();
        if (in.hasHalves()) {
            ha.putAll(derive(in.halfA()::get, false));
            hb.putAll(derive(in.halfB()::get, false));
        } else {
            notes.add("no half-set reconstructions: the halfset_err and std_intrinsic columns are NaN "
                    + "(run reconstruct with --half-sets for honest per-shell errors)");
        }
        progress.advance(1);
        progress.checkCancelled();

        Map<String, Volume> volumes = new LinkedHashMap<>();
        Volume maskVol = Volume.zeros(ref.nx(), ref.ny(), ref.nz(), vs);
        for (int i = 0; i < mask.labels().length; i++) maskVol.data()[i] = mask.labels()[i] > 0 ? 1f : 0f;
        volumes.put("mask", maskVol);
        volumes.put("depth-nm", depth);
        full.forEach((k, q) -> volumes.put(k, q.value()));

        Map<String, Quantity> quantities = new LinkedHashMap<>(full);
        quantities.put(adf.name(), Quantity.plain(maskedCopy(ref)));
        if (in.hasHalves() && in.halfA().containsKey(adf.name()) && in.halfB().containsKey(adf.name())) {
            ha.put(adf.name(), Quantity.plain(in.halfA().get(adf.name())));
            hb.put(adf.name(), Quantity.plain(in.halfB().get(adf.name())));
        }
        methods.put(adf.name(), "reconstructed " + adf.name() + " intensity inside the mask (arbitrary units)");
        double shell = Double.isNaN(p.shellNm()) ? vs : p.shellNm();
        List<Profiles.Row> pooled = new ArrayList<>(), byParticle = new ArrayList<>();
        List<Profiles.Summary> summary = new ArrayList<>();
        for (var e : quantities.entrySet()) {
            Quantity a = ha.get(e.getKey()), b = hb.get(e.getKey());
            for (Profiles.Row r : Profiles.profile(e.getKey(), e.getValue(), a, b, depth, mask, shell, true)) {
                (r.particle() == 0 ? pooled : byParticle).add(r);
            }
            summary.add(Profiles.summary(e.getKey(), e.getValue(), a, b, depth, mask, p.surfaceDepthNm(), p.bulkDepthNm()));
        }
        progress.advance(1);
        if (mask.particles() > 1) notes.add(mask.particles() + " particles found; particles that touch along faces merge into one");
        List<String> warnings = Shells.emptyShellWarnings(in.label(), depth, mask, p.surfaceDepthNm(), p.bulkDepthNm());
        notes.addAll(warnings);
        ObjectNode rec = record(shell);
        warnings.forEach(rec.putArray("warnings")::add);
        return new AnalysisResult(in.label(), mask, volumes, pooled, byParticle, summary, methods, notes, warnings, rec);
    }

    private ReconChannel adfChannel() {
        for (ReconChannel c : in.channels()) if (c.signal() == Signal.ADF) return c;
        for (ReconChannel c : in.channels()) if (Signal.inferFromName(c.name()) == Signal.ADF) return c;
        throw new TridentException("no ADF (HAADF) reconstruction among the channels "
                + in.channels().stream().map(ReconChannel::name).toList() + "; the particle mask needs one");
    }

    private Volume volume(ReconChannel c) {
        return c == null ? null : c.volume();
    }

    /**
     * Fractions, valences and inhomogeneity from one set of channel volumes ({@code lookup} gives
     * null for a missing channel). Notes and methods are recorded on the full set only.
     */
    private Map<String, Quantity> derive(Function<String, Volume> lookup, boolean record) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        Function<String, Volume> get = name -> {
            Volume v = lookup.apply(name);
            return v == null ? null : Ratios.smoothInMask(v, mask, p.smoothVoxels());
        };
        List<String> tms = transitionMetals(record);
        Map<String, Map<String, Double>> amounts = amountTerms(in.quantification(), p.fractionsFrom(), tms, n -> lookup.apply(n) != null,
                record ? notes : null, record ? "reconstruction" : null);
        if (amounts != null) {
            List<Ratios.Term> all = new ArrayList<>();
            List<List<Ratios.Term>> per = new ArrayList<>();
            for (String el : tms) {
                List<Ratios.Term> terms = new ArrayList<>();
                amounts.get(el).forEach((ch, wt) -> terms.add(new Ratios.Term(wt, get.apply(ch))));
                per.add(terms);
                all.addAll(terms);
            }
            float[] total = Ratios.combine(all, mask); // shared by every fraction
            double vs = all.get(0).volume().voxelSizeNm();
            for (int t = 0; t < tms.size(); t++) {
                Quantity f = Ratios.ratio(Ratios.combine(per.get(t), mask), total, mask, p.weakFraction(), vs);
                if (f == null) {
                    if (record) notes.add("the amounts of " + tms + " sum to no positive signal inside the mask: no fractions");
                    break;
                }
                out.put("fraction-" + tms.get(t), f);
                if (record) methods.put("fraction-" + tms.get(t), String.format(Locale.ROOT,
                        "A_%s / Σ A over %s, A = %s, from the reconstructions; NaN where Σ A ≤ %.3g × its median over the mask",
                        tms.get(t), tms, amountDescription(amounts), p.weakFraction()));
            }
        }
        for (String el : valenceElements()) {
            Quantity v = Valences.valence(el, in, get, mask, p.weakFraction(), record ? methods : null, record ? notes : null);
            if (v != null) out.put("valence-" + el, v);
        }
        Quantity ni = out.get("fraction-Ni");
        if (ni != null) {
            out.put("inhomogeneity", Quantity.plain(Ratios.localVariation(ni.value(), mask)));
            if (record) methods.put("inhomogeneity", "population std / mean of fraction-Ni over the finite values of the 3×3×3 "
                    + "neighbourhood's mask voxels (at least 14)");
        }
        return out;
    }

    /** Elements with MLLS weights or an L3 white-line map: the ones a valence can be asked of. */
    private List<String> valenceElements() {
        TreeMap<String, Boolean> els = new TreeMap<>();
        for (ReconChannel c : in.channels()) {
            if (c.isMllsWeight()) els.put(c.element(), true);
            String n = c.name();
            if (n.startsWith("EELS:") && n.endsWith("-L3")) els.put(n.substring(5, n.length() - 3), true);
        }
        return new ArrayList<>(els.keySet());
    }

    private List<String> transitionMetals(boolean record) {
        List<String> out = transitionMetals(in.quantification(), in.channels().stream().map(ReconChannel::name).toList());
        if (record && !in.quantification().path("transitionMetals").isArray() && !out.isEmpty())
            notes.add("quantification.transitionMetals not given: fractions taken over the EDS transition metals found, " + out);
        return out;
    }

    /**
     * The elements fractions are taken over: the quantification's {@code transitionMetals}, else the
     * 3d transition metals among the {@code EDS:<El>} channels named (the voxel analysis and the
     * shell fit share this rule).
     */
    static List<String> transitionMetals(JsonNode quantification, List<String> channelNames) {
        JsonNode t = quantification.get("transitionMetals");
        List<String> out = new ArrayList<>();
        if (t != null && t.isArray()) {
            for (JsonNode e : t) out.add(e.asText());
            return out;
        }
        for (String n : channelNames) {
            if (n.startsWith("EDS:") && TRANSITION_METALS.contains(n.substring(4))) out.add(n.substring(4));
        }
        return out;
    }

    /**
     * Each transition metal's amount as channel → weight, the one rule for fractions (voxel analysis
     * and shell fit): the quantification's {@code elementAmounts} (EDS and calibrated EELS MLLS sums,
     * docs/quantification.md) when it names every metal and every channel it names is
     * {@code available} and {@code from} is AUTO, else k·{@code EDS:<El>}. Null when some metal has no EDS map either (a note
     * into {@code notes} unless null; {@code what} names the kind of data for it).
     */
    static Map<String, Map<String, Double>> amountTerms(JsonNode quantification, AnalysisParams.FractionsFrom from, List<String> tms,
                                                        java.util.function.Predicate<String> available, List<String> notes, String what) {
        if (tms.isEmpty()) return null;
        JsonNode ea = quantification.path("elementAmounts");
        if (ea.isObject() && from == AnalysisParams.FractionsFrom.AUTO) {
            Map<String, Map<String, Double>> out = new LinkedHashMap<>();
            for (String el : tms) {
                JsonNode terms = ea.path(el).path("terms");
                if (!terms.isObject() || terms.isEmpty()) break;
                Map<String, Double> m = new LinkedHashMap<>();
                var it = terms.fields();
                while (it.hasNext()) {
                    var f = it.next();
                    if (!available.test(f.getKey()) || !f.getValue().isNumber()) { m = null; break; }
                    m.put(f.getKey(), f.getValue().asDouble());
                }
                if (m == null) break;
                out.put(el, m);
            }
            if (out.size() == tms.size()) return out;
            if (notes != null) notes.add("quantification.elementAmounts names " + what + "s that are not all here: fractions from k·EDS alone");
        }
        Map<String, Double> k = kFactors(quantification, tms, notes);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String el : tms) {
            if (!available.test("EDS:" + el)) {
                if (notes != null) notes.add("no EDS:" + el + " " + what + ", so no fractions (they need every transition metal " + tms + ")");
                return null;
            }
            out.put(el, Map.of("EDS:" + el, k.get(el)));
        }
        return out;
    }

    /** The terms of {@link #amountTerms} in words, for the methods record. */
    static String amountDescription(Map<String, Map<String, Double>> amounts) {
        StringBuilder b = new StringBuilder();
        boolean combined = amounts.values().stream().anyMatch(m -> m.size() > 1);
        for (var e : amounts.entrySet()) {
            if (b.length() > 0) b.append("; ");
            b.append(e.getKey()).append(": ");
            StringBuilder t = new StringBuilder();
            e.getValue().forEach((ch, wt) -> t.append(t.length() > 0 ? " + " : "").append(String.format(Locale.ROOT, "%.4g·%s", wt, ch)));
            b.append(t);
        }
        return (combined ? "EDS and calibrated EELS MLLS sums (quantification.elementAmounts) " : "k·EDS ") + "[" + b + "]";
    }

    /** The quantification's k-factor of each element, 1.0 where none is given (a note each into {@code notes} unless null). */
    static Map<String, Double> kFactors(JsonNode quantification, List<String> tms, List<String> notes) {
        Map<String, Double> k = new LinkedHashMap<>();
        JsonNode kf = quantification.path("kFactors");
        for (String el : tms) {
            JsonNode v = kf.get(el);
            if (v != null && v.isNumber() && v.asDouble() > 0) {
                k.put(el, v.asDouble());
            } else {
                k.put(el, 1.0);
                if (notes != null) notes.add("no k-factor for " + el + " in quantification.kFactors: 1.0 used (fractions are then count ratios)");
            }
        }
        return k;
    }

    private Volume maskedCopy(Volume v) {
        Volume c = v.copy();
        for (int i = 0; i < c.data().length; i++) if (!mask.inMask(i)) c.data()[i] = Float.NaN;
        return c;
    }

    private ObjectNode record(double shell) {
        ObjectNode r = Json.object();
        r.put("format", "trident.analysis/1");
        r.put("label", in.label());
        ObjectNode ps = r.putObject("parameters");
        ps.put("surfaceDepthNm", p.surfaceDepthNm());
        ps.put("bulkDepthNm", p.bulkDepthNm());
        ps.put("shellNm", shell);
        ps.put("minParticleVoxels", p.minParticleVoxels());
        ps.put("minVoidVoxels", p.minVoidVoxels());
        ps.put("weakFraction", p.weakFraction());
        ps.put("smoothVoxels", p.smoothVoxels());
        ps.put("fractionsFrom", p.fractionsFrom().label());
        ObjectNode m = r.putObject("mask");
        m.put("threshold", mask.threshold());
        m.put("thresholdRule", mask.thresholdRule());
        m.put("particles", mask.particles());
        ArrayNode sizes = m.putArray("particleVoxels");
        for (long s : mask.sizes()) sizes.add(s);
        m.put("removedSpecks", mask.removedSpecks());
        m.put("voidVoxels", mask.voidVoxels());
        m.put("filledNoiseVoxels", mask.filledNoiseVoxels());
        r.put("halfSets", in.hasHalves());
        ObjectNode me = r.putObject("methods");
        methods.forEach(me::put);
        ArrayNode nn = r.putArray("notes");
        notes.forEach(nn::add);
        return r;
    }

    private static String shape(Volume v) {
        return v.nx() + "x" + v.ny() + "x" + v.nz();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
