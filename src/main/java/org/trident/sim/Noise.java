package org.trident.sim;

import java.util.SplittableRandom;

/**
 * Seeded random numbers that do not depend on the thread count: every independent piece of
 * work (a tilt, a row, a signal) gets its own generator whose seed is mixed from the user's
 * seed and the piece's coordinates. Poisson variates by multiplication of uniforms (small
 * means) and by Hörmann's transformed rejection with squeeze, PTRS (W. Hörmann, "The
 * transformed rejection method for generating Poisson random variables", Insurance:
 * Mathematics and Economics 12, 1993).
 */
final class Noise {
    private Noise() {}

    /** A generator for the piece of work named by {@code ids} under {@code seed}. */
    static SplittableRandom random(long seed, long... ids) {
        long h = mix(seed ^ 0x5DEECE66DL);
        for (long id : ids) h = mix(h ^ (id + 0x9E3779B97F4A7C15L));
        return new SplittableRandom(h);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long poisson(SplittableRandom r, double mean) {
        if (!(mean > 0)) return 0;
        if (mean < 10) {
            double limit = Math.exp(-mean), p = 1;
            long k = -1;
            do { k++; p *= r.nextDouble(); } while (p > limit);
            return k;
        }
        double slam = Math.sqrt(mean), loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5;
            double v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
        }
    }

    private static final double[] LOG_FACT = new double[64];
    static {
        for (int i = 1; i < LOG_FACT.length; i++) LOG_FACT[i] = LOG_FACT[i - 1] + Math.log(i);
    }

    /** ln(k!) exactly from a table below 64, by Stirling's series above. */
    static double logFactorial(long k) {
        if (k < LOG_FACT.length) return LOG_FACT[(int) k];
        double x = k + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }

    /** Vose's alias table: draws a channel with probability proportional to {@code weights} in O(1). */
    static final class Alias {
        private final double[] prob;
        private final int[] alias;

        Alias(double[] weights) {
            int n = weights.length;
            prob = new double[n];
            alias = new int[n];
            double sum = 0;
            for (double w : weights) sum += w;
            double[] p = new double[n];
            int[] small = new int[n], large = new int[n];
            int ns = 0, nl = 0;
            for (int i = 0; i < n; i++) {
                p[i] = weights[i] * n / sum;
                if (p[i] < 1) small[ns++] = i; else large[nl++] = i;
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns], l = large[--nl];
                prob[s] = p[s];
                alias[s] = l;
                p[l] = p[l] + p[s] - 1;
                if (p[l] < 1) small[ns++] = l; else large[nl++] = l;
            }
            while (nl > 0) prob[large[--nl]] = 1;
            while (ns > 0) prob[small[--ns]] = 1;
        }

        int sample(SplittableRandom r) {
            int i = r.nextInt(prob.length);
            return r.nextDouble() < prob[i] ? i : alias[i];
        }
    }
}
