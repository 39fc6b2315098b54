package org.trident.recon;

import org.trident.model.ImageStack;
import org.trident.model.Volume;

/**
 * A plain, single-threaded SIRT written the obvious way: one slice at a time, weights computed
 * from the geometry on the fly, no blocking and no interleaving. It is the baseline that
 * {@code trident bench recon} compares the fast engine against, and a cross-check in tests:
 * it solves the same equations (same voxel-driven linear interpolation, same row and column
 * normalisation, same non-negativity) and should agree to float rounding.
 */
public final class ReferenceSirt {
    private ReferenceSirt() {}

    public static Volume reconstruct(ImageStack s, double[] anglesDeg, int thickness, int iterations, double relaxation, boolean nonNegative) {
        int w = s.width(), h = s.height(), nx = w, nz = thickness, nt = anglesDeg.length;
        double cx = (nx - 1) / 2.0, cz = (nz - 1) / 2.0, cu = (w - 1) / 2.0;
        double[] cos = new double[nt], sin = new double[nt];
        for (int t = 0; t < nt; t++) {
            cos[t] = Math.cos(Math.toRadians(anglesDeg[t]));
            sin[t] = Math.sin(Math.toRadians(anglesDeg[t]));
        }
        // row sums (per detector pixel) and column sums (per voxel) of the system matrix
        float[] rowSum = new float[nt * w];
        float[] colSum = new float[nx * nz];
        for (int t = 0; t < nt; t++) {
            for (int k = 0; k < nz; k++) {
                for (int i = 0; i < nx; i++) {
                    double u = (i - cx) * cos[t] + (k - cz) * sin[t] + cu;
                    int u0 = (int) Math.floor(u);
                    float f = (float) (u - u0);
                    if (u0 >= 0 && u0 < w) { rowSum[t * w + u0] += 1 - f; colSum[k * nx + i] += 1 - f; }
                    if (u0 + 1 >= 0 && u0 + 1 < w) { rowSum[t * w + u0 + 1] += f; colSum[k * nx + i] += f; }
                }
            }
        }
        Volume vol = Volume.zeros(nx, h, nz, 1.0);
        float[] x = new float[nx * nz];
        float[] proj = new float[nt * w];
        float[] back = new float[nx * nz];
        for (int j = 0; j < h; j++) {
            java.util.Arrays.fill(x, 0f);
            for (int it = 0; it < iterations; it++) {
                // forward projection
                java.util.Arrays.fill(proj, 0f);
                for (int t = 0; t < nt; t++) {
                    for (int k = 0; k < nz; k++) {
                        for (int i = 0; i < nx; i++) {
                            double u = (i - cx) * cos[t] + (k - cz) * sin[t] + cu;
                            int u0 = (int) Math.floor(u);
                            float f = (float) (u - u0), val = x[k * nx + i];
                            if (u0 >= 0 && u0 < w) proj[t * w + u0] += (1 - f) * val;
                            if (u0 + 1 >= 0 && u0 + 1 < w) proj[t * w + u0 + 1] += f * val;
                        }
                    }
                }
                // normalised residual
                for (int t = 0; t < nt; t++) {
                    float[] img = s.tilt(t);
                    for (int u = 0; u < w; u++) {
                        float r = rowSum[t * w + u];
                        proj[t * w + u] = r > 1e-6f ? (img[j * w + u] - proj[t * w + u]) / r : 0f;
                    }
                }
                // back projection and update
                java.util.Arrays.fill(back, 0f);
                for (int t = 0; t < nt; t++) {
                    for (int k = 0; k < nz; k++) {
                        for (int i = 0; i < nx; i++) {
                            double u = (i - cx) * cos[t] + (k - cz) * sin[t] + cu;
                            int u0 = (int) Math.floor(u);
                            float f = (float) (u - u0);
                            float a = 0;
                            if (u0 >= 0 && u0 < w) a += (1 - f) * proj[t * w + u0];
                            if (u0 + 1 >= 0 && u0 + 1 < w) a += f * proj[t * w + u0 + 1];
                            back[k * nx + i] += a;
                        }
                    }
                }
                for (int v = 0; v < nx * nz; v++) {
                    if (colSum[v] > 1e-6f) x[v] += (float) relaxation * back[v] / colSum[v];
                    if (nonNegative && x[v] < 0) x[v] = 0;
                }
            }
            for (int k = 0; k < nz; k++) for (int i = 0; i < nx; i++) vol.set(i, j, k, x[k * nx + i]);
        }
        return vol;
    }
}
