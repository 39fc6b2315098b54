package org.trident.ui;

import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.QuantifyStep;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.spectra.EdsParams;
import org.trident.spectra.QuantModel;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;
import org.trident.spectra.Quantifier;
import org.trident.spectra.References;
import org.trident.spectra.SpectrumFit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.spectra.EdgeWindows;
import org.trident.spectra.EelsEdges;
import org.trident.spectra.EelsParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Quantify step without the toolkit: settings, the prepared model (summed spectra fitted,
 * models fixed), the fit of one pixel or region for display, and the run that makes the
 * per-tilt maps of contract section 5. The settings (EDS line width, fit range and elements;
 * EELS edge windows) are edited here with undo; any edit drops the prepared model, so Run and
 * the displayed fit always use the edited settings.
 */
public final class QuantifyViewModel {
    private TiltSeries series;
    private Path references;
    private Path source;
    private QuantParams params = QuantParams.defaults();
    private QuantModel model;
    private final Deque<QuantParams> undo = new ArrayDeque<>();

    public void setSeries(TiltSeries ts, Path bundlePath) {
        series = ts;
        source = bundlePath;
        model = null;
        references = findReferences(bundlePath);
    }

    public TiltSeries series() { return series; }
    public QuantModel model() { return model; }
    public Path references() { return references; }
    public void setReferences(Path p) { references = p; model = null; }
    public QuantParams params() { return params; }

    public void setEdsMethod(EdsParams.Method m) {
        EdsParams e = params.eds();
        setParams(params.withEds(new EdsParams(e.elements(), e.extraElements(), e.autoContaminants(), e.fwhmMnKaEv(), e.fitFromKeV(),
                e.fitToKeV(), e.knotStepKeV(), m, e.pcaComponents(), e.tiltNormalisation(), e.refineEnergy())));
    }

