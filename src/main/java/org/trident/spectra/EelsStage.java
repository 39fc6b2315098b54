package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EELS quantification of one core-loss channel: edges and windows (refined on the series sum),
 * per-tilt energy corrections and power-law exponents, references normalised per element, the
 * valence calibration, and one per-pixel operator per tilt.
 */
public final class EelsStage {
    private final Channel channel;
    private final EelsParams params;
    private final EelsModel model;
    private final List<EdgeWindows> edges = new ArrayList<>();
    private final double[] shifts;
    private final double[][] exponents;
    private final double[] seriesExponents;
    private final LinearMap[] maps;
    private final Map<String, List<References.Reference>> refs = new LinkedHashMap<>();
    private final Map<String, Double> refScales = new LinkedHashMap<>();
    private final Map<String, double[]> refWindows = new LinkedHashMap<>();
    private final ObjectNode calibration;
    private final List<MapSpec> specs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final References references;

    EelsStage(Channel ch, EelsParams p, References references, double[][] tiltSums, List<String> warnings) {
        this.channel = ch;
        this.params = p;
        this.references = references;
        int n = ch.spectra().channels(), tilts = tiltSums.length;
        if (ch.energyAxis().scale() < 0) throw new TridentException("EELS channel " + ch.name() + " has a decreasing energy axis (scale "
                + ch.energyAxis().scale() + "); energy loss must grow with the channel index");
        model = new EelsModel(ch.energyAxis(), n);
        double[] series = new double[n];
        for (double[] s : tiltSums) for (int c = 0; c < n; c++) series[c] += s[c];
        double lo = model.firstEv(), hi = model.lastEv();
        // edges: O K, then the white lines that fit on the axis
        EdgeWindows ok = override(EdgeWindows.kEdge("O", EelsEdges.kEdge("O").onsetEv()));
        if (p.oxygen()) {
            if (ok.outside(lo, hi).isEmpty()) edges.add(ok);
            else notes.add("O K not measured: its windows " + ok.outside(lo, hi) + " leave the axis " + lo + "–" + hi + " eV");
        }
        List<String> els = p.elements() != null ? p.elements() : EelsParams.WHITE_LINE_DEFAULTS;
        for (String el : els) {
            EelsEdges.WhiteLine wl = EelsEdges.whiteLine(el);
            if (wl == null) throw new TridentException("EELS element " + el + " has no L2,3 edge in Trident's table");
            EdgeWindows w = override(EdgeWindows.whiteLine(el, wl.l3Ev(), wl.l3Ev() + wl.splitEv()));
            if (!w.outside(lo, hi).isEmpty()) {
                String msg = el + " L2,3 not measured: its windows " + w.outside(lo, hi) + " leave the axis " + lo + "–" + hi + " eV";
                notes.add(msg);
                if (p.elements() != null) warnings.add(msg);
                continue;
            }
            if (p.refinePeaks()) w = refine(w, series, wl, warnings);
            edges.add(w);
        }
        if (edges.isEmpty()) warnings.add("EELS channel " + ch.name() + ": no edge fits on its axis " + lo + "–" + hi + " eV");
        seriesExponents = new double[edges.size()];
        for (int i = 0; i < edges.size(); i++) seriesExponents[i] = exponentOr(series, edges.get(i).preEdge(), Double.NaN, warnings);
        shifts = new double[tilts];
        if (p.alignTilts()) {
            List<double[]> ranges = new ArrayList<>();
            for (EdgeWindows w : edges) ranges.add(new double[]{w.preEdge()[1], w.isWhiteLine() ? w.post()[0] : w.l23()[1]});
            for (int t = 0; t < tilts; t++) shifts[t] = model.shift(series, tiltSums[t], ranges, p.maxShiftEv());
        }
        exponents = new double[tilts][edges.size()];
        for (int t = 0; t < tilts; t++) {
            for (int i = 0; i < edges.size(); i++) {
                exponents[t][i] = p.exponentPerTilt()
                        ? exponentOr(tiltSums[t], edges.get(i).shifted(shifts[t]).preEdge(), seriesExponents[i], null)
                        : seriesExponents[i];
            }
        }
        if (references != null) prepareReferences(warnings);
        maps = new LinearMap[tilts];
        for (int t = 0; t < tilts; t++) {
            boolean same = t > 0 && shifts[t] == shifts[0] && java.util.Arrays.equals(exponents[t], exponents[0]);
            maps[t] = same ? maps[0] : buildMap(shifts[t], exponents[t], tiltSums[t]);
        }
        for (var o : maps.length > 0 ? maps[0].outputs() : List.<LinearMap.Output>of()) specs.add(spec(o.name()));
        calibration = calibrate(warnings);
    }

