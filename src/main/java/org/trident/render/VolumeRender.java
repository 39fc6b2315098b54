package org.trident.render;

import org.trident.job.Progress;
import org.trident.model.Volume;

/**
 * Software ray casting of a volume for the 3-D view: maximum-intensity projection or front-to-back
 * alpha compositing through the colour map, seen from a direction given by yaw (about the y
 * axis) and pitch (about the x axis) in degrees. Orthographic; NaN voxels are empty space.
 */
public final class VolumeRender {
    /** MIP: brightest value along the ray; ALPHA: front-to-back compositing; SURFACE: the isosurface at (lo+hi)/2, Lambert-shaded. */
    public enum Mode { MIP, ALPHA, SURFACE }

    private VolumeRender() {}

    /**
     * Renders {@code size × size} ARGB pixels. {@code lo}/{@code hi} are the contrast limits;
     * in ALPHA mode a voxel's opacity grows with its normalised value ({@code opacity} per voxel
     * at the top of the range). Background transparent.
     */
    public static int[] render(Volume v, Mode mode, double yawDeg, double pitchDeg, int size, ColorMap map,
                               double lo, double hi, double opacity, Progress progress) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] d = v.data();
        double cy = Math.cos(Math.toRadians(yawDeg)), sy = Math.sin(Math.toRadians(yawDeg));
        double cp = Math.cos(Math.toRadians(pitchDeg)), sp = Math.sin(Math.toRadians(pitchDeg));
        // view basis: screen u (right), screen v (down), ray direction w; rotate the 0°-view axes
        double[] u = rot(1, 0, 0, cy, sy, cp, sp), vv = rot(0, 1, 0, cy, sy, cp, sp), w = rot(0, 0, 1, cy, sy, cp, sp);
        double extent = Math.sqrt((double) nx * nx + ny * ny + nz * nz);
        double pix = extent / size;
        double step = 0.7;
        int steps = (int) Math.ceil(extent / step);
        double inv = hi > lo ? 1.0 / (hi - lo) : 1;
        int[] out = new int[size * size];
        double ox = (nx - 1) / 2.0, oy = (ny - 1) / 2.0, oz = (nz - 1) / 2.0;
        progress.start("rendering 3-D view", size);
        for (int r = 0; r < size; r++) {
            progress.checkCancelled();
            double sv = (r - (size - 1) / 2.0) * pix;
            for (int c = 0; c < size; c++) {
                double su = (c - (size - 1) / 2.0) * pix;
                double px = su * u[0] + sv * vv[0] - extent / 2 * w[0] + ox;
                double py = su * u[1] + sv * vv[1] - extent / 2 * w[1] + oy;
                double pz = su * u[2] + sv * vv[2] - extent / 2 * w[2] + oz;
                double best = Double.NEGATIVE_INFINITY;
                double ar = 0, ag = 0, ab = 0, aa = 0;
                for (int s = 0; s < steps; s++, px += w[0] * step, py += w[1] * step, pz += w[2] * step) {
                    int i = (int) Math.round(px), j = (int) Math.round(py), k = (int) Math.round(pz);
                    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
                    float f = d[(k * ny + j) * nx + i];
                    if (!Float.isFinite(f)) continue;
                    double t = (f - lo) * inv;
                    if (mode == Mode.SURFACE) {
                        if (t >= 0.5) {
                            best = shade(d, nx, ny, nz, i, j, k, w);
                            break;
                        }
                    } else if (mode == Mode.MIP) {
                        if (t > best) best = t;
                    } else if (t > 0) {
                        double a = Math.min(1, t) * opacity * step;
                        int col = map.argb(t);
                        double wgt = (1 - aa) * a;
                        ar += wgt * (col >> 16 & 255);
                        ag += wgt * (col >> 8 & 255);
                        ab += wgt * (col & 255);
                        aa += wgt;
                        if (aa > 0.98) break;
                    }
                }
                if (mode == Mode.SURFACE) {
                    if (best > Double.NEGATIVE_INFINITY) {
                        int g8 = (int) Math.round(40 + 215 * best);
                        out[r * size + c] = 0xff000000 | g8 << 16 | g8 << 8 | g8;
                    }
                } else if (mode == Mode.MIP) {
                    if (best > Double.NEGATIVE_INFINITY) out[r * size + c] = map.argb(best);
                } else if (aa > 0) {
                    int a8 = (int) Math.round(aa * 255);
                    out[r * size + c] = a8 << 24 | (int) Math.min(255, ar / aa) << 16 | (int) Math.min(255, ag / aa) << 8 | (int) Math.min(255, ab / aa);
                }
            }
            progress.advance(1);
        }
        return out;
    }

    /** Lambert shading in [0, 1] from the central-difference gradient (the outward normal points down the gradient). */
    private static double shade(float[] d, int nx, int ny, int nz, int i, int j, int k, double[] w) {
        double gx = at(d, nx, ny, nz, i + 1, j, k) - at(d, nx, ny, nz, i - 1, j, k);
        double gy = at(d, nx, ny, nz, i, j + 1, k) - at(d, nx, ny, nz, i, j - 1, k);
        double gz = at(d, nx, ny, nz, i, j, k + 1) - at(d, nx, ny, nz, i, j, k - 1);
        double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
        if (n == 0) return 1;
        return Math.max(0, (gx * w[0] + gy * w[1] + gz * w[2]) / n);
    }

    private static double at(float[] d, int nx, int ny, int nz, int i, int j, int k) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return 0;
        float f = d[(k * ny + j) * nx + i];
        return Float.isFinite(f) ? f : 0;
    }

    /** Rotates a vector by pitch about x, then yaw about y. */
    private static double[] rot(double x, double y, double z, double cy, double sy, double cp, double sp) {
        double y1 = y * cp - z * sp, z1 = y * sp + z * cp;
        return new double[]{x * cy + z1 * sy, y1, -x * sy + z1 * cy};
    }
}
