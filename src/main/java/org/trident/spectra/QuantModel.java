package org.trident.spectra;

import org.trident.job.Parallel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.List;

/**
 * A tilt series with its quantification models fixed (from {@link Quantifier#prepare}): the GUI
 * asks it for the fit of any pixel or region, and {@link #apply} computes every map.
 */
public final class QuantModel {
    private final TiltSeries ts;
    private final QuantParams params;
    private final EdsStage eds;
    private final EelsStage eels;
    private final List<String> warnings;
    private final Channel low;
    private final LowLoss lowLoss;

    /** Name of the relative-thickness map made from a low-loss channel. */
    public static final String THICKNESS_MAP = "EELS-lowloss:t-over-lambda";

    QuantModel(TiltSeries ts, QuantParams params, EdsStage eds, EelsStage eels, Channel low, LowLoss lowLoss, List<String> warnings) {
        this.ts = ts;
        this.params = params;
        this.eds = eds;
        this.eels = eels;
        this.low = low;
        this.lowLoss = lowLoss;
        this.warnings = warnings;
    }

    /** The EDS stage, or null when the series has no EDS spectra. */
    public EdsStage eds() { return eds; }
    /** The EELS stage, or null when the series has no EELS spectra. */
    public EelsStage eels() { return eels; }
    public List<String> warnings() { return List.copyOf(warnings); }

    /** EDS fit of the summed spectrum of pixels x0..x1, y0..y1 (inclusive) of tilt t. */
    public SpectrumFit edsFit(int t, int x0, int y0, int x1, int y1) {
        if (eds == null) throw new TridentException("the series has no EDS spectra");
        return eds.fit(regionSum(eds.channel().spectra(), t, x0, y0, x1, y1));
    }

    /** EELS fit of the summed spectrum of pixels x0..x1, y0..y1 (inclusive) of tilt t. */
    public SpectrumFit eelsFit(int t, int x0, int y0, int x1, int y1) {
        if (eels == null) throw new TridentException("the series has no EELS spectra");
        return eels.fit(t, regionSum(eels.channel().spectra(), t, x0, y0, x1, y1));
    }

    static float[] regionSum(SpectrumStack s, int t, int x0, int y0, int x1, int y1) {
        if (t < 0 || t >= s.tilts() || x0 < 0 || y0 < 0 || x1 >= s.width() || y1 >= s.height() || x1 < x0 || y1 < y0) {
            throw new TridentException("region " + x0 + "," + y0 + "–" + x1 + "," + y1 + " of tilt " + t + " is outside the " + s.width() + "x" + s.height() + " image");
        }
        int n = s.channels();
        float[] row = new float[s.width() * n];
        double[] sum = new double[n];
        for (int y = y0; y <= y1; y++) {
            s.readRow(t, y, row);
            for (int x = x0; x <= x1; x++) for (int c = 0; c < n; c++) sum[c] += row[x * n + c];
        }
        float[] out = new float[n];
        for (int c = 0; c < n; c++) out[c] = (float) sum[c];
        return out;
    }

