package org.trident.recon;

import org.trident.model.TridentException;

/**
 * The system matrix of one slice (one detector row of every tilt against one x-z plane of the
 * volume), shared by every slice and channel. Voxel-driven linear interpolation: voxel
 * {@code (i, k)} at centred {@code (x, z)} lands at detector position
 * {@code u = x·cosθ + z·sinθ} (contract section 1) and splits its value between the two nearest
 * detector bins with weights {@code 1-f} and {@code f}. Each voxel's weights sum to one per tilt,
 * so projections are line integrals in value × pixel length and mass is conserved.
 *
 * <p>Storage: one packed int per (tilt, voxel), tilt-major: the padded bin index (upper 16 bits)
 * and the fraction {@code f} in 1/65536 (lower 16 bits). Detector rows are padded with
 * {@link #GUARD} bins on each side; voxels projecting outside the detector point at guard bins,
 * which are never measured, so no kernel needs a branch.
 */
public final class SliceGeometry {
    /** Guard bins on each side of a padded detector row. */
    public static final int GUARD = 2;
    private static final float FRAC = 1f / 65536f;

    private final int width, nx, nz, tilts, paddedWidth;
    private final double[] anglesDeg;
    private final int[] entries;
    private final float[] invRowSum;
    private final float[] invColSum;
    private final float[] viewWeights;

    /**
     * @param width     detector width W (tilt-image columns); the volume's X equals W
     * @param thickness volume thickness Z in voxels
     * @param anglesDeg tilt angles in degrees, one per tilt, any order
     */
    public SliceGeometry(int width, int thickness, double[] anglesDeg) {
        if (width < 1 || width > 60000) throw new TridentException("tilt images must be 1 to 60000 pixels wide, got " + width);
        if (thickness < 1) throw new TridentException("the volume thickness must be at least 1 voxel, got " + thickness);
        if (anglesDeg.length == 0) throw new TridentException("there are no tilt angles");
        long n = (long) anglesDeg.length * width * thickness;
        if (n > Integer.MAX_VALUE - 8) throw new TridentException("a " + width + " x " + thickness + " slice with "
                + anglesDeg.length + " tilts is too large for one system matrix");
        for (double a : anglesDeg) {
            if (!Double.isFinite(a) || Math.abs(a) > 90) throw new TridentException("tilt angle " + a + "° is outside [-90°, 90°]");
        }
        this.width = width;
        this.nx = width;
        this.nz = thickness;
        this.tilts = anglesDeg.length;
        this.paddedWidth = width + 2 * GUARD;
        this.anglesDeg = anglesDeg.clone();
        this.entries = new int[(int) n];
        int nv = nx * nz;
        double cx = (nx - 1) / 2.0, cz = (nz - 1) / 2.0, cu = (width - 1) / 2.0;
        for (int t = 0; t < tilts; t++) {
            double th = Math.toRadians(anglesDeg[t]);
            double c = Math.cos(th), s = Math.sin(th);
            int base = t * nv;
            for (int k = 0; k < nz; k++) {
                double zs = (k - cz) * s;
                for (int i = 0; i < nx; i++) {
                    double u = (i - cx) * c + zs + cu;
                    double fl = Math.floor(u);
                    int e;
                    if (fl < -1 || fl > width - 1) {
                        e = 0; // both bins are guards: never measured
                    } else {
                        int q = (int) Math.round((u - fl) * 65536.0);
                        int bin = (int) fl + GUARD;
                        if (q == 65536) { q = 0; bin++; }
                        e = (bin << 16) | q;
                    }
                    entries[base + k * nx + i] = e;
                }
            }
        }
        this.invRowSum = new float[tilts * paddedWidth];
        this.invColSum = new float[nv];
        computeSums();
        this.viewWeights = AngleWeights.angularWidthsRad(anglesDeg);
    }

    private void computeSums() {
        int nv = nx * nz;
        double[] row = new double[tilts * paddedWidth];
        double[] col = new double[nv];
        for (int t = 0; t < tilts; t++) {
            int base = t * nv, pb = t * paddedWidth;
            for (int v = 0; v < nv; v++) {
                int e = entries[base + v];
                int b0 = e >>> 16;
                double f = (e & 0xFFFF) * (double) FRAC;
                row[pb + b0] += 1 - f;
                row[pb + b0 + 1] += f;
                if (isReal(b0)) col[v] += 1 - f;
                if (isReal(b0 + 1)) col[v] += f;
            }
        }
        for (int t = 0; t < tilts; t++) {
            for (int b = 0; b < paddedWidth; b++) {
                double r = row[t * paddedWidth + b];
                invRowSum[t * paddedWidth + b] = isReal(b) && r > 1e-6 ? (float) (1 / r) : 0f;
            }
        }
        for (int v = 0; v < nv; v++) invColSum[v] = col[v] > 1e-6 ? (float) (1 / col[v]) : 0f;
    }

    /** True when padded bin {@code b} is a real detector pixel, not a guard. */
    public boolean isReal(int b) {
        return b >= GUARD && b < GUARD + width;
    }

    public int width() { return width; }
    public int nx() { return nx; }
    public int nz() { return nz; }
    public int tilts() { return tilts; }
    public int paddedWidth() { return paddedWidth; }
    public int voxels() { return nx * nz; }
    public double[] anglesDeg() { return anglesDeg.clone(); }

    /** Packed (bin, fraction) per (tilt, voxel), tilt-major; live, do not modify. */
    int[] entries() { return entries; }

    /** 1 / (sum of the weights of each padded detector bin), 0 for guards and empty rays; live. */
    float[] invRowSum() { return invRowSum; }

    /** 1 / (sum of the weights of each voxel over measured bins of all tilts), 0 when unseen; live. */
    float[] invColSum() { return invColSum; }

    /** Angular width (radians) each view stands for, for weighted back-projection; live. */
    float[] viewWeights() { return viewWeights; }

    static float fraction(int e) { return (e & 0xFFFF) * FRAC; }

    /** Bytes held by this geometry (the shared system matrix and its normalisations). */
    public long bytes() {
        return 4L * entries.length + 4L * invRowSum.length + 4L * invColSum.length + 4L * viewWeights.length;
    }
}
