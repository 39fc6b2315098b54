package org.trident.sei.sim;

import org.jtransforms.fft.DoubleFFT_2D;

import java.util.SplittableRandom;

/** Random fields for simulated maps. */
final class Fields {
    private Fields() {}

    /**
     * White Gaussian noise filtered by a Gaussian of {@code sigmaPx} (periodic), then set to
     * exactly zero mean and unit population std, so that a map a·(1 + cv·g) has cv exactly cv.
     * Its autocorrelation is exp(−r²/(4σ²)): it falls to 1/e at r = 2σ.
     */
    static double[] gaussianField(int n, double sigmaPx, SplittableRandom rnd) {
        double[] a = new double[2 * n * n];
        for (int i = 0; i < n * n; i++) a[2 * i] = gauss(rnd);
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        fft.complexForward(a);
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double ky = (y <= n / 2 ? y : y - n) / (double) n, kx = (x <= n / 2 ? x : x - n) / (double) n;
            double h = Math.exp(-2 * Math.PI * Math.PI * sigmaPx * sigmaPx * (kx * kx + ky * ky));
            a[2 * (y * n + x)] *= h;
            a[2 * (y * n + x) + 1] *= h;
        }
        fft.complexInverse(a, true);
        double[] g = new double[n * n];
        double m = 0;
        for (int i = 0; i < g.length; i++) { g[i] = a[2 * i]; m += g[i]; }
        m /= g.length;
        double ss = 0;
        for (int i = 0; i < g.length; i++) { g[i] -= m; ss += g[i] * g[i]; }
        double s = Math.sqrt(ss / g.length);
        for (int i = 0; i < g.length; i++) g[i] /= s;
        return g;
    }

    static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Poisson deviate (Knuth's product method below 30, a normal approximation above). */
    static double poisson(double mean, SplittableRandom r) {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }
}
