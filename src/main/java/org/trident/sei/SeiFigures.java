package org.trident.sei;

import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Figure;
import org.trident.render.ImageExport;
import org.trident.render.Slices;
import org.trident.sei.figures.ScatterChart;
import org.trident.sei.stats.QuadraticOptimum;
import org.trident.sei.study.Study;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's figures, built once and written as PNG ({@value #DPI} dpi, recorded in the file),
 * SVG and vector PDF: figure of merit vs composition with the fitted quadratic, its optimum and
 * the 95 % interval shaded; each map quantity's uniformity metric vs composition and vs the
 * figure of merit (with the least-squares line); XPS component fractions vs composition (with
 * their errors); and the map gallery (one row per quantity, samples by composition, one colour
 * scale per row from the 1st–99th percentile of all its maps, scale bars).
 */
public final class SeiFigures {
    private SeiFigures() {}

    public static final double DPI = 300;
    public static final int WIDTH_PT = 252, HEIGHT_PT = 180; // 89 mm: a single journal column
    public static final double GALLERY_WIDTH_MM = 240;

    public static List<Path> write(SeiResult r, Path out) {
        Path dir = out.resolve("figures");
        List<Path> written = new ArrayList<>();
        for (var e : charts(r).entrySet()) {
            ScatterChart c = e.getValue();
            Path png = dir.resolve(e.getKey() + ".png"), svg = dir.resolve(e.getKey() + ".svg"), pdf = dir.resolve(e.getKey() + ".pdf");
            c.writePng(png, WIDTH_PT, HEIGHT_PT, DPI);
            c.writeSvg(svg, WIDTH_PT, HEIGHT_PT);
            c.writePdf(pdf, WIDTH_PT, HEIGHT_PT);
            written.addAll(List.of(png, svg, pdf));
        }
        if (!r.maps().isEmpty()) {
            Path g = dir.resolve("map-gallery.png");
            ImageExport.writePng(g, gallery(r, GALLERY_WIDTH_MM), DPI);
            written.add(g);
        }
        return written;
    }

    public static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /** Every chart by file stem, in a stable order. */
    public static Map<String, ScatterChart> charts(SeiResult r) {
        Map<String, ScatterChart> out = new LinkedHashMap<>();
        out.put("ce-vs-composition", ceChart(r));
        for (String key : r.uniformity().keySet()) {
            String metric = r.uniformity().get(key).metric();
            out.put(fileName(metric + "-vs-composition-" + key), metricVsComposition(r, key));
            out.put(fileName(metric + "-vs-ce-" + key), metricVsCe(r, key));
        }
        for (String comp : components(r)) out.put(fileName("fraction-vs-composition-" + comp), fractionVsComposition(r, comp));
        return out;
    }

    static String compAxis(Study s) {
        return s.compositionName() + (s.compositionUnit().isEmpty() ? "" : " (" + s.compositionUnit() + ")");
    }

    static double[] compositions(SeiResult r) {
        return r.study().samples().stream().mapToDouble(Study.Sample::composition).toArray();
    }

    public static ScatterChart ceChart(SeiResult r) {
        QuadraticOptimum.Result o = r.ceOptimum();
        String fom = "Coulomb efficiency, cycle" + (r.params().cycleFrom() == r.params().cycleTo() ? " " : "s ") + r.params().cyclesText() + " (%)";
        ScatterChart c = new ScatterChart("Figure of merit vs composition", compAxis(r.study()), fom)
                .points(new ScatterChart.Points("samples", compositions(r), r.figureOfMerit(), null));
        addQuadratic(c, r, o, "quadratic fit");
        if (Double.isFinite(o.x())) {
            c.interval(o.x(), o.ciLow(), o.ciHigh(), String.format(Locale.ROOT, "optimum %.1f (95%% CI %.1f-%.1f)%s", o.x(), o.ciLow(), o.ciHigh(), o.atEdge() ? ", at edge" : ""));
        }
        return c;
    }

    static void addQuadratic(ScatterChart c, SeiResult r, QuadraticOptimum.Result o, String label) {
        double[] x = compositions(r);
        double lo = java.util.Arrays.stream(x).min().orElse(0), hi = java.util.Arrays.stream(x).max().orElse(1);
        if (!Double.isFinite(o.coefficients()[2])) return;
        double[] cx = new double[101], cy = new double[101];
        for (int i = 0; i <= 100; i++) {
            cx[i] = lo + (hi - lo) * i / 100.0;
            cy[i] = o.coefficients()[0] + o.coefficients()[1] * cx[i] + o.coefficients()[2] * cx[i] * cx[i];
        }
        c.curve(new ScatterChart.Curve(label, cx, cy, false));
    }

    static String[] techQty(SeiResult r, String key) {
        for (SeiResult.MapRow m : r.maps()) if (m.key().equals(key)) return new String[]{m.entry().technique(), m.entry().quantity(), m.map().unit()};
        throw new IllegalArgumentException(key);
    }

    static String metricLabel(SeiResult r, String key, String metric) {
        String[] tq = techQty(r, key);
        return key + " " + metric + (metric.equals("std") && !tq[2].isEmpty() ? " (" + tq[2] + ")" : "");
    }

