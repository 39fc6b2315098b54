package org.trident.recon;

import java.util.Locale;

/**
 * How a voxel's value reaches the detector bins at one tilt (docs/reconstruction.md, "The projector").
 * Both keep forward and back-projection exact adjoints and conserve mass; they differ in what a
 * detector bin is taken to measure.
 */
public enum ProjectorModel {
    /**
     * Strip-area (footprint-integrating) model, the default: a voxel is a unit square and a bin
     * measures the mean line integral across its width, so the weight of voxel → bin is the
     * area of the square inside the bin's strip. The square's footprint at angle θ is a
     * trapezoid (a box of width |cosθ| convolved with one of width |sinθ|), integrated exactly
     * over each bin; it covers at most three bins. This is the exact system matrix for a
     * pixel-basis object and area-integrating detector pixels, so its null space holds no
     * pixel-scale checkerboard that the linear model leaves.
     */
    STRIP("strip-area", "strip-area footprint (voxel square integrated over each detector bin's strip), shared by all slices"),
    /** Voxel-driven linear interpolation (the earlier model): each voxel splits between the two bins nearest its centre. */
    LINEAR("linear", "voxel-driven linear interpolation, shared by all slices");

    /** The model used unless a caller asks for another: the one home of this default. */
    public static final ProjectorModel DEFAULT = STRIP;

    private final String label;
    private final String description;

    ProjectorModel(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Short name for options and reports ({@code strip-area}, {@code linear}). */
    public String label() { return label; }

    /** One sentence for reconstruction.json. */
    public String description() { return description; }

    /** Parses a label or enum name (any case); null when unknown. */
    public static ProjectorModel parse(String s) {
        if (s == null) return null;
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (ProjectorModel m : values()) if (m.label.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) return m;
        return null;
    }

    /**
     * The three bin weights of a unit-square voxel whose centre lies {@code d} bins from the
     * centre of bin {@code n} ({@code d} in [−½, ½] for STRIP, [0, 1] for LINEAR with bins
     * {@code n, n+1}); written to {@code out[0..2]} for bins n−1, n, n+1 (STRIP) or n, n+1, n+2 (LINEAR).
     */
    void weights(double cos, double sin, double d, double[] out) {
        if (this == LINEAR) {
            out[0] = 1 - d;
            out[1] = d;
            out[2] = 0;
            return;
        }
        double a = Math.abs(cos), b = Math.abs(sin);
        for (int j = -1; j <= 1; j++) out[j + 1] = cdf(a, b, j + 0.5 - d) - cdf(a, b, j - 0.5 - d);
    }

    /** P(X·a + Z·b ≤ t) for X, Z uniform on [−½, ½]: the integral of the trapezoid footprint up to t. */
    static double cdf(double a, double b, double t) {
        double hi = Math.max(a, b), lo = Math.min(a, b);
        if (lo < 1e-7) return Math.min(1, Math.max(0, t / hi + 0.5)); // box of width hi
        double s = (hi + lo) / 2, q = (hi - lo) / 2;
        return (r2(t + s) - r2(t + q) - r2(t - q) + r2(t - s)) / (2 * hi * lo);
    }

    private static double r2(double y) {
        return y > 0 ? y * y : 0;
    }
}
