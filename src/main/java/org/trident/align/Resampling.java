package org.trident.align;

/**
 * Affine resampling in the contract's centred pixel coordinates: output pixel at centred
 * position {@code q} takes the input value at {@code M·q + t} (also centred).
 */
final class Resampling {
    private Resampling() {}

    /** {@code out(q) = in(M·q + t)}; {@code m = {m00, m01, m10, m11}} acts on (x, y). */
    static float[] affine(float[] in, int w, int h, double[] m, double tx, double ty, Interpolation ip, float[] out) {
        if (out == null) out = new float[w * h];
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        int taps = ip.taps();
        int[] ix = new int[taps], iy = new int[taps];
        double[] wx = new double[taps], wy = new double[taps];
        for (int row = 0; row < h; row++) {
            double y = row - cy;
            for (int col = 0; col < w; col++) {
                double x = col - cx;
                double sx = m[0] * x + m[1] * y + tx + cx;
                double sy = m[2] * x + m[3] * y + ty + cy;
                ip.weights(sx, w, ix, wx);
                ip.weights(sy, h, iy, wy);
                double v = 0;
                for (int b = 0; b < taps; b++) {
                    int base = iy[b] * w;
                    double acc = 0;
                    for (int a = 0; a < taps; a++) acc += wx[a] * in[base + ix[a]];
                    v += wy[b] * acc;
                }
                out[row * w + col] = (float) v;
            }
        }
        return out;
    }

    /** The contract's alignment of one tilt: {@code out(q) = in(R(r)·q + (dx, dy))}. */
    static float[] align(float[] in, int w, int h, double rotationDeg, double dx, double dy, Interpolation ip) {
        return affine(in, w, h, rotation(rotationDeg), dx, dy, ip, null);
    }

    /** R(r) as {m00, m01, m10, m11}. */
    static double[] rotation(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[]{c, -s, s, c};
    }

    /** R(r)·diag(k, 1): the aligned frame stretched by 1/k perpendicular to the axis. */
    static double[] rotationStretch(double deg, double k) {
        double[] r = rotation(deg);
        return new double[]{r[0] * k, r[1], r[2] * k, r[3]};
    }
}
