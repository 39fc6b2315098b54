package org.trident.align;

import org.trident.job.Parallel;

import org.trident.job.Progress;

/**
 * Projection matching: resample the raw tilts with the current alignment, reconstruct every
 * slice (SIRT, non-negative, warm-started), reproject, and cross-correlate each tilt with its
 * reprojection; the measured misfit updates that tilt's shift. Updates that would only translate
 * the object in 3-D (x: a·cosθ + c·sinθ, y: b) are removed, so the object stays where it is.
 * Repeats until no shift changes by more than the tolerance. Also scores trial tilt-axis offsets
 * by how consistent a reconstruction of a few slices is (relative reprojection residual).
 */
final class ProjectionMatching {
    private final float[][] raw;
    private final int w, h, threads;
    private final double[] angles;
    private final AlignParams p;
    private final Progress progress;
    private final SliceProjector proj;

    ProjectionMatching(float[][] raw, int w, int h, double[] angles, AlignParams p, int threads, Progress progress) {
        this.raw = raw;
        this.w = w;
        this.h = h;
        this.angles = angles;
        this.p = p;
        this.threads = threads;
        this.progress = progress;
        this.proj = new SliceProjector(w, angles);
    }

    record Result(double[] dx, double[] dy, double[] score, int iterations, double lastChangePx, double residual) {}

    private float[][] alignAll(double rot, double[] dx, double[] dy) {
        float[][] a = new float[raw.length][];
        Parallel.forEach(raw.length, threads, progress, t -> a[t] = Resampling.align(raw[t], w, h, rot, dx[t], dy[t], Interpolation.CUBIC));
        return a;
    }

    Result refine(double rot, double[] dx0, double[] dy0) {
        int n = raw.length;
        double[] dx = dx0.clone(), dy = dy0.clone(), score = new double[n];
        float[][] vol = new float[h][w * w];
        CrossCorrelation xc = new CrossCorrelation(w, h, p.lowCutoff(), p.highCutoff(), Math.min(p.maxShiftPx(), 8));
        double cr = Math.cos(Math.toRadians(rot)), sr = Math.sin(Math.toRadians(rot));
        double change = Double.NaN, resid = Double.NaN;
        int it = 0;
        progress.start("projection matching", p.pmMaxIterations());
        while (it < p.pmMaxIterations()) {
            boolean first = it == 0;
            it++;
            float[][] al = alignAll(rot, dx, dy);
            float[][] rep = new float[n][w * h];
            double[] res = new double[h], norm = new double[h];
            Parallel.forEach(h, threads, progress, y -> {
                float[] sino = new float[n * w], out = new float[n * w];
                for (int t = 0; t < n; t++) System.arraycopy(al[t], y * w, sino, t * w, w);
                for (float v : sino) norm[y] += v * v;
                res[y] = proj.sirt(sino, vol[y], first ? 3 * p.sirtIterations() : p.sirtIterations(), true);
                proj.forward(vol[y], out);
                for (int t = 0; t < n; t++) System.arraycopy(out, t * w, rep[t], y * w, w);
            });
            double[] ex = new double[n], ey = new double[n];
            Parallel.forEach(n, threads, progress, t -> {
                CrossCorrelation.Peak pk = xc.shift(ImageOps.taper(rep[t], w, h, 0, p.taperFraction()),
                        ImageOps.taper(al[t], w, h, 0, p.taperFraction()));
                ex[t] = pk.dx();
                ey[t] = pk.dy();
                score[t] = pk.score();
            });
            Families.removeTranslation(angles, ex, ey);
            change = 0;
            for (int t = 0; t < n; t++) {
                double ddx = cr * ex[t] - sr * ey[t], ddy = sr * ex[t] + cr * ey[t];
                dx[t] += ddx;
                dy[t] += ddy;
                change = Math.max(change, Math.hypot(ddx, ddy));
            }
            double sum = 0, sn = 0;
            for (int y = 0; y < h; y++) { sum += res[y]; sn += norm[y]; }
            resid = sn > 0 ? sum / sn : 0;
            progress.advance(1);
            progress.message(String.format(java.util.Locale.ROOT, "projection matching %d: largest change %.3f px", it, change));
            if (change < p.pmTolerancePx()) break;
        }
        return new Result(dx, dy, score, it, change, resid);
    }

    /**
     * Relative reprojection residual of a SIRT reconstruction of the given rows with the
     * alignment shifted perpendicular to the axis by {@code offset} pixels.
     */
    double offsetCost(double rot, double[] dx, double[] dy, double offset, int[] rows) {
        int n = raw.length;
        double cr = Math.cos(Math.toRadians(rot)), sr = Math.sin(Math.toRadians(rot));
        double[] res = new double[rows.length], norm = new double[rows.length];
        double[] ox = new double[n], oy = new double[n];
        for (int t = 0; t < n; t++) {
            ox[t] = dx[t] + cr * offset;
            oy[t] = dy[t] + sr * offset;
        }
        float[][] al = alignAll(rot, ox, oy);
        Parallel.forEach(rows.length, threads, progress, k -> {
            int y = rows[k];
            float[] sino = new float[n * w];
            for (int t = 0; t < n; t++) System.arraycopy(al[t], y * w, sino, t * w, w);
            for (float v : sino) norm[k] += v * v;
            res[k] = proj.sirt(sino, new float[w * w], 3 * p.sirtIterations(), true);
        });
        double s = 0, sn = 0;
        for (int k = 0; k < rows.length; k++) { s += res[k]; sn += norm[k]; }
        return sn > 0 ? s / sn : 0;
    }

    /** The rows with the most signal in the current alignment (for trial reconstructions). */
    int[] strongRows(double rot, double[] dx, double[] dy, int count) {
        float[][] al = alignAll(rot, dx, dy);
        double[] e = new double[h];
        for (float[] a : al) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) e[y] += Math.abs(a[y * w + x]);
        Integer[] o = new Integer[h];
        for (int i = 0; i < h; i++) o[i] = i;
        java.util.Arrays.sort(o, (a, b) -> Double.compare(e[b], e[a]));
        int c = Math.min(count, h);
        int[] rows = new int[c];
        // spread the picks: take every other strong row so neighbours do not repeat the same information
        int k = 0;
        for (int i = 0; i < h && k < c; i += Math.max(1, h / (4 * c))) rows[k++] = o[i];
        for (int i = 0; k < c; i++) rows[k++] = o[i];
        java.util.Arrays.sort(rows);
        return rows;
    }

    /** Best offset in ±range by a grid of 1 px and a parabola through the best three. */
    double searchOffset(double rot, double[] dx, double[] dy, double range, int[] rows) {
        int m = (int) Math.ceil(range);
        double[] c = new double[2 * m + 1];
        for (int i = 0; i < c.length; i++) c[i] = offsetCost(rot, dx, dy, i - m, rows);
        int b = 0;
        for (int i = 1; i < c.length; i++) if (c[i] < c[b]) b = i;
        double o = 0;
        if (b > 0 && b < c.length - 1) {
            double d = c[b - 1] - 2 * c[b] + c[b + 1];
            if (d > 0) o = Math.max(-0.5, Math.min(0.5, 0.5 * (c[b - 1] - c[b + 1]) / d));
        }
        return b - m + o;
    }
}
