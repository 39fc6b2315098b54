package org.trident.sei.maps;

import java.util.Locale;
import java.util.Map;

/** Length units and their size in nanometres, for pixel sizes and for data in length units (height, ESM amplitude). */
public final class Units {
    private Units() {}

    private static final Map<String, Double> NM = Map.ofEntries(
            Map.entry("m", 1e9), Map.entry("cm", 1e7), Map.entry("mm", 1e6),
            Map.entry("um", 1e3), Map.entry("µm", 1e3), Map.entry("μm", 1e3), Map.entry("micron", 1e3), Map.entry("microns", 1e3),
            Map.entry("nm", 1.0), Map.entry("a", 0.1), Map.entry("å", 0.1), Map.entry("angstrom", 0.1), Map.entry("pm", 1e-3),
            Map.entry("inch", 2.54e7), Map.entry("in", 2.54e7));

    /** Nanometres per {@code unit}, NaN when it is not a length unit. */
    public static double nanometres(String unit) {
        if (unit == null) return Double.NaN;
        String u = unit.trim();
        if (u.equals("Å")) return 0.1;
        Double v = NM.get(u.toLowerCase(Locale.ROOT));
        return v == null ? Double.NaN : v;
    }

    /** Factor that turns values in {@code from} into {@code to}; NaN unless both are length units. */
    public static double factor(String from, String to) {
        double a = nanometres(from), b = nanometres(to);
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
    }
}