    private EdgeWindows override(EdgeWindows w) {
        ObjectNode o = params.windows().get(w.element());
        return o == null ? w : w.with(o);
    }

    /** Moves L3/L2 (and default windows) to the maxima of the background-subtracted series sum. */
    private EdgeWindows refine(EdgeWindows w, double[] series, EelsEdges.WhiteLine wl, List<String> warnings) {
        double r = model.exponent(series, w.preEdge());
        if (!Double.isFinite(r)) return w;
        double[] b = model.subtractBackground(series, w.preEdge(), r);
        double e3 = model.peak(b, w.l3Ev(), 5.0);
        if (!Double.isFinite(e3)) {
            notes.add(w.element() + " L3 maximum not found on the summed spectrum; nominal " + w.l3Ev() + " eV kept");
            return w;
        }
        double e2 = model.peak(b, e3 + wl.splitEv(), 3.0);
        if (!Double.isFinite(e2)) e2 = e3 + wl.splitEv();
        if (Math.abs(e3 - wl.l3Ev()) > 3.5) warnings.add(String.format(java.util.Locale.ROOT,
                "%s L3 found at %.1f eV, %.1f eV from its usual %.1f eV: check the EELS energy axis", w.element(), e3, e3 - wl.l3Ev(), wl.l3Ev()));
        EdgeWindows d = EdgeWindows.whiteLine(w.element(), e3, e2);
        ObjectNode o = params.windows().get(w.element());
        return o == null ? d : d.with(o);
    }

    private double exponentOr(double[] sum, double[] pre, double fallback, List<String> warnings) {
        double r = model.exponent(sum, pre);
        if (Double.isFinite(r) && r > 0 && r < 10) return r;
        if (Double.isFinite(fallback)) return fallback;
        if (warnings != null) warnings.add("power-law exponent could not be fitted in " + pre[0] + "–" + pre[1] + " eV; r = 3 used");
        return 3.0;
    }

    private void prepareReferences(List<String> warnings) {
        for (EdgeWindows w : edges) {
            if (!w.isWhiteLine()) continue;
            List<References.Reference> of = references.of(w.element());
            if (of.isEmpty()) continue;
            boolean userWindow = params.windows().containsKey(w.element()) && params.windows().get(w.element()).has("refNorm");
            for (References.Reference r : of) {
                // the reference file's own post-edge window wins unless the user set one
                double[] win = r.postEdgeWindowEv() != null && !userWindow ? r.postEdgeWindowEv() : w.refNorm();
                double[] on = references.onAxis(r, channel.energyAxis(), model.channels(), 0);
                double area = EelsModel.dot(model.window(win), on);
                if (!(area > 0)) throw new TridentException(references.file() + ": reference " + r.name() + " has no positive area in its normalisation window "
                        + win[0] + "–" + win[1] + " eV");
                refScales.put(r.name(), 1.0 / area);
                refWindows.put(r.name(), win);
            }
            refs.put(w.element(), of);
        }
        for (References.Reference r : references.list()) {
            if (!refScales.containsKey(r.name())) warnings.add("reference " + r.name() + " (" + r.element() + ") not used: its edge is not measured");
        }
    }

    private LinearMap buildMap(double shift, double[] r, double[] tiltSum) {
        LinearMap m = new LinearMap(model.channels());
        for (int i = 0; i < edges.size(); i++) {
            EdgeWindows w = edges.get(i).shifted(shift);
            if (!w.isWhiteLine()) {
                model.addKEdge(m, w, r[i]);
                continue;
            }
            model.addWhiteLine(m, w, r[i], shift);
            List<References.Reference> of = refs.get(w.element());
            if (of == null) continue;
            List<String> names = new ArrayList<>();
            List<double[]> spectra = new ArrayList<>();
            for (References.Reference ref : of) {
                double[] on = references.onAxis(ref, channel.energyAxis(), model.channels(), shift);
                double s = refScales.get(ref.name());
                for (int c = 0; c < on.length; c++) on[c] *= s;
                names.add(ref.name());
                spectra.add(on);
            }
            model.addMlls(m, w, r[i], names, spectra, tiltSum);
        }
        return m;
    }

