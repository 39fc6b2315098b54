package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EDS quantification of one spectrum channel: the element list and k-factors, the model fitted
 * to the series-summed spectrum, and the per-pixel operator giving {@code EDS:<El>} net counts.
 */
public final class EdsStage {
    /** Trident's default element list for NCM (contract section 2). */
    public static final List<String> NCM_ELEMENTS = List.of("Ni", "Co", "Mn", "O");
    /**
     * Default k-factors (relative to Mn, for K-family net counts): the values of the contract's
     * bundle example (section 2). They are placeholders of the right size, not standards: users
     * pass measured ones in the bundle or with --k-factor.
     */
    public static final Map<String, Double> DEFAULT_K = Map.of("Ni", 1.16, "Co", 1.08, "Mn", 1.0, "O", 2.9);

    private final Channel channel;
    private final EdsParams params;
    private final List<String> elements;
    private final Map<String, Double> kFactors = new LinkedHashMap<>();
    private String kSource;
    private final EdsModel model;
    private final EdsModel.Fitted fit;
    private final LinearMap full;
    private final LinearMap written;
    private final double[] sum;

    EdsStage(TiltSeries ts, Channel ch, EdsParams p, Map<String, Double> kOverride, double[] seriesSum, List<String> warnings) {
        this.channel = ch;
        this.params = p;
        this.sum = seriesSum;
        ObjectNode q = ch.extra().path("quantification").isObject() ? (ObjectNode) ch.extra().get("quantification") : Json.object();
        List<String> els = new ArrayList<>();
        if (p.elements() != null) els.addAll(p.elements());
        else if (q.path("elements").isArray() && !q.get("elements").isEmpty()) q.get("elements").forEach(e -> els.add(e.asText()));
        else {
            els.addAll(NCM_ELEMENTS);
            String mat = ts.extra().path("sample").path("material").asText("");
            if (!mat.toUpperCase(java.util.Locale.ROOT).matches(".*(NCM|NMC).*")) {
                warnings.add("EDS channel " + ch.name() + " lists no elements and the material '" + mat
                        + "' has no default list; quantified NCM's Ni, Co, Mn, O");
            }
        }
        for (String e : els) if (!XrayLines.known(e)) throw new org.trident.model.TridentException("EDS element " + e + " of channel " + ch.name() + " has no X-ray lines in Trident's library");
        elements = List.copyOf(els);
        List<String> fromDefaults = new ArrayList<>();
        for (String e : elements) {
            if (kOverride != null && kOverride.containsKey(e)) kFactors.put(e, kOverride.get(e));
            else if (q.path("kFactors").path(e).isNumber()) kFactors.put(e, q.path("kFactors").get(e).asDouble());
            else {
                kFactors.put(e, DEFAULT_K.getOrDefault(e, 1.0));
                fromDefaults.add(e);
            }
        }
        if (fromDefaults.isEmpty()) kSource = kOverride != null && !kOverride.isEmpty() ? "given on the command line / in the parameters" : "bundle EDS channel quantification";
        else {
            kSource = "Trident defaults (docs/quantification.md; the contract's example values, not standards) for " + String.join(", ", fromDefaults);
            warnings.add("EDS k-factors of " + String.join(", ", fromDefaults) + " are Trident's defaults, not measured standards");
        }
        EdsModel m = new EdsModel(ch.energyAxis(), ch.spectra().channels(), p);
        EdsModel.Fitted f = m.fitSum(seriesSum, elements);
        if (p.refineEnergy()) {
            // coordinate search on the summed fit's chi-square: offset coarse, gain, offset fine
            double bestOff = 0, bestGain = 1, best = m.chiSquare(seriesSum, f.families());
            for (double[] grid : new double[][]{{-50, 50, 5, 0}, {-0.01, 0.01, 0.0025, 1}, {-4, 4, 1, 0}}) {
                double cOff = bestOff, cGain = bestGain;
                for (double v = grid[0]; v <= grid[1] + 1e-9; v += grid[2]) {
                    double off = grid[3] == 0 ? cOff + v : cOff, gain = grid[3] == 1 ? cGain + v : cGain;
                    EdsModel trial = new EdsModel(ch.energyAxis(), ch.spectra().channels(), p, off, gain);
                    double chi;
                    try {
                        chi = trial.chiSquare(seriesSum, f.families());
                    } catch (org.trident.model.TridentException e) {
                        continue;
                    }
                    if (chi < best * (1 - 1e-9)) { best = chi; bestOff = off; bestGain = gain; }
                }
            }
            if (bestOff != 0 || bestGain != 1) {
                m = new EdsModel(ch.energyAxis(), ch.spectra().channels(), p, bestOff, bestGain);
                f = m.fitSum(seriesSum, elements);
            }
            if (Math.abs(bestOff) >= 20 || Math.abs(bestGain - 1) >= 0.005) warnings.add(String.format(java.util.Locale.ROOT,
                    "EDS energy axis of %s corrected by %+.0f eV and gain %.4f on the summed spectrum; check its calibration", ch.name(), bestOff, bestGain));
        }
        model = m;
        fit = f;
        full = model.linearMap(fit);
        if (p.method() == EdsParams.Method.WINDOW) {
            written = model.windowMap(elements, 1.2);
        } else {
            written = new LinearMap(full.channels());
            for (String e : elements) written.add("EDS:" + e, full.full(full.index(model.quantFamily(e).label())));
        }
    }

