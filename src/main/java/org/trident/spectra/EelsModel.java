package org.trident.spectra;

import org.trident.model.EnergyAxis;

import java.util.List;

/**
 * EELS core-loss operators on one energy axis (eV). Every per-pixel quantity is a fixed linear
 * combination of channels (a {@link LinearMap} output):
 * <ul>
 * <li>background: {@code A·E^−r} with {@code r} fitted on a summed spectrum and the per-pixel
 * amplitude {@code A = Σ_pre s / Σ_pre E^−r} (the Poisson maximum-likelihood scale, linear in s);</li>
 * <li>white lines: Pearson double-step continuum (Pearson et al., Phys. Rev. B 47, 8471, 1993):
 * steps of 2/3 and 1/3 of the post-edge height {@code h} at the L3 and L2 maxima, {@code h} the
 * mean background-subtracted intensity in the post-edge window; L3 and L2 are the window sums
 * of (spectrum − background − continuum); L3E the same with each channel weighted by its energy;</li>
 * <li>whole-edge windows (L23, O K) after background only;</li>
 * <li>MLLS: the pseudo-inverse of [E^−r, E^−r·ln E, references] over the MLLS window.</li>
 * </ul>
 * Sums are in counts (one channel is the dE), so {@code L3E / L3} is an energy in eV.
 */
public final class EelsModel {
    private final EnergyAxis axis;
    private final int channels;
    private final double[] ev;

    public EelsModel(EnergyAxis axis, int channels) {
        this.axis = axis;
        this.channels = channels;
        ev = new double[channels];
        for (int c = 0; c < channels; c++) ev[c] = axis.energyEv(c);
    }

    public double[] energiesEv() { return ev.clone(); }
    public double firstEv() { return Math.min(ev[0], ev[channels - 1]); }
    public double lastEv() { return Math.max(ev[0], ev[channels - 1]); }
    public int channels() { return channels; }

    /** Fraction of each channel's bin inside [w0, w1] eV (bins are one channel wide around the centre). */
    public double[] window(double[] w) {
        double[] v = new double[channels];
        double d = Math.abs(axis.scale() * axis.toEv());
        for (int c = 0; c < channels; c++) {
            double lo = Math.max(ev[c] - d / 2, w[0]), hi = Math.min(ev[c] + d / 2, w[1]);
            if (hi > lo) v[c] = (hi - lo) / d;
        }
        return v;
    }