    private MapSpec spec(String name) {
        String rest = name.substring("EELS:".length());
        String el = rest.substring(0, rest.indexOf('-'));
        String what = rest.substring(rest.indexOf('-') + 1);
        ObjectNode ref = null;
        String units = "counts";
        for (References.Reference r : refs.getOrDefault(el, List.of())) {
            if (r.name().equals(what)) {
                ref = Json.object().put("element", r.element()).put("valence", r.valence()).put("name", r.name());
                units = "reference amounts (unit area in the post-edge window)";
            }
        }
        if (what.equals("L3E")) units = "counts x eV";
        return new MapSpec(name, el, channel.name(), ref, units);
    }

    /** Valence calibration: each standard's own L3/L2 and L3 position by the same operator, or the user's table. */
    private ObjectNode calibrate(List<String> warnings) {
        ObjectNode cal = Json.object();
        if (params.calibration() != null) {
            params.calibration().fields().forEachRemaining(e -> {
                ObjectNode c = cal.putObject(e.getKey());
                c.put("source", "user calibration table");
                c.set("points", e.getValue().path("points").deepCopy());
                ValenceCalibration.addFits(c);
            });
            return cal;
        }
        if (refs.isEmpty()) return cal;
        LinearMap m0 = buildMap(0, seriesExponents, new double[model.channels()]);
        for (var e : refs.entrySet()) {
            String el = e.getKey();
            ObjectNode c = cal.putObject(el);
            c.put("source", "references, measured with the same windows and continuum as the data");
            ArrayNode pts = c.putArray("points");
            for (References.Reference r : e.getValue()) {
                double[] on = references.onAxis(r, channel.energyAxis(), model.channels(), 0);
                float[] f = new float[on.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) on[i];
                double[] v = m0.apply(f);
                double l3 = v[m0.index("EELS:" + el + "-L3")], l2 = v[m0.index("EELS:" + el + "-L2")], l3e = v[m0.index("EELS:" + el + "-L3E")];
                pts.addObject().put("reference", r.name()).put("valence", r.valence()).put("l3l2", l3 / l2).put("l3PositionEv", l3e / l3);
            }
            ValenceCalibration.addFits(c);
            if (!c.has("l3l2Fit")) warnings.add(el + " valence calibration needs references of at least two valences; only points stored");
        }
        return cal;
    }

    public Channel channel() { return channel; }
    public EelsModel model() { return model; }
    public List<EdgeWindows> edges() { return edges; }
    public double shiftEv(int tilt) { return shifts[tilt]; }
    public LinearMap map(int tilt) { return maps[tilt]; }
    public List<MapSpec> specs() { return specs; }
    public ObjectNode calibration() { return calibration; }
    public List<String> notes() { return notes; }

