package org.trident.spectra;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Non-negative least squares, min ‖Ax − b‖ subject to x ≥ 0, by the active-set method of
 * Lawson &amp; Hanson (Solving Least Squares Problems, 1974, ch. 23) on the normal equations
 * (the "fast NNLS" arrangement of Bro &amp; De Jong, J. Chemometrics 11, 393, 1997). Used only on
 * summed spectra to shape models; per-pixel amplitudes are never constrained.
 */
public final class Nnls {
    private Nnls() {}

    /** Solves with the Gram matrix {@code G = AᵀA} (n×n) and {@code q = Aᵀb}. */
    public static double[] solve(double[][] g, double[] q) {
        int n = q.length;
        boolean[] passive = new boolean[n];
        double[] x = new double[n];
        double[] w = new double[n];
        double tol = 1e-12 * maxAbs(q) * n;
        for (int outer = 0; outer < 3 * n + 10; outer++) {
            gradient(g, q, x, w);
            int best = -1;
            double bw = tol;
            for (int j = 0; j < n; j++) if (!passive[j] && w[j] > bw) { bw = w[j]; best = j; }
            if (best < 0) break;
            passive[best] = true;
            for (int inner = 0; inner < 3 * n + 10; inner++) {
                double[] z = solvePassive(g, q, passive);
                boolean ok = true;
                for (int j = 0; j < n; j++) if (passive[j] && z[j] <= 0) { ok = false; break; }
                if (ok) { x = z; break; }
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                }
                for (int j = 0; j < n; j++) {
                    if (!passive[j]) continue;
                    x[j] += alpha * (z[j] - x[j]);
                    if (x[j] <= 1e-15 * (1 + Math.abs(z[j]))) { x[j] = 0; passive[j] = false; }
                }
            }
        }
        return x;
    }

    private static void gradient(double[][] g, double[] q, double[] x, double[] w) {
        for (int i = 0; i < q.length; i++) {
            double s = q[i];
            for (int j = 0; j < q.length; j++) s -= g[i][j] * x[j];
            w[i] = s;
        }
    }

    private static double[] solvePassive(double[][] g, double[] q, boolean[] passive) {
        int n = q.length, m = 0;
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) if (passive[j]) idx[m++] = j;
        DMatrixRMaj gg = new DMatrixRMaj(m, m);
        DMatrixRMaj qq = new DMatrixRMaj(m, 1);
        for (int a = 0; a < m; a++) {
            qq.set(a, 0, q[idx[a]]);
            for (int b = 0; b < m; b++) gg.set(a, b, g[idx[a]][idx[b]]);
        }
        DMatrixRMaj z = new DMatrixRMaj(m, 1);
        // Cholesky first (fast); the SVD pseudo-inverse only when the passive set is ill-conditioned
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(m);
        if (!s.setA(gg.copy()) || s.quality() < 1e-12) {
            s = LinearSolverFactory_DDRM.pseudoInverse(true);
            if (!s.setA(gg)) CommonOps_DDRM.fill(z, 0);
            else s.solve(qq, z);
        } else {
            s.solve(qq, z);
        }
        double[] out = new double[n];
        for (int a = 0; a < m; a++) out[idx[a]] = z.get(a, 0);
        return out;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m == 0 ? 1 : m;
    }
}
