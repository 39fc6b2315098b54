package org.trident.sei.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.sei.study.Study;
import org.trident.sei.xps.LineShape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a simulated SEI study with known truth (docs/sei.md): per sample an Asylum-style
 * {@code esm.ibw} (amplitude, phase, resonance), an AFM {@code height.npy} with a tilted plane,
 * an XPS F 1s map, an F 1s CSV spectrum and a VAMAS file with C 1s and Li 1s, each sample
 * charged by a random shift; {@code truth/truth.json} holds the optimum, every map's true cv
 * (or Rq) and correlation length, the component fractions and the charge shifts.
 */
public final class SeiSimulator {
    private SeiSimulator() {}

    static final double PHOTON = 1486.6, MIX = 0.3;

    public static Path write(Path out, SeiSimParams p, Progress progress) {
        progress.start("Simulating an SEI study", p.samples());
        SplittableRandom rnd = new SplittableRandom(p.seed());
        ObjectNode study = Json.object();
        study.put("format", Study.FORMAT);
        study.put("name", "simulated graphite composites, SE content series (trident simulate-sei)");
        ObjectNode comp = study.putObject("composition");
        comp.put("name", "solid electrolyte");
        comp.put("unit", "wt%");
        ArrayNode samples = study.putArray("samples");
        ObjectNode truth = Json.object();
        truth.put("format", "trident.sei-truth/1");
        truth.put("optimumComposition", p.optimum());
        truth.put("ceModel", String.format(Locale.ROOT, "CE1 = %.3f - %.5f (x - %.3f)^2 + N(0, %.3f)", p.ceMaxPct(), p.ceCurvature(), p.optimum(), p.ceNoisePct()));
        ArrayNode tSamples = truth.putArray("samples");
        for (int i = 0; i < p.samples(); i++) {
            progress.checkCancelled();
            double x = p.first() + i * p.step(), d = x - p.optimum();
            String id = String.format(Locale.ROOT, "SE-%02.0f", x);
            String dir = String.format(Locale.ROOT, "se%02.0f", x);
            ObjectNode s = samples.addObject();
            ObjectNode t = tSamples.addObject();
            s.put("id", id);
            s.put("composition", x);
            t.put("id", id);
            t.put("composition", x);
            double ce1 = p.ceMaxPct() - p.ceCurvature() * d * d;
            ArrayNode ce = s.putArray("coulombEfficiencyPct"), ceT = t.putArray("coulombEfficiencyPct");
            for (int c = 0; c < 4; c++) {
                double truthCe = 99.6 - (99.6 - ce1) * Math.pow(0.25, c);
                ceT.add(truthCe);
                ce.add(Math.round((truthCe + p.ceNoisePct() * Fields.gauss(rnd) * (c == 0 ? 1 : 0.2)) * 100) / 100.0);
            }
            ArrayNode maps = s.putArray("maps");
            ObjectNode tm = t.putObject("maps");
            int n = p.size();
            double cvAmp = p.cvMin() + p.cvCurvature() * d * d, cvPhase = 0.06 + 0.0002 * d * d, cvRes = 0.004 + 0.00001 * d * d;
            double corrNm = 2 * p.grainPx() * p.pixelNm();
            float[] amp = map(n, 20e-12, cvAmp, p.grainPx(), 0.005, rnd);
            float[] phase = map(n, 95, cvPhase, p.grainPx(), 0, rnd);
            float[] res = map(n, 350e3, cvRes, p.grainPx(), 0, rnd);
            IbwWriter.write(path(out, dir, "esm.ibw"), n, n, new float[][]{amp, phase, res}, List.of("AmplitudeRetrace", "PhaseRetrace", "FrequencyRetrace"),
                    p.pixelNm() * 1e-9, "m", "ImagingMode: ESM (simulated)\rScanSize: " + (p.pixelNm() * 1e-9 * (n - 1)) + "\r");
            addMap(maps, "ESM", "amplitude", "pm", dir + "/esm.ibw", p.pixelNm(), "AmplitudeRetrace");
            addMap(maps, "ESM", "phase", "deg", dir + "/esm.ibw", p.pixelNm(), "PhaseRetrace");
            addMap(maps, "ESM", "resonance", "Hz", dir + "/esm.ibw", p.pixelNm(), "FrequencyRetrace");
            truthMap(tm, "ESM amplitude", "cv", cvAmp, corrNm);
            truthMap(tm, "ESM phase", "cv", cvPhase, corrNm);
            truthMap(tm, "ESM resonance", "cv", cvRes, corrNm);
            double rq = 4 + 0.01 * d * d;
            double[] g = Fields.gaussianField(n, 2 * p.grainPx(), rnd);
            float[] h = new float[n * n];
            for (int yy = 0; yy < n; yy++) for (int xx = 0; xx < n; xx++) h[yy * n + xx] = (float) (30 + 0.05 * xx + 0.02 * yy + rq * g[yy * n + xx]);
            Npy.write(path(out, dir, "height.npy"), h, n, n);
            addMap(maps, "AFM", "height", "nm", dir + "/height.npy", p.pixelNm(), null);
            truthMap(tm, "AFM height", "rq", rq, 4 * p.grainPx() * p.pixelNm());
            double fLiF = 0.3 + 0.45 * Math.exp(-d * d / (2 * 12 * 12)), fLi = 0.5 + 0.35 * Math.exp(-d * d / (2 * 12 * 12));
            double cvF = 0.08 + 0.0003 * d * d;
            int nx = 32;
            double[] gf = Fields.gaussianField(nx, 1.5, rnd);
            float[] fmap = new float[nx * nx];
            for (int k = 0; k < fmap.length; k++) fmap[k] = (float) Fields.poisson(Math.max(0, 5000 * (1 + cvF * gf[k])), rnd);
            Npy.write(path(out, dir, "xps-F1s.npy"), fmap, nx, nx);
            addMap(maps, "XPS", "F 1s", "counts", dir + "/xps-F1s.npy", 20000.0, null);
            truthMap(tm, "XPS F 1s", "cv", Math.sqrt(cvF * cvF + 1 / 5000.0), 3 * 20000.0);
            double shift = 0.3 + 1.2 * rnd.nextDouble();
            t.put("chargeShiftEv", shift);
            ObjectNode tf = t.putObject("fractions");
            tf.put("F 1s LiF", fLiF);
            tf.put("F 1s C-F/LixPOyFz", 1 - fLiF);
            tf.put("Li 1s Li2O", 1 - fLi);
            tf.put("Li 1s LiF/Li2CO3", fLi);
            double[] f1s = region(680, 694, 0.1, new double[]{684.9 + shift, 687.6 + shift}, new double[]{1.7, 1.9},
                    new double[]{8000 * fLiF, 8000 * (1 - fLiF)}, 800, 500, rnd);
            writeCsv(path(out, dir, "F1s.csv"), 694, -0.1, f1s);
            double[] li = region(50, 60, 0.1, new double[]{54.0 + shift, 55.7 + shift}, new double[]{1.3, 1.4},
                    new double[]{3000 * (1 - fLi), 3000 * fLi}, 300, 150, rnd);
            double[] c1s = region(278, 292, 0.1, new double[]{284.8 + shift}, new double[]{1.4}, new double[]{6000}, 500, 300, rnd);
            VamasWriter.write(path(out, dir, "xps.vms"), id, PHOTON, List.of(
                    new VamasWriter.Region("C", "1s", 278, 0.1, c1s), new VamasWriter.Region("Li", "1s", 50, 0.1, li)));
            ArrayNode sp = s.putArray("spectra");
            addSpectrum(sp, "F 1s", dir + "/F1s.csv", null);
            addSpectrum(sp, "C 1s", dir + "/xps.vms", null);
            addSpectrum(sp, "Li 1s", dir + "/xps.vms", null);
            progress.advance(1);
        }
        Json.write(out.resolve("truth").resolve("truth.json"), truth);
        Json.write(out.resolve("study.json"), study);
        ObjectNode prov = Json.object();
        prov.put("format", "trident.sei-simulation/1");
        prov.put("command", "simulate-sei");
        String v = SeiSimulator.class.getPackage().getImplementationVersion();
        prov.put("tridentVersion", v == null ? "dev" : v);
        prov.put("written", java.time.Instant.now().toString());
        prov.put("threads", 1);
        prov.set("params", Json.MAPPER.valueToTree(p));
        ObjectNode files = prov.putObject("outputs");
        org.trident.job.Checksums.of(out, out).forEach(files::put);
        Json.write(out.resolve("provenance.json"), prov);
        return out.resolve("study.json");
    }

