package org.trident.spectra;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.trident.model.TridentException;

/**
 * PCA denoising of one tilt's spectrum image with Poisson normalisation (Keenan &amp; Kotula,
 * Surf. Interface Anal. 36, 203, 2004; as in HyperSpy's {@code decomposition(normalize_poissonian_noise=True)}):
 * the data are divided by √(g_i h_j) (pixel totals g, summed spectrum h), projected on the
 * leading singular vectors (EJML SVD of XᵀX or XXᵀ, whichever is smaller), and multiplied back. Denoised spectra are
 * no longer independent Poisson counts, and keeping too few components biases the maps:
 * this is an option, off by default.
 */
public final class Pca {
    private Pca() {}

    /** Largest number of values one tilt may hold for PCA (one double array). */
    public static final long MAX_VALUES = 60_000_000L;

    /**
     * Denoises channels [from, to) of {@code data} ({@code pixels} spectra of {@code channels}
     * values, energy fastest) in place, keeping {@code k} components (0: from the scree plot).
     * Returns the number kept.
     */
    public static int denoise(float[] data, int pixels, int channels, int from, int to, int k) {
        int m = to - from;
        if ((long) pixels * m > MAX_VALUES) throw new TridentException("PCA of " + pixels + " pixels x " + m
                + " channels per tilt is too large; bin the data or switch PCA off");
        double[] g = new double[pixels], h = new double[m];
        for (int i = 0; i < pixels; i++) {
            for (int j = 0; j < m; j++) {
                double v = data[i * channels + from + j];
                g[i] += v;
                h[j] += v;
            }
        }
        double tot = 0;
        for (double v : g) tot += v;
        if (!(tot > 0)) return 0;
        double[] sg = new double[pixels], sh = new double[m];
        for (int i = 0; i < pixels; i++) sg[i] = g[i] > 0 ? Math.sqrt(g[i] / tot) : 1;
        for (int j = 0; j < m; j++) sh[j] = h[j] > 0 ? Math.sqrt(h[j] / tot) : 1;
        DMatrixRMaj x = new DMatrixRMaj(pixels, m);
        for (int i = 0; i < pixels; i++) for (int j = 0; j < m; j++) x.unsafe_set(i, j, data[i * channels + from + j] / (sg[i] * sh[j]));
        // SVD of the smaller Gram matrix: XᵀX (channels²) or XXᵀ (pixels²); same singular values
        boolean byChannels = m <= pixels;
        int d = byChannels ? m : pixels;
        DMatrixRMaj gram = new DMatrixRMaj(d, d);
        if (byChannels) CommonOps_DDRM.multTransA(x, x, gram);
        else CommonOps_DDRM.multTransB(x, x, gram);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, false, true, true);
        if (!svd.decompose(gram)) throw new TridentException("PCA: the singular value decomposition did not converge");
        DMatrixRMaj vt = svd.getV(null, true);
        double[] s = svd.getSingularValues();
        SingularOps_DDRM.descendingOrder(null, false, s, svd.numberOfSingularValues(), vt, true);
        int keep = k > 0 ? Math.min(k, d) : scree(s, pixels, m);
        DMatrixRMaj vk = CommonOps_DDRM.extract(vt, 0, keep, 0, d);
        DMatrixRMaj back = new DMatrixRMaj(pixels, m);
        if (byChannels) {
            DMatrixRMaj scores = new DMatrixRMaj(pixels, keep);
            CommonOps_DDRM.multTransB(x, vk, scores);
            CommonOps_DDRM.mult(scores, vk, back);
        } else {
            DMatrixRMaj loads = new DMatrixRMaj(keep, m);
            CommonOps_DDRM.mult(vk, x, loads);
            CommonOps_DDRM.multTransA(vk, loads, back);
        }
        for (int i = 0; i < pixels; i++) for (int j = 0; j < m; j++) data[i * channels + from + j] = (float) (back.unsafe_get(i, j) * sg[i] * sh[j]);
        return keep;
    }

    /**
     * Components above the noise, from the scree plot: a straight line is fitted to the log
     * eigenvalues of the noise tail (ranks d/10 … d/3, at least ranks 10 … 40) and extrapolated
     * to the leading ranks; components more than 1.5× above it are kept (at least 1, at most 20).
     * Vacuum pixels make many eigenvalues vanish, which is why the tail, not the median, sets the floor.
     */
    static int scree(double[] eig, int n, int m) {
        int d = eig.length;
        int a = Math.max(10, d / 10), b = Math.min(d - 1, Math.max(40, d / 3));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int cnt = 0;
        for (int i = a; i <= b; i++) {
            if (!(eig[i] > 0)) continue;
            double y = Math.log(eig[i]);
            sx += i; sy += y; sxx += (double) i * i; sxy += i * y;
            cnt++;
        }
        if (cnt < 3) return Math.max(1, Math.min(20, d));
        double slope = (cnt * sxy - sx * sy) / (cnt * sxx - sx * sx), icpt = (sy - slope * sx) / cnt;
        int k = 0;
        while (k < Math.min(d, 20) && eig[k] > 1.5 * Math.exp(icpt + slope * k)) k++;
        return Math.max(1, k);
    }
}
