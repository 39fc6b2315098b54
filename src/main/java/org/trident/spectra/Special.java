package org.trident.spectra;

/**
 * Special functions the spectrum models (the simulator's and quantification's) need: peak and step
 * shapes integrated over detector channels, so areas are exact whatever the channel width.
 */
public final class Special {
    private Special() {}

    /**
     * Error function with fractional error below 1.2e-7 everywhere, from the Chebyshev-type
     * approximation of erfc in Numerical Recipes in C (Press et al., 2nd ed., 1992, §6.2, erfcc).
     */
    public static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - ans : ans - 1;
    }

    /** Standard normal cumulative distribution. */
    public static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** Fraction of a unit-area Gaussian (centre, sigma) falling in [lo, hi]. */
    public static double gaussianIn(double centre, double sigma, double lo, double hi) {
        return phi((hi - centre) / sigma) - phi((lo - centre) / sigma);
    }
}