    /**
     * Power-law exponent r of {@code A·E^−r} fitted to a summed spectrum in a window: weighted
     * least squares of log counts on log energy, weights = counts (the inverse variance of a log
     * count). Returns NaN when the window holds too few positive channels.
     */
    public double exponent(double[] sum, double[] pre) {
        double[] w = window(pre);
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int c = 0; c < channels; c++) {
            if (w[c] <= 0 || sum[c] <= 0 || ev[c] <= 0) continue;
            double x = Math.log(ev[c]), y = Math.log(sum[c]), wt = w[c] * sum[c];
            sw += wt; sx += wt * x; sy += wt * y; sxx += wt * x * x; sxy += wt * x * y;
            n++;
        }
        if (n < 3) return Double.NaN;
        double den = sw * sxx - sx * sx;
        return den == 0 ? Double.NaN : -(sw * sxy - sx * sy) / den;
    }

    /** {@code E^−r} on every channel (0 where E ≤ 0). */
    public double[] powerLaw(double r) {
        double[] x = new double[channels];
        for (int c = 0; c < channels; c++) x[c] = ev[c] > 0 ? Math.pow(ev[c], -r) : 0;
        return x;
    }

    /** The vector a with background amplitude {@code A = a·s}: the pre-edge window sum over that of the shape. */
    public double[] amplitudeVector(double[] pre, double[] shape) {
        double[] w = window(pre);
        double den = 0;
        for (int c = 0; c < channels; c++) den += w[c] * shape[c];
        for (int c = 0; c < channels; c++) w[c] = den > 0 ? w[c] / den : 0;
        return w;
    }

    /** Turns an output on background-subtracted data into one on raw data: {@code v − (v·x) a}. */
    static double[] throughBackground(double[] v, double[] shape, double[] a) {
        double vx = dot(v, shape);
        double[] o = v.clone();
        for (int c = 0; c < o.length; c++) o[c] -= vx * a[c];
        return o;
    }

    /** Pearson's double step: 2/3 at the L3 peak and 1/3 at the L2 peak (fraction of each bin past the step). */
    public double[] doubleStep(double e3, double e2) {
        double[] s = new double[channels];
        double d = Math.abs(axis.scale() * axis.toEv());
        for (int c = 0; c < channels; c++) {
            s[c] = 2.0 / 3.0 * past(ev[c], d, e3) + 1.0 / 3.0 * past(ev[c], d, e2);
        }
        return s;
    }

    private static double past(double centre, double width, double step) {
        double lo = centre - width / 2, hi = centre + width / 2;
        if (step <= lo) return 1;
        if (step >= hi) return 0;
        return (hi - step) / width;
    }

    /** Turns an output on continuum-removed data into one on background-subtracted data: {@code v − (v·step) u}. */
    static double[] throughContinuum(double[] v, double[] step, double[] u) {
        double vs = dot(v, step);
        double[] o = v.clone();
        for (int c = 0; c < o.length; c++) o[c] -= vs * u[c];
        return o;
    }

    /** The post-edge mean vector u: {@code h = u·b} is the mean background-subtracted intensity per channel there. */
    public double[] meanVector(double[] post) {
        double[] w = window(post);
        double n = 0;
        for (double x : w) n += x;
        for (int c = 0; c < channels; c++) w[c] = n > 0 ? w[c] / n : 0;
        return w;
    }

    /**
     * Adds {@code EELS:<El>-L3, -L2, -L23, -L3E} for a white-line edge with background exponent r.
     * {@code shiftEv} is this tilt's energy offset (windows are given already shifted): L3E uses
     * the corrected energy {@code E − shiftEv}.
     */
    public void addWhiteLine(LinearMap m, EdgeWindows w, double r, double shiftEv) {
        double[] x = powerLaw(r);
        double[] a = amplitudeVector(w.preEdge(), x);
        double[] step = doubleStep(w.l3Ev(), w.l2Ev());
        double[] u = meanVector(w.post());
        String p = "EELS:" + w.element() + "-";
        double[] l3 = window(w.l3());
        double[] l3e = l3.clone();
        for (int c = 0; c < channels; c++) l3e[c] *= ev[c] - shiftEv;
        m.add(p + "L3", throughBackground(throughContinuum(l3, step, u), x, a));
        m.add(p + "L2", throughBackground(throughContinuum(window(w.l2()), step, u), x, a));
        m.add(p + "L23", throughBackground(window(w.l23()), x, a));
        m.add(p + "L3E", throughBackground(throughContinuum(l3e, step, u), x, a));
    }

    /** Adds {@code EELS:<El>-K}: the edge window after power-law background removal. */
    public void addKEdge(LinearMap m, EdgeWindows w, double r) {
        double[] x = powerLaw(r);
        m.add("EELS:" + w.element() + "-K", throughBackground(window(w.l23()), x, amplitudeVector(w.preEdge(), x)));
    }

    /**
     * Adds one {@code EELS:<El>-<name>} output per reference: rows of the weighted pseudo-inverse
     * of [E^−r, references…] over the MLLS window (weights 1/summed counts, fixed, so the
     * weights stay linear), unclipped.
     */
    public void addMlls(LinearMap m, EdgeWindows w, double r, List<String> names, List<double[]> refs, double[] sum) {
        double[] win = window(w.mlls());
        double[] x = powerLaw(r);
        // the second background column E^-r·ln(E/E3) lets the exponent move linearly
        // (A·E^-(r+d) ≈ A·E^-r·(1 − d·ln E)), absorbing the curvature other edges' tails give the
        // background under a long window, without making the fit non-linear
        double[] xl = new double[channels];
        for (int c = 0; c < channels; c++) xl[c] = ev[c] > 0 ? x[c] * Math.log(ev[c] / w.l3Ev()) : 0;
        int nb = 2;
        double[][] cols = new double[refs.size() + nb][];
        String[] labels = new String[cols.length];
        cols[0] = mask(x, win);
        labels[0] = "power-law background";
        cols[1] = mask(xl, win);
        labels[1] = "power-law exponent change";
        for (int i = 0; i < refs.size(); i++) {
            cols[i + nb] = mask(refs.get(i), win);
            labels[i + nb] = names.get(i);
        }
        double mean = 0, n = 0;
        for (int c = 0; c < channels; c++) if (win[c] > 0) { mean += sum[c]; n++; }
        mean = n > 0 ? mean / n : 1;
        double[] wt = new double[channels];
        for (int c = 0; c < channels; c++) wt[c] = win[c] > 0 ? win[c] / Math.max(sum[c], 1e-3 * Math.abs(mean) + 1e-30) : 0;
        double[][] p = LeastSquares.pseudoInverse(cols, wt, labels);
        for (int i = 0; i < refs.size(); i++) m.add("EELS:" + w.element() + "-" + names.get(i), p[i + nb]);
    }

    private static double[] mask(double[] v, double[] win) {
        double[] o = new double[v.length];
        for (int c = 0; c < v.length; c++) o[c] = win[c] > 0 ? v[c] : 0;
        return o;
    }

    /**
     * Position (eV) of the maximum of a background-subtracted summed spectrum within ±{@code halfEv}
     * of {@code nominal}, refined by a parabola through the top three channels; NaN when that
     * maximum is not above zero.
     */
    public double peak(double[] bgSub, double nominal, double halfEv) {
        int best = -1;
        for (int c = 1; c < channels - 1; c++) {
            if (Math.abs(ev[c] - nominal) > halfEv) continue;
            if (best < 0 || bgSub[c] > bgSub[best]) best = c;
        }
        if (best < 1 || best >= channels - 1 || !(bgSub[best] > 0)) return Double.NaN;
        double y0 = bgSub[best - 1], y1 = bgSub[best], y2 = bgSub[best + 1];
        double den = y0 - 2 * y1 + y2;
        double off = den < 0 ? 0.5 * (y0 - y2) / den : 0;
        return ev[best] + Math.max(-1, Math.min(1, off)) * (ev[1] - ev[0]);
    }

    /** {@code s − A·E^−r} with A from the pre-edge window, for showing and for peak finding. */
    public double[] subtractBackground(double[] s, double[] pre, double r) {
        double[] x = powerLaw(r);
        double amp = dot(amplitudeVector(pre, x), s);
        double[] o = new double[channels];
        for (int c = 0; c < channels; c++) o[c] = s[c] - amp * x[c];
        return o;
    }

    /**
     * Energy shift (eV) of {@code s} relative to {@code ref}: the lag maximising the correlation
     * of their first differences inside the given windows, searched over ±{@code maxEv} and refined
     * by a parabola. Positive means the edges of {@code s} sit at higher energy.
     */
    public double shift(double[] ref, double[] s, List<double[]> windows, double maxEv) {
        double d = Math.abs(axis.scale() * axis.toEv());
        int maxLag = Math.max(1, (int) Math.ceil(maxEv / d));
        boolean[] use = new boolean[channels];
        for (double[] w : windows) for (int c = 0; c < channels; c++) if (ev[c] >= w[0] && ev[c] <= w[1]) use[c] = true;
        double[] cc = new double[2 * maxLag + 1];
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double v = 0;
            for (int c = 1; c < channels - 1; c++) {
                int k = c + lag;
                if (!use[c] || k < 1 || k >= channels) continue;
                v += (ref[c] - ref[c - 1]) * (s[k] - s[k - 1]);
            }
            cc[lag + maxLag] = v;
        }
        int b = 0;
        for (int i = 1; i < cc.length; i++) if (cc[i] > cc[b]) b = i;
        double off = 0;
        if (b > 0 && b < cc.length - 1) {
            double den = cc[b - 1] - 2 * cc[b] + cc[b + 1];
            if (den < 0) off = 0.5 * (cc[b - 1] - cc[b + 1]) / den;
        }
        return (b - maxLag + off) * d * Math.signum(axis.scale());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
