package org.trident.analysis;

import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Depth profiles and surface/bulk summaries of a derived quantity (contract section 6).
 *
 * <p>Shell {@code k} holds the mask voxels with depth in {@code [k·w, (k+1)·w)}; its row gives the
 * mean, population std and count of the finite values. Two honest error columns come from the
 * odd/even half-set reconstructions when they exist (the quantity is rebuilt from each half with
 * the same mask and depth):
 * <ul>
 *   <li>{@code halfset_err} = |mean_odd − mean_even| / 2: the standard error of the full-set shell
 *   mean, because the full set averages two independent halves, each with twice its noise
 *   variance;</li>
 *   <li>{@code std_intrinsic} = sqrt(max(0, std² − ⟨(odd − even)²⟩ / 4)): the spread of the shell
 *   once the reconstruction noise, estimated voxel by voxel from the halves, is removed.</li>
 * </ul>
 * {@code sem} = std / sqrt(voxels) is given too but assumes independent voxels, which
 * reconstructed voxels are not: it underestimates the error.
 */
public final class Profiles {
    private Profiles() {}

    /** One shell of one quantity; {@code particle} is 0 for the pooled profile. */
    public record Row(String quantity, int particle, double depthNm, double mean, double std, long voxels,
                      double sem, double halfsetErr, double stdIntrinsic) {}

    /** Surface (depth &lt; surfaceDepthNm) and bulk (depth ≥ bulkDepthNm) means of one quantity. */
    public record Summary(String quantity, double surfaceMean, double bulkMean, double surfaceDepthNm, double bulkDepthNm,
                          double surfaceStd, double bulkStd, long surfaceVoxels, long bulkVoxels,
                          double surfaceHalfsetErr, double bulkHalfsetErr) {}

    /** Accumulates sums per bin. */
    private static final class Acc {
        final double[] s, s2, sa, sb, dd;
        final long[] n, nab;

        Acc(int bins) {
            s = new double[bins];
            s2 = new double[bins];
            sa = new double[bins];
            sb = new double[bins];
            dd = new double[bins];
            n = new long[bins];
            nab = new long[bins];
        }

        void add(int b, float v, float a, float bb) {
            if (Float.isFinite(v)) {
                s[b] += v;
                s2[b] += (double) v * v;
                n[b]++;
            }
            if (Float.isFinite(a) && Float.isFinite(bb)) {
                sa[b] += a;
                sb[b] += bb;
                dd[b] += ((double) a - bb) * ((double) a - bb);
                nab[b]++;
            }
        }

        double mean(int b) { return n[b] > 0 ? s[b] / n[b] : Double.NaN; }

        double std(int b) {
            if (n[b] == 0) return Double.NaN;
            double m = s[b] / n[b];
            return Math.sqrt(Math.max(0, s2[b] / n[b] - m * m));
        }

        double halfErr(int b) { return nab[b] > 0 ? Math.abs(sa[b] - sb[b]) / nab[b] / 2 : Double.NaN; }

        double intrinsic(int b) {
            if (nab[b] == 0 || n[b] == 0) return Double.NaN;
            double sd = std(b);
            return Math.sqrt(Math.max(0, sd * sd - dd[b] / nab[b] / 4));
        }
    }

    /**
     * Pooled (particle 0) and, when {@code perParticle}, per-particle rows for {@code q}; the half
     * volumes may be null. Empty shells are left out.
     */
    public static List<Row> profile(String quantity, Volume q, Volume half1, Volume half2, Volume depthNm,
                                    ParticleMask m, double shellNm, boolean perParticle) {
        int bins = 1;
        float[] d = depthNm.data();
        for (int i = 0; i < d.length; i++) if (m.inMask(i) && Float.isFinite(d[i])) bins = Math.max(bins, (int) (d[i] / shellNm) + 1);
        int groups = perParticle ? m.particles() + 1 : 1;
        Acc[] acc = new Acc[groups];
        for (int g = 0; g < groups; g++) acc[g] = new Acc(bins);
        float[] v = q.data();
        for (int i = 0; i < v.length; i++) {
            if (!m.inMask(i) || !Float.isFinite(d[i])) continue;
            int b = (int) Math.floor(d[i] / shellNm);
            float a = half1 == null ? Float.NaN : half1.data()[i];
            float bb = half2 == null ? Float.NaN : half2.data()[i];
            acc[0].add(b, v[i], a, bb);
            if (perParticle) acc[m.labels()[i]].add(b, v[i], a, bb);
        }
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Acc x = acc[g];
            for (int b = 0; b < bins; b++) {
                if (x.n[b] == 0) continue;
                double sd = x.std(b);
                rows.add(new Row(quantity, g, (b + 0.5) * shellNm, x.mean(b), sd, x.n[b], sd / Math.sqrt(x.n[b]),
                        x.halfErr(b), x.intrinsic(b)));
            }
        }
        return rows;
    }

    public static Summary summary(String quantity, Volume q, Volume half1, Volume half2, Volume depthNm, ParticleMask m,
                                  double surfaceNm, double bulkNm) {
        Acc acc = new Acc(2);
        float[] v = q.data(), d = depthNm.data();
        for (int i = 0; i < v.length; i++) {
            if (!m.inMask(i) || !Float.isFinite(d[i])) continue;
            float a = half1 == null ? Float.NaN : half1.data()[i];
            float bb = half2 == null ? Float.NaN : half2.data()[i];
            if (d[i] < surfaceNm) acc.add(0, v[i], a, bb);
            if (d[i] >= bulkNm) acc.add(1, v[i], a, bb);
        }
        return new Summary(quantity, acc.mean(0), acc.mean(1), surfaceNm, bulkNm, acc.std(0), acc.std(1),
                acc.n[0], acc.n[1], acc.halfErr(0), acc.halfErr(1));
    }
}
