package org.trident.sei.metrics;

import org.jtransforms.fft.DoubleFFT_2D;
import org.trident.sei.maps.SeiMap;

import java.util.Arrays;

/**
 * Uniformity metrics of one map over its finite pixels (NaN = missing, masked out everywhere):
 * mean, population std, cv = std/|mean|, 5th and 95th percentiles (linear interpolation between
 * order statistics, as numpy's default), area fractions beyond a threshold, and the correlation
 * length: the lag at which the radially averaged autocorrelation of the mean-removed map first
 * falls to 1/e (linear interpolation between 1-pixel radial bins), times the pixel size.
 * The autocorrelation is computed by FFT on a zero-padded grid and divided by the overlap count
 * of valid pixels at each lag, so masks and borders do not bias it.
 */
public final class MapStats {
    private MapStats() {}

    public record Result(double mean, double std, double cv, double p05, double p95, double correlationLengthNm,
                         double areaAbove, double areaBelow, long validPixels, double validFraction) {}

    /**
     * {@code topography}: level by a least-squares plane first (then std = Rq and cv is NaN).
     * Thresholds {@code above}/{@code below} are absolute values in the map's unit (NaN: not counted).
     */
    public static Result of(SeiMap map, boolean topography, double above, double below) {
        double[] v = new double[map.values().length];
        for (int i = 0; i < v.length; i++) v[i] = map.values()[i];
        if (topography) level(v, map.width(), map.height());
        long n = 0;
        double sum = 0;
        for (double x : v) if (Double.isFinite(x)) { n++; sum += x; }
        if (n == 0) return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        double mean = sum / n, ss = 0;
        for (double x : v) if (Double.isFinite(x)) ss += (x - mean) * (x - mean);
        double std = Math.sqrt(ss / n);
        double cv = topography || mean == 0 ? Double.NaN : std / Math.abs(mean);
        double[] sorted = new double[(int) n];
        int k = 0;
        for (double x : v) if (Double.isFinite(x)) sorted[k++] = x;
        Arrays.sort(sorted);
        long hi = 0, lo = 0;
        for (double x : sorted) {
            if (x > above) hi++;
            if (x < below) lo++;
        }
        return new Result(mean, std, cv, percentile(sorted, 5), percentile(sorted, 95),
                correlationLength(v, map.width(), map.height(), mean) * map.pixelSizeNm(),
                Double.isNaN(above) ? Double.NaN : hi / (double) n, Double.isNaN(below) ? Double.NaN : lo / (double) n,
                n, n / (double) v.length);
    }

    /** numpy's default ("linear") percentile of sorted values. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double pos = p / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** Subtracts the least-squares plane a + b·x + c·y fitted to the finite pixels. */
    public static void level(double[] v, int w, int h) {
        double[][] a = new double[3][3];
        double[] r = new double[3];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double z = v[y * w + x];
            if (!Double.isFinite(z)) continue;
            double[] f = {1, x, y};
            for (int i = 0; i < 3; i++) {
                r[i] += f[i] * z;
                for (int j = 0; j < 3; j++) a[i][j] += f[i] * f[j];
            }
        }
        double[] c = solve3(a, r);
        if (c == null) return;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[y * w + x] -= c[0] + c[1] * x + c[2] * y;
    }

    private static double[] solve3(double[][] a, double[] b) {
        try {
            var m = new org.ejml.simple.SimpleMatrix(a);
            var s = m.solve(new org.ejml.simple.SimpleMatrix(3, 1, true, b));
            double[] out = {s.get(0), s.get(1), s.get(2)};
            for (double x : out) if (!Double.isFinite(x)) return null;
            return out;
        } catch (RuntimeException e) {
            return null; // fewer than 3 independent pixels: nothing to level
        }
    }

    /** Correlation length in pixels (NaN when the autocorrelation never falls to 1/e within half the field). */
    static double correlationLength(double[] v, int w, int h, double mean) {
        int pw = 2 * w, ph = 2 * h;
        double[] f = new double[ph * 2 * pw], m = new double[ph * 2 * pw];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double z = v[y * w + x];
            if (Double.isFinite(z)) {
                f[2 * (y * pw + x)] = z - mean;
                m[2 * (y * pw + x)] = 1;
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(ph, pw);
        fft.complexForward(f);
        fft.complexForward(m);
        for (int i = 0; i < f.length; i += 2) {
            f[i] = f[i] * f[i] + f[i + 1] * f[i + 1];
            f[i + 1] = 0;
            m[i] = m[i] * m[i] + m[i + 1] * m[i + 1];
            m[i + 1] = 0;
        }
        fft.complexInverse(f, true);
        fft.complexInverse(m, true);
        int rmax = Math.min(w, h) / 2;
        double[] sum = new double[rmax + 1];
        long[] cnt = new long[rmax + 1];
        for (int dy = -rmax; dy <= rmax; dy++) for (int dx = -rmax; dx <= rmax; dx++) {
            int r = (int) Math.round(Math.hypot(dx, dy));
            if (r > rmax) continue;
            int idx = 2 * (((dy + ph) % ph) * pw + (dx + pw) % pw);
            double overlap = m[idx];
            if (overlap < 0.5) continue;
            sum[r] += f[idx] / overlap;
            cnt[r]++;
        }
        if (cnt[0] == 0 || !(sum[0] > 0)) return Double.NaN;
        double c0 = sum[0] / cnt[0], target = 1 / Math.E;
        double prev = 1;
        for (int r = 1; r <= rmax; r++) {
            if (cnt[r] == 0) continue;
            double c = sum[r] / cnt[r] / c0;
            if (c <= target) return (r - 1) + (prev - target) / (prev - c);
            prev = c;
        }
        return Double.NaN;
    }
}
