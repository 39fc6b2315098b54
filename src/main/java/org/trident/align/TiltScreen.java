package org.trident.align;

import org.trident.job.Parallel;
import org.trident.job.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds tilts that cannot take part in an alignment: blank or constant images, saturated ones,
 * near-constant ones (contrast far below the rest of the series), tilts whose object has left
 * the field (almost none of the series' usual signal above background), and tilts that do not
 * correlate with either neighbour. Every threshold is relative to the series' own median, so
 * the screen needs no tuning for dose or detector units.
 */
final class TiltScreen {
    private TiltScreen() {}

    /** Contrast below this fraction of the median tilt's is near-constant. */
    static final double MIN_CONTRAST = 0.15;
    /** Background-subtracted signal below this fraction of the median tilt's: the object is out of view. */
    static final double MIN_SIGNAL = 0.3;
    /** At least this fraction of the pixels at the series' largest value: saturated. */
    static final double SATURATED = 0.2;
    /** Neighbour correlation below this fraction of the median neighbour correlation: unmatchable. */
    static final double MIN_MATCH = 0.3;

    /** Raw index → reason, in index order. */
    static Map<Integer, String> screen(float[][] raw, float[][] im, int w, int h, double[] angles, AlignParams p,
                                       int threads, Progress progress) {
        int n = raw.length;
        Map<Integer, String> out = new TreeMap<>();
        double[] sd = new double[n], signal = new double[n], atMax = new double[n];
        float[] max = new float[n];
        Parallel.forEach(n, threads, progress, t -> {
            float[] a = raw[t];
            double s = 0, s2 = 0;
            float mx = Float.NEGATIVE_INFINITY;
            for (float v : a) { s += v; s2 += (double) v * v; mx = Math.max(mx, v); }
            double mean = s / a.length;
            sd[t] = Math.sqrt(Math.max(0, s2 / a.length - mean * mean));
            max[t] = mx;
            int k = 0;
            for (float v : a) if (v == mx) k++;
            atMax[t] = k / (double) a.length;
            double sig = 0;
            for (float v : im[t]) sig += v;
            signal[t] = sig;
        });
        float globalMax = Float.NEGATIVE_INFINITY;
        for (float m : max) globalMax = Math.max(globalMax, m);
        double medSd = median(sd), medSignal = median(signal), medAtMax = median(atMax);
        for (int t = 0; t < n; t++) {
            if (!(sd[t] > 1e-6 * Math.max(1e-30, Math.abs(max[t])))) {
                out.put(t, String.format(Locale.ROOT, "blank (every pixel is %s)", num(max[t])));
            } else if (max[t] == globalMax && atMax[t] >= SATURATED && atMax[t] > 2 * medAtMax) {
                out.put(t, String.format(Locale.ROOT, "saturated (%.0f %% of the pixels at the largest value %s)", 100 * atMax[t], num(max[t])));
            } else if (medSignal > 0 && signal[t] < MIN_SIGNAL * medSignal) {
                out.put(t, String.format(Locale.ROOT, "the object is out of view (signal above background %.0f %% of the median tilt's)", 100 * signal[t] / medSignal));
            } else if (sd[t] < MIN_CONTRAST * medSd) {
                out.put(t, String.format(Locale.ROOT, "near-constant (contrast %.0f %% of the median tilt's)", 100 * sd[t] / medSd));
            }
        }
        unmatchable(im, w, h, angles, p, out, threads, progress);
        return out;
    }

    /**
     * Correlates consecutive usable tilts (in angle order, stretched like {@link StretchCorrelation});
     * a tilt that matches neither neighbour is unmatchable. Repeats after each removal, so a bad
     * tilt does not make its good neighbours look bad.
     */
    private static void unmatchable(float[][] im, int w, int h, double[] angles, AlignParams p, Map<Integer, String> out,
                                    int threads, Progress progress) {
        Integer[] ord = StretchCorrelation.order(angles);
        CrossCorrelation xc = new CrossCorrelation(w, h, p.lowCutoff(), p.highCutoff(), p.maxShiftPx());
        for (int round = 0; round < 3; round++) {
            progress.checkCancelled();
            List<Integer> kept = new ArrayList<>();
            for (int t : ord) if (!out.containsKey(t)) kept.add(t);
            int m = kept.size();
            if (m < 4) return;
            double[] pair = new double[m - 1];
            Parallel.forEach(m - 1, threads, progress, i -> pair[i] = pairScore(im, w, h, angles, kept.get(i), kept.get(i + 1), p, xc));
            double med = median(pair);
            if (!(med > 0)) return;
            double lim = MIN_MATCH * med;
            int worst = -1;
            double worstScore = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                double l = i > 0 ? pair[i - 1] : Double.NEGATIVE_INFINITY, r = i < m - 1 ? pair[i] : Double.NEGATIVE_INFINITY;
                double best = Math.max(l, r);
                if (best < lim && best < worstScore) { worst = i; worstScore = best; }
            }
            if (worst < 0) return;
            out.put(kept.get(worst), String.format(Locale.ROOT, "unmatchable (best neighbour correlation %.2f, the series' median is %.2f)", worstScore, med));
        }
    }

    private static double pairScore(float[][] im, int w, int h, double[] angles, int a, int b, AlignParams p, CrossCorrelation xc) {
        int near = Math.abs(angles[a]) <= Math.abs(angles[b]) ? a : b, far = near == a ? b : a;
        double k = Math.max(0.5, Math.min(2.0, Math.cos(Math.toRadians(angles[far])) / Math.max(1e-6, Math.cos(Math.toRadians(angles[near])))));
        double r = p.rotationPriorDeg();
        float[] bi = Resampling.affine(im[near], w, h, Resampling.rotation(r), 0, 0, Interpolation.LINEAR, null);
        float[] sj = Resampling.affine(im[far], w, h, Resampling.rotationStretch(r, k), 0, 0, Interpolation.LINEAR, null);
        return xc.shift(ImageOps.taper(sj, w, h, 0, p.taperFraction()), ImageOps.taper(bi, w, h, 0, p.taperFraction())).score();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static String num(float v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
