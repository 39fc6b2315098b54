package org.trident.align;

import org.trident.model.SpectrumStack;

import java.util.HashMap;
import java.util.Map;

/**
 * A spectrum stack seen through an alignment, computed row by row on demand, so arrays of any
 * size are aligned while streaming (nothing but a sliding window of source rows is held). Every
 * energy channel of a pixel uses the same spatial weights as the image channels.
 */
final class ResampledSpectrumStack implements SpectrumStack {
    private final SpectrumStack src;
    private final Alignment a;
    private final Interpolation ip;
    private final double cos, sin;
    private final int[] keep; // raw tilt of each output tilt
    private final ThreadLocal<Window> windows = ThreadLocal.withInitial(Window::new);

    /** Source rows of one tilt, kept while later output rows still need them. */
    private static final class Window {
        int tilt = -1;
        final Map<Integer, float[]> rows = new HashMap<>();
    }

    ResampledSpectrumStack(SpectrumStack src, Alignment a, Interpolation ip, int[] keep) {
        this.src = src;
        this.keep = keep.clone();
        this.a = a;
        this.ip = ip;
        this.cos = Math.cos(Math.toRadians(a.tiltAxisRotationDeg()));
        this.sin = Math.sin(Math.toRadians(a.tiltAxisRotationDeg()));
    }

    @Override public int tilts() { return keep.length; }
    @Override public int height() { return src.height(); }
    @Override public int width() { return src.width(); }
    @Override public int channels() { return src.channels(); }
    @Override public String sourceType() { return "float32"; }

    @Override
    public void readRow(int out, int row, float[] dst) {
        int t = keep[out];
        int w = src.width(), h = src.height(), ch = src.channels(), taps = ip.taps();
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, y = row - cy;
        int[][] ix = new int[w][taps], iy = new int[w][taps];
        double[][] wx = new double[w][taps], wy = new double[w][taps];
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int col = 0; col < w; col++) {
            double x = col - cx;
            ip.weights(cos * x - sin * y + a.dx(t) + cx, w, ix[col], wx[col]);
            ip.weights(sin * x + cos * y + a.dy(t) + cy, h, iy[col], wy[col]);
            for (int k = 0; k < taps; k++) {
                lo = Math.min(lo, iy[col][k]);
                hi = Math.max(hi, iy[col][k]);
            }
        }
        Window win = windows.get();
        if (win.tilt != t) {
            win.rows.clear();
            win.tilt = t;
        }
        final int l = lo, u = hi;
        win.rows.keySet().removeIf(k -> k < l || k > u);
        for (int r = lo; r <= hi; r++) {
            if (!win.rows.containsKey(r)) {
                float[] buf = new float[w * ch];
                src.readRow(t, r, buf);
                win.rows.put(r, buf);
            }
        }
        java.util.Arrays.fill(dst, 0, w * ch, 0f);
        for (int col = 0; col < w; col++) {
            int o = col * ch;
            for (int b = 0; b < taps; b++) {
                float[] s = win.rows.get(iy[col][b]);
                for (int k = 0; k < taps; k++) {
                    float wt = (float) (wy[col][b] * wx[col][k]);
                    if (wt == 0f) continue;
                    int base = ix[col][k] * ch;
                    for (int e = 0; e < ch; e++) dst[o + e] += wt * s[base + e];
                }
            }
        }
    }
}