    public static ScatterChart metricVsComposition(SeiResult r, String key) {
        SeiResult.Uniformity u = r.uniformity().get(key);
        String[] tq = techQty(r, key);
        double[] v = SeiAnalysis.perSample(r.study(), r.maps(), tq[0], tq[1], u.metric());
        ScatterChart c = new ScatterChart(key + ": uniformity vs composition", compAxis(r.study()), metricLabel(r, key, u.metric()))
                .points(new ScatterChart.Points("samples", compositions(r), v, null));
        addQuadratic(c, r, u.optimum(), "quadratic fit");
        QuadraticOptimum.Result o = u.optimum();
        if (Double.isFinite(o.x())) c.interval(o.x(), o.ciLow(), o.ciHigh(), String.format(Locale.ROOT, "most uniform %.1f", o.x()));
        return c;
    }

    public static ScatterChart metricVsCe(SeiResult r, String key) {
        SeiResult.Uniformity u = r.uniformity().get(key);
        String[] tq = techQty(r, key);
        double[] v = SeiAnalysis.perSample(r.study(), r.maps(), tq[0], tq[1], u.metric());
        double[] ce = r.figureOfMerit();
        ScatterChart c = new ScatterChart(key + " " + u.metric() + " vs Coulomb efficiency", "Coulomb efficiency (%)", metricLabel(r, key, u.metric()))
                .points(new ScatterChart.Points("samples", ce, v, null));
        double[] line = regression(ce, v);
        if (line != null) {
            double lo = java.util.Arrays.stream(ce).filter(Double::isFinite).min().orElse(0), hi = java.util.Arrays.stream(ce).filter(Double::isFinite).max().orElse(1);
            SeiResult.CorrelationRow row = r.correlations().stream().filter(k -> k.technique().equals(tq[0]) && k.quantity().equals(tq[1])
                    && k.metric().equals(u.metric()) && k.against().equals("coulombEfficiency")).findFirst().orElse(null);
            String lab = row == null ? "least squares" : String.format(Locale.ROOT, "r = %.2f [%.2f, %.2f], n = %d", row.r().r(), row.r().ciLow(), row.r().ciHigh(), row.r().n());
            c.curve(new ScatterChart.Curve(lab, new double[]{lo, hi}, new double[]{line[0] + line[1] * lo, line[0] + line[1] * hi}, false));
        }
        return c;
    }

    /** Least-squares intercept and slope over finite pairs, null with fewer than 2. */
    static double[] regression(double[] x, double[] y) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            n++; sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i];
        }
        double d = n * sxx - sx * sx;
        if (n < 2 || d == 0) return null;
        double b = (n * sxy - sx * sy) / d;
        return new double[]{(sy - b * sx) / n, b};
    }

    static List<String> components(SeiResult r) {
        List<String> out = new ArrayList<>();
        for (SeiResult.SpectrumRow s : r.spectra()) if (!out.contains(s.region() + " " + s.component())) out.add(s.region() + " " + s.component());
        return out;
    }

    public static ScatterChart fractionVsComposition(SeiResult r, String comp) {
        List<SeiResult.SpectrumRow> rows = r.spectra().stream().filter(s -> (s.region() + " " + s.component()).equals(comp)).toList();
        double[] x = rows.stream().mapToDouble(s -> s.sample().composition()).toArray();
        double[] y = rows.stream().mapToDouble(SeiResult.SpectrumRow::fraction).toArray();
        double[] e = rows.stream().mapToDouble(SeiResult.SpectrumRow::fractionErr).toArray();
        return new ScatterChart("XPS " + comp + " fraction vs composition", compAxis(r.study()), comp + " fraction")
                .points(new ScatterChart.Points(comp, x, y, e));
    }

    /** The map gallery at {@value #DPI} dpi, {@code widthMm} wide. */
    public static BufferedImage gallery(SeiResult r, double widthMm) {
        Map<String, List<SeiResult.MapRow>> byKey = new LinkedHashMap<>();
        for (SeiResult.MapRow m : r.maps()) byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        List<Figure.Row> rows = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<SeiResult.MapRow> maps = new ArrayList<>(e.getValue());
            maps.sort(Comparator.comparingDouble(m -> m.sample().composition()));
            float[] all = pooled(maps);
            double[] lim = Contrast.percentiles(all, 1, 99);
            List<Figure.Panel> panels = new ArrayList<>();
            for (SeiResult.MapRow m : maps) {
                float[] v = display(m);
                BufferedImage img = Slices.image(v, m.map().width(), m.map().height(), ColorMap.VIRIDIS, lim[0], lim[1], 0xffffffff);
                panels.add(new Figure.Panel(img, m.map().pixelSizeNm(), fmt(m.sample().composition()) + " " + r.study().compositionUnit()));
            }
            String unit = maps.get(0).map().unit();
            rows.add(new Figure.Row(panels, new Figure.ColourScale(ColorMap.VIRIDIS, lim[0], lim[1], maps.get(0).entry().quantity() + (unit.isEmpty() ? "" : " (" + unit + ")"))));
        }
        return Figure.compose(rows, new Figure.Options(widthMm, DPI, 8, false, true));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** What the gallery shows: topography levelled (as measured), others as read. */
    static float[] display(SeiResult.MapRow m) {
        if (!m.entry().isTopography()) return m.map().values();
        double[] d = new double[m.map().values().length];
        for (int i = 0; i < d.length; i++) d[i] = m.map().values()[i];
        org.trident.sei.metrics.MapStats.level(d, m.map().width(), m.map().height());
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    static float[] pooled(List<SeiResult.MapRow> maps) {
        int n = 0;
        for (SeiResult.MapRow m : maps) n += m.map().values().length;
        float[] all = new float[n];
        int k = 0;
        for (SeiResult.MapRow m : maps) {
            float[] v = display(m);
            System.arraycopy(v, 0, all, k, v.length);
            k += v.length;
        }
        return all;
    }
}
