package org.trident.align;

import org.trident.job.Parallel;

import org.trident.job.Progress;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Coarse shifts by cross-correlating each tilt with its neighbour nearer 0°, after stretching it
 * perpendicular to the axis by cosθ_near / cosθ (so features near the axis plane line up, as in
 * IMOD's tiltxcorr), with band-pass filtering and edge tapering. The pairwise shifts are
 * accumulated outward from the tilt nearest 0°, whose shift is kept, so that drift does not
 * build up across the series.
 */
final class StretchCorrelation {
    private StretchCorrelation() {}

    /** Shifts in the axis frame ({@code s}, with {@code d = R(r)·s}), and per-tilt scores (reference tilt: 1). */
    record Result(double[] sx, double[] sy, double[] score) {}

    static int nearestZero(double[] angles) {
        int ref = 0;
        for (int t = 1; t < angles.length; t++) if (Math.abs(angles[t]) < Math.abs(angles[ref])) ref = t;
        return ref;
    }

    /** Tilt indices sorted by angle. */
    static Integer[] order(double[] angles) {
        Integer[] o = new Integer[angles.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, Comparator.comparingDouble(i -> angles[i]));
        return o;
    }

    /**
     * @param images background-subtracted raw images
     * @param ref0x  shift of the reference tilt (axis frame) to keep
     */
    static Result run(float[][] images, int w, int h, double[] angles, double rotationDeg, double ref0x, double ref0y,
                      AlignParams p, int threads, Progress progress) {
        int n = images.length;
        Integer[] ord = order(angles);
        int ref = nearestZero(angles);
        int refPos = 0;
        for (int i = 0; i < n; i++) if (ord[i] == ref) refPos = i;
        // partner[t]: the neighbour one step nearer the reference in angle order
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) partner[ord[i]] = i < refPos ? ord[i + 1] : (i > refPos ? ord[i - 1] : -1);
        CrossCorrelation xc = new CrossCorrelation(w, h, p.lowCutoff(), p.highCutoff(), p.maxShiftPx());
        double[] mx = new double[n], my = new double[n], k = new double[n], score = new double[n];
        progress.start("cross-correlating neighbouring tilts", n);
        Parallel.forEach(n, threads, progress, t -> {
            int i = partner[t];
            if (i < 0) {
                score[t] = 1;
                progress.advance(1);
                return;
            }
            // near ±90° the cosine ratio degenerates; beyond a factor 2 stretching no longer helps anyway
            double ki = Math.max(0.5, Math.min(2.0, Math.cos(Math.toRadians(angles[t])) / Math.max(1e-6, Math.cos(Math.toRadians(angles[i])))));
            float[] bi = Resampling.affine(images[i], w, h, Resampling.rotation(rotationDeg), 0, 0, Interpolation.CUBIC, null);
            float[] sj = Resampling.affine(images[t], w, h, Resampling.rotationStretch(rotationDeg, ki), 0, 0, Interpolation.CUBIC, null);
            CrossCorrelation.Peak pk = xc.shift(ImageOps.taper(sj, w, h, 0, p.taperFraction()), ImageOps.taper(bi, w, h, 0, p.taperFraction()));
            mx[t] = pk.dx();
            my[t] = pk.dy();
            k[t] = ki;
            score[t] = pk.score();
            progress.advance(1);
        });
        double[] sx = new double[n], sy = new double[n];
        sx[ref] = ref0x;
        sy[ref] = ref0y;
        // S_t(q) = B_t(k·x, y) ≈ B_i(q + m) gives s_t.x = k·(s_i.x - m.x), s_t.y = s_i.y - m.y
        for (int i = refPos + 1; i < n; i++) accumulate(ord[i], partner, sx, sy, mx, my, k);
        for (int i = refPos - 1; i >= 0; i--) accumulate(ord[i], partner, sx, sy, mx, my, k);
        return new Result(sx, sy, score);
    }

    private static void accumulate(int t, int[] partner, double[] sx, double[] sy, double[] mx, double[] my, double[] k) {
        int i = partner[t];
        sx[t] = k[t] * (sx[i] - mx[t]);
        sy[t] = sy[i] - my[t];
    }
}
