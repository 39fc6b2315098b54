package org.trident.sei;

import org.trident.job.Progress;
import org.trident.sei.maps.MapFiles;
import org.trident.sei.maps.SeiMap;
import org.trident.sei.maps.Units;
import org.trident.sei.metrics.MapStats;
import org.trident.sei.stats.Correlation;
import org.trident.sei.stats.QuadraticOptimum;
import org.trident.sei.study.Study;
import org.trident.sei.xps.Component;
import org.trident.sei.xps.PeakFit;
import org.trident.sei.xps.Spectrum;
import org.trident.sei.xps.SpectrumFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one path of {@code trident sei} (CLI and workstation): maps → metrics, spectra → fractions, then correlations and optima. */
public final class SeiAnalysis {
    private SeiAnalysis() {}

    public static SeiResult run(Study study, SeiParams p, Progress progress) {
        List<String> notes = new ArrayList<>();
        int work = 0;
        for (Study.Sample s : study.samples()) work += s.maps().size() + s.spectra().size();
        progress.start("SEI study " + study.name(), work + 1);
        double[] fom = new double[study.samples().size()];
        for (int i = 0; i < fom.length; i++) {
            Study.Sample s = study.samples().get(i);
            fom[i] = figureOfMerit(s, p);
            if (Double.isNaN(fom[i])) notes.add("sample " + s.id() + " has " + s.coulombEfficiencyPct().length + " cycles; cycles " + p.cyclesText() + " are not all there, so it has no figure of merit");
        }
        List<SeiResult.MapRow> maps = new ArrayList<>();
        for (Study.Sample s : study.samples()) {
            for (Study.MapEntry e : s.maps()) {
                progress.checkCancelled();
                SeiMap m = load(e, notes, s.id());
                double t = p.thresholdRelative();
                MapStats.Result st = MapStats.of(m, e.isTopography(), Double.NaN, Double.NaN);
                if (!e.isTopography() && Double.isFinite(st.mean()) && st.mean() != 0) {
                    double a = Math.abs(st.mean());
                    st = MapStats.of(m, false, st.mean() + t * a, st.mean() - t * a);
                }
                if (st.validPixels() == 0) notes.add(s.id() + " " + e.relative() + ": no finite pixel");
                maps.add(new SeiResult.MapRow(s, e, m, st));
                progress.advance(1);
            }
        }
        List<SeiResult.SpectrumRow> spectra = spectra(study, p, notes, progress);
        List<SeiResult.CorrelationRow> corr = new ArrayList<>();
        Map<String, SeiResult.Uniformity> uniformity = new LinkedHashMap<>();
        double[] comp = study.samples().stream().mapToDouble(Study.Sample::composition).toArray();
        Set<String> keys = new LinkedHashSet<>();
        for (SeiResult.MapRow r : maps) keys.add(r.entry().technique() + "\u0000" + r.entry().quantity());
        for (String k : keys) {
            String tech = k.substring(0, k.indexOf('\u0000')), qty = k.substring(k.indexOf('\u0000') + 1);
            boolean topo = qty.equalsIgnoreCase("height");
            for (String metric : SeiResult.METRICS) {
                double[] v = perSample(study, maps, tech, qty, metric);
                corr.add(new SeiResult.CorrelationRow(tech, qty, metric, "coulombEfficiency", Correlation.of(v, fom)));
                corr.add(new SeiResult.CorrelationRow(tech, qty, metric, "composition", Correlation.of(v, comp)));
            }
            String um = topo ? "std" : "cv";
            uniformity.put(tech + " " + qty, new SeiResult.Uniformity(um,
                    QuadraticOptimum.find(comp, perSample(study, maps, tech, qty, um), false, p.bootstrap(), p.seed())));
        }
        Set<String> comps = new LinkedHashSet<>();
        for (SeiResult.SpectrumRow r : spectra) comps.add(r.region() + " " + r.component());
        for (String c : comps) {
            double[] v = new double[fom.length];
            for (int i = 0; i < v.length; i++) {
                Study.Sample s = study.samples().get(i);
                double sum = 0;
                int n = 0;
                for (SeiResult.SpectrumRow r : spectra) {
                    if (r.sample() == s && (r.region() + " " + r.component()).equals(c) && Double.isFinite(r.fraction())) { sum += r.fraction(); n++; }
                }
                v[i] = n == 0 ? Double.NaN : sum / n;
            }
            corr.add(new SeiResult.CorrelationRow("XPS", c, "fraction", "coulombEfficiency", Correlation.of(v, fom)));
            corr.add(new SeiResult.CorrelationRow("XPS", c, "fraction", "composition", Correlation.of(v, comp)));
        }
        QuadraticOptimum.Result ce = QuadraticOptimum.find(comp, fom, true, p.bootstrap(), p.seed());
        if (ce.note() != null) notes.add("Coulomb-efficiency optimum: " + ce.note());
        progress.advance(1);
        return new SeiResult(study, p, fom, maps, spectra, corr, ce, uniformity, notes);
    }

