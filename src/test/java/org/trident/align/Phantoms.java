package org.trident.align;

import org.trident.model.ImageStack;

import java.util.Random;

/**
 * Test tilt series with known truth: a few ellipsoids whose line integrals are computed
 * analytically (chord length × density), never with the projector under test. The raw image of
 * tilt t is the exact projection evaluated at R(r)ᵀ·(p − d_t), so the contract's alignment
 * (rotation r, shifts d_t) undoes the misalignment exactly. Pixels are integrated by 3×3
 * sub-samples.
 */
final class Phantoms {
    private Phantoms() {}

    /** Ellipsoid: centre, semi-axes (px), rotation about y (deg), density per px of path. */
    record Ellipsoid(double cx, double cy, double cz, double a, double b, double c, double phiDeg, double density) {
        double chord(double[] p0, double[] n) {
            double cp = Math.cos(Math.toRadians(phiDeg)), sp = Math.sin(Math.toRadians(phiDeg));
            // body coordinates: rotate (x, z) by -phi about y
            double px = p0[0] - cx, py = p0[1] - cy, pz = p0[2] - cz;
            double bx = cp * px + sp * pz, bz = -sp * px + cp * pz, by = py;
            double nx = cp * n[0] + sp * n[2], nz = -sp * n[0] + cp * n[2], ny = n[1];
            double A = nx * nx / (a * a) + ny * ny / (b * b) + nz * nz / (c * c);
            double B = 2 * (bx * nx / (a * a) + by * ny / (b * b) + bz * nz / (c * c));
            double C = bx * bx / (a * a) + by * by / (b * b) + bz * bz / (c * c) - 1;
            double disc = B * B - 4 * A * C;
            return disc > 0 ? Math.sqrt(disc) / A : 0;
        }
    }

    /** A particle of a few ellipsoids filling ~60 % of an n-pixel field. */
    static Ellipsoid[] particle(int n) {
        double s = n / 64.0;
        return new Ellipsoid[]{
                new Ellipsoid(0, 0, 0, 16 * s, 19 * s, 13 * s, 20, 1.0),
                new Ellipsoid(7 * s, -8 * s, 4 * s, 5 * s, 4 * s, 6 * s, 0, 1.5),
                new Ellipsoid(-8 * s, 6 * s, -3 * s, 4 * s, 6 * s, 3 * s, -30, 1.2),
                new Ellipsoid(3 * s, 10 * s, 6 * s, 3 * s, 3 * s, 3 * s, 0, -0.6),
                new Ellipsoid(-4 * s, -12 * s, -6 * s, 2.5 * s, 2.5 * s, 2.5 * s, 0, 2.0),
        };
    }

    static double project(Ellipsoid[] es, double thetaDeg, double u, double v) {
        double c = Math.cos(Math.toRadians(thetaDeg)), s = Math.sin(Math.toRadians(thetaDeg));
        double[] p0 = {u * c, v, u * s}, dir = {-s, 0, c};
        double sum = 0;
        for (Ellipsoid e : es) sum += e.density() * e.chord(p0, dir);
        return sum;
    }

    static double[] angles(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = from + i * step;
        return a;
    }

    /** Jumps (σ = jumpPx) plus a linear drift per tilt, plus the axis offset, as the contract's raw-frame shifts. */
    static Alignment misalignment(double[] angles, double rotationDeg, double offsetPx, double jumpPx, double driftPx, long seed) {
        Random r = new Random(seed);
        int n = angles.length;
        double[] dx = new double[n], dy = new double[n];
        double c = Math.cos(Math.toRadians(rotationDeg)), s = Math.sin(Math.toRadians(rotationDeg));
        for (int t = 0; t < n; t++) {
            dx[t] = jumpPx * r.nextGaussian() + driftPx * t + c * offsetPx;
            dy[t] = jumpPx * r.nextGaussian() - 0.7 * driftPx * t + s * offsetPx;
        }
        return new Alignment(rotationDeg, dx, dy);
    }

    /**
     * Raw images of the misaligned series. {@code countsPerUnit} scales projected density to mean
     * counts (Poisson noise); 0 gives noise-free images. A constant background is added.
     */
    static ImageStack raw(Ellipsoid[] es, int n, double[] angles, Alignment truth, double countsPerUnit, double background, long seed) {
        Random rnd = new Random(seed);
        float[][] d = new float[angles.length][n * n];
        double c0 = (n - 1) / 2.0;
        double r = Math.toRadians(truth.tiltAxisRotationDeg()), cr = Math.cos(r), sr = Math.sin(r);
        int m = 1, ns = 2 * m + 1;
        for (int t = 0; t < angles.length; t++) {
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    double acc = 0;
                    for (int sy = -m; sy <= m; sy++) {
                        for (int sx = -m; sx <= m; sx++) {
                            double px = col - c0 + sx / (double) ns - truth.dx(t), py = row - c0 + sy / (double) ns - truth.dy(t);
                            double qx = cr * px + sr * py, qy = -sr * px + cr * py;
                            acc += project(es, angles[t], qx, qy);
                        }
                    }
                    double v = acc / (ns * ns) + background;
                    d[t][row * n + col] = (float) (countsPerUnit > 0 ? poisson(rnd, v * countsPerUnit) : v);
                }
            }
        }
        return new ImageStack(n, n, d);
    }

    static double poisson(Random r, double mean) {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
