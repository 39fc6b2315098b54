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

    /** Adds {@code l3l2Fit} and {@code l3PositionFit} to a calibration with {@code points} (when ≥ 2 valences). */
    public static void addFits(ObjectNode cal) {
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
