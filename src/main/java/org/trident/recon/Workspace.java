package org.trident.recon;

/**
 * One worker's scratch for a block of up to {@code maxNb} slices, allocated once per
 * reconstruction so that iterations allocate nothing. Layouts as in {@link Kernels}: one row of
 * {@code maxNb} floats per voxel or detector bin.
 */
final class Workspace {
    final int maxNb;
    final float[][] x;      // volume block
    final float[][] p;      // projections of the estimate, then the scaled residual
    final float[][] acc;    // back-projection tile
    final float[][] mask;   // support of the block (1 inside, 0 outside), when a mask is used
    final float[] d;        // per-slice scratch (ART)
    final double[] dots;    // per-slice scratch (ART, CGLS)
    final double[] dots2;   // per-slice scratch (CGLS)
    final float[][] extra;  // a second volume block (CGLS only)
    final RampFilter ramp;  // WBP only
    final float[] fftBuf;   // WBP only
    final float[] flatP, flatX, flatAcc; // a single slice (previews): WBP, SIRT, SART
    final float[] fx, fp, fm; // flat blocks for the native kernels (NativeKernels.stride floats per voxel / bin), else null
    float[][][] accs;        // one back-projection tile per thread sharing this block (accs[0] = acc)
    double[][] partDots;     // per-thread squared residuals per slice

    /** Scratch for {@code parts} threads working on this one block (SIRT). */
    Workspace shared(int parts) {
        accs = new float[parts][][];
        partDots = new double[parts][maxNb];
        accs[0] = acc;
        for (int q = 1; q < parts; q++) accs[q] = Kernels.rows(Kernels.TILE, maxNb);
        return this;
    }

    Workspace(SliceGeometry g, int maxNb, boolean withMask, RampFilter ramp, boolean secondVolume) {
        this(g, maxNb, withMask, ramp, secondVolume, false);
    }

    /** {@code nativeFlat}: also hold the flat blocks the native SIRT/SART path works on (blocks of more than one slice). */
    Workspace(SliceGeometry g, int maxNb, boolean withMask, RampFilter ramp, boolean secondVolume, boolean nativeFlat) {
        this.maxNb = maxNb;
        boolean nf = nativeFlat && maxNb > 1;
        int st = NativeKernels.stride(maxNb);
        this.fx = nf ? new float[g.voxels() * st] : null;
        this.fp = nf ? new float[g.tilts() * g.paddedWidth() * st] : null;
        this.fm = nf && withMask ? new float[g.voxels() * st] : null;
        // the native SIRT/SART path keeps the block only in the flat arrays
        this.x = nf ? null : Kernels.rows(g.voxels(), maxNb);
        this.p = nf ? null : Kernels.rows(g.tilts() * g.paddedWidth(), maxNb);
        this.acc = Kernels.rows(Kernels.TILE, maxNb);
        this.mask = withMask && !nf ? Kernels.rows(g.voxels(), maxNb) : null;
        this.d = new float[maxNb];
        this.dots = new double[maxNb];
        this.dots2 = new double[maxNb];
        this.extra = secondVolume ? Kernels.rows(g.voxels(), maxNb) : null;
        this.ramp = ramp;
        this.fftBuf = ramp == null ? null : new float[ramp.paddedLength()];
        boolean flat = maxNb == 1;
        this.flatP = flat ? new float[g.tilts() * g.paddedWidth()] : null;
        this.flatX = flat ? new float[g.voxels()] : null;
        this.flatAcc = flat ? new float[g.voxels()] : null;
    }

    /** Bytes of scratch one worker holds for this geometry (rows carry a 16-byte header and a 4-byte reference). */
    static long bytes(SliceGeometry g, int maxNb, boolean withMask) {
        return bytes(g, maxNb, withMask, false);
    }

    /** As above, with the native path's flat blocks when {@code nativeFlat}. */
    static long bytes(SliceGeometry g, int maxNb, boolean withMask, boolean nativeFlat) {
        long rows = (long) g.voxels() * (withMask ? 2 : 1) + (long) g.tilts() * g.paddedWidth() + Kernels.TILE;
        if (nativeFlat && maxNb > 1) return (rows - Kernels.TILE) * 4L * NativeKernels.stride(maxNb) + Kernels.TILE * (4L * maxNb + 20);
        return rows * (4L * maxNb + 20);
    }
}
