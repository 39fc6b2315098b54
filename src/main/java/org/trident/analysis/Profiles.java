package org.trident.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Depth profiles and surface/bulk summaries of a derived quantity (contract section 6).
 *
 * <p>Shell {@code k} holds the mask voxels with depth in {@code [k·w, (k+1)·w)}; its row gives the
 * mean, population std and count of the finite values. Further columns:
 * <ul>
 *   <li>{@code weighted_mean}: for ratios (fractions, valences) the ratio of the shell's summed
 *   numerator and denominator (then calibrated): the amount-weighted value, not biased by noisy
 *   denominators; for other quantities the mean;</li>
 *   <li>{@code halfset_err} = |mean_odd − mean_even| / 2 from the odd/even half-set
 *   reconstructions rebuilt with the same mask and depth: the standard error of the full-set
 *   shell mean, because the full set averages two independent halves, each with twice its noise
 *   variance ({@code weighted_halfset_err} likewise for the weighted mean);</li>
 *   <li>{@code std_intrinsic} = sqrt(max(0, std² − ⟨(odd − even)²⟩ / 4)): the spread of the shell
 *   once the reconstruction noise, estimated voxel by voxel from the halves, is removed;</li>
 *   <li>{@code sem} = std / sqrt(voxels), which assumes independent voxels (reconstructed voxels
 *   are not): it underestimates the error.</li>
 * </ul>
 */
public final class Profiles {
    private Profiles() {}

    /** One shell of one quantity; {@code particle} is 0 for the pooled profile. */
    public record Row(String quantity, int particle, double depthNm, double mean, double std, long voxels,
                      double sem, double halfsetErr, double stdIntrinsic, double weightedMean, double weightedHalfsetErr) {}

    /** Surface (depth &lt; surfaceDepthNm) and bulk (depth ≥ bulkDepthNm) values of one quantity. */
    public record Summary(String quantity, double surfaceMean, double bulkMean, double surfaceDepthNm, double bulkDepthNm,
                          double surfaceStd, double bulkStd, long surfaceVoxels, long bulkVoxels,
                          double surfaceHalfsetErr, double bulkHalfsetErr, double surfaceWeightedMean, double bulkWeightedMean) {}

    /** Accumulates sums per bin. */
    private static final class Acc {
        final double[] s, s2, sa, sb, dd, wn, wd, wan, wad, wbn, wbd;
        final long[] n, nab;
        final Quantity q, qa, qb;

        Acc(int bins, Quantity q, Quantity qa, Quantity qb) {
            this.q = q;
            this.qa = qa;
            this.qb = qb;
            s = new double[bins];
            s2 = new double[bins];
            sa = new double[bins];
            sb = new double[bins];
            dd = new double[bins];
            wn = new double[bins];
            wd = new double[bins];
            wan = new double[bins];
            wad = new double[bins];
            wbn = new double[bins];
            wbd = new double[bins];
            n = new long[bins];
            nab = new long[bins];
        }

        void add(int b, int i) {
            float v = q.value().data()[i];
            float a = qa == null ? Float.NaN : qa.value().data()[i];
            float bb = qb == null ? Float.NaN : qb.value().data()[i];
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
            if (q.isRatio()) {
                wn[b] += q.num()[i];
                wd[b] += q.den()[i];
            }
            if (qa != null && qb != null && qa.isRatio() && qb.isRatio()) {
                wan[b] += qa.num()[i];
                wad[b] += qa.den()[i];
                wbn[b] += qb.num()[i];
                wbd[b] += qb.den()[i];
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

        double weighted(int b) { return q.isRatio() ? q.ofSums(wn[b], wd[b]) : mean(b); }

        double weightedErr(int b) {
            if (qa == null || qb == null) return Double.NaN;
            if (!qa.isRatio() || !qb.isRatio()) return halfErr(b);
            return Math.abs(qa.ofSums(wan[b], wad[b]) - qb.ofSums(wbn[b], wbd[b])) / 2;
        }
    }

    /** The summary's surface shell: voxels less than {@code surfaceNm} deep (one home for {@link Shells} too). */
    static boolean inSurface(double depthNm, double surfaceNm) {
        return depthNm < surfaceNm;
    }

    /** The summary's bulk shell: voxels at least {@code bulkNm} deep. */
    static boolean inBulk(double depthNm, double bulkNm) {
        return depthNm >= bulkNm;
    }

    /**
     * Pooled (particle 0) and, when {@code perParticle}, per-particle rows for {@code q}; the half
     * quantities may be null. Empty shells are left out.
     */
    public static List<Row> profile(String quantity, Quantity q, Quantity half1, Quantity half2, org.trident.model.Volume depthNm,
                                    ParticleMask m, double shellNm, boolean perParticle) {
        int bins = 1;
        float[] d = depthNm.data();
        for (int i = 0; i < d.length; i++) if (m.inMask(i) && Float.isFinite(d[i])) bins = Math.max(bins, (int) (d[i] / shellNm) + 1);
        int groups = perParticle ? m.particles() + 1 : 1;
        Acc[] acc = new Acc[groups];
        for (int g = 0; g < groups; g++) acc[g] = new Acc(bins, q, half1, half2);
        for (int i = 0; i < d.length; i++) {
            if (!m.inMask(i) || !Float.isFinite(d[i])) continue;
            int b = (int) Math.floor(d[i] / shellNm);
            acc[0].add(b, i);
            if (perParticle) acc[m.labels()[i]].add(b, i);
        }
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Acc x = acc[g];
            for (int b = 0; b < bins; b++) {
                if (x.n[b] == 0) continue;
                double sd = x.std(b);
                rows.add(new Row(quantity, g, (b + 0.5) * shellNm, x.mean(b), sd, x.n[b], sd / Math.sqrt(x.n[b]),
                        x.halfErr(b), x.intrinsic(b), x.weighted(b), x.weightedErr(b)));
            }
        }
        return rows;
    }

    public static Summary summary(String quantity, Quantity q, Quantity half1, Quantity half2, org.trident.model.Volume depthNm,
                                  ParticleMask m, double surfaceNm, double bulkNm) {
        Acc acc = new Acc(2, q, half1, half2);
        float[] d = depthNm.data();
        for (int i = 0; i < d.length; i++) {
            if (!m.inMask(i) || !Float.isFinite(d[i])) continue;
            if (inSurface(d[i], surfaceNm)) acc.add(0, i);
            if (inBulk(d[i], bulkNm)) acc.add(1, i);
        }
        return new Summary(quantity, acc.mean(0), acc.mean(1), surfaceNm, bulkNm, acc.std(0), acc.std(1),
                acc.n[0], acc.n[1], acc.halfErr(0), acc.halfErr(1), acc.weighted(0), acc.weighted(1));
    }
}
