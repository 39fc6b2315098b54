package org.trident.sei.stats;

/**
 * Pearson's r with its 95 % confidence interval by Fisher's z (tanh(atanh r ± 1.96/√(n−3)),
 * n ≥ 4), its two-sided p-value from Student's t with n − 2 degrees of freedom, and Spearman's
 * ρ (Pearson's r of mid-ranks, so ties are handled). Pairs with a non-finite member are dropped.
 */
public final class Correlation {
    private Correlation() {}

    public record Result(int n, double r, double ciLow, double ciHigh, double rho, double p) {}

    static final double Z975 = 1.959963984540054;

    public static Result of(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
        double[] a = new double[n], b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) { a[k] = x[i]; b[k++] = y[i]; }
        if (n < 3) return new Result(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double r = pearson(a, b), rho = pearson(ranks(a), ranks(b));
        double lo = Double.NaN, hi = Double.NaN, p = Double.NaN;
        if (Double.isFinite(r)) {
            if (n >= 4) {
                double z = atanh(Math.max(-0.9999999999, Math.min(0.9999999999, r))), se = 1 / Math.sqrt(n - 3);
                lo = Math.tanh(z - Z975 * se);
                hi = Math.tanh(z + Z975 * se);
            }
            int df = n - 2;
            if (Math.abs(r) >= 1) p = 0;
            else {
                double t2 = r * r * df / (1 - r * r);
                p = Special.regularizedBeta(df / (df + t2), df / 2.0, 0.5);
            }
        }
        return new Result(n, r, lo, hi, rho, p);
    }

    static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    public static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /** Mid-ranks (1-based; ties share the mean rank). */
    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[idx[k]] = mid;
            i = j + 1;
        }
        return r;
    }
}
