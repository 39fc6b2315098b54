package org.trident.analysis;

/**
 * Least squares with some coefficients held non-negative, given in normal-equation form:
 * minimise ½ cᵀ G c − rᵀ c subject to c_j ≥ 0 for every j with {@code constrained[j]}
 * (Lawson &amp; Hanson 1974, active-set method, on the Gram matrix). Sized for the few tens of
 * unknowns of a shell fit; the systems are solved after Jacobi scaling so that shells of a few
 * voxels and a background column over every pixel can share one matrix.
 */
final class Nnls {
    private Nnls() {}

    static double[] solve(double[][] g, double[] r, boolean[] constrained) {
        int n = r.length;
        boolean[] passive = new boolean[n];
        for (int j = 0; j < n; j++) passive[j] = !constrained[j];
        double[] x = new double[n];
        double scale = 0;
        for (int j = 0; j < n; j++) scale = Math.max(scale, Math.abs(g[j][j]));
        double tol = 1e-12 * Math.max(scale, 1e-300);
        for (int outer = 0; outer < 3 * n + 10; outer++) {
            // inner loop: solve on the passive set and step back while a constrained value turns negative
            for (int inner = 0; inner < 3 * n + 10; inner++) {
                double[] z = solveSubset(g, r, passive);
                double alpha = 1;
                int hit = -1;
                for (int j = 0; j < n; j++) {
                    if (!passive[j] || !constrained[j] || z[j] > 0) continue;
                    double a = x[j] / (x[j] - z[j]);
                    if (a < alpha) {
                        alpha = a;
                        hit = j;
                    }
                }
                if (hit < 0) {
                    x = z;
                    break;
                }
                for (int j = 0; j < n; j++) x[j] += alpha * (z[j] - x[j]);
                for (int j = 0; j < n; j++) {
                    if (constrained[j] && passive[j] && x[j] <= 0) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
            // gradient of the objective's negative: the most promising constrained variable to free
            int best = -1;
            double most = tol;
            for (int j = 0; j < n; j++) {
                if (passive[j]) continue;
                double w = r[j];
                for (int k = 0; k < n; k++) w -= g[j][k] * x[k];
                if (w > most) {
                    most = w;
                    best = j;
                }
            }
            if (best < 0) return x;
            passive[best] = true;
        }
        return x;
    }

    /** G_PP z_P = r_P with z = 0 off the passive set. */
    static double[] solveSubset(double[][] g, double[] r, boolean[] passive) {
        int n = r.length, m = 0;
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) if (passive[j]) idx[m++] = j;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int p = 0; p < m; p++) {
            b[p] = r[idx[p]];
            for (int q = 0; q < m; q++) a[p][q] = g[idx[p]][idx[q]];
        }
        double[] y = solveScaled(a, b);
        double[] z = new double[n];
        for (int p = 0; p < m; p++) z[idx[p]] = y[p];
        return z;
    }

    /** A y = b by Gaussian elimination with partial pivoting after Jacobi scaling; singular directions give 0. */
    static double[] solveScaled(double[][] a0, double[] b0) {
        int m = b0.length;
        double[] s = new double[m];
        for (int i = 0; i < m; i++) s[i] = a0[i][i] > 0 ? 1 / Math.sqrt(a0[i][i]) : 1;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) a[i][j] = a0[i][j] * s[i] * s[j];
            a[i][m] = b0[i] * s[i];
        }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int i = c + 1; i < m; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (Math.abs(a[c][c]) < 1e-13) continue;
            for (int i = c + 1; i < m; i++) {
                double f = a[i][c] / a[c][c];
                if (f == 0) continue;
                for (int j = c; j <= m; j++) a[i][j] -= f * a[c][j];
            }
        }
        double[] y = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            if (Math.abs(a[i][i]) < 1e-13) continue;
            double v = a[i][m];
            for (int j = i + 1; j < m; j++) v -= a[i][j] * y[j];
            y[i] = v / a[i][i];
        }
        for (int i = 0; i < m; i++) y[i] *= s[i];
        return y;
    }

    /** The inverse of a symmetric positive (semi)definite matrix, column by column; singular directions give 0. */
    static double[][] inverse(double[][] a) {
        int m = a.length;
        double[][] inv = new double[m][m];
        for (int c = 0; c < m; c++) {
            double[] e = new double[m];
            e[c] = 1;
            double[] col = solveScaled(a, e);
            for (int i = 0; i < m; i++) inv[i][c] = col[i];
        }
        return inv;
    }
}