    public Channel channel() { return channel; }
    public List<String> elements() { return elements; }
    public Map<String, Double> kFactors() { return kFactors; }
    public String kFactorSource() { return kSource; }
    public EdsModel model() { return model; }
    public EdsModel.Fitted fitted() { return fit; }
    /** The operator whose outputs are written, one {@code EDS:<El>} per element. */
    public LinearMap map() { return written; }

    /** The fit of one spectrum (a pixel or a region sum) with the fixed model: what the map does, shown. */
    public SpectrumFit fit(float[] spectrum) {
        double[] amp = full.apply(spectrum);
        int n = spectrum.length;
        double[] e = model.energiesKeV();
        double[] data = new double[n], bg = new double[n], mod = new double[n], res = new double[n];
        Map<String, double[]> comps = new LinkedHashMap<>();
        int k = fit.families().size();
        for (int c = 0; c < n; c++) {
            data[c] = spectrum[c];
            bg[c] = amp[k] * fit.background()[c];
        }
        for (int i = 0; i < k; i++) {
            double[] col = model.column(fit.families().get(i));
            double[] curve = new double[n];
            for (int c = 0; c < n; c++) curve[c] = amp[i] * col[c];
            comps.put(fit.families().get(i).label(), curve);
        }
        for (int c = 0; c < n; c++) {
            mod[c] = bg[c];
            for (double[] cv : comps.values()) mod[c] += cv[c];
            res[c] = c >= model.fitFrom() && c < model.fitTo() ? data[c] - mod[c] : 0;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        double[] w = written.apply(spectrum);
        for (int i = 0; i < written.size(); i++) values.put(written.outputs().get(i).name(), w[i]);
        List<SpectrumFit.Window> wins = new ArrayList<>();
        wins.add(new SpectrumFit.Window("fit range", e[model.fitFrom()], e[model.fitTo() - 1]));
        for (String el : elements) {
            EdsModel.Family f = model.quantFamily(el);
            double fw = EdsModel.fwhmEv(f.mainKeV(), params.fwhmMnKaEv()) / 1000;
            wins.add(new SpectrumFit.Window(el + " " + f.family() + " (±1.2 FWHM)", f.mainKeV() - 1.2 * fw, f.mainKeV() + 1.2 * fw));
        }
        return new SpectrumFit("keV", e, data, bg, mod, res, comps, wins, values);
    }

    /** Everything about this stage for quantification.json. */
    public ObjectNode record() {
        ObjectNode o = Json.object();
        o.put("channel", channel.name());
        o.put("method", params.method() == EdsParams.Method.FIT
                ? "whole-spectrum linear least squares: Gaussian line families + cubic B-spline background fitted (non-negative) to the series-summed spectrum; per-pixel amplitudes of the families and of the fixed background shape by unconstrained weighted linear least squares (weights 1/summed model)"
                : "windows: main line ±1.2 FWHM minus the mean of two side windows one FWHM wide, scaled to the whole family");
        ArrayNode el = o.putArray("elements");
        elements.forEach(el::add);
        ObjectNode k = o.putObject("kFactors");
        kFactors.forEach(k::put);
        o.put("kFactorSource", kSource);
        o.put("fwhmMnKaEv", params.fwhmMnKaEv());
        o.put("energyRefinement", params.refineEnergy() ? "offset (±50 eV) and gain (±1 %, pivot 5 keV) chosen by the summed fit's chi-square" : "off");
        o.put("energyOffsetEv", model.offsetEv());
        o.put("energyGain", model.gain());
        o.put("fwhmModel", "Fano: FWHM(E)^2 = FWHM(Mn Ka)^2 + 8 ln2 F eps (E - 5.899 keV), F = " + EdsModel.FANO + ", eps = " + EdsModel.PAIR_EV + " eV");
        double[] e = model.energiesKeV();
        o.putArray("fitRangeKeV").add(e[model.fitFrom()]).add(e[model.fitTo() - 1]);
        o.put("backgroundModel", "cubic B-spline, knot step min(" + params.knotStepKeV() + ", 0.05 + 0.25 E) keV, at least 0.12 keV (denser where detector absorption bends the continuum)");
        o.put("familyAreaCounts", 1.0);
        o.put("netCounts", "amplitude x family area; each family's Gaussians are normalised to one count in total, so net counts = amplitude");
        ArrayNode fams = o.putArray("families");
        for (int i = 0; i < fit.families().size(); i++) {
            EdsModel.Family f = fit.families().get(i);
            ObjectNode fo = fams.addObject();
            fo.put("element", f.element()).put("family", f.family()).put("summedNetCounts", fit.amplitudes()[i]);
            ArrayNode lines = fo.putArray("lines");
            for (XrayLines.Line l : f.lines()) lines.addObject().put("name", l.name()).put("energyKeV", l.energyKeV()).put("weight", l.weight())
                    .put("fwhmEv", EdsModel.fwhmEv(l.energyKeV(), params.fwhmMnKaEv()));
        }
        ArrayNode kept = o.putArray("contaminantsFound");
        fit.contaminantsKept().forEach(kept::add);
        ArrayNode dropped = o.putArray("contaminantsNotFound");
        fit.contaminantsDropped().forEach(dropped::add);
        o.put("summedFitReducedChiSquare", fit.reducedChiSquare());
        o.put("pca", params.pcaComponents() < 0 ? "off" : params.pcaComponents() == 0 ? "auto (scree)" : params.pcaComponents() + " components");
        return o;
    }
}
