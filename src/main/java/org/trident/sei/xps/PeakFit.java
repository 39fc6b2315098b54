package org.trident.sei.xps;

import org.ejml.simple.SimpleMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits GL components (position within its window, FWHM within the params' bounds, area ≥ 0)
 * to a background-subtracted region by Levenberg–Marquardt with bounds enforced by
 * projection, weighting each point by its Poisson variance (the raw counts). Fractions are
 * area / total area; their standard errors come from the parameter covariance (J'WJ)⁻¹,
 * scaled by the reduced χ² when that exceeds 1 (a misfit widens them), by the delta method.
 */
public final class PeakFit {
    private PeakFit() {}

    public record Fitted(String name, double positionEv, double fwhmEv, double area, double fraction, double fractionErr) {}

    public record Result(List<Fitted> components, double chargeShiftEv, double reducedChi2, double[] background, double[] model) {}

    /** {@code shift} (eV) is added to the energies before fitting (charge correction). */
    public static Result fit(Spectrum s, List<Component> comps, XpsParams p, double shift) {
        int n = s.size(), k = comps.size();
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = s.bindingEv()[i] + shift;
        double[] y = s.counts();
        double[] bg = Backgrounds.of(p.background(), e, y);
        double[] w = new double[n];
        double[] net = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 / Math.max(Math.abs(y[i]), 1);
            net[i] = y[i] - bg[i];
            if (i > 0) total += 0.5 * (net[i] + net[i - 1]) * (e[i] - e[i - 1]);
        }
        double[] lo = new double[3 * k], hi = new double[3 * k], x = new double[3 * k];
        for (int c = 0; c < k; c++) {
            Component cp = comps.get(c);
            lo[3 * c] = cp.positionEv() - cp.windowEv();
            hi[3 * c] = cp.positionEv() + cp.windowEv();
            lo[3 * c + 1] = p.fwhmMinEv();
            hi[3 * c + 1] = p.fwhmMaxEv();
            lo[3 * c + 2] = 0;
            hi[3 * c + 2] = Double.POSITIVE_INFINITY;
            x[3 * c] = cp.positionEv();
            x[3 * c + 1] = p.fwhmStartEv();
            // start each area from the net signal near its default position
            x[3 * c + 2] = Math.max(1e-9, near(e, net, cp.positionEv()) * p.fwhmStartEv());
        }
        if (!(total > 0)) total = 1;
        x = levenbergMarquardt(e, net, w, x, lo, hi, p.glMixing());
        double[] model = model(e, x, p.glMixing());
        double chi2 = 0;
        for (int i = 0; i < n; i++) chi2 += w[i] * Math.pow(net[i] - model[i], 2);
        double red = chi2 / Math.max(1, n - 3 * k);
        SimpleMatrix cov = covariance(e, w, x, p.glMixing()).scale(Math.max(1, red));
        double sum = 0;
        for (int c = 0; c < k; c++) sum += x[3 * c + 2];
        List<Fitted> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double f = sum > 0 ? x[3 * c + 2] / sum : Double.NaN, var = 0;
            for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
                double ga = ((a == c ? sum : 0) - x[3 * c + 2]) / (sum * sum), gb = ((b == c ? sum : 0) - x[3 * c + 2]) / (sum * sum);
                var += ga * gb * cov.get(3 * a + 2, 3 * b + 2);
            }
            double err = sum > 0 && var >= 0 ? Math.sqrt(var) : Double.NaN;
            out.add(new Fitted(comps.get(c).name(), x[3 * c], x[3 * c + 1], x[3 * c + 2], f, err));
        }
        for (int i = 0; i < n; i++) model[i] += bg[i];
        return new Result(out, shift, red, bg, model);
    }

    /** Position of the highest point of a background-subtracted region after fitting one component around it. */
    public static double peakPosition(Spectrum s, XpsParams p) {
        int m = 0;
        for (int i = 0; i < s.size(); i++) if (s.counts()[i] > s.counts()[m]) m = i;
        Result r = fit(s, List.of(new Component("reference", s.bindingEv()[m], 1.5)), p, 0);
        return r.components().get(0).positionEv();
    }

    private static double near(double[] e, double[] y, double at) {
        int best = 0;
        for (int i = 0; i < e.length; i++) if (Math.abs(e[i] - at) < Math.abs(e[best] - at)) best = i;
        return Math.max(0, y[best]);
    }

    static double[] model(double[] e, double[] x, double mix) {
        double[] m = new double[e.length];
        for (int c = 0; c < x.length / 3; c++) for (int i = 0; i < e.length; i++) m[i] += x[3 * c + 2] * LineShape.gl(e[i], x[3 * c], x[3 * c + 1], mix);
        return m;
    }

    static double[][] jacobian(double[] e, double[] x, double mix) {
        double[][] j = new double[e.length][x.length];
        for (int c = 0; c < x.length / 3; c++) {
            double pos = x[3 * c], fw = x[3 * c + 1], a = x[3 * c + 2];
            double hp = 1e-4, hf = 1e-4 * fw;
            for (int i = 0; i < e.length; i++) {
                double g = LineShape.gl(e[i], pos, fw, mix);
                j[i][3 * c] = a * (LineShape.gl(e[i], pos + hp, fw, mix) - LineShape.gl(e[i], pos - hp, fw, mix)) / (2 * hp);
                j[i][3 * c + 1] = a * (LineShape.gl(e[i], pos, fw + hf, mix) - LineShape.gl(e[i], pos, fw - hf, mix)) / (2 * hf);
                j[i][3 * c + 2] = g;
            }
        }
        return j;
    }

    static SimpleMatrix normal(double[][] j, double[] w) {
        int p = j[0].length;
        SimpleMatrix a = new SimpleMatrix(p, p);
        for (int r = 0; r < p; r++) for (int c = 0; c < p; c++) {
            double s = 0;
            for (int i = 0; i < j.length; i++) s += w[i] * j[i][r] * j[i][c];
            a.set(r, c, s);
        }
        return a;
    }

    static SimpleMatrix covariance(double[] e, double[] w, double[] x, double mix) {
        SimpleMatrix a = normal(jacobian(e, x, mix), w);
        try {
            return a.pseudoInverse();
        } catch (RuntimeException ex) {
            SimpleMatrix nan = new SimpleMatrix(x.length, x.length);
            nan.fill(Double.NaN);
            return nan;
        }
    }

    static double[] levenbergMarquardt(double[] e, double[] y, double[] w, double[] x0, double[] lo, double[] hi, double mix) {
        double[] x = x0.clone();
        double lambda = 1e-3;
        double cost = cost(e, y, w, x, mix);
        for (int iter = 0; iter < 200; iter++) {
            double[][] j = jacobian(e, x, mix);
            double[] m = model(e, x, mix);
            SimpleMatrix a = normal(j, w);
            SimpleMatrix g = new SimpleMatrix(x.length, 1);
            for (int r = 0; r < x.length; r++) {
                double s = 0;
                for (int i = 0; i < e.length; i++) s += w[i] * j[i][r] * (y[i] - m[i]);
                g.set(r, 0, s);
            }
            boolean improved = false;
            for (int tries = 0; tries < 20 && !improved; tries++) {
                SimpleMatrix d = a.copy();
                for (int r = 0; r < x.length; r++) d.set(r, r, a.get(r, r) * (1 + lambda) + 1e-12);
                SimpleMatrix step;
                try {
                    step = d.solve(g);
                } catch (RuntimeException ex) {
                    lambda *= 10;
                    continue;
                }
                double[] t = new double[x.length];
                for (int r = 0; r < x.length; r++) t[r] = Math.min(hi[r], Math.max(lo[r], x[r] + step.get(r)));
                double c = cost(e, y, w, t, mix);
                if (c < cost) {
                    double rel = (cost - c) / Math.max(cost, 1e-300);
                    x = t;
                    cost = c;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    if (rel < 1e-10) return x;
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) break;
        }
        return x;
    }

    static double cost(double[] e, double[] y, double[] w, double[] x, double mix) {
        double[] m = model(e, x, mix);
        double c = 0;
        for (int i = 0; i < e.length; i++) c += w[i] * (y[i] - m[i]) * (y[i] - m[i]);
        return c;
    }
}
