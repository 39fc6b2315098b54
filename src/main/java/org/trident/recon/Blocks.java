package org.trident.recon;

/** Copies between the volume layout (Volume data, x fastest) and slice-interleaved block rows. */
final class Blocks {
    private Blocks() {}

    /** Volume slices {@code j0..j0+nb} (data laid out as {@link org.trident.model.Volume}) into the block. */
    static void gatherVolume(float[] vol, int nx, int ny, int nz, int j0, int nb, float[][] x) {
        for (int k = 0; k < nz; k++) {
            for (int b = 0; b < nb; b++) {
                int src = (k * ny + j0 + b) * nx, row = k * nx;
                for (int i = 0; i < nx; i++) x[row + i][b] = vol[src + i];
            }
        }
    }

    /**
     * The block back into the volume; adds each slice's squared change and squared new value
     * to {@code change[j]} and {@code norm[j]} (global slice index) when they are not null.
     */
    static void scatterVolume(float[][] x, float[] vol, int nx, int ny, int nz, int j0, int nb, double[] change, double[] norm) {
        for (int b = 0; b < nb; b++) {
            double c = 0, n = 0;
            for (int k = 0; k < nz; k++) {
                int dst = (k * ny + j0 + b) * nx, row = k * nx;
                for (int i = 0; i < nx; i++) {
                    float nv = x[row + i][b];
                    double d = nv - vol[dst + i];
                    c += d * d;
                    n += (double) nv * nv;
                    vol[dst + i] = nv;
                }
            }
            if (change != null) change[j0 + b] += c;
            if (norm != null) norm[j0 + b] += n;
        }
    }

    /** A boolean support (Volume order) into 0/1 block rows. */
    static void gatherMask(boolean[] support, int nx, int ny, int nz, int j0, int nb, float[][] m) {
        for (int k = 0; k < nz; k++) {
            for (int b = 0; b < nb; b++) {
                int src = (k * ny + j0 + b) * nx, row = k * nx;
                for (int i = 0; i < nx; i++) m[row + i][b] = support[src + i] ? 1f : 0f;
            }
        }
    }

    /** A boolean support (Volume order) into a flat 0/1 block of stride {@code st}, pad lanes zero. */
    static void gatherMaskFlat(boolean[] support, int nx, int ny, int nz, int j0, int nb, int st, float[] m) {
        for (int k = 0; k < nz; k++) {
            int plane = k * ny + j0;
            for (int i = 0; i < nx; i++) {
                int d = (k * nx + i) * st;
                for (int b = 0; b < nb; b++) m[d + b] = support[(plane + b) * nx + i] ? 1f : 0f;
                for (int b = nb; b < st; b++) m[d + b] = 0f;
            }
        }
    }
}
