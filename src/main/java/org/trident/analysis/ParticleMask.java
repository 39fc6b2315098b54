package org.trident.analysis;

/**
 * The segmented particles on a volume grid (x fastest).
 *
 * @param labels        0 outside the material, else the particle number 1..{@code particles}
 *                      (1 = largest)
 * @param filled        material plus its internal voids: what "inside the particle" means for
 *                      the depth (contract section 6)
 * @param sizes         voxel count of each particle, index 0 = particle 1
 * @param threshold     the ADF value that separated material from background
 * @param thresholdRule how it was chosen ("otsu" or "user")
 * @param removedSpecks components dropped as smaller than the minimum particle size
 * @param voidVoxels    voxels of internal voids (enclosed background, not material)
 * @param filledNoiseVoxels enclosed background pockets too small to be voids, counted as material
 */
public record ParticleMask(int nx, int ny, int nz, int[] labels, boolean[] filled, int particles, long[] sizes,
                           double threshold, String thresholdRule, int removedSpecks, long voidVoxels, long filledNoiseVoxels) {
    public boolean inMask(int index) {
        return labels[index] > 0;
    }

    public long materialVoxels() {
        long s = 0;
        for (long v : sizes) s += v;
        return s;
    }
}
