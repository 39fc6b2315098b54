package org.trident.spectra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.Channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The amount of each transition metal that fractions are taken from, as a weighted sum of linear
 * maps, written into {@code quantification.elementAmounts} (docs/quantification.md, "Element
 * amounts for fractions").
 *
 * <p>Why: at low dose the EDS maps hold about one count per pixel, so fractions taken from them
 * alone are counting-noise limited; the EELS MLLS weights of the same element (summed over its
 * references) measure the same amount with far more counts, but in units of a post-edge window
 * whose cross-section per atom differs per element. The EDS k-weighted sums over the whole series
 * (10⁵–10⁶ counts) fix that scale per element precisely, on the specimen itself, so the EELS amount
 * needs no theoretical cross-section. Each element's amount is then the inverse-variance-weighted
 * mean of its two calibrated estimates; both are linear in the amount, so the sum is too, and the
 * ratios formed after reconstruction stay unbiased.
 */
public final class ElementAmounts {
    private ElementAmounts() {}

    static final String METHOD = "amount of each transition metal = a·k·EDS:<El> + (1−a)·c·Σ EELS MLLS weights of <El>; "
            + "c makes the EELS sum equal the k-weighted EDS sum over the whole series (calibration on the specimen), "
            + "a = var(EELS)/(var(EDS)+var(EELS)) from each map's pixel noise (second differences, less the specimen's structure "
            + "measured by their cross term), so the noisier source weighs less";

    /**
     * Adds {@code elementAmounts} and {@code elementAmountsMethod} to {@code top} when every
     * transition metal has an {@code EDS:<El>} map and at least one MLLS weight map; otherwise leaves
     * {@code top} as it is (fractions then use k·EDS alone).
     */
    static void add(ObjectNode top, List<Channel> maps) {
        JsonNode tmsNode = top.path("transitionMetals");
        JsonNode kf = top.path("kFactors");
        if (!tmsNode.isArray() || tmsNode.isEmpty() || !kf.isObject()) return;
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (JsonNode t : tmsNode) {
            String el = t.asText();
            Channel eds = null;
            List<Channel> refs = new ArrayList<>();
            for (Channel c : maps) {
                if (!c.isImage()) continue;
                if (c.name().equals("EDS:" + el)) eds = c;
                JsonNode r = c.extra().path("reference");
                if (r.path("element").asText("").equals(el) && r.path("valence").isNumber()) refs.add(c);
            }
            double k = kf.path(el).asDouble(Double.NaN);
            if (eds == null || refs.isEmpty() || !(k > 0)) return;
            ObjectNode e = amount(el, eds, refs, k);
            if (e == null) return;
            out.put(el, e);
        }
        ObjectNode a = top.putObject("elementAmounts");
        out.forEach(a::set);
        top.put("elementAmountsMethod", METHOD);
    }

    /**
     * One line for the user on what fractions will be taken from, or null when the quantification
     * has no element amounts (fractions from k·EDS alone).
     */
    public static String describe(JsonNode quantification) {
        JsonNode ea = quantification.path("elementAmounts");
        if (!ea.isObject() || ea.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        var it = ea.fields();
        while (it.hasNext()) {
            var e = it.next();
            b.append(b.length() > 0 ? ", " : "").append(e.getKey()).append(String.format(Locale.ROOT, " %.2f",
                    1 - e.getValue().path("edsWeight").asDouble(Double.NaN)));
        }
        return "fractions from each metal's EDS counts and its EELS MLLS weights calibrated on them, weighted by their measured "
                + "pixel noise (EELS share " + b + "; quantification.elementAmounts)";
    }

    /** One element's terms, or null when its EELS sum has no positive total (nothing to calibrate). */
    private static ObjectNode amount(String el, Channel eds, List<Channel> refs, double k) {
        int tilts = eds.tilts(), w = eds.width(), h = eds.height();
        float[][] sum = new float[tilts][w * h];
        for (Channel c : refs) {
            for (int t = 0; t < tilts; t++) {
                float[] v = c.images().tilt(t), s = sum[t];
                for (int i = 0; i < s.length; i++) s[i] += v[i];
            }
        }
        double sEds = total(eds.images().data()), sEels = total(sum);
        if (!(sEds > 0) || !(sEels > 0)) return null;
        double c = k * sEds / sEels;
        // second differences of both maps in amount units: their cross term is the specimen's own
        // structure (the noise of the two detectors is independent), removed from each variance
        double[] m = secondDifferenceMoments(eds.images().data(), k, sum, c, w, h);
        double structure = Math.max(0, m[2]);
        double vEds = Math.max(m[0] - structure, 0.01 * m[0]), vEels = Math.max(m[1] - structure, 0.01 * m[1]);
        double a = vEds + vEels > 0 ? vEels / (vEds + vEels) : 0.5;
        ObjectNode e = org.trident.io.Json.object();
        ObjectNode terms = e.putObject("terms");
        terms.put(eds.name(), a * k);
        for (Channel r : refs) terms.put(r.name(), (1 - a) * c);
        e.put("edsWeight", a);
        e.put("eelsCalibration", c);
        e.put("calibrationRelativeError", 1 / Math.sqrt(sEds));
        e.put("edsNoiseVariance", vEds);
        e.put("eelsNoiseVariance", vEels);
        e.put("structureVariance", structure);
        e.put("note", String.format(Locale.ROOT, "%s: EDS weight %.3g, EELS weight %.3g (pixel noise in amount units: EDS %.3g, EELS %.3g)",
                el, a, 1 - a, Math.sqrt(vEds), Math.sqrt(vEels)));
        return e;
    }

    private static double total(float[][] m) {
        double s = 0;
        for (float[] t : m) for (float v : t) if (Float.isFinite(v)) s += v;
        return s;
    }

    /**
     * {E[d_a²], E[d_b²], E[d_a·d_b]} / 6 over every pixel's second differences along rows and columns
     * of {@code sa·a} and {@code sb·b}: the first two are each map's noise variance plus the
     * specimen's structure, the third the structure alone when the two maps' noise is independent.
     */
    static double[] secondDifferenceMoments(float[][] a, double sa, float[][] b, double sb, int w, int h) {
        double aa = 0, bb = 0, ab = 0;
        long n = 0;
        for (int t = 0; t < a.length; t++) {
            float[] x = a[t], y = b[t];
            for (int dir = 0; dir < 2; dir++) {
                int step = dir == 0 ? 1 : w;
                for (int yy = dir; yy < h - dir; yy++) {
                    for (int xx = 1 - dir; xx + 1 - dir < w; xx++) {
                        int i = yy * w + xx;
                        double da = sa * (x[i - step] - 2.0 * x[i] + x[i + step]);
                        double db = sb * (y[i - step] - 2.0 * y[i] + y[i + step]);
                        if (!Double.isFinite(da) || !Double.isFinite(db)) continue;
                        aa += da * da;
                        bb += db * db;
                        ab += da * db;
                        n++;
                    }
                }
            }
        }
        if (n == 0) return new double[]{0, 0, 0};
        return new double[]{aa / (6.0 * n), bb / (6.0 * n), ab / (6.0 * n)};
    }
}