    /** Computes every map (multithreaded over tilts and rows) and the quantification records. */
    public QuantResult apply(int threads, Progress progress) {
        int tilts = ts.tilts(), w = ts.width(), h = ts.height();
        int nEds = eds == null ? 0 : eds.map().size();
        int nEels = eels == null ? 0 : eels.map(0).size();
        float[][][] edsOut = new float[nEds][tilts][w * h];
        float[][][] eelsOut = new float[nEels][tilts][w * h];
        float[][] thick = lowLoss == null ? null : new float[tilts][w * h];
        boolean pca = eds != null && params.eds().pcaComponents() >= 0;
        int[] pcaKept = new int[tilts];
        if (pca) {
            progress.start("EDS: PCA denoising and fitting", tilts);
            Parallel.forEachCounted(tilts, threads, progress, t -> pcaKept[t] = edsTilt(t, edsOut));
        }
        progress.start("quantifying spectra", (long) tilts * h);
        Parallel.forEachCounted(tilts * h, threads, progress, task -> {
            int t = task / h, y = task % h;
            if (eds != null && !pca) applyRow(eds.channel().spectra(), eds.map(), t, y, edsOut);
            if (eels != null) applyRow(eels.channel().spectra(), eels.map(t), t, y, eelsOut);
            if (thick != null) {
                SpectrumStack ls = low.spectra();
                float[] row = new float[w * ls.channels()];
                ls.readRow(t, y, row);
                for (int x = 0; x < w; x++) thick[t][y * w + x] = (float) lowLoss.thickness(row, x * ls.channels());
            }
        });
        double medianThick = Double.NaN;
        if (thick != null) {
            medianThick = medianOfFinite(thick);
            if (medianThick > params.eels().thickWarn()) warnings.add(String.format(java.util.Locale.ROOT,
                    "median t/λ of the specimen is %.2f (above %.2f): plural scattering distorts edge shapes and L3/L2%s",
                    medianThick, params.eels().thickWarn(), params.eels().deconvolve() ? "; Fourier-ratio deconvolution was applied" : "; consider --deconvolve"));
            for (float[] a : thick) for (int i = 0; i < a.length; i++) if (!Float.isFinite(a[i])) a[i] = 0;
        }
        String norm = "none";
        double[][] factors = null;
        if (eds != null && params.eds().tiltNormalisation() != EdsParams.TiltNormalisation.NONE) {
            factors = new double[nEds][];
            if (params.eds().tiltNormalisation() == EdsParams.TiltNormalisation.TOTAL) {
                double[] f = Quantifier.tiltFactors(List.of(edsOut));
                for (int k = 0; k < nEds; k++) factors[k] = f;
                norm = "total: each tilt scaled so the sum of all EDS maps equals its mean over tilts";
            } else {
                for (int k = 0; k < nEds; k++) factors[k] = Quantifier.tiltFactors(List.<float[][]>of(edsOut[k]));
                norm = "element: each EDS map scaled per tilt so its sum equals its mean over tilts";
            }
            for (int k = 0; k < nEds; k++) for (int t = 0; t < tilts; t++) {
                float f = (float) factors[k][t];
                for (int i = 0; i < w * h; i++) edsOut[k][t][i] *= f;
            }
        }
        List<Channel> out = new ArrayList<>(Quantifier.imageChannels(ts));
        List<MapSpec> specs = new ArrayList<>();
        for (int k = 0; k < nEds; k++) {
            String name = eds.map().outputs().get(k).name();
            specs.add(new MapSpec(name, name.substring(4), eds.channel().name(), null, "counts"));
        }
        if (eels != null) specs.addAll(eels.specs());
        if (thick != null) specs.add(new MapSpec(THICKNESS_MAP, null, low.name(), null, "t/lambda (relative thickness, log-ratio)"));
        for (int k = 0; k < specs.size(); k++) {
            MapSpec s = specs.get(k);
            float[][] data = k < nEds ? edsOut[k] : k < nEds + nEels ? eelsOut[k - nEds] : thick;
            if (out.removeIf(c -> c.name().equals(s.name()))) warnings.add("input channel " + s.name() + " replaced by the new map of that name");
            out.add(Quantifier.mapChannel(s, data, w, h));
        }
        ObjectNode top = Quantifier.topLevel(ts, eds, eels, norm);
        ElementAmounts.add(top, out);
        ObjectNode extra = ts.extra().deepCopy();
        extra.set("quantification", top);
        TiltSeries result = new TiltSeries(ts.name(), ts.pixelSizeNm(), ts.tiltAnglesDeg(), out, extra);
        ObjectNode rec = Json.object();
        rec.put("format", "trident.quantification-record/1");
        rec.set("quantification", top.deepCopy());
        if (eds != null) {
            ObjectNode e = eds.record();
            e.put("tiltNormalisation", norm);
            if (factors != null) {
                ObjectNode fo = e.putObject("tiltFactors");
                for (int k = 0; k < nEds; k++) {
                    ArrayNode a = fo.putArray(eds.map().outputs().get(k).name());
                    for (double v : factors[k]) a.add(v);
                }
            }
            if (pca) {
                ArrayNode a = e.putArray("pcaComponentsPerTilt");
                for (int v : pcaKept) a.add(v);
            }
            rec.set("eds", e);
        }
        if (eels != null) rec.set("eels", eels.record());
        if (lowLoss != null) {
            ObjectNode l = rec.putObject("lowLoss");
            l.put("channel", low.name());
            l.put("thickness", "t/lambda = ln(I_total / I_zero-loss) per pixel (log-ratio, Egerton 2011 §5.1); pixels without zero-loss counts are 0");
            l.putArray("zeroLossWindowChannels").add(lowLoss.zeroLossWindow()[0]).add(lowLoss.zeroLossWindow()[1]);
            l.put("zeroLossFwhmEv", lowLoss.zlpFwhmEv());
            l.put("medianThickness", medianThick);
            l.put("fourierRatioDeconvolution", params.eels().deconvolve()
                    ? "applied to the core loss before every EELS step: S = I0 * IFFT[G * FT(core) / FT(low loss)], G a unit-area Gaussian of the zero-loss FWHM"
                    : "off");
        }
        ArrayNode maps = rec.putArray("maps");
        for (MapSpec s : specs) {
            ObjectNode m = maps.addObject().put("name", s.name()).put("element", s.element()).put("derivedFrom", s.derivedFrom()).put("units", s.units());
            if (s.reference() != null) m.set("reference", s.reference());
        }
        ArrayNode wn = rec.putArray("warnings");
        warnings.forEach(wn::add);
        return new QuantResult(result, top, rec, List.copyOf(warnings));
    }

    /** Median of the finite values of pixels whose thickness is above 5 % of the largest (the specimen, not vacuum). */
    private static double medianOfFinite(float[][] a) {
        double max = 0;
        for (float[] t : a) for (float v : t) if (Float.isFinite(v)) max = Math.max(max, v);
        List<Float> vals = new ArrayList<>();
        for (float[] t : a) for (float v : t) if (Float.isFinite(v) && v > 0.05 * max) vals.add(v);
        if (vals.isEmpty()) return Double.NaN;
        java.util.Collections.sort(vals);
        return vals.get(vals.size() / 2);
    }

    private static void applyRow(SpectrumStack s, LinearMap m, int t, int y, float[][][] out) {
        int n = s.channels(), w = s.width();
        float[] row = new float[w * n];
        s.readRow(t, y, row);
        double[] v = new double[m.size()];
        for (int x = 0; x < w; x++) {
            m.apply(row, x * n, v);
            for (int k = 0; k < v.length; k++) out[k][t][y * w + x] = (float) v[k];
        }
    }

    private int edsTilt(int t, float[][][] out) {
        SpectrumStack s = eds.channel().spectra();
        int n = s.channels(), w = s.width(), h = s.height();
        float[] all = new float[w * h * n];
        float[] row = new float[w * n];
        for (int y = 0; y < h; y++) {
            s.readRow(t, y, row);
            System.arraycopy(row, 0, all, y * w * n, w * n);
        }
        int kept = Pca.denoise(all, w * h, n, eds.model().fitFrom(), eds.model().fitTo(), params.eds().pcaComponents());
        double[] v = new double[eds.map().size()];
        for (int p = 0; p < w * h; p++) {
            eds.map().apply(all, p * n, v);
            for (int k = 0; k < v.length; k++) out[k][t][p] = (float) v[k];
        }
        return kept;
    }
}
