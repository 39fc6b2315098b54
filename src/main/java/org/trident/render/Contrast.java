package org.trident.render;

import java.util.Arrays;

/**
 * Display limits and histograms of float data; NaN and infinities are ignored. Percentile limits
 * (e.g. 0.5 % and 99.5 %) keep a few hot pixels from washing out the rest.
 */
public final class Contrast {
    private Contrast() {}

    /** Limits {low, high} at the given percentiles (0–100) of the finite values; {0, 1} when there are none. */
    public static double[] percentiles(float[] values, double lowPct, double highPct) {
        float[] f = finite(values, 200_000);
        if (f.length == 0) return new double[]{0, 1};
        Arrays.sort(f);
        double lo = at(f, lowPct), hi = at(f, highPct);
        if (!(hi > lo)) {
            lo = f[0];
            hi = f[f.length - 1];
        }
        if (!(hi > lo)) hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 1e-3);
        return new double[]{lo, hi};
    }

    /** Symmetric limits {-a, a} for differences, a = the given percentile of |value|. */
    public static double[] symmetric(float[] values, double pct) {
        float[] f = finite(values, 200_000);
        for (int i = 0; i < f.length; i++) f[i] = Math.abs(f[i]);
        if (f.length == 0) return new double[]{-1, 1};
        Arrays.sort(f);
        double a = at(f, pct);
        if (!(a > 0)) a = f[f.length - 1] > 0 ? f[f.length - 1] : 1;
        return new double[]{-a, a};
    }

    private static double at(float[] sorted, double pct) {
        double p = Math.max(0, Math.min(100, pct)) / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(p);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (p - i) * (sorted[j] - sorted[i]);
    }

    /** The finite values, evenly subsampled to at most {@code max}. */
    static float[] finite(float[] values, int max) {
        int step = Math.max(1, values.length / max);
        float[] out = new float[Math.min(values.length, (values.length + step - 1) / step)];
        int n = 0;
        for (int i = 0; i < values.length; i += step) if (Float.isFinite(values[i])) out[n++] = values[i];
        return Arrays.copyOf(out, n);
    }

    /** A histogram of the finite values: {@code counts[b]} over [min, max] in equal bins. */
    public record Histogram(double min, double max, long[] counts, long finite) {
        public double binWidth() { return (max - min) / counts.length; }
    }

    public static Histogram histogram(float[] values, int bins) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
            n++;
        }
        long[] c = new long[bins];
        if (n == 0) return new Histogram(0, 1, c, 0);
        if (!(max > min)) max = min + 1;
        double scale = bins / (max - min);
        for (float v : values) {
            if (!Float.isFinite(v)) continue;
            c[Math.min(bins - 1, (int) ((v - min) * scale))]++;
        }
        return new Histogram(min, max, c, n);
    }
}
