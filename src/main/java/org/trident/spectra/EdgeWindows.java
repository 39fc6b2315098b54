package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The energy windows (eV, absolute, [from, to]) used for one edge. For a white-line (L2,3) edge:
 * power-law pre-edge, L3 and L2 integration windows, the post-edge window setting the Pearson
 * continuum height, the whole-edge L23 window, the window where references are normalised to
 * unit area, and the MLLS fit window. For a K edge only {@code preEdge} and {@code l23} (the
 * edge window) are used. Defaults follow the L3 and L2 peak positions ({@link #whiteLine}).
 */
public record EdgeWindows(String element, String edge, double l3Ev, double l2Ev,
                          double[] preEdge, double[] l3, double[] l2, double[] post,
                          double[] l23, double[] refNorm, double[] mlls) {

    public boolean isWhiteLine() { return edge.equals("L23"); }

    /**
     * Default white-line windows around L3 peak {@code e3} and L2 peak {@code e2} (eV):
     * pre-edge [e3−45, e3−10]; L3 [e3−6, (e3+e2)/2]; L2 [(e3+e2)/2, e2+6]; continuum height
     * [e2+10, e2+40]; L23 [e3−8, e2+20]; reference normalisation [e2+20, e2+50]; MLLS from the
     * pre-edge start to e2+50.
     */
    public static EdgeWindows whiteLine(String element, double e3, double e2) {
        double mid = 0.5 * (e3 + e2);
        return new EdgeWindows(element, "L23", e3, e2,
                new double[]{e3 - 45, e3 - 10}, new double[]{e3 - 6, mid}, new double[]{mid, e2 + 6},
                new double[]{e2 + 10, e2 + 40}, new double[]{e3 - 8, e2 + 20}, new double[]{e2 + 20, e2 + 50},
                new double[]{e3 - 45, e2 + 50});
    }

    /** Default K-edge windows around onset {@code e0}: pre-edge [e0−40, e0−8], edge [e0−4, e0+36]. */
    public static EdgeWindows kEdge(String element, double e0) {
        return new EdgeWindows(element, "K", e0, e0, new double[]{e0 - 40, e0 - 8}, null, null, null,
                new double[]{e0 - 4, e0 + 36}, null, null);
    }

    /** Same windows moved by {@code d} eV (per-tilt energy correction). */
    public EdgeWindows shifted(double d) {
        return new EdgeWindows(element, edge, l3Ev + d, l2Ev + d, sh(preEdge, d), sh(l3, d), sh(l2, d), sh(post, d),
                sh(l23, d), sh(refNorm, d), sh(mlls, d));
    }

    private static double[] sh(double[] w, double d) {
        return w == null ? null : new double[]{w[0] + d, w[1] + d};
    }

    /** Windows that do not lie inside [lo, hi] eV, by name (empty when all fit). */
    public List<String> outside(double lo, double hi) {
        List<String> o = new ArrayList<>();
        check(o, "preEdge", preEdge, lo, hi);
        check(o, "l3", l3, lo, hi);
        check(o, "l2", l2, lo, hi);
        check(o, "post", post, lo, hi);
        check(o, "l23", l23, lo, hi);
        return o;
    }

    private static void check(List<String> o, String n, double[] w, double lo, double hi) {
        if (w != null && (w[0] < lo || w[1] > hi)) o.add(n);
    }

    /** Overrides from a JSON object like {"preEdge": [600, 632], "l3": [638, 647]}; missing fields keep this value. */
    public EdgeWindows with(ObjectNode o) {
        return new EdgeWindows(element, edge, o.path("l3Ev").asDouble(l3Ev), o.path("l2Ev").asDouble(l2Ev),
                pick(o, "preEdge", preEdge), pick(o, "l3", l3), pick(o, "l2", l2), pick(o, "post", post),
                pick(o, "l23", l23), pick(o, "refNorm", refNorm), pick(o, "mlls", mlls));
    }

    private static double[] pick(ObjectNode o, String k, double[] d) {
        var n = o.get(k);
        if (n == null || !n.isArray() || n.size() != 2) return d;
        return new double[]{n.get(0).asDouble(), n.get(1).asDouble()};
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("element", element).put("edge", edge);
        if (isWhiteLine()) o.put("l3PeakEv", l3Ev).put("l2PeakEv", l2Ev);
        else o.put("onsetEv", l3Ev);
        put(o, "preEdge", preEdge);
        put(o, "l3", l3);
        put(o, "l2", l2);
        put(o, "post", post);
        put(o, isWhiteLine() ? "l23" : "window", l23);
        put(o, "refNorm", refNorm);
        put(o, "mlls", mlls);
        return o;
    }

    private static void put(ObjectNode o, String k, double[] w) {
        if (w != null) o.putArray(k).add(w[0]).add(w[1]);
    }
}
