package org.trident.spectra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Valence calibration tables: points {valence, l3l2, l3PositionEv} from standards (or typed in
 * by the user) and straight-line fits {@code valence = intercept + slope · x} through them, for
 * x = L3/L2 and x = L3 position. Downstream steps evaluate them voxel by voxel on reconstructed
 * L3, L2 and L3E; nothing here is a hidden constant.
 */
public final class ValenceCalibration {
    private ValenceCalibration() {}

    /**
     * Completes a calibration holding {@code points}: adds the tables {@code l3l2: [{ratio,
     * valence}]} and {@code l3Position: [{energyEv, valence}]} (the piecewise-linear form the
     * analysis step reads) and the straight-line fits {@code l3l2Fit} and {@code l3PositionFit}
     * (when ≥ 2 valences).
     */
    public static void addFits(ObjectNode cal) {
        var ratio = cal.putArray("l3l2");
        var pos = cal.putArray("l3Position");
        for (JsonNode p : cal.path("points")) {
            if (!p.path("valence").isNumber()) continue;
            String ref = p.path("reference").asText(null);
            if (p.path("l3l2").isNumber() && Double.isFinite(p.get("l3l2").asDouble())) {
                ObjectNode o = ratio.addObject().put("ratio", p.get("l3l2").asDouble()).put("valence", p.get("valence").asDouble());
                if (ref != null) o.put("reference", ref);
            }
            if (p.path("l3PositionEv").isNumber() && Double.isFinite(p.get("l3PositionEv").asDouble())) {
                ObjectNode o = pos.addObject().put("energyEv", p.get("l3PositionEv").asDouble()).put("valence", p.get("valence").asDouble());
                if (ref != null) o.put("reference", ref);
            }
        }
        fit(cal, "l3l2", "l3l2Fit");
        fit(cal, "l3PositionEv", "l3PositionFit");
    }

    private static void fit(ObjectNode cal, String key, String out) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        double vmin = Double.POSITIVE_INFINITY, vmax = Double.NEGATIVE_INFINITY;
        for (JsonNode p : cal.path("points")) {
            if (!p.path(key).isNumber() || !p.path("valence").isNumber()) continue;
            double x = p.get(key).asDouble(), y = p.get("valence").asDouble();
            if (!Double.isFinite(x)) continue;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
            n++;
            vmin = Math.min(vmin, y);
            vmax = Math.max(vmax, y);
        }
        if (n < 2 || vmax - vmin <= 0) return;
        double den = n * sxx - sx * sx;
        if (den == 0) return;
        double slope = (n * sxy - sx * sy) / den, icpt = (sy - slope * sx) / n;
        cal.putObject(out).put("slope", slope).put("intercept", icpt).put("points", n)
                .put("meaning", "valence = intercept + slope * " + key);
    }

    /** Valence from a calibration fit node ({@code l3l2Fit} or {@code l3PositionFit}); NaN when absent. */
    public static double valence(JsonNode fit, double x) {
        if (fit == null || !fit.path("slope").isNumber()) return Double.NaN;
        return fit.get("intercept").asDouble() + fit.get("slope").asDouble() * x;
    }
}
