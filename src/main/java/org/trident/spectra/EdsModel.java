package org.trident.spectra;

import org.trident.model.EnergyAxis;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The EDS spectrum model: Gaussian line families (energies and weights from {@link XrayLines},
 * widths from the Fano relation) plus a smooth cubic B-spline background. It is fitted once to
 * the spatially summed spectrum (non-negative, which decides which contaminants are present and
 * fixes the background shape); the per-pixel fit is then the unconstrained, fixed-weight linear
 * least-squares amplitude of each family and of the background shape, precomputed as a
 * pseudo-inverse ({@link #linearMap}).
 */
public final class EdsModel {
    /** Fano factor of silicon and energy per electron–hole pair (eV): Goldstein et al., SEM and X-ray Microanalysis (4th ed., 2018), ch. 16. */
    public static final double FANO = 0.114, PAIR_EV = 3.85;
    public static final double MN_KA_KEV = 5.899;

    /** One family of lines of an element; unit amplitude = one count in the whole family. */
    public record Family(String element, String family, List<XrayLines.Line> lines) {
        public String label() { return element + " " + family; }
        public double mainKeV() { return lines.get(0).energyKeV(); }
    }

    /** The model fitted to a summed spectrum. */
    public record Fitted(List<Family> families, double[] amplitudes, double[] background, double[] model,
                         double reducedChiSquare, List<String> contaminantsKept, List<String> contaminantsDropped) {}

    private final EnergyAxis axis;
    private final int channels;
    private final EdsParams params;
    private final double[] keV;
    private final int from, to;

    private final double offsetEv, gain;

    public EdsModel(EnergyAxis axis, int channels, EdsParams params) {
        this(axis, channels, params, 0, 1);
    }

    /**
     * A model on a corrected axis: channel c sits at {@code E + offsetEv + (gain − 1)(E − 5 keV)}
     * (the gain pivots at 5 keV so that offset and gain are nearly independent).
     */
    public EdsModel(EnergyAxis axis, int channels, EdsParams params, double offsetEv, double gain) {
        this.axis = axis;
        this.channels = channels;
        this.params = params;
        this.offsetEv = offsetEv;
        this.gain = gain;
        double k = axis.toEv() / 1000.0;
        keV = new double[channels];
        for (int c = 0; c < channels; c++) {
            double e = axis.energy(c) * k;
            keV[c] = e + offsetEv / 1000.0 + (gain - 1) * (e - 5.0);
        }
        int f = 0;
        while (f < channels && keV[f] < params.fitFromKeV()) f++;
        int t = channels;
        while (t > f && keV[t - 1] > params.fitToKeV()) t--;
        if (t - f < 20) throw new TridentException("the EDS fit range " + params.fitFromKeV() + "–" + params.fitToKeV()
                + " keV holds only " + (t - f) + " channels of the energy axis");
        from = f;
        to = t;
    }

    public double offsetEv() { return offsetEv; }
    public double gain() { return gain; }
    public int fitFrom() { return from; }
    public int fitTo() { return to; }
    public double[] energiesKeV() { return keV.clone(); }
    public double channelWidthKeV() { return Math.abs(axis.scale() * axis.toEv() / 1000.0 * gain); }

    /** Detector FWHM (eV) at an energy (keV) by the Fano relation, pinned at Mn Kα. */
    public static double fwhmEv(double energyKeV, double fwhmMnKaEv) {
        double v = fwhmMnKaEv * fwhmMnKaEv + 8 * Math.log(2) * FANO * PAIR_EV * (energyKeV - MN_KA_KEV) * 1000.0;
        return Math.sqrt(Math.max(v, 100.0));
    }

    /** Families of an element whose main line lies inside the fitted range. */
    public List<Family> familiesOf(String element) {
        List<Family> out = new ArrayList<>();
        for (String fam : List.of("K", "L", "M")) {
            List<XrayLines.Line> l = XrayLines.family(element, fam);
            if (!l.isEmpty() && l.get(0).energyKeV() >= keV[from] && l.get(0).energyKeV() <= keV[to - 1]) out.add(new Family(element, fam, l));
        }
        return out;
    }

    /** The family whose net counts make {@code EDS:<El>}, or null when it is outside the range. */
    public Family quantFamily(String element) {
        String f = XrayLines.quantFamily(element);
        return familiesOf(element).stream().filter(x -> x.family().equals(f)).findFirst().orElse(null);
    }

    /** A family's counts per channel for unit total (bin integrals of its Gaussians; weights sum to 1). */
    public double[] column(Family f) {
        double[] col = new double[channels];
        double wsum = 0;
        for (XrayLines.Line l : f.lines()) wsum += l.weight();
        double half = channelWidthKeV() / 2;
        for (XrayLines.Line l : f.lines()) {
            double sigma = fwhmEv(l.energyKeV(), params.fwhmMnKaEv()) / 1000.0 / (2 * Math.sqrt(2 * Math.log(2)));
            double w = l.weight() / wsum;
            for (int c = 0; c < channels; c++) {
                double d = keV[c] - l.energyKeV();
                if (Math.abs(d) > 8 * sigma + half) continue;
                col[c] += w * 0.5 * (Special.erf((d + half) / (sigma * Math.sqrt(2))) - Special.erf((d - half) / (sigma * Math.sqrt(2))));
            }
        }
        return col;
    }

    /** Cubic B-spline background basis on the fitted range; knots denser at low energy where absorption bends it. */
    public double[][] splineBasis() {
        List<Double> knots = new ArrayList<>();
        double e = keV[from], end = keV[to - 1];
        while (e < end) {
            knots.add(e);
            e += Math.max(0.12, Math.min(params.knotStepKeV(), 0.05 + 0.25 * e));
        }
        knots.add(end);
        int n = knots.size();
        double h0 = knots.get(1) - knots.get(0), h1 = knots.get(n - 1) - knots.get(n - 2);
        double[] t = new double[n + 6];
        for (int i = 0; i < 3; i++) t[i] = knots.get(0) - (3 - i) * h0;
        for (int i = 0; i < n; i++) t[3 + i] = knots.get(i);
        for (int i = 0; i < 3; i++) t[3 + n + i] = knots.get(n - 1) + (i + 1) * h1;
        int nb = t.length - 4;
        double[][] b = new double[nb][channels];
        for (int c = from; c < to; c++) {
            for (int i = 0; i < nb; i++) b[i][c] = bspline3(t, i, keV[c]);
        }
        return b;
    }

    private static double bspline3(double[] t, int i, double x) {
        if (x < t[i] || x >= t[i + 4]) return 0;
        double[] n = new double[4];
        for (int j = 0; j < 4; j++) n[j] = (x >= t[i + j] && x < t[i + j + 1]) ? 1 : 0;
        for (int k = 1; k <= 3; k++) {
            for (int j = 0; j + k < 4; j++) {
                double a = t[i + j + k] - t[i + j], b = t[i + j + k + 1] - t[i + j + 1];
                n[j] = (a > 0 ? (x - t[i + j]) / a * n[j] : 0) + (b > 0 ? (t[i + j + k + 1] - x) / b * n[j + 1] : 0);
            }
        }
        return n[0];
    }

    /**
     * Fits the summed spectrum with non-negative amplitudes (families and spline coefficients).
     * Contaminants not asked for are kept only when their amplitude exceeds 5 standard deviations.
     */
    public Fitted fitSum(double[] sum, List<String> elements) {
        Set<String> must = new LinkedHashSet<>(elements);
        must.addAll(params.extraElements());
        List<String> optional = new ArrayList<>();
        if (params.autoContaminants()) for (String c : EdsParams.CONTAMINANTS) if (!must.contains(c)) optional.add(c);
        List<Family> fams = new ArrayList<>();
        for (String el : must) fams.addAll(familiesOf(el));
        for (String el : elements) {
            if (quantFamily(el) == null) throw new TridentException("the " + XrayLines.quantFamily(el) + " lines of " + el
                    + " lie outside the EDS fit range " + keV[from] + "–" + keV[to - 1] + " keV");
        }
        List<Family> opt = new ArrayList<>();
        for (String el : optional) opt.addAll(familiesOf(el));
        double[][] spl = splineBasis();
        double[] w = new double[channels];
        for (int c = from; c < to; c++) w[c] = 1.0 / Math.max(sum[c], 1.0);
        Solved s = solve(sum, w, fams, opt, spl);
        List<String> kept = new ArrayList<>(), dropped = new ArrayList<>();
        List<Family> keepOpt = new ArrayList<>();
        double lineTotal = 0;
        for (int i = 0; i < fams.size() + opt.size(); i++) lineTotal += s.x[i];
        for (String el : optional) {
            // an element counts as present when its decisive family (K when in range, else L) is
            // above 5 standard deviations and 1 % of all line counts; its other families follow it
            List<Family> of = familiesOf(el);
            if (of.isEmpty()) continue;
            Family decisive = of.stream().filter(f -> f.family().equals("K")).findFirst().orElse(of.get(0));
            int i = fams.size() + opt.indexOf(decisive);
            double a = s.x[i], sd = Math.sqrt(s.var[i]);
            if (a > 5 * sd && a > 0.01 * lineTotal) keepOpt.addAll(of);
        }
        for (String el : optional) {
            if (keepOpt.stream().anyMatch(f -> f.element().equals(el))) kept.add(el);
            else if (!familiesOf(el).isEmpty()) dropped.add(el);
        }
        s = solve(sum, w, fams, keepOpt, spl);
        List<Family> all = new ArrayList<>(fams);
        all.addAll(keepOpt);
        double[] amp = java.util.Arrays.copyOf(s.x, all.size());
        double[] bg = new double[channels];
        for (int i = 0; i < spl.length; i++) {
            double a = s.x[all.size() + i];
            if (a != 0) for (int c = from; c < to; c++) bg[c] += a * spl[i][c];
        }
        double[] model = bg.clone();
        for (int i = 0; i < all.size(); i++) {
            double[] col = column(all.get(i));
            for (int c = from; c < to; c++) model[c] += amp[i] * col[c];
        }
        double chi = 0;
        for (int c = from; c < to; c++) chi += (sum[c] - model[c]) * (sum[c] - model[c]) / Math.max(model[c], 1.0);
        int dof = Math.max(1, to - from - all.size() - spl.length);
        return new Fitted(List.copyOf(all), amp, bg, model, chi / dof, kept, dropped);
    }

    /**
     * Reduced chi-square of a non-negative fit of the given families (taken by element and
     * family from another model) and this model's background, without the contaminant search:
     * the cheap figure of merit of the energy-axis refinement.
     */
    public double chiSquare(double[] sum, List<Family> families) {
        List<Family> fams = new ArrayList<>();
        for (Family f : families) {
            for (Family g : familiesOf(f.element())) if (g.family().equals(f.family())) fams.add(g);
        }
        double[][] spl = splineBasis();
        int k = fams.size() + spl.length;
        double[][] cols = new double[k][];
        for (int i = 0; i < fams.size(); i++) cols[i] = column(fams.get(i));
        for (int i = 0; i < spl.length; i++) cols[fams.size() + i] = spl[i];
        double[] w = new double[channels];
        for (int c = from; c < to; c++) w[c] = 1.0 / Math.max(sum[c], 1.0);
        double[][] g = LeastSquares.gram(cols, w);
        for (int a = 0; a < k; a++) g[a][a] += 1e-12 * (g[a][a] + 1e-30);
        double[] x = Nnls.solve(g, LeastSquares.project(cols, w, sum));
        double chi = 0;
        for (int c = from; c < to; c++) {
            double m = 0;
            for (int a = 0; a < k; a++) if (x[a] != 0) m += x[a] * cols[a][c];
            chi += (sum[c] - m) * (sum[c] - m) / Math.max(m, 1.0);
        }
        return chi / Math.max(1, to - from - k);
    }

    private record Solved(double[] x, double[] var) {}

    private Solved solve(double[] y, double[] w, List<Family> fams, List<Family> opt, double[][] spl) {
        int k = fams.size() + opt.size() + spl.length;
        double[][] cols = new double[k][];
        int i = 0;
        for (Family f : fams) cols[i++] = column(f);
        for (Family f : opt) cols[i++] = column(f);
        for (double[] b : spl) cols[i++] = b;
        double[] q = LeastSquares.project(cols, w, y);
        double[][] g = LeastSquares.gram(cols, w);
        for (int a = 0; a < k; a++) g[a][a] += 1e-12 * (g[a][a] + 1e-30);
        return new Solved(Nnls.solve(g, q), LeastSquares.varianceDiagonal(cols, w));
    }

    /**
     * The per-pixel operator: rows of the weighted pseudo-inverse of [families…, background shape]
     * over the fitted range, weights 1/model of the summed fit (fixed, so the amplitudes stay
     * linear). One output per family, named by its label ("Mn K"), giving its net counts, and
     * {@code background}, the scale of the summed background shape.
     */
    public LinearMap linearMap(Fitted fit) {
        int k = fit.families().size() + 1;
        double[][] cols = new double[k][];
        String[] names = new String[k];
        for (int i = 0; i < fit.families().size(); i++) {
            cols[i] = column(fit.families().get(i));
            names[i] = fit.families().get(i).label();
        }
        cols[k - 1] = fit.background().clone();
        names[k - 1] = "background";
        double mean = 0;
        for (int c = from; c < to; c++) mean += fit.model()[c];
        mean /= (to - from);
        double[] w = new double[channels];
        for (int c = from; c < to; c++) w[c] = 1.0 / Math.max(fit.model()[c], 1e-3 * mean + 1e-30);
        double[][] p = LeastSquares.pseudoInverse(cols, w, names);
        LinearMap m = new LinearMap(channels);
        for (int i = 0; i < k; i++) m.add(names[i], p[i]);
        return m;
    }

    /**
     * The window method: counts in [E − h·FWHM, E + h·FWHM] around the main line minus the mean
     * of two side windows one FWHM wide, scaled so that a pure family gives its total counts.
     * Overlaps are not separated (that is what the fit is for).
     */
    public LinearMap windowMap(List<String> elements, double halfWidthFwhm) {
        LinearMap m = new LinearMap(channels);
        for (String el : elements) {
            Family f = quantFamily(el);
            if (f == null) throw new TridentException("the " + XrayLines.quantFamily(el) + " lines of " + el + " lie outside the EDS spectrum");
            double e = f.mainKeV(), fw = fwhmEv(e, params.fwhmMnKaEv()) / 1000.0;
            double[] v = new double[channels];
            int nIn = 0, nL = 0, nR = 0;
            for (int c = 0; c < channels; c++) {
                double d = keV[c] - e;
                if (Math.abs(d) <= halfWidthFwhm * fw) nIn++;
                else if (d < -halfWidthFwhm * fw && d >= -(halfWidthFwhm + 1) * fw) nL++;
                else if (d > halfWidthFwhm * fw && d <= (halfWidthFwhm + 1) * fw) nR++;
            }
            if (nIn == 0 || nL == 0 || nR == 0) throw new TridentException("the EDS window of " + el + " does not fit on the energy axis");
            for (int c = 0; c < channels; c++) {
                double d = keV[c] - e;
                if (Math.abs(d) <= halfWidthFwhm * fw) v[c] = 1;
                else if (d < -halfWidthFwhm * fw && d >= -(halfWidthFwhm + 1) * fw) v[c] = -0.5 * nIn / nL;
                else if (d > halfWidthFwhm * fw && d <= (halfWidthFwhm + 1) * fw) v[c] = -0.5 * nIn / nR;
            }
            double[] col = column(f);
            double resp = 0;
            for (int c = 0; c < channels; c++) resp += v[c] * col[c];
            for (int c = 0; c < channels; c++) v[c] /= resp;
            m.add("EDS:" + el, v);
        }
        return m;
    }
}
