package org.trident.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoiseTest {
    @Test
    void poissonHasTheRightMeanAndVarianceOnBothBranches() {
        for (double mean : new double[]{0.3, 4.0, 9.9, 10.0, 37.5, 2500.0}) {
            SplittableRandom r = Noise.random(11, (long) (mean * 10));
            int n = 200_000;
            double s = 0, s2 = 0;
            long zeros = 0;
            for (int i = 0; i < n; i++) {
                long k = Noise.poisson(r, mean);
                s += k;
                s2 += (double) k * k;
                if (k == 0) zeros++;
            }
            double m = s / n, v = s2 / n - m * m;
            assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean at " + mean);
            assertEquals(mean, v, 6 * mean * Math.sqrt(2.0 / n) + 0.01 * mean, "variance at " + mean);
            if (mean < 5) assertEquals(Math.exp(-mean), zeros / (double) n, 0.005, "P(0) at " + mean);
        }
    }

    @Test
    void aliasDrawsFollowTheWeights() {
        double[] w = {0, 1, 3, 0.5, 5.5};
        Noise.Alias a = new Noise.Alias(w);
        SplittableRandom r = Noise.random(3);
        int n = 100_000;
        int[] c = new int[w.length];
        for (int i = 0; i < n; i++) c[a.sample(r)]++;
        for (int i = 0; i < w.length; i++) assertEquals(w[i] / 10.0, c[i] / (double) n, 0.006, "channel " + i);
    }

    @Test
    void generatorsDependOnlyOnSeedAndCoordinates() {
        assertEquals(Noise.random(5, 1, 2, 3).nextLong(), Noise.random(5, 1, 2, 3).nextLong());
        long a = Noise.random(5, 1, 2, 3).nextLong(), b = Noise.random(5, 1, 3, 2).nextLong(), c = Noise.random(6, 1, 2, 3).nextLong();
        assertEquals(3, java.util.stream.LongStream.of(a, b, c).distinct().count());
    }
}
