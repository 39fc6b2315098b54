package org.trident.sei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.AtomicFiles;
import org.trident.io.Json;
import org.trident.job.Checksums;
import org.trident.sei.stats.QuadraticOptimum;
import org.trident.sei.study.Study;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes metrics.csv, spectra.csv, correlations.csv, optimum.json, histograms.csv and provenance.json (contract section 8). */
public final class SeiWriter {
    private SeiWriter() {}

    public static List<Path> write(SeiResult r, Path out, Instant started, int threads, boolean figures) {
        List<Path> written = new ArrayList<>();
        written.add(metrics(r, out.resolve("metrics.csv")));
        if (!r.spectra().isEmpty()) written.add(spectra(r, out.resolve("spectra.csv")));
        written.add(correlations(r, out.resolve("correlations.csv")));
        written.add(histograms(r, out.resolve("histograms.csv")));
        Path opt = out.resolve("optimum.json");
        Json.write(opt, optimum(r));
        written.add(opt);
        if (figures) written.addAll(SeiFigures.write(r, out));
        Path prov = out.resolve("provenance.json");
        Json.write(prov, provenance(r, written, started, threads));
        written.add(prov);
        return written;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "NaN";
    }

    static String text(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static Path csv(Path file, String header, List<String> rows) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String row : rows) b.append(row).append('\n');
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static Path metrics(SeiResult r, Path file) {
        List<String> rows = new ArrayList<>();
        for (SeiResult.MapRow m : r.maps()) {
            StringBuilder b = new StringBuilder();
            b.append(text(m.sample().id())).append(',').append(num(m.sample().composition())).append(',')
                    .append(text(m.entry().technique())).append(',').append(text(m.entry().quantity()));
            for (String k : SeiResult.METRICS) b.append(',').append(num(SeiResult.metric(m.stats(), k)));
            b.append(',').append(num(m.stats().validFraction())).append(',').append(text(m.map().unit()))
                    .append(',').append(num(m.map().pixelSizeNm())).append(',').append(text(m.entry().relative()));
            rows.add(b.toString());
        }
        return csv(file, "sample,composition,technique,quantity," + String.join(",", SeiResult.METRICS) + ",valid_fraction,unit,pixel_size_nm,file", rows);
    }

    static Path spectra(SeiResult r, Path file) {
        List<String> rows = new ArrayList<>();
        for (SeiResult.SpectrumRow s : r.spectra()) {
            rows.add(String.join(",", text(s.sample().id()), num(s.sample().composition()), text(s.region()), text(s.component()),
                    num(s.positionEv()), num(s.fraction()), num(s.fractionErr()), num(s.fwhmEv()), num(s.chargeShiftEv()), num(s.reducedChi2())));
        }
        return csv(file, "sample,composition,region,component,position_ev,fraction,fraction_err,fwhm_ev,charge_shift_ev,reduced_chi2", rows);
    }

    static Path correlations(SeiResult r, Path file) {
        List<String> rows = new ArrayList<>();
        for (SeiResult.CorrelationRow c : r.correlations()) {
            rows.add(String.join(",", text(c.technique()), text(c.quantity()), c.metric(), c.against(), Integer.toString(c.r().n()),
                    num(c.r().r()), num(c.r().ciLow()), num(c.r().ciHigh()), num(c.r().rho()), num(c.r().p())));
        }
        return csv(file, "technique,quantity,metric,against,n,pearson_r,ci_low,ci_high,spearman_rho,p_value", rows);
    }

