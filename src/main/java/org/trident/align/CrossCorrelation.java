package org.trident.align;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * FFT cross-correlation of two equally sized images with a band-pass filter and a sub-pixel
 * peak fit. {@link #shift} answers: by how much must {@code b} be moved to match {@code a}?
 */
final class CrossCorrelation {
    /** The measured shift {@code m} such that {@code a(q) ≈ b(q + m)}, and the normalised correlation at the peak. */
    record Peak(double dx, double dy, double score) {}

    private final int w, h;
    private final double[] filter;
    private final double maxShift;

    /**
     * @param lowCutoff  frequencies below this (cycles/px) are suppressed (Gaussian high-pass);
     *                   removes slowly varying background and the overall blob
     * @param highCutoff frequencies above this (cycles/px) are suppressed (Gaussian low-pass); removes noise
     * @param maxShift   largest shift searched, in pixels (per axis)
     */
    CrossCorrelation(int w, int h, double lowCutoff, double highCutoff, double maxShift) {
        this.w = w;
        this.h = h;
        this.maxShift = maxShift;
        filter = new double[w * h];
        for (int y = 0; y < h; y++) {
            double fy = (y <= h / 2 ? y : y - h) / (double) h;
            for (int x = 0; x < w; x++) {
                double fx = (x <= w / 2 ? x : x - w) / (double) w;
                double f2 = fx * fx + fy * fy;
                double lp = highCutoff > 0 ? Math.exp(-0.5 * f2 / (highCutoff * highCutoff)) : 1.0;
                double hp = lowCutoff > 0 ? 1.0 - Math.exp(-0.5 * f2 / (lowCutoff * lowCutoff)) : (f2 == 0 ? 0.0 : 1.0);
                filter[y * w + x] = lp * hp;
            }
        }
    }

    private double[] spectrum(float[] im) {
        double[] c = new double[2 * w * h];
        for (int i = 0; i < w * h; i++) c[2 * i] = im[i];
        new DoubleFFT_2D(h, w).complexForward(c);
        return c;
    }

    /** Shift and score for images already prepared (background removed, edges tapered). */
    Peak shift(float[] a, float[] b) {
        double[] fa = spectrum(a), fb = spectrum(b);
        int n = w * h;
        double[] c = new double[2 * n];
        double ea = 0, eb = 0;
        for (int i = 0; i < n; i++) {
            double ar = fa[2 * i], ai = fa[2 * i + 1], br = fb[2 * i], bi = fb[2 * i + 1];
            double f = filter[i];
            c[2 * i] = f * (ar * br + ai * bi);      // conj(A)·B
            c[2 * i + 1] = f * (ar * bi - ai * br);
            ea += f * (ar * ar + ai * ai);
            eb += f * (br * br + bi * bi);
        }
        new DoubleFFT_2D(h, w).complexInverse(c, true);
        ea /= n;
        eb /= n;
        int mx = (int) Math.min(Math.floor(maxShift), w / 2 - 1), my = (int) Math.min(Math.floor(maxShift), h / 2 - 1);
        int px = 0, py = 0;
        double bv = Double.NEGATIVE_INFINITY;
        for (int sy = -my; sy <= my; sy++) {
            for (int sx = -mx; sx <= mx; sx++) {
                double v = c[2 * idx(sx, sy)];
                if (v > bv) { bv = v; px = sx; py = sy; }
            }
        }
        double ox = parabola(c[2 * idx(px - 1, py)], bv, c[2 * idx(px + 1, py)]);
        double oy = parabola(c[2 * idx(px, py - 1)], bv, c[2 * idx(px, py + 1)]);
        double score = ea > 0 && eb > 0 ? bv / Math.sqrt(ea * eb) : 0;
        return new Peak(px + ox, py + oy, score);
    }

    private int idx(int sx, int sy) {
        int x = ((sx % w) + w) % w, y = ((sy % h) + h) % h;
        return y * w + x;
    }

    /** Vertex of the parabola through (-1, l), (0, c), (1, r), limited to ±0.5. */
    private static double parabola(double l, double c, double r) {
        double d = l - 2 * c + r;
        if (d >= 0) return 0;
        double o = 0.5 * (l - r) / d;
        return Math.max(-0.5, Math.min(0.5, o));
    }
}
