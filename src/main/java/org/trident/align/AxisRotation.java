package org.trident.align;

import org.trident.job.Parallel;

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
    static double band = 0.08;

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
        Parallel.forEach(rs.length, threads, progress, i -> cost[i] = cost(rs[i]));
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

    /** Profile bins per pixel: fine bins keep the splatting error (which depends on sub-pixel phase) negligible. */
    private static final int OVER = 4;

    private int length() {
        return OVER * ((int) Math.ceil(Math.hypot(w, h)) + 8);
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
                double v = OVER * (-s * x + c * y) + mid;
                int i0 = (int) Math.floor(v);
                double f = v - i0;
                double val = im[row * w + col];
                p[i0] += (1 - f) * val;
                p[i0 + 1] += f * val;
            }
        }
        return p;
    }

    /**
     * Compares the profiles in the Fourier domain with derivative-like weights (so the overall
     * blob does not dominate and shifts need no interpolation): each profile gets the shift and
     * scale that best match the running mean, and the cost is the relative weighted misfit.
     */
    private double consistency(double rotationDeg, double[] shiftsOut) {
        int n = images.length;
        int len = length(), nf = 2 * len, half = nf / (2 * OVER);
        double[][] re = new double[n][half + 1], im = new double[n][half + 1];
        double[] wk = new double[half + 1];
        for (int k = 1; k <= half; k++) {
            double f = OVER * k / (double) nf;
            // derivative-like weight peaking near 0.11 cycles/px: higher frequencies alias with the
            // sub-pixel position of each tilt and would bias the rotation by ~0.1°
            wk[k] = f * f * Math.exp(-0.5 * f * f / (band * band));
        }
        for (int t = 0; t < n; t++) dft(profile(images[t], rotationDeg), nf, re[t], im[t]);
        double[] mr = re[ref].clone(), mi = im[ref].clone();
        double[] shifts = new double[n], scales = new double[n];
        for (int pass = 0; pass < 3; pass++) {
            double[] nr = new double[half + 1], ni = new double[half + 1];
            for (int t = 0; t < n; t++) {
                shifts[t] = bestShift(mr, mi, re[t], im[t], wk, nf);
                double pp = 0, c = 0;
                for (int k = 1; k <= half; k++) pp += wk[k] * (re[t][k] * re[t][k] + im[t][k] * im[t][k]);
                c = corr(mr, mi, re[t], im[t], wk, nf, shifts[t]);
                scales[t] = pp > 0 ? c / pp : 0;
                for (int k = 1; k <= half; k++) {
                    double ph = 2 * Math.PI * k * shifts[t] / nf, cs = Math.cos(ph), sn = Math.sin(ph);
                    nr[k] += scales[t] * (re[t][k] * cs - im[t][k] * sn) / n;
                    ni[k] += scales[t] * (re[t][k] * sn + im[t][k] * cs) / n;
                }
            }
            mr = nr;
            mi = ni;
        }
        double num = 0, den = 0;
        for (int t = 0; t < n; t++) {
            for (int k = 1; k <= half; k++) {
                double ph = 2 * Math.PI * k * shifts[t] / nf, cs = Math.cos(ph), sn = Math.sin(ph);
                double ar = scales[t] * (re[t][k] * cs - im[t][k] * sn) - mr[k];
                double ai = scales[t] * (re[t][k] * sn + im[t][k] * cs) - mi[k];
                num += wk[k] * (ar * ar + ai * ai);
                den += wk[k] * (mr[k] * mr[k] + mi[k] * mi[k]);
            }
        }
        if (shiftsOut != null) for (int t = 0; t < n; t++) shiftsOut[t] = shifts[t] / OVER;
        return den > 0 ? num / den : 0;
    }

    /** Half spectrum of a real profile zero-padded to {@code nf} (FFT), first {@code re.length} bins. */
    private static void dft(double[] p, int nf, double[] re, double[] im) {
        double[] a = new double[nf];
        System.arraycopy(p, 0, a, 0, Math.min(p.length, nf));
        new org.jtransforms.fft.DoubleFFT_1D(nf).realForward(a);
        re[0] = a[0];
        im[0] = 0;
        for (int k = 1; k < re.length && k < nf / 2; k++) {
            re[k] = a[2 * k];
            im[k] = a[2 * k + 1];
        }
    }

    /** Weighted correlation of the mean with profile t advanced by {@code s} (p(v + s)). */
    private static double corr(double[] mr, double[] mi, double[] pr, double[] pi, double[] wk, int nf, double s) {
        double c = 0;
        double step = 2 * Math.PI * s / nf, cs1 = Math.cos(step), sn1 = Math.sin(step);
        double cs = cs1, sn = sn1;
        for (int k = 1; k < wk.length; k++) {
            double qr = pr[k] * cs - pi[k] * sn, qi = pr[k] * sn + pi[k] * cs;
            c += wk[k] * (mr[k] * qr + mi[k] * qi);
            double ncs = cs * cs1 - sn * sn1;
            sn = sn * cs1 + cs * sn1;
            cs = ncs;
        }
        return c;
    }

    private double bestShift(double[] mr, double[] mi, double[] pr, double[] pi, double[] wk, int nf) {
        double best = 0, bc = Double.NEGATIVE_INFINITY;
        int m = (int) Math.ceil(maxShift);
        for (int i = -m; i <= m; i++) {
            double c = corr(mr, mi, pr, pi, wk, nf, i * OVER);
            if (c > bc) { bc = c; best = i * OVER; }
        }
        for (int i = -2 * OVER; i <= 2 * OVER; i++) {
            double c = corr(mr, mi, pr, pi, wk, nf, best + i * 0.5);
            if (c > bc) { bc = c; best = best + i * 0.5; }
        }
        double a = best - 0.5, b = best + 0.5, phi = (Math.sqrt(5) - 1) / 2;
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double f1 = corr(mr, mi, pr, pi, wk, nf, x1), f2 = corr(mr, mi, pr, pi, wk, nf, x2);
        while (b - a > 1e-4) {
            if (f1 > f2) { b = x2; x2 = x1; f2 = f1; x1 = b - phi * (b - a); f1 = corr(mr, mi, pr, pi, wk, nf, x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + phi * (b - a); f2 = corr(mr, mi, pr, pi, wk, nf, x2); }
        }
        return 0.5 * (a + b);
    }
}
