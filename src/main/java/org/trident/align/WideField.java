package org.trident.align;

import org.trident.job.Parallel;
import org.trident.job.Progress;
import org.trident.recon.SliceGeometry;
import org.trident.recon.SliceProjector;

/**
 * Reconstruction of a slab wider than the field of view, for judging alignment consistency
 * when other objects enter and leave the field. Specimens are slabs that go on beyond the
 * image: a neighbouring particle half outside the field is a real 3-D object that moves in and
 * out of view as the stage tilts. A reconstruction confined to the field cannot explain it, so
 * its misfit depends on the trial axis and pulls it; on a volume {@code pad} pixels wider on
 * each side, with only the measured detector pixels constraining it (the rays outside the
 * field are unknown, not zero), the neighbour is reconstructed where it is and becomes as
 * consistent as the object itself (the "interior problem" handled by an extended grid).
 *
 * <p>SIRT with non-negativity on the reconstruction engine's own slice projector
 * ({@link SliceGeometry}, the weights every reconstruction uses): {@code x ← max(0, x + C·Aᵀ·M·R·(b − A·x))},
 * {@code R = 1/(A·1)}, {@code C = 1/(Aᵀ·M·1)}, M = 1 on measured rays. The volume of each slice is
 * kept between calls (warm start): consecutive projection-matching rounds differ by small shifts.
 */
final class WideField {
    private final SliceProjector proj;
    private final int w, rows, pad, wide, nz, tilts, threads;
    private final float[] rowNorm, colNorm;
    private final float[][] volume;
    private final Progress progress;

    WideField(int w, int rows, double[] angles, int threads, Progress progress) {
        this.w = w;
        this.rows = rows;
        this.pad = w / 2;
        this.wide = w + 2 * pad;
        this.nz = w;
        this.tilts = angles.length;
        this.threads = threads;
        this.progress = progress;
        this.proj = new SliceGeometry(wide, nz, angles);
        float[] ones = new float[wide * nz];
        java.util.Arrays.fill(ones, 1f);
        float[] rs = new float[tilts * wide];
        proj.forward(ones, rs);
        rowNorm = new float[tilts * wide];
        float[] measured = new float[tilts * wide];
        for (int t = 0; t < tilts; t++) for (int u = pad; u < pad + w; u++) {
            int i = t * wide + u;
            measured[i] = 1;
            rowNorm[i] = rs[i] > 1e-6f ? 1f / rs[i] : 0f;
        }
        float[] cs = new float[wide * nz];
        proj.back(measured, cs);
        colNorm = new float[wide * nz];
        for (int i = 0; i < cs.length; i++) colNorm[i] = cs[i] > 1e-6f ? 1f / cs[i] : 0f;
        volume = new float[rows][];
    }

    private WideField(WideField o, boolean keepVolume) {
        proj = o.proj;
        w = o.w;
        rows = o.rows;
        pad = o.pad;
        wide = o.wide;
        nz = o.nz;
        tilts = o.tilts;
        threads = o.threads;
        progress = o.progress;
        rowNorm = o.rowNorm;
        colNorm = o.colNorm;
        volume = new float[rows][];
        if (keepVolume) for (int y = 0; y < rows; y++) volume[y] = o.volume[y] == null ? null : o.volume[y].clone();
    }

    /** The same geometry starting from zero (this one is left as it is). */
    WideField fresh() {
        return new WideField(this, false);
    }

    /**
     * {@code iterations} SIRT iterations on the aligned band {@code al[t][y·w + x]} (from the
     * kept volume, or zero the first time), then its reprojection inside the field, same layout.
     */
    float[][] reproject(float[][] al, int iterations) {
        progress.checkCancelled();
        float[][] rep = new float[tilts][w * rows];
        Parallel.forEach(rows, threads, progress, y -> {
            float[] b = new float[tilts * wide];
            for (int t = 0; t < tilts; t++) System.arraycopy(al[t], y * w, b, t * wide + pad, w);
            float[] x = volume[y] == null ? new float[wide * nz] : volume[y];
            float[] p = new float[tilts * wide], g = new float[wide * nz];
            for (int it = 0; it < iterations; it++) {
                if (progress.isCancelled()) break;
                proj.forward(x, p);
                for (int i = 0; i < p.length; i++) p[i] = (b[i] - p[i]) * rowNorm[i];
                proj.back(p, g);
                for (int i = 0; i < x.length; i++) x[i] = Math.max(0f, x[i] + g[i] * colNorm[i]);
            }
            volume[y] = x;
            proj.forward(x, p);
            for (int t = 0; t < tilts; t++) System.arraycopy(p, t * wide + pad, rep[t], y * w, w);
        });
        progress.checkCancelled();
        return rep;
    }
}
