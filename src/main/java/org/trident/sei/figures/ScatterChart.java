package org.trident.sei.figures;

import org.trident.io.AtomicFiles;
import org.trident.render.CategoricalColors;
import org.trident.render.ChartPen;
import org.trident.render.ImageExport;
import org.trident.render.PdfPen;
import org.trident.render.Ticks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A scatter chart with optional error bars, fitted curves, a shaded x interval (a confidence
 * interval) and a marked x position, drawn through {@link ChartPen} so that one layout gives
 * SVG, PNG (at a stated dpi, recorded in the file) and vector PDF. Sizes are in points.
 */
public final class ScatterChart {
    public record Points(String label, double[] x, double[] y, double[] yErr) {}

    public record Curve(String label, double[] x, double[] y, boolean dashed) {}

    private final String title, xLabel, yLabel;
    private final List<Points> points = new ArrayList<>();
    private final List<Curve> curves = new ArrayList<>();
    private double bandLo = Double.NaN, bandHi = Double.NaN, marker = Double.NaN;
    private String bandLabel = "";

    public ScatterChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public ScatterChart points(Points p) { points.add(p); return this; }

    public ScatterChart curve(Curve c) { curves.add(c); return this; }

    /** A shaded interval [lo, hi] of x with a vertical line at {@code at}; NaNs draw nothing. */
    public ScatterChart interval(double at, double lo, double hi, String label) {
        marker = at;
        bandLo = lo;
        bandHi = hi;
        bandLabel = label;
        return this;
    }

    public void writeSvg(Path file, int w, int h) {
        ChartPen.Svg pen = new ChartPen.Svg(w, h);
        draw(pen, w, h);
        AtomicFiles.write(file, pen.finish().getBytes(StandardCharsets.UTF_8));
    }

    public void writePdf(Path file, int w, int h) {
        AtomicFiles.write(file, out -> {
            PdfPen pen = new PdfPen(w, h);
            draw(pen, w, h);
            pen.finish(out);
        });
    }

    /** PNG of a w×h pt chart at {@code dpi} (pixels = points × dpi / 72), the dpi stored in the file. */
    public void writePng(Path file, int w, int h, double dpi) {
        ImageExport.writePng(file, toImage(w, h, dpi / 72.0), dpi);
    }

    public BufferedImage toImage(int w, int h, double scale) {
        BufferedImage img = new BufferedImage((int) Math.round(w * scale), (int) Math.round(h * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(scale, scale);
        draw(new ChartPen.Pixels(g), w, h);
        g.dispose();
        return img;
    }

    double[] range() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Points p : points) for (int i = 0; i < p.x().length; i++) {
            if (!Double.isFinite(p.x()[i]) || !Double.isFinite(p.y()[i])) continue;
            double e = p.yErr() == null || !Double.isFinite(p.yErr()[i]) ? 0 : p.yErr()[i];
            x0 = Math.min(x0, p.x()[i]); x1 = Math.max(x1, p.x()[i]);
            y0 = Math.min(y0, p.y()[i] - e); y1 = Math.max(y1, p.y()[i] + e);
        }
        for (Curve c : curves) for (int i = 0; i < c.x().length; i++) {
            if (!Double.isFinite(c.x()[i]) || !Double.isFinite(c.y()[i])) continue;
            y0 = Math.min(y0, c.y()[i]); y1 = Math.max(y1, c.y()[i]);
        }
        if (!Double.isFinite(x0)) return new double[]{0, 1, 0, 1};
        if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
        if (!(y1 > y0)) { y0 -= Math.max(1e-9, Math.abs(y0) * 0.05); y1 += Math.max(1e-9, Math.abs(y1) * 0.05); }
        double px = 0.06 * (x1 - x0), py = 0.08 * (y1 - y0);
        return new double[]{x0 - px, x1 + px, y0 - py, y1 + py};
    }

