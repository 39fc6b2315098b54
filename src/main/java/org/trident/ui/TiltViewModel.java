package org.trident.ui;

import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;

/**
 * What the tilt-series view computes, without the toolkit: the image of a channel at a tilt
 * (spectrum channels summed over energy: total counts per pixel) and the spectrum of a pixel or
 * rectangle (summed over its pixels), read row by row so that large stacks stay on disk.
 */
public final class TiltViewModel {
    private TiltViewModel() {}

    /** Image of {@code channel} at tilt {@code t}, row-major {@code width × height}. */
    public static float[] image(Channel c, int t, Progress progress) {
        if (c.isImage()) return c.images().tilt(t);
        var sp = c.spectra();
        int w = sp.width(), h = sp.height(), n = sp.channels();
        float[] out = new float[w * h];
        float[] row = new float[w * n];
        for (int y = 0; y < h; y++) {
            if ((y & 7) == 0) progress.checkCancelled();
            sp.readRow(t, y, row);
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int e = 0, o = x * n; e < n; e++) s += row[o + e];
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    /** Summed spectrum of the pixels in columns c0..c1 and rows r0..r1 (inclusive, any order, clamped). */
    public static double[] spectrum(Channel c, int t, int c0, int r0, int c1, int r1) {
        var sp = c.spectra();
        int n = sp.channels();
        int xa = clamp(Math.min(c0, c1), sp.width()), xb = clamp(Math.max(c0, c1), sp.width());
        int ya = clamp(Math.min(r0, r1), sp.height()), yb = clamp(Math.max(r0, r1), sp.height());
        double[] s = new double[n];
        float[] row = new float[sp.width() * n];
        for (int y = ya; y <= yb; y++) {
            sp.readRow(t, y, row);
            for (int x = xa; x <= xb; x++) for (int e = 0; e < n; e++) s[e] += row[x * n + e];
        }
        return s;
    }

    /** Energies of a spectrum channel's bins, in its axis unit. */
    public static double[] energies(Channel c) {
        double[] e = new double[c.spectra().channels()];
        for (int i = 0; i < e.length; i++) e[i] = c.energyAxis().energy(i);
        return e;
    }

    /** Index of the tilt closest to 0°, where a series is usually shown first. */
    public static int zeroTilt(TiltSeries ts) {
        int best = 0;
        for (int i = 1; i < ts.tilts(); i++) if (Math.abs(ts.tiltAnglesDeg()[i]) < Math.abs(ts.tiltAnglesDeg()[best])) best = i;
        return best;
    }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }
}
