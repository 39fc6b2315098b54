package org.trident.analysis;

import org.trident.model.Volume;

import java.util.Arrays;
import java.util.List;

/**
 * Voxel-by-voxel ratios of reconstructed linear channels: the only place where non-linear
 * quantities are formed, after reconstruction and inside the mask (science primer).
 *
 * <p>Too-weak rule: a ratio is NaN where its denominator is not above {@code weakFraction} times
 * the median denominator over the mask (and never where it is zero or negative), so nothing is
 * ever divided by zero and the noisy rim of the reconstruction does not produce wild values.
 * Numerators are not clipped at zero: clipping noisy channels would bias the means upward.
 */
public final class Ratios {
    private Ratios() {}

    /** Weighted numerator terms over a common denominator: Σ a_i·N_i / Σ b_i·D_i. */
    public record Term(double weight, Volume volume) {}

    /**
     * {@code Σ num / Σ den} per mask voxel, NaN where too weak or outside the mask, with its parts.
     * Returns null when the denominator has no positive median over the mask (no signal at all).
     */
    public static Quantity ratio(List<Term> num, List<Term> den, ParticleMask m, double weakFraction) {
        return ratio(combine(num, m), combine(den, m), m, weakFraction, den.get(0).volume().voxelSizeNm());
    }

    /** The same from already combined numerator and denominator (mask voxels). */
    public static Quantity ratio(float[] u, float[] d, ParticleMask m, double weakFraction, double voxelSize) {
        double med = median(d, m);
        if (!(med > 0)) return null;
        double cut = weakFraction * med;
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = m.inMask(i) && d[i] > cut && d[i] > 0 ? (float) ((double) u[i] / d[i]) : Float.NaN;
        }
        return new Quantity(new Volume(m.nx(), m.ny(), m.nz(), out, voxelSize), u, d, null, null);
    }

    /** Σ weight·volume over the mask voxels (zero elsewhere). */
    public static float[] combine(List<Term> terms, ParticleMask m) {
        int n = m.labels().length;
        double[] s = new double[n];
        for (Term t : terms) {
            float[] v = t.volume().data();
            for (int i = 0; i < n; i++) if (m.inMask(i)) s[i] += t.weight() * v[i];
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) s[i];
        return out;
    }

    /** Median of {@code d} over the mask voxels (NaN when the mask is empty). */
    static double median(float[] d, ParticleMask m) {
        int c = 0;
        for (int i = 0; i < d.length; i++) if (m.inMask(i)) c++;
        if (c == 0) return Double.NaN;
        double[] v = new double[c];
        c = 0;
        for (int i = 0; i < d.length; i++) if (m.inMask(i)) v[c++] = d[i];
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    static double interpolate(double v, double[] x, double[] y) {
        if (x.length == 1) return y[0];
        int s = 0;
        while (s < x.length - 2 && v > x[s + 1]) s++;
        return y[s] + (y[s + 1] - y[s]) * (v - x[s]) / (x[s + 1] - x[s]);
    }

    /**
     * The contract's inhomogeneity: population standard deviation over mean of {@code fraction}
     * over the finite values in each mask voxel's 3×3×3 neighbourhood, where at least 14 such
     * values exist and the mean is positive; NaN otherwise.
     */
    public static Volume localVariation(Volume fraction, ParticleMask m) {
        int nx = fraction.nx(), ny = fraction.ny(), nz = fraction.nz();
        float[] f = fraction.data();
        float[] out = new float[f.length];
        Arrays.fill(out, Float.NaN);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int p = (k * ny + j) * nx + i;
                    if (!m.inMask(p)) continue;
                    int c = 0;
                    double s = 0, s2 = 0;
                    for (int kk = Math.max(0, k - 1); kk <= Math.min(nz - 1, k + 1); kk++) {
                        for (int jj = Math.max(0, j - 1); jj <= Math.min(ny - 1, j + 1); jj++) {
                            for (int ii = Math.max(0, i - 1); ii <= Math.min(nx - 1, i + 1); ii++) {
                                int q = (kk * ny + jj) * nx + ii;
                                float v = f[q];
                                if (!m.inMask(q) || !Float.isFinite(v)) continue;
                                c++;
                                s += v;
                                s2 += (double) v * v;
                            }
                        }
                    }
                    if (c < 14) continue;
                    double mean = s / c;
                    if (!(mean > 0)) continue;
                    double var = Math.max(0, s2 / c - mean * mean);
                    out[p] = (float) (Math.sqrt(var) / mean);
                }
            }
        }
        return new Volume(nx, ny, nz, out, fraction.voxelSizeNm());
    }

    /**
     * Gaussian smoothing restricted to the mask (normalised convolution): each mask voxel gets the
     * Gaussian-weighted mean of mask voxels only, so background never leaks in at the surface.
     * {@code sigmaVoxels} ≤ 0 returns the input.
     */
    public static Volume smoothInMask(Volume v, ParticleMask m, double sigmaVoxels) {
        if (!(sigmaVoxels > 0)) return v;
        int n = v.data().length;
        float[] num = new float[n], den = new float[n];
        for (int i = 0; i < n; i++) {
            if (m.inMask(i) && Float.isFinite(v.data()[i])) {
                num[i] = v.data()[i];
                den[i] = 1f;
            }
        }
        double[] g = kernel(sigmaVoxels);
        blur(num, v.nx(), v.ny(), v.nz(), g);
        blur(den, v.nx(), v.ny(), v.nz(), g);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = m.inMask(i) && den[i] > 1e-6f ? num[i] / den[i] : Float.NaN;
        return new Volume(v.nx(), v.ny(), v.nz(), out, v.voxelSizeNm());
    }

    private static double[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] g = new double[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) s += g[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < g.length; i++) g[i] /= s;
        return g;
    }

    private static void blur(float[] a, int nx, int ny, int nz, double[] g) {
        double[] tmp = new double[Math.max(nx, Math.max(ny, nz))];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) line(a, (k * ny + j) * nx, 1, nx, g, tmp);
        for (int k = 0; k < nz; k++) for (int i = 0; i < nx; i++) line(a, k * nx * ny + i, nx, ny, g, tmp);
        for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) line(a, j * nx + i, nx * ny, nz, g, tmp);
    }

    /** Convolves one line in place; beyond the grid counts as zero (the denominator volume corrects for it). */
    private static void line(float[] a, int start, int stride, int len, double[] g, double[] tmp) {
        int r = g.length / 2;
        for (int q = 0; q < len; q++) {
            double s = 0;
            for (int t = Math.max(-r, -q); t <= Math.min(r, len - 1 - q); t++) s += g[t + r] * a[start + (q + t) * stride];
            tmp[q] = s;
        }
        for (int q = 0; q < len; q++) a[start + q * stride] = (float) tmp[q];
    }
}