    void draw(ChartPen pen, int width, int height) {
        double font = Math.max(7, Math.min(width, height) / 24.0);
        double left = font * 5.8, right = font * 1.0, top = font * 2.2, bottom = font * 3.4;
        double pw = width - left - right, ph = height - top - bottom;
        double[] r = range();
        DoubleUnaryOperator sx = x -> left + (x - r[0]) / (r[1] - r[0]) * pw, sy = y -> top + (1 - (y - r[2]) / (r[3] - r[2])) * ph;
        Color grid = new Color(0xE0E0E0), axis = new Color(0x333333);
        List<Double> xt = Ticks.ticks(r[0], r[1], 6), yt = Ticks.ticks(r[2], r[3], 5);
        double xs = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1, ys = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
        for (double t : yt) {
            double y = sy.applyAsDouble(t);
            pen.line(left, y, left + pw, y, grid, 0.5);
            pen.text(left - font * 0.4, y + font * 0.35, Ticks.label(t, ys), font * 0.85, ChartPen.Anchor.END, false, false);
        }
        for (double t : xt) {
            double x = sx.applyAsDouble(t);
            pen.line(x, top, x, top + ph, grid, 0.5);
            pen.text(x, top + ph + font * 1.2, Ticks.label(t, xs), font * 0.85, ChartPen.Anchor.MIDDLE, false, false);
        }
        Color accent = CategoricalColors.get(1);
        if (Double.isFinite(bandLo) && Double.isFinite(bandHi)) {
            double a = Math.max(left, sx.applyAsDouble(bandLo)), b = Math.min(left + pw, sx.applyAsDouble(bandHi));
            pen.fillPolygon(new double[]{a, b, b, a}, new double[]{top, top, top + ph, top + ph}, accent, 0.18);
        }
        if (Double.isFinite(marker)) {
            double m = sx.applyAsDouble(marker);
            pen.line(m, top, m, top + ph, accent, 1.2);
            if (!bandLabel.isEmpty()) pen.text(Math.min(m + font * 0.3, left + pw - font), top + font * 1.1, bandLabel, font * 0.8, ChartPen.Anchor.START, false, false);
        }
        for (int c = 0; c < curves.size(); c++) {
            Curve cu = curves.get(c);
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= cu.x().length; i++) {
                boolean ok = i < cu.x().length && Double.isFinite(cu.x()[i]) && Double.isFinite(cu.y()[i]);
                if (ok) run.add(new double[]{sx.applyAsDouble(cu.x()[i]), Math.max(top, Math.min(top + ph, sy.applyAsDouble(cu.y()[i])))});
                if ((!ok || i == cu.x().length) && run.size() > 1) {
                    pen.polyline(run.stream().mapToDouble(p -> p[0]).toArray(), run.stream().mapToDouble(p -> p[1]).toArray(), CategoricalColors.get(2 + c), 1.5, cu.dashed());
                }
                if (!ok) run.clear();
            }
        }
        for (int s = 0; s < points.size(); s++) {
            Points p = points.get(s);
            Color col = CategoricalColors.get(s == 0 ? 0 : 3 + s);
            for (int i = 0; i < p.x().length; i++) {
                if (!Double.isFinite(p.x()[i]) || !Double.isFinite(p.y()[i])) continue;
                double x = sx.applyAsDouble(p.x()[i]), y = sy.applyAsDouble(p.y()[i]);
                if (p.yErr() != null && Double.isFinite(p.yErr()[i]) && p.yErr()[i] > 0) {
                    double y0 = sy.applyAsDouble(p.y()[i] - p.yErr()[i]), y1 = sy.applyAsDouble(p.y()[i] + p.yErr()[i]);
                    pen.line(x, y0, x, y1, col, 1);
                    pen.line(x - font * 0.25, y0, x + font * 0.25, y0, col, 1);
                    pen.line(x - font * 0.25, y1, x + font * 0.25, y1, col, 1);
                }
                double d = font * 0.3;
                pen.rect(x - d, y - d, 2 * d, 2 * d, axis, col);
            }
        }
        pen.rect(left, top, pw, ph, axis, null);
        pen.text(left + pw / 2, top - font * 0.7, title, font * 1.05, ChartPen.Anchor.MIDDLE, true, false);
        pen.text(left + pw / 2, height - font * 0.6, xLabel, font, ChartPen.Anchor.MIDDLE, false, false);
        pen.text(font * 1.1, top + ph / 2, yLabel, font, ChartPen.Anchor.MIDDLE, false, true);
        double ly = top + font * 1.1;
        List<String> labels = new ArrayList<>();
        for (Curve c : curves) if (!c.label().isEmpty()) labels.add(c.label());
        for (int i = 0; i < labels.size(); i++) {
            pen.text(left + pw - font * 0.4, ly + (i + (Double.isFinite(marker) && !bandLabel.isEmpty() ? 1 : 0)) * font * 1.1, labels.get(i), font * 0.8, ChartPen.Anchor.END, false, false);
        }
    }
}
