package org.trident.align;

import org.trident.job.Parallel;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;
import org.trident.recon.Reprojection;

/**
 * One level of the projection-matching pyramid: the tilts binned {@code b × b}, the band of rows
 * that holds the object, and a {@link Reconstructor} (the reconstruction engine's own system
 * matrix, kernels and threads) for that width. Shifts passed in and out are full-size pixels in
 * the contract's raw frame; this class converts them to its binned grid.
 */
final class PmLevel {
    final int b, w, h;        // binning, binned width and height
    final float[][] img;      // binned tilts
    final int y0, y1;         // band of binned rows reconstructed
    final int rb;             // rows of the band summed into one slice (along the axis), 1: none
    final Reconstructor rec;
    private final double ox, oy; // full-size centred position of the binned grid's centre
    private final ReconParams params;
    private final int sirtIterations;
    private final WideField wide; // null: the object stays inside the field, reconstruct the field only
    private final int threads;
    private final Progress progress;

    PmLevel(float[][] raw, int fullW, int fullH, int b, double[] angles, int sirtIterations, boolean wideField, int threads, Progress progress) {
        this(raw, fullW, fullH, b, 1, angles, sirtIterations, wideField, threads, progress);
    }

    /**
     * @param rb rows averaged into one slice after alignment (along the axis). Exact for the
     *           projector: each slice is projected on its own, so the projection of the averaged
     *           slices is the average of their projections; all counts are kept, the slices to
     *           reconstruct drop by {@code rb}. For the axis search, whose misfit is summed over slices.
     */
    PmLevel(float[][] raw, int fullW, int fullH, int b, int rb, double[] angles, int sirtIterations, boolean wideField, int threads, Progress progress) {
        this.b = b;
        this.rb = rb;
        this.sirtIterations = sirtIterations;
        this.w = fullW / b;
        this.h = fullH / b;
        this.threads = threads;
        this.progress = progress;
        this.img = new float[raw.length][];
        Parallel.forEach(raw.length, threads, progress, t -> img[t] = bin(raw[t], fullW, b, w, h));
        // binned pixel i covers full pixels [i·b, i·b + b): its centre sits (b·w − W)/2 px off the full centre
        this.ox = (b * w - fullW) / 2.0;
        this.oy = (b * h - fullH) / 2.0;
        int[] band = band(img, w, h);
        // a whole number of row groups: the band grown (down, else up) to a multiple of rb
        int len = Math.min(h - h % rb, (band[1] - band[0] + rb - 1) / rb * rb);
        this.y0 = Math.max(0, Math.min(band[0], h - len));
        this.y1 = y0 + len;
        this.rec = new Reconstructor(w, w, angles);
        this.params = ReconParams.defaults(Algorithm.SIRT).withIterations(sirtIterations).withNonNegative(true);
        this.wide = wideField ? new WideField(w, rows(), angles, threads, progress) : null;
    }

    /**
     * Whether signal reaches the border of any tilt (smoothed, above 10 % of its peak): then
     * material goes on beyond the field and alignment reconstructs a wider slab ({@link WideField}).
     */
    static boolean touchesBorder(float[][] im, int w, int h) {
        for (float[] a : im) if (!(CentreOfMass.of(a, w, h).borderFraction() < 0.1)) return true;
        return false;
    }

    boolean wide() { return wide != null; }

    /** Slices reconstructed: rows of the band over {@code rb}. */
    int rows() { return (y1 - y0) / rb; }

    private static float[] bin(float[] in, int fullW, int b, int w, int h) {
        if (b == 1) return in;
        float[] o = new float[w * h];
        float norm = 1f / (b * b);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            float s = 0;
            for (int j = 0; j < b; j++) for (int i = 0; i < b; i++) s += in[(y * b + j) * fullW + x * b + i];
            o[y * w + x] = s * norm;
        }
        return o;
    }

    /** Rows whose summed absolute signal over all tilts exceeds 5 % of the strongest row, plus a margin of 8 % of the height. */
    private static int[] band(float[][] img, int w, int h) {
        double[] e = new double[h];
        for (float[] a : img) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) e[y] += Math.abs(a[y * w + x]);
        double max = 0;
        for (double v : e) max = Math.max(max, v);
        int lo = h, hi = -1;
        for (int y = 0; y < h; y++) if (e[y] > 0.05 * max) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
        if (hi < lo) return new int[]{0, h};
        int m = (int) Math.ceil(0.08 * h);
        int a = Math.max(0, lo - m), c = Math.min(h, hi + 1 + m);
        if (c - a < Math.min(h, 8)) { a = Math.max(0, Math.min(a, h - 8)); c = Math.min(h, a + 8); }
        return new int[]{a, c};
    }

    /** Full-size raw-frame shift → this level's shift: d_b = (R·o + d − o) / b. */
    double[] toLevel(double rot, double dx, double dy) {
        double[] ro = Aligner.fromAxis(rot, ox, oy);
        return new double[]{(ro[0] + dx - ox) / b, (ro[1] + dy - oy) / b};
    }

    /** A shift change measured on this level's grid (binned px) in full-size pixels. */
    double toFull(double v) { return v * b; }

    /** The band of every tilt aligned with rotation {@code rot} and full-size shifts (dx, dy). */
    float[][] align(double rot, double[] dx, double[] dy) {
        float[][] a = new float[img.length][];
        Parallel.forEach(img.length, threads, progress, t -> {
            double[] d = toLevel(rot, dx[t], dy[t]);
            float[] full = Resampling.align(img[t], w, h, rot, d[0], d[1], Interpolation.CUBIC);
            int n = rows();
            float[] band = new float[w * n];
            float norm = 1f / rb;
            for (int j = 0; j < n; j++) for (int k = 0; k < rb; k++) {
                int src = (y0 + j * rb + k) * w;
                for (int x = 0; x < w; x++) band[j * w + x] += full[src + x] * norm;
            }
            a[t] = band;
        });
        return a;
    }

    /** SIRT of the aligned band (from zero, non-negative), reprojected: the tilts the reconstruction predicts. */
    float[][] reproject(float[][] aligned) {
        progress.checkCancelled();
        // the wide field starts from its last volume: consecutive rounds differ by small shifts
        if (wide != null) return wide.reproject(aligned, sirtIterations);
        ImageStack s = new ImageStack(w, rows(), aligned);
        Volume v = rec.run(s, 0, rows(), 1.0, params, null, threads, quiet(progress), null).volume();
        return Reprojection.project(rec, v, threads, quiet(progress)).data();
    }

    /**
     * As {@link #reproject}, from zero and leaving this level's state alone: for comparing trial
     * alignments (a start from one trial's volume would favour the alignments near it).
     */
    float[][] fresh(float[][] aligned) {
        return wide == null ? reproject(aligned) : wide.fresh().reproject(aligned, sirtIterations);
    }

    /** Passes cancellation through but keeps the reconstruction's own phases out of the alignment's progress. */
    static Progress quiet(Progress p) {
        return new Progress() {
            @Override public void start(String message, long total) {}
            @Override public void advance(long units) {}
            @Override public boolean isCancelled() { return p.isCancelled(); }
        };
    }
}
