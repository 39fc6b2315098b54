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
    static Quantity valence(String el, AnalysisInputs in, Function<String, Volume> get, ParticleMask m, double weak,
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
            Quantity out = Ratios.ratio(num, den, m, weak);
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
            Quantity r = Ratios.ratio(List.of(new Ratios.Term(1, l3)), List.of(new Ratios.Term(1, l2)), m, weak);
            if (r != null) {
                if (methods != null) methods.put("valence-" + el, "L3/L2 white-line ratio EELS:" + el + "-L3 / EELS:" + el
                        + "-L2 through quantification.calibration." + el + " (its straight-line fit, else its points piecewise linear)");
                return r.calibrated(ratioCal[0], ratioCal[1]);
            }
        }
        // 3. L3 position
        Volume l3e = get.apply("EELS:" + el + "-L3E");
        double[][] posCal = points(cal, "position");
        if (l3 != null && l3e != null && posCal != null) {
            Quantity r = Ratios.ratio(List.of(new Ratios.Term(1, l3e)), List.of(new Ratios.Term(1, l3)), m, weak);
            if (r != null) {
                if (methods != null) methods.put("valence-" + el, "L3 position EELS:" + el + "-L3E / EELS:" + el
                        + "-L3 (eV) through quantification.calibration." + el + " (its straight-line fit, else its points piecewise linear)");
                return r.calibrated(posCal[0], posCal[1]);
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
     * Calibration as points {x[], valence[]} sorted by x (mapped piecewise linearly), or null.
     * Read from {@code quantification.calibration.<El>} as {@code quantify} writes it, in order:
     * <ul>
     *   <li>the straight-line fit {@code "l3l2Fit"} / {@code "l3PositionFit"}:
     *   {@code {"slope", "intercept"}}, valence = intercept + slope · x;</li>
     *   <li>{@code "points": [{"valence", "l3l2", "l3PositionEv"}, …]} (at least two valences);</li>
     *   <li>also accepted: {@code "points": [[x, valence], …]} with {@code "method"} naming L3/L2 or
     *   position.</li>
     * </ul>
     * {@code kind} is "ratio" (x = L3/L2) or "position" (x = L3 position in eV).
     */
    static double[][] points(JsonNode cal, String kind) {
        if (cal == null || cal.isMissingNode() || !cal.isObject()) return null;
        boolean ratio = kind.equals("ratio");
        JsonNode fit = cal.get(ratio ? "l3l2Fit" : "l3PositionFit");
        if (fit != null && fit.path("slope").isNumber() && fit.path("intercept").isNumber() && fit.get("slope").asDouble() != 0) {
            double a = fit.get("intercept").asDouble(), b = fit.get("slope").asDouble();
            return new double[][]{{0, 1}, {a, a + b}};
        }
        JsonNode list = cal.get("points");
        if (list == null || !list.isArray() || list.isEmpty()) return null;
        String key = ratio ? "l3l2" : "l3PositionEv";
        if (list.get(0).isArray()) {
            String method = cal.path("method").asText("").toLowerCase(Locale.ROOT);
            boolean isRatio = method.contains("l2") || method.contains("ratio");
            if (isRatio != ratio) return null;
        }
        TreeMap<Double, Double> pts = new TreeMap<>();
        for (JsonNode pt : list) {
            double x, v;
            if (pt.isArray() && pt.size() >= 2) {
                x = pt.get(0).asDouble();
                v = pt.get(1).asDouble();
            } else {
                if (!pt.path(key).isNumber() || !pt.path("valence").isNumber()) continue;
                x = pt.get(key).asDouble();
                v = pt.get("valence").asDouble();
            }
            if (Double.isFinite(x) && Double.isFinite(v)) pts.put(x, v);
        }
        if (pts.size() < 2) return null;
        double[] xs = new double[pts.size()], vs = new double[pts.size()];
        int i = 0;
        for (var e : pts.entrySet()) {
            xs[i] = e.getKey();
            vs[i++] = e.getValue();
        }
        return new double[][]{xs, vs};
    }
}
