package org.trident.recon;

import org.trident.model.ImageStack;
import org.trident.model.Volume;

/**
 * A plain, single-threaded SIRT written the obvious way: one slice at a time, flat arrays, no
 * blocking, no interleaving. Its weights come straight from
 * {@link ProjectorModel#weights} (computed once, then plain loops). It is the baseline that
 * {@code trident bench recon} compares the fast engine against, and a cross-check in tests:
 * it solves the same equations (same projector model, same row and column normalisation, same
 * non-negativity, centre positions on the same 1/512-bin grid) and should agree to float rounding.
 */
public final class ReferenceSirt {
    private ReferenceSirt() {}

    /** With the default projector. */
    public static Volume reconstruct(ImageStack s, double[] anglesDeg, int thickness, int iterations, double relaxation, boolean nonNegative) {
        return reconstruct(s, anglesDeg, thickness, iterations, relaxation, nonNegative, ProjectorModel.DEFAULT);
    }

    public static Volume reconstruct(ImageStack s, double[] anglesDeg, int thickness, int iterations, double relaxation, boolean nonNegative,
                                     ProjectorModel model) {
        int w = s.width(), h = s.height(), nx = w, nz = thickness, nt = anglesDeg.length, nv = nx * nz;
        double cx = (nx - 1) / 2.0, cz = (nz - 1) / 2.0, cu = (w - 1) / 2.0;
        boolean strip = model == ProjectorModel.STRIP;
        // per (tilt, voxel): the first of three bins and their weights
        int[] first = new int[nt * nv];
        float[] wts = new float[3 * nt * nv];
        double[] w3 = new double[3];
        for (int t = 0; t < nt; t++) {
            double c = Math.cos(Math.toRadians(anglesDeg[t])), sn = Math.sin(Math.toRadians(anglesDeg[t]));
            for (int k = 0; k < nz; k++) {
                for (int i = 0; i < nx; i++) {
                    double u = (i - cx) * c + (k - cz) * sn + cu;
                    double f0 = strip ? Math.floor(u + 0.5) - 1 : Math.floor(u);
                    double off = strip ? u - (f0 + 1) + 0.5 : u - f0;
                    double q0 = Math.round(off * SliceGeometry.LEVELS) / (double) SliceGeometry.LEVELS;
                    model.weights(c, sn, strip ? q0 - 0.5 : q0, w3);
                    int q = t * nv + k * nx + i;
                    first[q] = (int) f0;
                    for (int j = 0; j < 3; j++) wts[3 * q + j] = (float) w3[j];
                }
            }
        }
        // row sums (per detector pixel) and column sums (per voxel) of the system matrix
        float[] rowSum = new float[nt * w];
        float[] colSum = new float[nv];
        for (int t = 0; t < nt; t++) {
            for (int v = 0; v < nv; v++) {
                int q = t * nv + v;
                for (int j = 0; j < 3; j++) {
                    int u = first[q] + j;
                    if (u >= 0 && u < w) { rowSum[t * w + u] += wts[3 * q + j]; colSum[v] += wts[3 * q + j]; }
                }
            }
        }
        Volume vol = Volume.zeros(nx, h, nz, 1.0);
        float[] x = new float[nv];
        float[] proj = new float[nt * w];
        float[] back = new float[nv];
        for (int jj = 0; jj < h; jj++) {
            java.util.Arrays.fill(x, 0f);
            for (int it = 0; it < iterations; it++) {
                // forward projection
                java.util.Arrays.fill(proj, 0f);
                for (int t = 0; t < nt; t++) {
                    for (int v = 0; v < nv; v++) {
                        int q = t * nv + v;
                        for (int j = 0; j < 3; j++) {
                            int u = first[q] + j;
                            if (u >= 0 && u < w) proj[t * w + u] += wts[3 * q + j] * x[v];
                        }
                    }
                }
                // normalised residual
                for (int t = 0; t < nt; t++) {
                    float[] img = s.tilt(t);
                    for (int u = 0; u < w; u++) {
                        float r = rowSum[t * w + u];
                        proj[t * w + u] = r > 1e-6f ? (img[jj * w + u] - proj[t * w + u]) / r : 0f;
                    }
                }
                // back projection and update
                java.util.Arrays.fill(back, 0f);
                for (int t = 0; t < nt; t++) {
                    for (int v = 0; v < nv; v++) {
                        int q = t * nv + v;
                        float a = 0;
                        for (int j = 0; j < 3; j++) {
                            int u = first[q] + j;
                            if (u >= 0 && u < w) a += wts[3 * q + j] * proj[t * w + u];
                        }
                        back[v] += a;
                    }
                }
                for (int v = 0; v < nv; v++) {
                    if (colSum[v] > 1e-6f) x[v] += (float) relaxation * back[v] / colSum[v];
                    if (nonNegative && x[v] < 0) x[v] = 0;
                }
            }
            for (int k = 0; k < nz; k++) for (int i = 0; i < nx; i++) vol.set(i, jj, k, x[k * nx + i]);
        }
        return vol;
    }
}