    static Path path(Path out, String dir, String name) {
        return out.resolve(dir).resolve(name);
    }

    /** mean·(1 + cv·g) with small white noise (10 % of the map's std) and a fraction of NaN dropouts. */
    static float[] map(int n, double mean, double cv, double grainPx, double dropout, SplittableRandom rnd) {
        double[] g = Fields.gaussianField(n, grainPx, rnd);
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            double v = mean * (1 + cv * g[i] + 0.1 * cv * Fields.gauss(rnd));
            m[i] = rnd.nextDouble() < dropout ? Float.NaN : (float) Math.max(0, v);
        }
        return m;
    }

    /** Counts on a BE grid (ascending from lo): GL peaks on a Shirley-shaped step from b0 to b0 + step, Poisson noise. */
    static double[] region(double lo, double hi, double de, double[] pos, double[] fwhm, double[] area, double b0, double step, SplittableRandom rnd) {
        int n = (int) Math.round((hi - lo) / de) + 1;
        double[] peak = new double[n], cum = new double[n], out = new double[n];
        for (int i = 0; i < n; i++) {
            double e = lo + i * de;
            for (int k = 0; k < pos.length; k++) peak[i] += area[k] * LineShape.gl(e, pos[k], fwhm[k], MIX);
            if (i > 0) cum[i] = cum[i - 1] + 0.5 * (peak[i] + peak[i - 1]) * de;
        }
        for (int i = 0; i < n; i++) out[i] = Fields.poisson(b0 + step * cum[i] / cum[n - 1] + peak[i], rnd);
        return out;
    }

    static void writeCsv(Path file, double start, double step, double[] ascending) {
        StringBuilder b = new StringBuilder("binding_energy_eV,counts\n");
        int n = ascending.length;
        for (int i = 0; i < n; i++) b.append(String.format(Locale.ROOT, "%.2f,%.0f%n", start + i * step, ascending[n - 1 - i]));
        org.trident.io.AtomicFiles.write(file, b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static void addMap(ArrayNode maps, String tech, String qty, String unit, String file, double px, String channel) {
        ObjectNode m = maps.addObject();
        m.put("technique", tech);
        m.put("quantity", qty);
        m.put("unit", unit);
        m.put("file", file);
        m.put("pixelSizeNm", px);
        if (channel != null) m.put("channel", channel);
    }

    static void addSpectrum(ArrayNode sp, String region, String file, String channel) {
        ObjectNode s = sp.addObject();
        s.put("technique", "XPS");
        s.put("region", region);
        s.put("file", file);
        if (channel != null) s.put("channel", channel);
    }

    static void truthMap(ObjectNode tm, String key, String metric, double value, double corrNm) {
        ObjectNode o = tm.putObject(key);
        o.put(metric, value);
        o.put("correlationLengthNm", corrNm);
    }

    /** Region names in the truth file, for tests and docs. */
    public static List<String> fractionKeys() {
        return new ArrayList<>(List.of("F 1s LiF", "F 1s C-F/LixPOyFz", "Li 1s Li2O", "Li 1s LiF/Li2CO3"));
    }
}
