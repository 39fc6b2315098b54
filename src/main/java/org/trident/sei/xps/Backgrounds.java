package org.trident.sei.xps;

/**
 * Inelastic backgrounds under an XPS region (binding energy ascending): linear between the
 * end levels, or Shirley's (D.A. Shirley, Phys. Rev. B 5, 4709 (1972)): the background at E
 * rises from the low-BE end level in proportion to the peak area on the low-BE side of E,
 * iterated to self-consistency. End levels are averages of {@value #END_POINTS} points.
 */
public final class Backgrounds {
    private Backgrounds() {}

    public static final int END_POINTS = 3;

    public enum Kind { SHIRLEY, LINEAR }

    public static double[] of(Kind kind, double[] e, double[] y) {
        return kind == Kind.LINEAR ? linear(e, y) : shirley(e, y);
    }

    static double[] ends(double[] y) {
        int k = Math.max(1, Math.min(END_POINTS, y.length / 4));
        double a = 0, b = 0;
        for (int i = 0; i < k; i++) {
            a += y[i];
            b += y[y.length - 1 - i];
        }
        return new double[]{a / k, b / k};
    }

    public static double[] linear(double[] e, double[] y) {
        double[] ab = ends(y);
        double[] out = new double[y.length];
        double span = e[e.length - 1] - e[0];
        for (int i = 0; i < y.length; i++) out[i] = ab[0] + (ab[1] - ab[0]) * (e[i] - e[0]) / span;
        return out;
    }

    public static double[] shirley(double[] e, double[] y) {
        double[] ab = ends(y);
        int n = y.length;
        double[] bg = new double[n];
        java.util.Arrays.fill(bg, ab[0]);
        double[] cum = new double[n];
        for (int iter = 0; iter < 100; iter++) {
            cum[0] = 0;
            for (int i = 1; i < n; i++) cum[i] = cum[i - 1] + 0.5 * ((y[i] - bg[i]) + (y[i - 1] - bg[i - 1])) * (e[i] - e[i - 1]);
            double total = cum[n - 1];
            double change = 0;
            for (int i = 0; i < n; i++) {
                double nb = total > 0 ? ab[0] + (ab[1] - ab[0]) * cum[i] / total : ab[0] + (ab[1] - ab[0]) * i / (n - 1.0);
                change = Math.max(change, Math.abs(nb - bg[i]));
                bg[i] = nb;
            }
            if (change < 1e-6 * Math.max(1, Math.abs(ab[1] - ab[0]))) break;
        }
        return bg;
    }
}
