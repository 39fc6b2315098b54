package org.trident.sim;

/** Peak and step shapes integrated over detector channels, so areas are exact whatever the channel width. */
final class LineShapes {
    private LineShapes() {}

    /** Error function, |error| < 1.2e-7 (Numerical Recipes' erfc Chebyshev fit). */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }

    /** Standard normal cumulative distribution. */
    static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** Fraction of a unit-area Gaussian (centre, sigma) falling in [lo, hi]. */
    static double gaussianIn(double centre, double sigma, double lo, double hi) {
        return phi((hi - centre) / sigma) - phi((lo - centre) / sigma);
    }
}
