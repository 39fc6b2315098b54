package org.trident.recon;

import org.trident.model.TridentException;

/**
 * The system matrix of one slice (one detector row of every tilt against one x-z plane of the
 * volume), shared by every slice and channel. Voxel {@code (i, k)} at centred {@code (x, z)} has
 * its centre at detector position {@code u = x·cosθ + z·sinθ} (contract section 1); the
 * {@link ProjectorModel} says how its value spreads over at most three neighbouring bins. Each
 * voxel's weights sum to one per tilt, so projections are line integrals in value × pixel
 * length and mass is conserved.
 *
 * <p>Storage: one packed int per (tilt, voxel), tilt-major: the padded index of the first of
 * three bins (upper 16 bits) and a position code (lower 16 bits) that indexes a per-tilt table
 * of three weights. The centre's offset within its bin is quantised to 1/{@value #LEVELS} of a
 * bin; the weights in the table are exact for that position, and forward and back read the
 * same table, so they stay exact adjoints. Detector rows are padded with {@link #GUARD} bins on
 * each side; voxels whose footprint misses the detector get the code {@link #NONE}, whose
 * weights are zero, so no kernel needs a branch.
 */
public final class SliceGeometry implements SliceProjector {
    /** Guard bins on each side of a padded detector row. */
    public static final int GUARD = 2;
    /** Position steps per bin. */
    static final int LEVELS = 512;
    /** Code of a voxel that reaches no real bin at a tilt (all three weights zero). */
    static final int NONE = LEVELS + 1;
    /** Table rows per tilt. */
    static final int CODES = LEVELS + 2;

    private final int width, nx, nz, tilts, paddedWidth;
    private final ProjectorModel model;
    private final double[] anglesDeg;
    private final int[] entries;
    private final float[] taps;
    private final float[] invRowSum;
    private final float[] invColSum;
    private final float[] viewWeights;

    /** The default projector ({@link ProjectorModel#DEFAULT}). */
    public SliceGeometry(int width, int thickness, double[] anglesDeg) {
        this(width, thickness, anglesDeg, ProjectorModel.DEFAULT);
    }

