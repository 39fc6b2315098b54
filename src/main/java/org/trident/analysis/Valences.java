package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Valence of one element, voxel by voxel, by the best method the channels allow, in this order:
 * <ol>
 *   <li>MLLS weights {@code EELS:<El>-<reference>} of at least two references of different
 *   valence: Σ valence·weight / Σ weight (contract section 3: weights are amounts).</li>
 *   <li>White-line ratio {@code EELS:<El>-L3 / EELS:<El>-L2} mapped through the bundle's
 *   calibration for El (points of ratio and valence, piecewise linear).</li>
 *   <li>L3 position {@code EELS:<El>-L3E / EELS:<El>-L3} (eV) mapped through the calibration.</li>
 * </ol>
 * The calibration is read from {@code quantification.calibration.<El>}, see {@link #points}.
 */
final class Valences {
    private Valences() {}

    /** The valence volume, or null when no method applies (then a note says why when notes is given). */
    static Volume valence(String el, AnalysisInputs in, Function<String, Volume> get, ParticleMask m, double weak,
                          Map<String, String> methods, List<String> notes) {
        // 1. MLLS
        List<Ratios.Term> num = new ArrayList<>(), den = new ArrayList<>();
        TreeMap<Double, String> refs = new TreeMap<>();
        for (ReconChannel c : in.channels()) {
            if (!c.isMllsWeight() || !el.equals(c.element())) continue;
            Volume v = get.apply(c.name());
            if (v == null) continue;
            num.add(new Ratios.Term(c.referenceValence(), v));
            den.add(new Ratios.Term(1.0, v));
            refs.put(c.referenceValence(), c.referenceName());
        }
        if (refs.size() >= 2) {
            Volume out = Ratios.ratio(num, den, m, weak);
            if (out != null) {
                if (methods != null) methods.put("valence-" + el, String.format(Locale.ROOT,
                        "MLLS: Σ valence·weight / Σ weight over the references %s; NaN where Σ weight ≤ %.3g × its median over the mask",
                        refs.values(), weak));
                return out;
            }
        }
        JsonNode cal = in.quantification().path("calibration").path(el);
        // 2. L3/L2 ratio
        Volume l3 = get.apply("EELS:" + el + "-L3"), l2 = get.apply("EELS:" + el + "-L2");
        double[][] ratioCal = points(cal, "ratio");
        if (l3 != null && l2 != null && ratioCal != null) {
            Volume r = Ratios.ratio(List.of(new Ratios.Term(1, l3)), List.of(new Ratios.Term(1, l2)), m, weak);
            if (r != null) {
                if (methods != null) methods.put("valence-" + el, "L3/L2 white-line ratio EELS:" + el + "-L3 / EELS:" + el
                        + "-L2 through the bundle's calibration (piecewise linear, " + ratioCal[0].length + " points)");
                return Ratios.calibrate(r, ratioCal[0], ratioCal[1]);
            }
        }
        // 3. L3 position
        Volume l3e = get.apply("EELS:" + el + "-L3E");
        double[][] posCal = points(cal, "position");
        if (l3 != null && l3e != null && posCal != null) {
            Volume r = Ratios.ratio(List.of(new Ratios.Term(1, l3e)), List.of(new Ratios.Term(1, l3)), m, weak);
            if (r != null) {
                if (methods != null) methods.put("valence-" + el, "L3 position EELS:" + el + "-L3E / EELS:" + el
                        + "-L3 (eV) through the bundle's calibration (piecewise linear)");
                return Ratios.calibrate(r, posCal[0], posCal[1]);
            }
        }
        if (notes != null) {
            String why = refs.size() == 1 ? "only one MLLS reference (" + refs.firstEntry().getValue() + ")"
                    : !refs.isEmpty() ? "MLLS weights carry no positive signal inside the mask"
                    : l3 != null && l2 != null ? "L3 and L2 maps but no L3/L2 calibration for " + el + " in quantification.calibration"
                    : "neither MLLS weights nor white-line maps with a calibration";
            notes.add("no valence-" + el + ": " + why);
        }
        return null;
    }

    /**
     * Calibration points {x[], valence[]} sorted by x, or null. Accepted shapes under
     * {@code calibration.<El>} (kind = "ratio" for L3/L2, "position" for the L3 energy in eV):
     * <ul>
     *   <li>{@code {"l3l2": [{"ratio": r, "valence": v}, …]}} and
     *   {@code {"l3Position": [{"energyEv": e, "valence": v}, …]}};</li>
     *   <li>{@code {"method": "L3/L2" | "L3-position", "points": [[x, v], …]}};</li>
     *   <li>{@code {"l3Position": {"offsetEv": e0, "evPerValence": s, "valence0": v0}}} — linear.</li>
     * </ul>
     */
    static double[][] points(JsonNode cal, String kind) {
        if (cal == null || cal.isMissingNode() || !cal.isObject()) return null;
        boolean ratio = kind.equals("ratio");
        JsonNode list = ratio ? first(cal, "l3l2", "L3/L2", "ratio", "whiteLineRatio") : first(cal, "l3Position", "L3-position", "position", "l3Energy");
        if (list == null && cal.has("points")) {
            String method = cal.path("method").asText("").toLowerCase(Locale.ROOT);
            boolean isRatio = method.contains("l2") || method.contains("ratio");
            if (isRatio == ratio) list = cal.get("points");
        }
        if (list == null) return null;
        if (list.isObject() && !ratio && list.has("evPerValence")) {
            double e0 = list.path("offsetEv").asDouble(), s = list.path("evPerValence").asDouble(), v0 = list.path("valence0").asDouble();
            if (!(Math.abs(s) > 0)) return null;
            return new double[][]{{e0, e0 + s}, {v0, v0 + 1}};
        }
        if (!list.isArray() || list.isEmpty()) return null;
        TreeMap<Double, Double> pts = new TreeMap<>();
        for (JsonNode pt : list) {
            double x, v;
            if (pt.isArray() && pt.size() >= 2) {
                x = pt.get(0).asDouble();
                v = pt.get(1).asDouble();
            } else {
                JsonNode xn = ratio ? first(pt, "ratio", "l3l2", "x") : first(pt, "energyEv", "positionEv", "l3Ev", "x");
                if (xn == null || !pt.has("valence")) return null;
                x = xn.asDouble();
                v = pt.get("valence").asDouble();
            }
            if (!Double.isFinite(x) || !Double.isFinite(v)) return null;
            pts.put(x, v);
        }
        double[] xs = new double[pts.size()], vs = new double[pts.size()];
        int i = 0;
        for (var e : pts.entrySet()) {
            xs[i] = e.getKey();
            vs[i++] = e.getValue();
        }
        return new double[][]{xs, vs};
    }

    private static JsonNode first(JsonNode n, String... keys) {
        for (String k : keys) if (n.has(k)) return n.get(k);
        return null;
    }
}
