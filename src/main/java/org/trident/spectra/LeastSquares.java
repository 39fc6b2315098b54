package org.trident.spectra;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.trident.model.TridentException;

/** Weighted linear least squares helpers (EJML), for design matrices given as columns. */
public final class LeastSquares {
    private LeastSquares() {}

    /**
     * The weighted pseudo-inverse {@code P = (AᵀWA)⁻¹AᵀW} of a design matrix given as
     * {@code cols[k][c]} (k components, c channels) with diagonal weights {@code w[c]}. Row k of
     * P applied to a spectrum is the unconstrained amplitude of component k. Refuses a singular
     * design (two components the data cannot tell apart) with a sentence naming them.
     */
    public static double[][] pseudoInverse(double[][] cols, double[] w, String[] names) {
        int k = cols.length, n = w.length;
        double[][] g = gram(cols, w);
        // equilibrate: columns differ in scale by many orders (unit-area lines vs a summed background)
        double[] d = new double[k];
        for (int a = 0; a < k; a++) d[a] = g[a][a] > 0 ? 1 / Math.sqrt(g[a][a]) : 0;
        DMatrixRMaj gm = new DMatrixRMaj(k, k);
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) gm.set(a, b, g[a][b] * d[a] * d[b]);
        DMatrixRMaj inv = new DMatrixRMaj(k, k);
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.symmPosDef(k);
        boolean zero = false;
        for (double v : d) zero |= v == 0;
        if (zero || !s.setA(gm) || s.quality() < 1e-10) {
            throw new TridentException("the spectrum model cannot separate its components (singular design"
                    + (names == null ? "" : " among " + String.join(", ", names)) + "); narrow the element list or the fit range");
        }
        s.invert(inv);
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) inv.set(a, b, inv.get(a, b) * d[a] * d[b]);
        double[][] p = new double[k][n];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < n; c++) {
                double v = 0;
                for (int b = 0; b < k; b++) v += inv.get(a, b) * cols[b][c];
                p[a][c] = v * w[c];
            }
        }
        return p;
    }

    /** {@code AᵀWA}. */
    public static double[][] gram(double[][] cols, double[] w) {
        int k = cols.length;
        double[][] g = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double v = 0;
                for (int c = 0; c < w.length; c++) v += cols[a][c] * w[c] * cols[b][c];
                g[a][b] = v;
                g[b][a] = v;
            }
        }
        return g;
    }

    /** {@code AᵀWy}. */
    public static double[] project(double[][] cols, double[] w, double[] y) {
        double[] q = new double[cols.length];
        for (int a = 0; a < cols.length; a++) {
            double v = 0;
            for (int c = 0; c < w.length; c++) v += cols[a][c] * w[c] * y[c];
            q[a] = v;
        }
        return q;
    }

    /** Diagonal of {@code (AᵀWA)⁻¹}: amplitude variances when W holds inverse variances. */
    public static double[] varianceDiagonal(double[][] cols, double[] w) {
        DMatrixRMaj g = new DMatrixRMaj(gram(cols, w));
        DMatrixRMaj inv = new DMatrixRMaj(cols.length, cols.length);
        if (!CommonOps_DDRM.invert(g, inv)) {
            double[] nan = new double[cols.length];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        double[] d = new double[cols.length];
        for (int i = 0; i < d.length; i++) d[i] = inv.get(i, i);
        return d;
    }
}
