package org.trident.align;

/**
 * Sub-pixel interpolation used to resample tilts. Outside the image the nearest edge value is
 * used (clamping), so a shifted image keeps its background level instead of gaining a dark frame.
 */
public enum Interpolation {
    /** Bilinear: 2×2 neighbours, never overshoots (counts stay non-negative), slightly blurs. */
    LINEAR,
    /** Keys cubic convolution (a = -0.5): 4×4 neighbours, sharper, may overshoot at edges. */
    CUBIC;

    public static Interpolation parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "linear", "bilinear" -> LINEAR;
            case "cubic", "bicubic" -> CUBIC;
            default -> throw new org.trident.model.TridentException("unknown interpolation '" + s + "' (linear or cubic)");
        };
    }

    int taps() { return this == LINEAR ? 2 : 4; }

    /**
     * Fills {@code idx} (clamped to [0, n-1]) and {@code w} for position {@code p} (pixel index
     * units) and returns nothing; {@code taps()} entries are written.
     */
    void weights(double p, int n, int[] idx, double[] w) {
        int i0 = (int) Math.floor(p);
        double f = p - i0;
        if (this == LINEAR) {
            idx[0] = clamp(i0, n);
            idx[1] = clamp(i0 + 1, n);
            w[0] = 1 - f;
            w[1] = f;
        } else {
            for (int k = 0; k < 4; k++) idx[k] = clamp(i0 - 1 + k, n);
            // Keys (1981) cubic convolution kernel with a = -0.5, evaluated at distances 1+f, f, 1-f, 2-f.
            double f2 = f * f, f3 = f2 * f;
            w[0] = -0.5 * f3 + f2 - 0.5 * f;
            w[1] = 1.5 * f3 - 2.5 * f2 + 1;
            w[2] = -1.5 * f3 + 2 * f2 + 0.5 * f;
            w[3] = 0.5 * f3 - 0.5 * f2;
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
