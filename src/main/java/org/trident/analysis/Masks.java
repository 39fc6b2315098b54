package org.trident.analysis;

import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Particle segmentation of an ADF reconstruction: a global threshold (Otsu's, or the user's),
 * connected components, speck removal and void detection.
 *
 * <p>Material components are 6-connected (face neighbours), so particles that touch only at an
 * edge or corner stay apart; particles that share faces merge into one. The background is
 * 26-connected, the usual complementary pairing, so an enclosed void is background that cannot
 * reach the grid border through any face, edge or corner.
 */
public final class Masks {
    private Masks() {}

    /**
     * Otsu's threshold (N. Otsu, IEEE Trans. SMC 9, 1979) on a 256-bin histogram of the finite
     * values: the level that maximises the between-class variance.
     */
    public static double otsu(float[] values) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) throw new TridentException("the ADF reconstruction is constant (or empty), so no particle can be segmented");
        int bins = 256;
        long[] h = new long[bins];
        double scale = bins / (max - min);
        long n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) continue;
            h[Math.min(bins - 1, (int) ((v - min) * scale))]++;
            n++;
        }
        double total = 0;
        for (int i = 0; i < bins; i++) total += i * (double) h[i];
        double w0 = 0, sum0 = 0, best = -1;
        int bestBin = 0;
        for (int t = 0; t < bins - 1; t++) {
            w0 += h[t];
            sum0 += t * (double) h[t];
            double w1 = n - w0;
            if (w0 == 0 || w1 == 0) continue;
            double m0 = sum0 / w0, m1 = (total - sum0) / w1;
            double between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best) {
                best = between;
                bestBin = t;
            }
        }
        return min + (bestBin + 1) / scale;
    }

    /**
     * Segments {@code adf}: material = value above {@code threshold} (Otsu's when NaN); components
     * smaller than {@code minParticleVoxels} are specks and dropped (when {@code minParticleVoxels}
     * is negative the default rule applies: the larger of 27 voxels and 1 % of the largest
     * component); enclosed background pockets smaller than {@code minVoidVoxels} are taken as
     * reconstruction noise and counted as material, larger ones are voids.
     */
    public static ParticleMask segment(Volume adf, double threshold, int minParticleVoxels, int minVoidVoxels) {
        int nx = adf.nx(), ny = adf.ny(), nz = adf.nz();
        float[] a = adf.data();
        String rule = "user";
        if (Double.isNaN(threshold)) {
            threshold = otsu(a);
            rule = "otsu";
        }
        boolean[] fg = new boolean[a.length];
        for (int i = 0; i < a.length; i++) fg[i] = a[i] > threshold;

        int[] comp = new int[a.length];
        long[] sizes = label(fg, nx, ny, nz, false, comp);
        long largest = 0;
        for (long s : sizes) largest = Math.max(largest, s);
        long minSize = minParticleVoxels >= 0 ? minParticleVoxels : Math.max(27, (long) Math.ceil(0.01 * largest));
        int removed = 0;
        boolean[] keepComp = new boolean[sizes.length];
        for (int c = 0; c < sizes.length; c++) {
            keepComp[c] = sizes[c] >= minSize;
            if (!keepComp[c]) removed++;
        }
        for (int i = 0; i < a.length; i++) fg[i] = comp[i] > 0 && keepComp[comp[i] - 1];

        // Background components that never touch the border are enclosed.
        boolean[] bg = new boolean[a.length];
        for (int i = 0; i < a.length; i++) bg[i] = !fg[i];
        int[] bcomp = new int[a.length];
        long[] bsizes = label(bg, nx, ny, nz, true, bcomp);
        boolean[] touches = new boolean[bsizes.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1) {
                        int c = bcomp[(k * ny + j) * nx + i];
                        if (c > 0) touches[c - 1] = true;
                    }
                }
            }
        }
        boolean[] filled = new boolean[a.length];
        long voids = 0, noise = 0;
        for (int i = 0; i < a.length; i++) {
            if (fg[i]) {
                filled[i] = true;
            } else if (!touches[bcomp[i] - 1]) {
                filled[i] = true;
                if (bsizes[bcomp[i] - 1] < minVoidVoxels) {
                    fg[i] = true;
                    noise++;
                } else {
                    voids++;
                }
            }
        }

        // Final particle labels, largest first.
        int[] lab = new int[a.length];
        long[] ps = label(fg, nx, ny, nz, false, lab);
        Integer[] order = new Integer[ps.length];
        for (int c = 0; c < ps.length; c++) order[c] = c;
        Arrays.sort(order, (p, q) -> Long.compare(ps[q], ps[p]));
        int[] rank = new int[ps.length];
        long[] sorted = new long[ps.length];
        for (int r = 0; r < ps.length; r++) {
            rank[order[r]] = r + 1;
            sorted[r] = ps[order[r]];
        }
        for (int i = 0; i < lab.length; i++) if (lab[i] > 0) lab[i] = rank[lab[i] - 1];
        return new ParticleMask(nx, ny, nz, lab, filled, ps.length, sorted, threshold, rule, removed, voids, noise);
    }

    /**
     * Labels the connected components of {@code on} into {@code out} (1-based, 0 = off) and returns
     * their sizes; 6-connectivity, or 26 when {@code full}.
     */
    static long[] label(boolean[] on, int nx, int ny, int nz, boolean full, int[] out) {
        Arrays.fill(out, 0);
        List<Long> sizes = new ArrayList<>();
        int[] queue = new int[on.length];
        int current = 0;
        for (int start = 0; start < on.length; start++) {
            if (!on[start] || out[start] != 0) continue;
            current++;
            int head = 0, tail = 0;
            queue[tail++] = start;
            out[start] = current;
            while (head < tail) {
                int p = queue[head++];
                int i = p % nx, j = (p / nx) % ny, k = p / (nx * ny);
                for (int dk = -1; dk <= 1; dk++) {
                    int kk = k + dk;
                    if (kk < 0 || kk >= nz) continue;
                    for (int dj = -1; dj <= 1; dj++) {
                        int jj = j + dj;
                        if (jj < 0 || jj >= ny) continue;
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            if (ii < 0 || ii >= nx) continue;
                            int steps = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
                            if (steps == 0 || (!full && steps > 1)) continue;
                            int q = (kk * ny + jj) * nx + ii;
                            if (on[q] && out[q] == 0) {
                                out[q] = current;
                                queue[tail++] = q;
                            }
                        }
                    }
                }
            }
            sizes.add((long) tail);
        }
        long[] s = new long[sizes.size()];
        for (int c = 0; c < s.length; c++) s[c] = sizes.get(c);
        return s;
    }
}
