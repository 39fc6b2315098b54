package org.trident.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" numbers (1, 2, 5 × 10ⁿ) for scale bars and colour-bar ticks, and their labels. */
public final class Ticks {
    private Ticks() {}

    /** The largest 1, 2 or 5 × 10ⁿ not above {@code x} (x > 0). */
    public static double niceFloor(double x) {
        if (!(x > 0) || !Double.isFinite(x)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        double m = x / p;
        double n = m >= 5 ? 5 : m >= 2 ? 2 : 1;
        return n * p;
    }

    /** Tick values inside [lo, hi], about {@code target} of them, at a nice step. */
    public static List<Double> ticks(double lo, double hi, int target) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) {
            out.add(lo);
            return out;
        }
        // the nice step (1, 2, 5 × 10ⁿ) whose tick count comes closest to the target
        double step = niceFloor((hi - lo) / Math.max(1, target));
        double best = step;
        int bestDiff = Integer.MAX_VALUE;
        for (double f : new double[]{0.5, 1, 2, 2.5}) {
            double st = niceFloor(step * f * 1.0000001);
            int count = (int) (Math.floor(hi / st + 1e-9) - Math.ceil(lo / st - 1e-9)) + 1;
            int diff = Math.abs(count - target);
            if (diff < bestDiff) { bestDiff = diff; best = st; }
        }
        step = best;
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9; v += step) out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        return out;
    }

    /** A label for {@code v} with as many decimals as the step {@code step} needs, with a true minus sign (U+2212). */
    public static String label(double v, double step) {
        int dec = step > 0 ? Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9)) : 2;
        String s = Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v != 0) ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%." + Math.min(dec, 6) + "f", v);
        return s.replace('-', '\u2212');
    }

    /** A length in nm as people write it: "50 nm", "1 µm", "2.5 µm". */
    public static String lengthLabel(double nm) {
        if (nm >= 1000) {
            double um = nm / 1000;
            return (um == Math.rint(um) ? String.format(Locale.ROOT, "%.0f", um) : String.format(Locale.ROOT, "%.1f", um)) + " µm";
        }
        if (nm < 1) return String.format(Locale.ROOT, "%.0f pm", nm * 1000);
        return (nm == Math.rint(nm) ? String.format(Locale.ROOT, "%.0f", nm) : String.format(Locale.ROOT, "%.1f", nm)) + " nm";
    }

    /** The scale-bar length for a field of {@code fieldNm}: a nice number near a fifth of it. */
    public static double scaleBarNm(double fieldNm) {
        return niceFloor(fieldNm / 4.0);
    }
}