    /** Mean Coulomb efficiency (%) over the chosen cycles; NaN when the sample lacks one. */
    public static double figureOfMerit(Study.Sample s, SeiParams p) {
        double[] ce = s.coulombEfficiencyPct();
        if (p.cycleTo() > ce.length) return Double.NaN;
        double sum = 0;
        for (int c = p.cycleFrom(); c <= p.cycleTo(); c++) sum += ce[c - 1];
        return sum / (p.cycleTo() - p.cycleFrom() + 1);
    }

    /** Per sample, the metric averaged over that sample's maps of one quantity (NaN where it has none). */
    public static double[] perSample(Study study, List<SeiResult.MapRow> maps, String tech, String qty, String metric) {
        double[] v = new double[study.samples().size()];
        for (int i = 0; i < v.length; i++) {
            double sum = 0;
            int n = 0;
            for (SeiResult.MapRow r : maps) {
                if (r.sample() != study.samples().get(i) || !r.entry().technique().equals(tech) || !r.entry().quantity().equals(qty)) continue;
                double x = SeiResult.metric(r.stats(), metric);
                if (Double.isFinite(x)) { sum += x; n++; }
            }
            v[i] = n == 0 ? Double.NaN : sum / n;
        }
        return v;
    }

    /** Reads one map; the study's pixel size wins over the file's (with a note when they disagree); length units converted to the study's. */
    static SeiMap load(Study.MapEntry e, List<String> notes, String sample) {
        SeiMap m = MapFiles.read(e.file(), e.channel());
        String where = sample + " " + e.relative() + ": ";
        for (String n : m.notes()) notes.add(where + n);
        if (Double.isFinite(e.pixelSizeNm())) {
            if (Double.isFinite(m.pixelSizeNm()) && Math.abs(m.pixelSizeNm() - e.pixelSizeNm()) > 0.01 * e.pixelSizeNm()) {
                notes.add(where + "the file says " + m.pixelSizeNm() + " nm per pixel, study.json says " + e.pixelSizeNm() + " nm; pixelSizeNm wins");
            }
            m = m.withPixelSize(e.pixelSizeNm(), null);
        } else if (!Double.isFinite(m.pixelSizeNm())) {
            notes.add(where + "no pixel size in the file or study.json; correlation length is NaN");
        }
        if (!e.unit().isEmpty() && !m.unit().isEmpty() && !m.unit().equals(e.unit())) {
            double f = Units.factor(m.unit(), e.unit());
            if (Double.isFinite(f)) {
                float[] v = m.values().clone();
                for (int i = 0; i < v.length; i++) v[i] *= (float) f;
                notes.add(where + "values converted from " + m.unit() + " to " + e.unit());
                m = new SeiMap(m.width(), m.height(), v, m.pixelSizeNm(), e.unit(), m.notes());
            } else {
                notes.add(where + "the file's unit is '" + m.unit() + "', study.json says '" + e.unit() + "'; values used as stored, labelled " + e.unit());
                m = new SeiMap(m.width(), m.height(), m.values(), m.pixelSizeNm(), e.unit(), m.notes());
            }
        }
        if (m.unit().isEmpty() && !e.unit().isEmpty()) m = new SeiMap(m.width(), m.height(), m.values(), m.pixelSizeNm(), e.unit(), m.notes());
        return m;
    }

    static List<SeiResult.SpectrumRow> spectra(Study study, SeiParams p, List<String> notes, Progress progress) {
        List<SeiResult.SpectrumRow> out = new ArrayList<>();
        for (Study.Sample s : study.samples()) {
            Map<Study.SpectrumEntry, Spectrum> loaded = new LinkedHashMap<>();
            for (Study.SpectrumEntry e : s.spectra()) loaded.put(e, SpectrumFiles.read(e.file(), e.region(), e.channel()));
            double shift = 0;
            String ref = p.xps().chargeReferenceRegion();
            Spectrum refSpec = null;
            for (var en : loaded.entrySet()) if (en.getKey().region().equalsIgnoreCase(ref)) refSpec = en.getValue();
            if (refSpec != null) {
                shift = p.xps().chargeReferenceEv() - PeakFit.peakPosition(refSpec, p.xps());
                notes.add(s.id() + ": charge correction " + String.format(java.util.Locale.ROOT, "%+.3f", shift) + " eV from its " + ref + " peak");
            } else if (!s.spectra().isEmpty()) {
                notes.add(s.id() + ": no " + ref + " region, so no charge correction");
            }
            for (var en : loaded.entrySet()) {
                progress.advance(1);
                List<Component> comps = p.xps().componentsFor(en.getKey().region());
                if (comps.isEmpty()) {
                    if (!en.getKey().region().equalsIgnoreCase(ref)) notes.add(s.id() + " " + en.getKey().region() + ": no default components for this region; not fitted");
                    continue;
                }
                PeakFit.Result r = PeakFit.fit(en.getValue(), comps, p.xps(), shift);
                for (PeakFit.Fitted f : r.components()) {
                    out.add(new SeiResult.SpectrumRow(s, en.getKey().region(), f.name(), f.positionEv(), f.fraction(), f.fractionErr(), f.fwhmEv(), shift, r.reducedChi2()));
                }
            }
        }
        return out;
    }
}
