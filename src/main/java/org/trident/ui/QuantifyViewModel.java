package org.trident.ui;

import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.spectra.EdsParams;
import org.trident.spectra.QuantModel;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;
import org.trident.spectra.Quantifier;
import org.trident.spectra.References;
import org.trident.spectra.SpectrumFit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Quantify step without the toolkit: settings, the prepared model (summed spectra fitted,
 * models fixed), the fit of one pixel or region for display, and the run that makes the
 * per-tilt maps of contract section 5.
 */
public final class QuantifyViewModel {
    private TiltSeries series;
    private Path references;
    private QuantParams params = QuantParams.defaults();
    private QuantModel model;

    public void setSeries(TiltSeries ts, Path bundlePath) {
        series = ts;
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
        params = params.withEds(new EdsParams(e.elements(), e.extraElements(), e.autoContaminants(), e.fwhmMnKaEv(), e.fitFromKeV(),
                e.fitToKeV(), e.knotStepKeV(), m, e.pcaComponents(), e.tiltNormalisation()));
        model = null;
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

    public void setModel(QuantModel m) { model = m; }

    /** The fit of pixels (c0..c1, r0..r1) of tilt t for the signal shown; null before the model is prepared. */
    public SpectrumFit fit(boolean eels, int t, int c0, int r0, int c1, int r1) {
        if (model == null) return null;
        int x0 = Math.min(c0, c1), x1 = Math.max(c0, c1), y0 = Math.min(r0, r1), y1 = Math.max(r0, r1);
        return eels ? model.eelsFit(t, x0, y0, x1, y1) : model.edsFit(t, x0, y0, x1, y1);
    }

    /** Computes every map (blocking; run it as a job). */
    public QuantResult run(QuantModel m, int threads, Progress progress) {
        return m.apply(threads, progress);
    }
}
