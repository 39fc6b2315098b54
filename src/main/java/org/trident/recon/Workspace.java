package org.trident.recon;

/**
 * One worker's scratch for a block of up to {@code maxNb} slices, allocated once per
 * reconstruction so that iterations allocate nothing. Layouts as in {@link Kernels}.
 */
final class Workspace {
    final int maxNb;
    final float[] x;      // volume block
    final float[] p;      // projections of the estimate, then the scaled residual
    final float[] acc;    // back-projection tile
    final float[] mask;   // support of the block (1 inside, 0 outside), when a mask is used
    final double[] dots;  // per-slice scratch (ART, CGLS)
    final double[] dots2; // per-slice scratch (CGLS)
    final float[] extra;  // a second volume block (CGLS only)
    final RampFilter ramp; // WBP only
    final float[] fftBuf;  // WBP only

    Workspace(SliceGeometry g, int maxNb, boolean withMask, RampFilter ramp, boolean secondVolume) {
        this.maxNb = maxNb;
        this.x = new float[g.voxels() * maxNb];
        this.p = new float[g.tilts() * g.paddedWidth() * maxNb];
        this.acc = new float[Kernels.TILE * maxNb];
        this.mask = withMask ? new float[g.voxels() * maxNb] : null;
        this.dots = new double[maxNb];
        this.dots2 = new double[maxNb];
        this.extra = secondVolume ? new float[g.voxels() * maxNb] : null;
        this.ramp = ramp;
        this.fftBuf = ramp == null ? null : new float[ramp.paddedLength()];
    }

    /** Bytes of scratch one worker holds for this geometry. */
    static long bytes(SliceGeometry g, int maxNb, boolean withMask) {
        long v = (long) g.voxels() * maxNb, pr = (long) g.tilts() * g.paddedWidth() * maxNb;
        return 4 * (v + pr + (long) Kernels.TILE * maxNb + (withMask ? v : 0));
    }
}
