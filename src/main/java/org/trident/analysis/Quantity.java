package org.trident.analysis;

import org.trident.model.Volume;

/**
 * A derived quantity: its voxel values and, for ratios, the numerator and denominator it was
 * formed from (mask voxels; zero elsewhere) and an optional calibration applied to the ratio.
 * The parts let a region's value be formed as a ratio of sums — Σ numerator / Σ denominator,
 * then calibrated — which is the amount-weighted value of the region and, unlike the mean of
 * noisy voxel ratios, is not biased by noise in the denominators.
 */
public record Quantity(Volume value, float[] num, float[] den, double[] calX, double[] calY) {
    public static Quantity plain(Volume v) {
        return new Quantity(v, null, null, null, null);
    }

    public boolean isRatio() {
        return num != null && den != null;
    }

    /** The quantity of a region whose numerator and denominator sum to {@code n} and {@code d}; NaN when d ≤ 0. */
    public double ofSums(double n, double d) {
        if (!(d > 0)) return Double.NaN;
        double r = n / d;
        return calX == null ? r : Ratios.interpolate(r, calX, calY);
    }

    public Quantity calibrated(double[] x, double[] y) {
        float[] v = value.data(), out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.isFinite(v[i]) ? (float) Ratios.interpolate(v[i], x, y) : Float.NaN;
        return new Quantity(new Volume(value.nx(), value.ny(), value.nz(), out, value.voxelSizeNm()), num, den, x, y);
    }
}
