package org.trident.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;

import java.util.Arrays;

/**
 * What a value looks like in a volume rendering: an opacity ramp (piecewise linear through
 * control points, constant beyond the first and last) and a colour from a colour map over
 * [colourLo, colourHi]. Opacity is per voxel length: a ray crossing {@code L} voxels of opacity
 * {@code a} keeps {@code (1 − a)^L} of what lies behind, whatever the sampling step. Immutable;
 * the edit methods return a new function.
 */
public final class TransferFunction {
    private final double[] values, opacities;
    private final ColorMap map;
    private final double colourLo, colourHi;

    public TransferFunction(double[] values, double[] opacities, ColorMap map, double colourLo, double colourHi) {
        if (values.length < 2 || values.length != opacities.length) throw new IllegalArgumentException("at least two control points, one opacity each");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || !(opacities[i] >= 0 && opacities[i] <= 1)) throw new IllegalArgumentException("control point " + i + " is not a finite value with an opacity in 0–1");
            if (i > 0 && values[i] < values[i - 1]) throw new IllegalArgumentException("control points must be in increasing value");
        }
        this.values = values.clone();
        this.opacities = opacities.clone();
        this.map = map;
        this.colourLo = colourLo;
        this.colourHi = colourHi;
    }

    /**
     * The default for contrast limits {@code lo}–{@code hi}: transparent up to a quarter of the
     * range, rising to {@code maxOpacity} at the top, coloured by {@code map} over the limits,
     * so the low background vanishes and the richest regions show solid.
     */
    public static TransferFunction ramp(double lo, double hi, ColorMap map, double maxOpacity) {
        double span = hi > lo ? hi - lo : 1;
        return new TransferFunction(new double[]{lo, lo + 0.25 * span, lo + span}, new double[]{0, 0, maxOpacity}, map, lo, lo + span);
    }

    public int points() { return values.length; }
    public double value(int i) { return values[i]; }
    public double opacityAt(int i) { return opacities[i]; }
    public ColorMap map() { return map; }
    public double colourLo() { return colourLo; }
    public double colourHi() { return colourHi; }

    /** Opacity per voxel length at value {@code v} (0 for NaN). */
    public double opacity(double v) {
        if (!(v == v)) return 0;
        if (v <= values[0]) return opacities[0];
        int n = values.length;
        if (v >= values[n - 1]) return opacities[n - 1];
        int i = 1;
        while (values[i] < v) i++;
        double w = values[i] > values[i - 1] ? (v - values[i - 1]) / (values[i] - values[i - 1]) : 1;
        return opacities[i - 1] + w * (opacities[i] - opacities[i - 1]);
    }

    /** The opaque colour of value {@code v}. */
    public int argb(double v) {
        double t = colourHi > colourLo ? (v - colourLo) / (colourHi - colourLo) : 0.5;
        return map.argb(Math.max(0, Math.min(1, t)));
    }

    /** A new point at {@code v} with opacity {@code a}, in value order. */
    public TransferFunction withPoint(double v, double a) {
        int n = values.length, at = 0;
        while (at < n && values[at] <= v) at++;
        double[] nv = new double[n + 1], na = new double[n + 1];
        for (int i = 0, j = 0; i <= n; i++) {
            if (i == at) { nv[i] = v; na[i] = clamp01(a); } else { nv[i] = values[j]; na[i] = opacities[j++]; }
        }
        return new TransferFunction(nv, na, map, colourLo, colourHi);
    }

    /** Point {@code i} moved to {@code (v, a)}; the value is kept between its neighbours so the order stays. */
    public TransferFunction moved(int i, double v, double a) {
        double[] nv = values.clone(), na = opacities.clone();
        double lo = i > 0 ? values[i - 1] : Double.NEGATIVE_INFINITY, hi = i < values.length - 1 ? values[i + 1] : Double.POSITIVE_INFINITY;
        nv[i] = Math.max(lo, Math.min(hi, v));
        na[i] = clamp01(a);
        return new TransferFunction(nv, na, map, colourLo, colourHi);
    }

    /** Point {@code i} removed (the last two are kept). */
    public TransferFunction removed(int i) {
        if (values.length <= 2) return this;
        double[] nv = new double[values.length - 1], na = new double[values.length - 1];
        for (int s = 0, d = 0; s < values.length; s++) if (s != i) { nv[d] = values[s]; na[d++] = opacities[s]; }
        return new TransferFunction(nv, na, map, colourLo, colourHi);
    }

    public TransferFunction withColours(ColorMap m, double lo, double hi) {
        return new TransferFunction(values, opacities, m, lo, hi);
    }

    /** The point nearest to value {@code v} (for picking in an editor). */
    public int nearest(double v) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) best = i;
        return best;
    }

    /** For provenance: points, colour map and colour range. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        var pts = o.putArray("opacityPerVoxel");
        for (int i = 0; i < values.length; i++) pts.addArray().add(values[i]).add(opacities[i]);
        o.put("colourMap", map.name()).put("colourLo", colourLo).put("colourHi", colourHi);
        return o;
    }

    private static double clamp01(double a) { return Math.max(0, Math.min(1, a)); }

    @Override public String toString() { return "TransferFunction" + Arrays.toString(values) + Arrays.toString(opacities); }
}
