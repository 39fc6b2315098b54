package org.trident.align;

import java.util.Arrays;

/** Small image helpers for alignment (row-major float images, {@code x} fastest). */
final class ImageOps {
    private ImageOps() {}

    /** Background level of an isolated object: robust mean of the outer frame of {@code border} pixels. */
    static double borderMedian(float[] im, int w, int h, int border) {
        int b = Math.max(1, Math.min(border, Math.min(w, h) / 4));
        float[] v = new float[2 * b * w + 2 * b * Math.max(0, h - 2 * b)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y < b || y >= h - b;
            for (int x = 0; x < w; x++) {
                if (edgeRow || x < b || x >= w - b) v[n++] = im[y * w + x];
            }
        }
        Arrays.sort(v, 0, n);
        double med = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        // The median of sparse counts is biased (Poisson mean 0.25 has median 0); average the values
        // near the median instead, so object pixels touching the border still do not count.
        float[] dev = new float[n];
        for (int i = 0; i < n; i++) dev[i] = (float) Math.abs(v[i] - med);
        Arrays.sort(dev);
        double spread = Math.max(1.4826 * dev[n / 2], Math.sqrt(Math.abs(med) + 1));
        double sum = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(v[i] - med) <= 3 * spread) {
                sum += v[i];
                k++;
            }
        }
        return k > 0 ? sum / k : med;
    }

    static double mean(float[] im) {
        double s = 0;
        for (float v : im) s += v;
        return s / im.length;
    }

    /** Separable Gaussian blur with clamped edges. */
    static float[] gaussian(float[] im, int w, int h, double sigma) {
        if (sigma <= 0) return im.clone();
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        float[] tmp = new float[w * h], out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int i = -r; i <= r; i++) a += k[i + r] * im[y * w + Math.min(w - 1, Math.max(0, x + i))];
                tmp[y * w + x] = (float) a;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int i = -r; i <= r; i++) a += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                out[y * w + x] = (float) a;
            }
        }
        return out;
    }

    /**
     * Edge taper: {@code (im - level)} times a window that is 1 inside and falls to 0 with a
     * cosine ramp over the outer {@code fraction} of each dimension, so image edges do not
     * correlate.
     */
    static float[] taper(float[] im, int w, int h, double level, double fraction) {
        float[] out = new float[w * h];
        double[] wx = ramp(w, fraction), wy = ramp(h, fraction);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out[y * w + x] = (float) ((im[y * w + x] - level) * wx[x] * wy[y]);
        }
        return out;
    }

    private static double[] ramp(int n, double fraction) {
        double[] r = new double[n];
        int m = (int) Math.round(fraction * n);
        for (int i = 0; i < n; i++) {
            int d = Math.min(i, n - 1 - i);
            r[i] = d >= m ? 1.0 : 0.5 - 0.5 * Math.cos(Math.PI * (d + 0.5) / m);
        }
        return r;
    }

    /** Subtracts a constant. */
    static float[] minus(float[] im, double level) {
        float[] out = new float[im.length];
        for (int i = 0; i < im.length; i++) out[i] = (float) (im[i] - level);
        return out;
    }
}