    /** Changes the settings (undoable); the prepared model no longer matches them and is dropped. */
    public void setParams(QuantParams p) {
        if (p.equals(params)) return;
        undo.push(params);
        while (undo.size() > 100) undo.removeLast();
        params = p;
        model = null;
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public void undo() {
        if (undo.isEmpty()) return;
        params = undo.pop();
        model = null;
    }

    /** Back to the documented defaults (undoable). */
    public void resetDefaults() { setParams(QuantParams.defaults()); }

    /** Detector FWHM at Mn Kα, eV. */
    public void setFwhmMnKa(double ev) {
        EdsParams e = params.eds();
        setParams(params.withEds(new EdsParams(e.elements(), e.extraElements(), e.autoContaminants(), ev, e.fitFromKeV(),
                e.fitToKeV(), e.knotStepKeV(), e.method(), e.pcaComponents(), e.tiltNormalisation(), e.refineEnergy())));
    }

    /** EDS fitted energy range, keV. */
    public void setEdsFitRange(double fromKeV, double toKeV) {
        EdsParams e = params.eds();
        setParams(params.withEds(new EdsParams(e.elements(), e.extraElements(), e.autoContaminants(), e.fwhmMnKaEv(), fromKeV,
                toKeV, e.knotStepKeV(), e.method(), e.pcaComponents(), e.tiltNormalisation(), e.refineEnergy())));
    }

    /** EDS elements written as maps, from text like "Ni, Co, Mn, O"; blank means the bundle's list. */
    public void setEdsElements(String text) {
        setParams(params.withEds(params.eds().withElements(parseElements(text))));
    }

    /** EELS white-line elements, from text like "Mn, Co, Ni"; blank means those whose windows fit on the axis. */
    public void setEelsElements(String text) {
        EelsParams e = params.eels();
        setParams(params.withEels(new EelsParams(parseElements(text), e.oxygen(), e.windows(), e.exponentPerTilt(), e.refinePeaks(),
                e.alignTilts(), e.maxShiftEv(), e.calibration(), e.deconvolve(), e.thickWarn())));
    }

    static List<String> parseElements(String text) {
        if (text == null || text.isBlank()) return null;
        List<String> out = new ArrayList<>();
        for (String s : text.split("[,;\\s]+")) {
            String t = s.trim();
            if (!t.isEmpty()) out.add(Character.toUpperCase(t.charAt(0)) + t.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /**
     * Sets one EELS window of {@code element} (key of {@link EdgeWindows#with}: preEdge, l3, l2,
     * post, l23, refNorm, mlls), eV. It overrides the default (and the refined) window.
     */
    public void setEelsWindow(String element, String key, double from, double to) {
        EelsParams e = params.eels();
        Map<String, ObjectNode> w = new LinkedHashMap<>();
        e.windows().forEach((k, v) -> w.put(k, v.deepCopy()));
        ObjectNode o = w.computeIfAbsent(element, k -> Json.object());
        o.putArray(key).add(from).add(to);
        setParams(params.withEels(new EelsParams(e.elements(), e.oxygen(), Map.copyOf(w), e.exponentPerTilt(), e.refinePeaks(),
                e.alignTilts(), e.maxShiftEv(), e.calibration(), e.deconvolve(), e.thickWarn())));
    }

    /** Plain-language problems with the settings (empty: Run may start). */
    public List<String> problems() { return params.validate(); }

    /** True when Run (and Fit model) may start: spectra present and settings valid. */
    public boolean canRun() { return hasSpectra() && problems().isEmpty(); }

    /** One editable window row: element, key, label (with unit) and [from, to] eV. */
    public record WindowRow(String element, String key, String label, double from, double to) {}

    /**
     * The EELS windows as used: those of the prepared model (peaks refined on the data) when it
     * exists, else the nominal defaults with the overrides applied.
     */
    public List<WindowRow> eelsWindows() {
        List<EdgeWindows> edges = new ArrayList<>();
        if (model != null && model.eels() != null) edges.addAll(model.eels().edges());
        else {
            EelsParams e = params.eels();
            if (e.oxygen()) edges.add(override(EdgeWindows.kEdge("O", EelsEdges.kEdge("O").onsetEv())));
            for (String el : e.elements() != null ? e.elements() : EelsParams.WHITE_LINE_DEFAULTS) {
                EelsEdges.WhiteLine wl = EelsEdges.whiteLine(el);
                if (wl != null) edges.add(override(EdgeWindows.whiteLine(el, wl.l3Ev(), wl.l3Ev() + wl.splitEv())));
            }
        }
        List<WindowRow> rows = new ArrayList<>();
        for (EdgeWindows w : edges) {
            String el = w.element();
            add(rows, el, "preEdge", "pre-edge background (eV)", w.preEdge());
            if (w.isWhiteLine()) {
                add(rows, el, "l3", "L3 (eV)", w.l3());
                add(rows, el, "l2", "L2 (eV)", w.l2());
                add(rows, el, "l23", "L2,3 edge (eV)", w.l23());
                add(rows, el, "post", "post-edge continuum (eV)", w.post());
                add(rows, el, "refNorm", "MLLS normalisation (eV)", w.refNorm());
                add(rows, el, "mlls", "MLLS fit (eV)", w.mlls());
            } else add(rows, el, "l23", "K edge (eV)", w.l23());
        }
        return rows;
    }

    private EdgeWindows override(EdgeWindows w) {
        ObjectNode o = params.eels().windows().get(w.element());
        return o == null ? w : w.with(o);
    }

    private static void add(List<WindowRow> rows, String el, String key, String label, double[] w) {
        if (w != null) rows.add(new WindowRow(el, key, label, w[0], w[1]));
    }

    /** True when the shown series has EELS (else EDS) spectra in channel {@code name}. */
    public boolean hasSignal(org.trident.model.Signal s) {
        return series != null && series.channels().stream().anyMatch(c -> c.signal() == s);
    }

    /** True when the series has spectra to quantify. */
    public boolean hasSpectra() {
        return series != null && series.channels().stream().anyMatch(c -> c.isSpectrum());
    }

    /** A simulate output keeps references beside its bundle: DIR/references/references.json. */
    static Path findReferences(Path bundle) {
        if (bundle == null) return null;
        Path dir = java.nio.file.Files.isDirectory(bundle) ? bundle : bundle.getParent();
        for (Path c : new Path[]{dir.resolve("references.json"), dir.resolveSibling("references").resolve("references.json")}) {
            if (Files.isRegularFile(c)) return c;
        }
        return null;
    }

    /** Fits the summed spectra and fixes the models (blocking; run it as a job). */
    public QuantModel prepare(int threads, Progress progress) {
        if (!hasSpectra()) throw new TridentException("this series has no EDS or EELS spectra to quantify");
        References refs = references == null ? null : References.read(references);
        model = Quantifier.prepare(series, params, refs, threads, progress);
        return model;
    }

    /**
     * Prepares a model for {@code p} without touching this view model (for previews that run
     * while the user keeps editing); keep it with {@link #offerModel}.
     */
    public QuantModel prepareFor(QuantParams p, int threads, Progress progress) {
        if (!hasSpectra()) throw new TridentException("this series has no EDS or EELS spectra to quantify");
        References refs = references == null ? null : References.read(references);
        return Quantifier.prepare(series, p, refs, threads, progress);
    }

    /** Keeps a preview's model when it was made for the current settings; true when kept. */
    public boolean offerModel(QuantParams p, QuantModel m) {
        if (p != params) return false;
        model = m;
        return true;
    }

    public void setModel(QuantModel m) { model = m; }

    /** The fit of pixels (c0..c1, r0..r1) of tilt t for the signal shown; null before the model is prepared. */
    public SpectrumFit fit(boolean eels, int t, int c0, int r0, int c1, int r1) {
        if (model == null) return null;
        int x0 = Math.min(c0, c1), x1 = Math.max(c0, c1), y0 = Math.min(r0, r1), y1 = Math.max(r0, r1);
        return eels ? model.eelsFit(t, x0, y0, x1, y1) : model.edsFit(t, x0, y0, x1, y1);
    }

    /**
     * Computes every map from the prepared model through the pipeline's quantify step (blocking;
     * run it as a job), so the record carries the same provenance as {@code trident quantify}.
     */
    public QuantResult run(QuantModel m, int threads, Progress progress) {
        var in = new QuantifyStep.Input(new Bundle(source, series), references);
        return new QuantifyStep().run(in, params, m, RunContext.of(threads, progress)).quant(); // m was prepared for params: any edit drops it
    }
}
