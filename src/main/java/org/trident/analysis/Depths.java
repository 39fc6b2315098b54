package org.trident.analysis;

import org.trident.job.Progress;
import org.trident.model.Volume;

/**
 * Depth below the outer surface (contract section 6): the Euclidean distance from a voxel centre
 * to the nearest centre of a voxel outside the particle with its voids filled, minus half a voxel,
 * times the voxel size. Voxels beyond the grid border count as outside, so the grid is padded by
 * one outside layer; voids are inside the filled particle and therefore never surface. The
 * outermost material voxels sit at 0.5 voxel. NaN outside the material (background and voids).
 */
public final class Depths {
    private Depths() {}

    public static Volume depthNm(ParticleMask m, double voxelSizeNm, int threads, Progress progress) {
        int nx = m.nx(), ny = m.ny(), nz = m.nz();
        int px = nx + 2, py = ny + 2, pz = nz + 2;
        boolean[] outside = new boolean[px * py * pz];
        java.util.Arrays.fill(outside, true);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int src = (k * ny + j) * nx, dst = ((k + 1) * py + (j + 1)) * px + 1;
                for (int i = 0; i < nx; i++) outside[dst + i] = !m.filled()[src + i];
            }
        }
        float[] d2 = DistanceTransform.squared(outside, px, py, pz, threads, progress);
        float[] out = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int src = ((k + 1) * py + (j + 1)) * px + 1, dst = (k * ny + j) * nx;
                for (int i = 0; i < nx; i++) {
                    out[dst + i] = m.labels()[dst + i] > 0
                            ? (float) ((Math.sqrt(d2[src + i]) - 0.5) * voxelSizeNm)
                            : Float.NaN;
                }
            }
        }
        return new Volume(nx, ny, nz, out, voxelSizeNm);
    }
}