    /**
     * @param width     detector width W (tilt-image columns); the volume's X equals W
     * @param thickness volume thickness Z in voxels
     * @param anglesDeg tilt angles in degrees, one per tilt, any order
     * @param model     how a voxel spreads over the bins
     */
    public SliceGeometry(int width, int thickness, double[] anglesDeg, ProjectorModel model) {
        if (width < 1 || width > 60000) throw new TridentException("tilt images must be 1 to 60000 pixels wide, got " + width);
        if (thickness < 1) throw new TridentException("the volume thickness must be at least 1 voxel, got " + thickness);
        if (anglesDeg.length == 0) throw new TridentException("there are no tilt angles");
        long n = (long) anglesDeg.length * width * thickness;
        if (n > Integer.MAX_VALUE - 8) throw new TridentException("a " + width + " x " + thickness + " slice with "
                + anglesDeg.length + " tilts is too large for one system matrix");
        for (double a : anglesDeg) {
            if (!Double.isFinite(a) || Math.abs(a) > 90) throw new TridentException("tilt angle " + a + "° is outside [-90°, 90°]");
        }
        this.model = model == null ? ProjectorModel.DEFAULT : model;
        this.width = width;
        this.nx = width;
        this.nz = thickness;
        this.tilts = anglesDeg.length;
        this.paddedWidth = width + 2 * GUARD;
        this.anglesDeg = anglesDeg.clone();
        this.entries = new int[(int) n];
        this.taps = new float[tilts * CODES * 3];
        int nv = nx * nz;
        double cx = (nx - 1) / 2.0, cz = (nz - 1) / 2.0, cu = (width - 1) / 2.0;
        boolean strip = this.model == ProjectorModel.STRIP;
        double[] w3 = new double[3];
        for (int t = 0; t < tilts; t++) {
            double th = Math.toRadians(anglesDeg[t]);
            double c = Math.cos(th), s = Math.sin(th);
            int tb = t * CODES * 3;
            for (int q = 0; q <= LEVELS; q++) {
                double d = strip ? (double) q / LEVELS - 0.5 : (double) q / LEVELS;
                this.model.weights(c, s, d, w3);
                for (int j = 0; j < 3; j++) taps[tb + 3 * q + j] = (float) w3[j];
            }
            int base = t * nv;
            for (int k = 0; k < nz; k++) {
                double zs = (k - cz) * s;
                for (int i = 0; i < nx; i++) {
                    double u = (i - cx) * c + zs + cu;
                    // first of the three bins (unpadded) and the quantised offset of the centre
                    double first = strip ? Math.floor(u + 0.5) - 1 : Math.floor(u);
                    double off = strip ? u - (first + 1) + 0.5 : u - first;
                    int q = (int) Math.round(off * LEVELS);
                    int e;
                    if (first < -GUARD || first + 2 > width - 1 + GUARD) {
                        e = NONE; // bins 0..2 of the padded row, zero weights
                    } else {
                        e = (((int) first + GUARD) << 16) | q;
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
            int base = t * nv, pb = t * paddedWidth, tb = t * CODES * 3;
            for (int v = 0; v < nv; v++) {
                int e = entries[base + v];
                int b0 = e >>> 16, k = tb + 3 * (e & 0xFFFF);
                for (int j = 0; j < 3; j++) {
                    row[pb + b0 + j] += taps[k + j];
                    if (isReal(b0 + j)) col[v] += taps[k + j];
                }
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

    @Override public int width() { return width; }
    public int nx() { return nx; }
    public int nz() { return nz; }
    @Override public int thickness() { return nz; }
    @Override public int tilts() { return tilts; }
    public int paddedWidth() { return paddedWidth; }
    public int voxels() { return nx * nz; }
    public double[] anglesDeg() { return anglesDeg.clone(); }
    public ProjectorModel model() { return model; }
    @Override public String projectorName() { return model.label(); }

    /** Packed (first padded bin, position code) per (tilt, voxel), tilt-major; live, do not modify. */
    int[] entries() { return entries; }

    /** Three weights per (tilt, position code): index {@code (t·CODES + code)·3 + j}; live. */
    float[] taps() { return taps; }

    /** 1 / (sum of the weights of each padded detector bin), 0 for guards and empty rays; live. */
    float[] invRowSum() { return invRowSum; }

    /** 1 / (sum of the weights of each voxel over measured bins of all tilts), 0 when unseen; live. */
    float[] invColSum() { return invColSum; }

    /** Angular width (radians) each view stands for, for weighted back-projection; live. */
    float[] viewWeights() { return viewWeights; }

    @Override
    public void forward(float[] slice, float[] projections) {
        check(slice, projections);
        float[] p = new float[tilts * paddedWidth];
        SliceKernels.forward(this, slice, p, Kernels.allViews(tilts), 0, tilts);
        for (int t = 0; t < tilts; t++) System.arraycopy(p, t * paddedWidth + GUARD, projections, t * width, width);
    }

    @Override
    public void back(float[] projections, float[] slice) {
        check(slice, projections);
        float[] p = new float[tilts * paddedWidth];
        for (int t = 0; t < tilts; t++) System.arraycopy(projections, t * width, p, t * paddedWidth + GUARD, width);
        SliceKernels.back(this, p, slice, Kernels.allViews(tilts), 0, tilts, 0, nx * nz);
    }

    private void check(float[] slice, float[] projections) {
        if (slice.length != nx * nz) throw new TridentException("a slice of this geometry holds " + nx * nz + " voxels, got " + slice.length);
        if (projections.length != tilts * width) throw new TridentException("projections of this geometry hold " + tilts * width + " values, got " + projections.length);
    }

    /** Bytes held by this geometry (the shared system matrix and its normalisations). */
    public long bytes() {
        return 4L * entries.length + 4L * taps.length + 4L * invRowSum.length + 4L * invColSum.length + 4L * viewWeights.length;
    }
}
