package org.trident.spectra;

import org.trident.job.Parallel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Spectral quantification of a tilt series (issue 6): EDS and EELS spectrum channels into per-tilt
 * maps that are linear in the projected amount (contract section 5). Two passes over the spectra,
 * row by row (never a whole 4-D stack in memory): first the summed spectra that fix the models,
 * then the per-pixel linear operators.
 *
 * <pre>
 *   QuantModel m = Quantifier.prepare(series, params, references, threads, progress);
 *   SpectrumFit f = m.edsFit(tilt, x0, y0, x1, y1);   // GUI: windows, background, residual
 *   QuantResult r = m.apply(threads, progress);        // or Quantifier.quantify(...)
 * </pre>
 */
public final class Quantifier {
    private Quantifier() {}

    public static QuantResult quantify(TiltSeries ts, QuantParams p, References refs, int threads, Progress progress) {
        return prepare(ts, p, refs, threads, progress).apply(threads, progress);
    }

    /** Refuses, in one line, settings or a series that cannot be quantified (before any work or progress line). */
    public static void check(TiltSeries ts, QuantParams p) {
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        if (pick(ts, p.edsChannel(), Signal.EDS) == null && pick(ts, p.eelsChannel(), Signal.EELS) == null)
            throw new TridentException("the series '" + ts.name() + "' has no EDS or EELS spectrum channel to quantify");
    }

    /** Reads the summed spectra and fixes every model; no map is computed yet. */
    public static QuantModel prepare(TiltSeries ts, QuantParams p, References refs, int threads, Progress progress) {
        check(ts, p);
        Channel eds = pick(ts, p.edsChannel(), Signal.EDS);
        Channel eels = pick(ts, p.eelsChannel(), Signal.EELS);
        Channel low = pick(ts, p.lowLossChannel(), Signal.EELS_LOWLOSS);
        if (refs != null && eels == null) throw new TridentException("references were given but the series has no EELS spectrum channel");
        List<String> warnings = new ArrayList<>();
        LowLoss ll = null;
        if (low != null) {
            double[] lowSum = new double[low.spectra().channels()];
            for (double[] s : tiltSums(ts, List.of(low), threads, progress)[0]) for (int c = 0; c < lowSum.length; c++) lowSum[c] += s[c];
            ll = new LowLoss(low.energyAxis(), lowSum);
            if (p.eels().deconvolve() && eels != null) eels = eels.withSpectra(ll.deconvolved(eels.spectra(), eels.energyAxis(), low.spectra()));
        } else if (p.eels().deconvolve()) {
            throw new TridentException("Fourier-ratio deconvolution needs a low-loss channel (signal EELS-lowloss); the series has none");
        }
        List<Channel> spectral = new ArrayList<>();
        if (eds != null) spectral.add(eds);
        if (eels != null) spectral.add(eels);
        double[][][] sums = tiltSums(ts, spectral, threads, progress);
        EdsStage es = null;
        EelsStage ee = null;
        if (eds != null) {
            double[] series = new double[eds.spectra().channels()];
            for (double[] s : sums[0]) for (int c = 0; c < s.length; c++) series[c] += s[c];
            es = new EdsStage(ts, eds, p.eds(), p.kFactors(), series, warnings);
        }
        if (eels != null) ee = new EelsStage(eels, p.eels(), refs, sums[eds != null ? 1 : 0], warnings);
        return new QuantModel(ts, p, es, ee, low, ll, warnings);
    }

    private static Channel pick(TiltSeries ts, String name, Signal s) {
        if (name != null) {
            Channel c = ts.channel(name);
            if (c == null) throw new TridentException("the series has no channel named " + name);
            if (!c.isSpectrum()) throw new TridentException("channel " + name + " holds images, not spectra");
            return c;
        }
        for (Channel c : ts.channels()) if (c.signal() == s && c.isSpectrum()) return c;
        return null;
    }

    /** Per-tilt summed spectra of each channel, {@code [channel][tilt][energy]}. */
    static double[][][] tiltSums(TiltSeries ts, List<Channel> chs, int threads, Progress progress) {
        int tilts = ts.tilts(), h = ts.height(), w = ts.width();
        double[][][] out = new double[chs.size()][tilts][];
        progress.start("summing spectra", (long) tilts * chs.size());
        Parallel.forEachCounted(tilts * chs.size(), threads, progress, task -> {
            int k = task / tilts, t = task % tilts;
            SpectrumStack s = chs.get(k).spectra();
            int n = s.channels();
            double[] sum = new double[n];
            float[] row = new float[w * n];
            for (int y = 0; y < h; y++) {
                s.readRow(t, y, row);
                for (int x = 0; x < w; x++) {
                    int b = x * n;
                    for (int c = 0; c < n; c++) sum[c] += row[b + c];
                }
            }
            for (double v : sum) if (!Double.isFinite(v)) throw new TridentException("channel " + chs.get(k).name() + " tilt " + t + " holds non-finite spectrum values");
            out[k][t] = sum;
        });
        return out;
    }

    /** Per-tilt factors that make each tilt's summed maps equal to their mean over tilts (NaN-safe: 1 where the sum is not positive). */
    static double[] tiltFactors(List<float[][]> maps) {
        int tilts = maps.get(0).length;
        double[] s = new double[tilts];
        for (float[][] m : maps) for (int t = 0; t < tilts; t++) for (float v : m[t]) s[t] += v;
        double mean = 0;
        for (double v : s) mean += v;
        mean /= tilts;
        double[] f = new double[tilts];
        for (int t = 0; t < tilts; t++) f[t] = s[t] > 0 && mean > 0 ? mean / s[t] : 1;
        return f;
    }

    static ObjectNode topLevel(TiltSeries ts, EdsStage es, EelsStage ee, String tiltNorm) {
        ObjectNode q = Json.object();
        q.put("format", "trident.quantification/1");
        Set<String> tms = new LinkedHashSet<>();
        if (es != null) {
            ObjectNode k = q.putObject("kFactors");
            es.kFactors().forEach(k::put);
            q.put("kFactorSource", es.kFactorSource());
            for (String e : es.elements()) {
                Integer z = XrayLines.Z.get(e);
                if (z != null && z >= 21 && z <= 30) tms.add(e);
            }
            q.put("edsTiltNormalisation", tiltNorm);
        }
        if (ee != null) {
            if (tms.isEmpty()) for (EdgeWindows w : ee.edges()) if (w.isWhiteLine()) tms.add(w.element());
            q.set("references", ee.referencesJson());
            q.set("calibration", ee.calibration());
        }
        ArrayNode tm = q.putArray("transitionMetals");
        tms.forEach(tm::add);
        q.put("record", "quantification.json");
        return q;
    }

    static Channel mapChannel(MapSpec s, float[][] data, int w, int h) {
        ObjectNode extra = Json.object();
        extra.put("derivedFrom", s.derivedFrom());
        if (s.element() != null) extra.put("element", s.element());
        if (s.reference() != null) extra.set("reference", s.reference());
        extra.put("units", s.units());
        return new Channel(s.name(), Signal.MAP, new ImageStack(w, h, data), null, null, extra);
    }

    /** Image channels of the input, unchanged (spectrum channels are not carried into the maps bundle). */
    static List<Channel> imageChannels(TiltSeries ts) {
        List<Channel> out = new ArrayList<>();
        for (Channel c : ts.channels()) if (c.isImage()) out.add(c);
        return out;
    }
}
