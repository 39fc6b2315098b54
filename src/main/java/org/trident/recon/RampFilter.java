package org.trident.recon;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The WBP row filter: the band-limited ramp of Kak &amp; Slaney (their eq. 3.61: h(0) = 1/4,
 * h(n odd) = -1/(πn)², h(n even) = 0, sample spacing 1) times an apodisation window, applied by
 * FFT on rows zero-padded to a power of two at least twice the width (no wrap-around).
 * Immutable and shareable; each caller brings its own buffer of {@link #paddedLength()} floats.
 */
final class RampFilter {
    private final int width, padded;
    private final float[] response;
    private final FloatFFT_1D fft;

    RampFilter(int width, Filter filter, double cutoff) {
        this.width = width;
        int p = 1;
        while (p < 2 * width) p <<= 1;
        this.padded = Math.max(p, 2);
        this.fft = new FloatFFT_1D(padded);
        double[] h = new double[padded];
        h[0] = 0.25;
        for (int n = 1; n <= padded / 2; n++) {
            double v = (n % 2 == 1) ? -1.0 / (Math.PI * Math.PI * n * n) : 0;
            h[n] = v;
            h[padded - n] = v;
        }
        // the kernel is real and even, so its DFT is real
        double[] hf = h.clone();
        new org.jtransforms.fft.DoubleFFT_1D(padded).realForward(hf);
        response = new float[padded / 2 + 1];
        for (int k = 0; k <= padded / 2; k++) {
            double s = k == 0 ? hf[0] : k == padded / 2 ? hf[1] : hf[2 * k];
            double nu = k / (double) padded; // cycles per pixel, Nyquist 0.5
            response[k] = (float) (s * filter.window(nu / (0.5 * cutoff)));
        }
    }

    int paddedLength() { return padded; }

    /** Filters {@code width} values from {@code in[off..]} and writes them times {@code scale} into {@code out[o + u][b]}. */
    void apply(float[] in, int off, float scale, float[][] out, int o, int b, float[] buf) {
        filter(in, off, buf);
        for (int u = 0; u < width; u++) out[o + u][b] = buf[u] * scale;
    }

    /** As above into a flat row {@code out[o + u]}. */
    void apply(float[] in, int off, float scale, float[] out, int o, float[] buf) {
        filter(in, off, buf);
        for (int u = 0; u < width; u++) out[o + u] = buf[u] * scale;
    }

    private void filter(float[] in, int off, float[] buf) {
        System.arraycopy(in, off, buf, 0, width);
        java.util.Arrays.fill(buf, width, padded, 0f);
        fft.realForward(buf);
        // packed layout: buf[0] = Re(0), buf[1] = Re(P/2), buf[2k], buf[2k+1] = Re, Im of bin k
        buf[0] *= response[0];
        buf[1] *= response[padded / 2];
        for (int k = 1; k < padded / 2; k++) {
            buf[2 * k] *= response[k];
            buf[2 * k + 1] *= response[k];
        }
        fft.realInverse(buf, true);
    }
}