    /** Per map, counts in {@code histogramBins} bins spanning the 0.5–99.5 % range of all maps of its quantity (common bins for comparison). */
    static Path histograms(SeiResult r, Path file) {
        List<String> rows = new ArrayList<>();
        java.util.Map<String, double[]> range = new java.util.LinkedHashMap<>();
        for (SeiResult.MapRow m : r.maps()) {
            double[] v = finite(m);
            if (v.length == 0) continue;
            java.util.Arrays.sort(v);
            double lo = org.trident.sei.metrics.MapStats.percentile(v, 0.5), hi = org.trident.sei.metrics.MapStats.percentile(v, 99.5);
            range.merge(m.key(), new double[]{lo, hi}, (a, b) -> new double[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        int bins = r.params().histogramBins();
        for (SeiResult.MapRow m : r.maps()) {
            double[] rg = range.get(m.key());
            if (rg == null || !(rg[1] > rg[0])) continue;
            long[] c = new long[bins];
            for (double v : finite(m)) {
                int b = (int) Math.floor((v - rg[0]) / (rg[1] - rg[0]) * bins);
                if (b >= 0 && b < bins) c[b]++;
                else if (v == rg[1]) c[bins - 1]++;
            }
            for (int b = 0; b < bins; b++) {
                rows.add(String.join(",", text(m.sample().id()), num(m.sample().composition()), text(m.entry().technique()), text(m.entry().quantity()),
                        num(rg[0] + (rg[1] - rg[0]) * b / bins), num(rg[0] + (rg[1] - rg[0]) * (b + 1) / bins), Long.toString(c[b])));
            }
        }
        return csv(file, "sample,composition,technique,quantity,bin_low,bin_high,count", rows);
    }

    static double[] finite(SeiResult.MapRow m) {
        // topography as levelled for its metrics, so the histogram shows what std measured
        double[] v = new double[m.map().values().length];
        for (int i = 0; i < v.length; i++) v[i] = m.map().values()[i];
        if (m.entry().isTopography()) org.trident.sei.metrics.MapStats.level(v, m.map().width(), m.map().height());
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    public static ObjectNode optimum(SeiResult r) {
        ObjectNode o = Json.object();
        ObjectNode ce = o.putObject("coulombEfficiency");
        put(ce, r.ceOptimum());
        ce.put("model", QuadraticOptimum.MODEL);
        ce.put("atEdge", r.ceOptimum().atEdge());
        ce.put("cycles", r.params().cyclesText());
        ObjectNode u = o.putObject("uniformity");
        for (var e : r.uniformity().entrySet()) {
            ObjectNode n = u.putObject(e.getKey());
            put(n, e.getValue().optimum());
            n.put("metric", e.getValue().metric());
            n.put("model", QuadraticOptimum.MODEL);
            n.put("atEdge", e.getValue().optimum().atEdge());
        }
        return o;
    }

    private static void put(ObjectNode n, QuadraticOptimum.Result q) {
        putNum(n, "composition", q.x());
        putNum(n, "ciLow", q.ciLow());
        putNum(n, "ciHigh", q.ciHigh());
        if (q.note() != null) n.put("note", q.note());
    }

    /** JSON has no NaN: unknown is null (with the note saying why where there is one). */
    static void putNum(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v);
        else n.putNull(k);
    }

    static ObjectNode provenance(SeiResult r, List<Path> written, Instant started, int threads) {
        ObjectNode p = Json.object();
        p.put("format", "trident.sei-run/1");
        p.put("command", "sei");
        String v = SeiWriter.class.getPackage().getImplementationVersion();
        p.put("tridentVersion", v == null ? "dev" : v);
        p.put("started", started.toString());
        p.put("finished", Instant.now().toString());
        p.put("threads", threads);
        p.put("study", r.study().name());
        ObjectNode in = p.putObject("inputs");
        Path dir = r.study().dir();
        in.put("study.json", Checksums.sha256(dir.resolve("study.json")));
        for (Study.Sample s : r.study().samples()) {
            for (Study.MapEntry m : s.maps()) in.put(m.relative(), Checksums.sha256(m.file()));
            for (Study.SpectrumEntry e : s.spectra()) in.put(e.relative(), Checksums.sha256(e.file()));
        }
        ObjectNode par = p.putObject("params");
        SeiParams sp = r.params();
        par.put("cycles", sp.cyclesText());
        par.put("figureOfMerit", "mean Coulomb efficiency (%) of cycles " + sp.cyclesText());
        par.put("thresholdRelative", sp.thresholdRelative());
        par.put("bootstrap", sp.bootstrap());
        par.put("seed", sp.seed());
        par.put("histogramBins", sp.histogramBins());
        par.put("xpsBackground", sp.xps().background().name().toLowerCase(Locale.ROOT));
        par.put("glMixing", sp.xps().glMixing());
        par.put("chargeReference", sp.xps().chargeReferenceRegion() + " at " + sp.xps().chargeReferenceEv() + " eV");
        ObjectNode comps = par.putObject("components");
        for (var e : sp.xps().components().entrySet()) {
            ObjectNode c = comps.putObject(e.getKey());
            for (var k : e.getValue()) c.put(k.name(), k.positionEv());
        }
        ArrayNode fom = p.putArray("figureOfMerit");
        for (int i = 0; i < r.figureOfMerit().length; i++) {
            ObjectNode f = fom.addObject();
            f.put("sample", r.study().samples().get(i).id());
            putNum(f, "coulombEfficiencyPct", r.figureOfMerit()[i]);
        }
        ArrayNode notes = p.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode out = p.putArray("outputs");
        for (Path w : written) out.add(w.getFileName().toString());
        return p;
    }
}
