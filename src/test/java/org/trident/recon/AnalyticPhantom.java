package org.trident.recon;

import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Ellipsoids with exact line integrals: projections are computed analytically in the contract's
 * geometry (never with Trident's own projector, to avoid the inverse crime), and the voxel truth
 * by supersampling. Coordinates are centred pixels as in contract section 1.
 */
final class AnalyticPhantom {
    /** An ellipsoid centred at (cx, cy, cz), semi-axes (ax, ay, az), turned by phiDeg about y, adding value. */
    record Ellipsoid(double cx, double cy, double cz, double ax, double ay, double az, double phiDeg, double value) {}

    final List<Ellipsoid> parts = new ArrayList<>();

    AnalyticPhantom add(double cx, double cy, double cz, double ax, double ay, double az, double phiDeg, double value) {
        parts.add(new Ellipsoid(cx, cy, cz, ax, ay, az, phiDeg, value));
        return this;
    }

    /** A particle-like test object for a grid about {@code n} voxels wide: a shell, a core and inclusions. */
    static AnalyticPhantom particle(double n) {
        double r = 0.3 * n;
        return new AnalyticPhantom()
                .add(0, 0, 0, r, r * 0.9, r * 0.8, 20, 1.0)
                .add(0.1 * n, -0.05 * n, 0.05 * n, 0.12 * n, 0.1 * n, 0.1 * n, 0, 0.8)
                .add(-0.12 * n, 0.08 * n, -0.06 * n, 0.08 * n, 0.09 * n, 0.06 * n, -30, -0.5)
                .add(-0.05 * n, -0.12 * n, 0.1 * n, 0.05 * n, 0.05 * n, 0.05 * n, 0, 1.5);
    }

    /** Chord length of the line p + s d through ellipsoid e (d of unit length, in the x-z plane). */
    private static double chord(Ellipsoid e, double px, double py, double pz, double dx, double dz) {
        double c = Math.cos(Math.toRadians(e.phiDeg)), s = Math.sin(Math.toRadians(e.phiDeg));
        // local frame: rotate by -phi about y
        double ex = px - e.cx, ey = py - e.cy, ez = pz - e.cz;
        double lx = c * ex + s * ez, lz = -s * ex + c * ez;
        double ldx = c * dx + s * dz, ldz = -s * dx + c * dz;
        double A = sq(ldx / e.ax) + sq(ldz / e.az);
        double B = 2 * (lx * ldx / sq(e.ax) + lz * ldz / sq(e.az));
        double C = sq(lx / e.ax) + sq(ey / e.ay) + sq(lz / e.az) - 1;
        double disc = B * B - 4 * A * C;
        return disc <= 0 ? 0 : Math.sqrt(disc) / A;
    }

    private static boolean inside(Ellipsoid e, double x, double y, double z) {
        double c = Math.cos(Math.toRadians(e.phiDeg)), s = Math.sin(Math.toRadians(e.phiDeg));
        double ex = x - e.cx, ez = z - e.cz;
        double lx = c * ex + s * ez, lz = -s * ex + c * ez;
        return sq(lx / e.ax) + sq((y - e.cy) / e.ay) + sq(lz / e.az) <= 1;
    }

    private static double sq(double v) { return v * v; }

    /** Line integral at detector (u, v) for tilt theta: the ray u·(cos, 0, sin) + v·ŷ + s·(−sin, 0, cos). */
    double lineIntegral(double u, double v, double thetaDeg) {
        double th = Math.toRadians(thetaDeg), c = Math.cos(th), s = Math.sin(th);
        double sum = 0;
        for (Ellipsoid e : parts) sum += e.value * chord(e, u * c, v, u * s, -s, c);
        return sum;
    }

    /** Projections W x H per tilt, each pixel the mean of sub x sub samples over its area. */
    ImageStack project(int w, int h, double[] anglesDeg, int sub) {
        float[][] d = new float[anglesDeg.length][w * h];
        double cu = (w - 1) / 2.0, cv = (h - 1) / 2.0;
        for (int t = 0; t < anglesDeg.length; t++) {
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    double acc = 0;
                    for (int a = 0; a < sub; a++) for (int b = 0; b < sub; b++) {
                        acc += lineIntegral(col - cu + (a + 0.5) / sub - 0.5, row - cv + (b + 0.5) / sub - 0.5, anglesDeg[t]);
                    }
                    d[t][row * w + col] = (float) (acc / (sub * sub));
                }
            }
        }
        return new ImageStack(w, h, d);
    }

    /** The voxel truth: mean value over sub³ samples per voxel. */
    Volume voxelise(int nx, int ny, int nz, int sub) {
        Volume v = Volume.zeros(nx, ny, nz, 1.0);
        double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, cz = (nz - 1) / 2.0;
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            double acc = 0;
            for (int a = 0; a < sub; a++) for (int b = 0; b < sub; b++) for (int c = 0; c < sub; c++) {
                double x = i - cx + (a + 0.5) / sub - 0.5, y = j - cy + (b + 0.5) / sub - 0.5, z = k - cz + (c + 0.5) / sub - 0.5;
                for (Ellipsoid e : parts) if (inside(e, x, y, z)) acc += e.value;
            }
            v.set(i, j, k, (float) (acc / (sub * sub * sub)));
        }
        return v;
    }

    static double[] range(double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = from + i * step;
        return a;
    }

    /** Pearson correlation of two equally long arrays. */
    static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length; mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static double rmse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += sq(a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }
}