    /** References used, with the scale that brought each to unit post-edge area (top-level quantification). */
    public ArrayNode referencesJson() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (var e : refs.entrySet()) {
            for (References.Reference r : e.getValue()) {
                a.addObject().put("name", r.name()).put("element", r.element()).put("valence", r.valence())
                        .put("scale", refScales.get(r.name())).put("channel", "EELS:" + r.element() + "-" + r.name())
                        .putArray("normalisationWindowEv").add(refWindows.get(r.name())[0]).add(refWindows.get(r.name())[1]);
            }
        }
        return a;
    }

    /** The fit of one spectrum of tilt {@code t}: background, continuum and windows of each edge, and the map values. */
    public SpectrumFit fit(int t, float[] spectrum) {
        int n = spectrum.length;
        double[] e = model.energiesEv();
        double[] data = new double[n], bg = new double[n], mod = new double[n], res = new double[n];
        for (int c = 0; c < n; c++) data[c] = spectrum[c];
        Map<String, double[]> comps = new LinkedHashMap<>();
        List<SpectrumFit.Window> wins = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            EdgeWindows w = edges.get(i).shifted(shifts[t]);
            double[] x = model.powerLaw(exponents[t][i]);
            double amp = EelsModel.dot(model.amplitudeVector(w.preEdge(), x), data);
            double[] curve = new double[n];
            double[] win = model.window(new double[]{w.preEdge()[0], w.isWhiteLine() ? w.post()[1] : w.l23()[1]});
            for (int c = 0; c < n; c++) curve[c] = win[c] > 0 ? amp * x[c] : Double.NaN;
            comps.put(w.element() + " background", curve);
            wins.add(new SpectrumFit.Window(w.element() + " pre-edge", w.preEdge()[0], w.preEdge()[1]));
            if (w.isWhiteLine()) {
                double[] step = model.doubleStep(w.l3Ev(), w.l2Ev());
                double h = EelsModel.dot(model.meanVector(w.post()), subtract(data, amp, x));
                double[] cont = new double[n];
                for (int c = 0; c < n; c++) cont[c] = win[c] > 0 ? amp * x[c] + h * step[c] : Double.NaN;
                comps.put(w.element() + " background + continuum", cont);
                wins.add(new SpectrumFit.Window(w.element() + " L3", w.l3()[0], w.l3()[1]));
                wins.add(new SpectrumFit.Window(w.element() + " L2", w.l2()[0], w.l2()[1]));
                wins.add(new SpectrumFit.Window(w.element() + " continuum height", w.post()[0], w.post()[1]));
                wins.add(new SpectrumFit.Window(w.element() + " L23", w.l23()[0], w.l23()[1]));
            } else {
                wins.add(new SpectrumFit.Window(w.element() + " K", w.l23()[0], w.l23()[1]));
            }
        }
        // the background shown is the nearest edge's power law below each channel
        for (int c = 0; c < n; c++) {
            bg[c] = Double.NaN;
            for (var cv : comps.entrySet()) if (cv.getKey().endsWith(" background") && Double.isFinite(cv.getValue()[c])) bg[c] = cv.getValue()[c];
            mod[c] = bg[c];
            res[c] = Double.isFinite(bg[c]) ? data[c] - bg[c] : 0;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        double[] v = maps[t].apply(spectrum);
        for (int i = 0; i < v.length; i++) values.put(maps[t].outputs().get(i).name(), v[i]);
        return new SpectrumFit("eV", e, data, bg, mod, res, comps, wins, values);
    }

    private static double[] subtract(double[] d, double a, double[] x) {
        double[] o = new double[d.length];
        for (int i = 0; i < o.length; i++) o[i] = d[i] - a * x[i];
        return o;
    }

    /** Everything about this stage for quantification.json. */
    public ObjectNode record() {
        ObjectNode o = Json.object();
        o.put("channel", channel.name());
        o.put("background", "power law A*E^-r per edge: r by weighted log-log least squares on the summed spectrum ("
                + (params.exponentPerTilt() ? "per tilt" : "series") + "), A per pixel = pre-edge counts / pre-edge sum of E^-r (linear)");
        o.put("whiteLines", "Pearson double-step continuum (2/3 at the L3 maximum, 1/3 at the L2 maximum, height = mean background-subtracted counts in 'post'); L3, L2 = window sums of (data - background - continuum); L3E = same with each channel times its energy");
        o.put("mlls", "weighted (1/summed counts) unconstrained least squares of [E^-r, E^-r ln(E/E_L3), references] over 'mlls'; references normalised to unit area in their postEdgeWindowEv when the reference file gives one, else in 'refNorm'");
        ArrayNode ed = o.putArray("edges");
        for (int i = 0; i < edges.size(); i++) {
            ObjectNode w = edges.get(i).toJson();
            w.put("seriesExponent", seriesExponents[i]);
            ArrayNode rs = w.putArray("exponentPerTilt");
            for (double[] r : exponents) rs.add(r[i]);
            ed.add(w);
        }
        ArrayNode sh = o.putArray("energyShiftEvPerTilt");
        for (double s : shifts) sh.add(s);
        o.put("energyAlignment", params.alignTilts() ? "per tilt, edges aligned to the series sum" : "off");
        ArrayNode nn = o.putArray("notes");
        notes.forEach(nn::add);
        return o;
    }
}
