package org.trident.align;

import org.trident.job.Progress;

/**
 * Tilt-axis rotation from the common line: summing a tilt image along the direction
 * perpendicular to the true axis gives the object's projection onto the axis,
 * ∫∫ f(x, v, z) dx dz, which is the same at every tilt angle. Summed along a wrong direction
 * the profiles change with the tilt (off-axis features move), so the rotation that makes the
 * per-tilt profiles most alike, after a 1-D shift each, is the axis rotation. Shifts along the
 * axis (dy in the axis frame) come out as a by-product. Needs no x alignment at all.
 */
final class AxisRotation {
    private final float[][] images;
    private final int w, h, threads;
    private final double maxShift;
    private final int ref;
    private final Progress progress;

    /** @param images background-subtracted images; {@code ref} the tilt nearest 0° */
    AxisRotation(float[][] images, int w, int h, int ref, double maxShift, int threads, Progress progress) {
        this.images = images;
        this.w = w;
        this.h = h;
        this.ref = ref;
        this.maxShift = maxShift;
        this.threads = threads;
        this.progress = progress;
    }

    /** Best rotation within {@code centre ± range} degrees (grid of {@code step}, then golden-section refinement). */
    double search(double centre, double range, double step) {
        int n = Math.max(1, (int) Math.ceil(range / step));
        double[] rs = new double[2 * n + 1], cost = new double[rs.length];
        for (int i = 0; i < rs.length; i++) rs[i] = centre + (i - n) * range / n;
        Workers.forEach(rs.length, threads, progress, i -> cost[i] = cost(rs[i]));
        int best = 0;
        for (int i = 1; i < rs.length; i++) if (cost[i] < cost[best]) best = i;
        double g = range / n;
        double a = rs[best] - g, b = rs[best] + g;
        double phi = (Math.sqrt(5) - 1) / 2;
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double f1 = cost(x1), f2 = cost(x2);
        while (b - a > 0.005) {
            progress.checkCancelled();
            if (f1 < f2) {
                b = x2; x2 = x1; f2 = f1; x1 = b - phi * (b - a); f1 = cost(x1);
            } else {
                a = x1; x1 = x2; f1 = f2; x2 = a + phi * (b - a); f2 = cost(x2);
            }
        }
        return 0.5 * (a + b);
    }

    /** Shift of each tilt along the axis direction, in pixels, relative to the mean profile (for the given rotation). */
    double[] shiftsAlongAxis(double rotationDeg) {
        double[] s = new double[images.length];
        consistency(rotationDeg, s);
        return s;
    }

    double cost(double rotationDeg) {
        return consistency(rotationDeg, null);
    }

    private int length() {
        return (int) Math.ceil(Math.hypot(w, h)) + 8;
    }

    /** Profile along R(r)·(0, 1), inside the inscribed circle so every rotation sees the same pixels. */
    double[] profile(float[] im, double rotationDeg) {
        int len = length();
        double[] p = new double[len];
        double s = Math.sin(Math.toRadians(rotationDeg)), c = Math.cos(Math.toRadians(rotationDeg));
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, r2 = Math.pow(Math.min(w, h) / 2.0 - 1, 2), mid = len / 2.0;
        for (int row = 0; row < h; row++) {
            double y = row - cy;
            for (int col = 0; col < w; col++) {
                double x = col - cx;
                if (x * x + y * y > r2) continue;
                double v = -s * x + c * y + mid;
                int i0 = (int) Math.floor(v);
                double f = v - i0;
                double val = im[row * w + col];
                p[i0] += (1 - f) * val;
                p[i0 + 1] += f * val;
            }
        }
        return p;
    }

    private double consistency(double rotationDeg, double[] shiftsOut) {
        int n = images.length, len = length();
        double[][] p = new double[n][];
        for (int t = 0; t < n; t++) p[t] = profile(images[t], rotationDeg);
        double[] mean = p[ref].clone();
        double[][] aligned = new double[n][];
        double[] shifts = new double[n];
        for (int pass = 0; pass < 3; pass++) {
            double[] next = new double[len];
            for (int t = 0; t < n; t++) {
                shifts[t] = Profiles.shift(mean, p[t], maxShift);
                aligned[t] = Profiles.shifted(p[t], shifts[t]);
                double scale = Profiles.dot(aligned[t], mean) / Math.max(1e-30, Profiles.dot(aligned[t], aligned[t]));
                for (int i = 0; i < len; i++) next[i] += scale * aligned[t][i] / n;
            }
            mean = next;
        }
        double num = 0, den = Profiles.dot(mean, mean) * n;
        for (int t = 0; t < n; t++) {
            double scale = Profiles.dot(aligned[t], mean) / Math.max(1e-30, Profiles.dot(aligned[t], aligned[t]));
            for (int i = 0; i < len; i++) {
                double d = scale * aligned[t][i] - mean[i];
                num += d * d;
            }
        }
        if (shiftsOut != null) System.arraycopy(shifts, 0, shiftsOut, 0, n);
        return den > 0 ? num / den : 0;
    }
}
