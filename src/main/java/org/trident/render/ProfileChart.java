package org.trident.render;

import org.trident.io.AtomicFiles;
import org.trident.model.TridentException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of several series over a common x axis, each with an optional shaded band
 * (e.g. mean ± std per depth shell), with axes, ticks, units and a legend. The same layout is
 * rendered to SVG text ({@link #toSvg}), to pixels ({@link #toImage}) and to a vector PDF page
 * ({@link #writePdf}, {@link PdfPen}) through {@link ChartPen}.
 * Gaps (NaN) break lines and bands. Series colours follow {@link CategoricalColors}.
 */
public final class ProfileChart {
    /** One series; {@code lo}/{@code hi} may be null (no band). */
    public record Series(String label, double[] x, double[] y, double[] lo, double[] hi) {
        public Series {
            if (x.length != y.length || (lo != null && lo.length != x.length) || (hi != null && hi.length != x.length)) {
                throw new TridentException("series " + label + ": x, y and band arrays differ in length");
            }
        }
    }

    private final String title, xLabel, yLabel;
    private final List<Series> series;
    private double fontPt = Double.NaN;
    private String bandNote;

    /** {@code title} may be null or blank: no title line. */
    public ProfileChart(String title, String xLabel, String yLabel, List<Series> series) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = List.copyOf(series);
    }

    /**
     * Print layout: the chart's units are points and text is {@code fontPt} (labels) and 7/8 of it
     * (ticks, legend), lines thin, instead of sizes that follow the canvas. {@code bandNote} says
     * what the shaded bands are (shown in the legend); null for none.
     */
    public ProfileChart print(double fontPt, String bandNote) {
        this.fontPt = fontPt;
        this.bandNote = bandNote;
        return this;
    }

    /** What the shaded bands are, as the legend says it (e.g. "band: ± 1σ of the shell fit"); null when not set. */
    public String bandNote() {
        return bandNote;
    }

    /** The series as drawn (for checks against the source table). */
    public List<Series> series() {
        return series;
    }

    /** Dash pattern of series {@code s} in units of the line width: solid, dashed, dotted, dash-dot. */
    static double[] dash(int s, double lw) {
        return switch (s % 4) {
            case 1 -> new double[]{4 * lw, 2 * lw};
            case 2 -> new double[]{1 * lw, 1.6 * lw};
            case 3 -> new double[]{4 * lw, 1.6 * lw, 1 * lw, 1.6 * lw};
            default -> null;
        };
    }

    public String toSvg(int width, int height) {
        ChartPen.Svg pen = new ChartPen.Svg(width, height);
        draw(pen, width, height);
        return pen.finish();
    }

    /** Pixels at {@code scale} × the nominal size (2 for print-friendly PNGs). */
    public BufferedImage toImage(int width, int height, double scale) {
        int w = (int) Math.round(width * scale), h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.scale(scale, scale);
        draw(new ChartPen.Pixels(g), width, height);
        g.dispose();
        return img;
    }

    public void writeSvg(Path file, int width, int height) {
        AtomicFiles.write(file, toSvg(width, height).getBytes(StandardCharsets.UTF_8));
    }

    public void writePng(Path file, int width, int height, double scale) {
        BufferedImage img = toImage(width, height, scale);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new java.io.IOException("no PNG writer available");
        });
    }

    /** One vector PDF page of {@code width}×{@code height} pt (the chart's pixels as points). */
    public void writePdf(Path file, int width, int height) {
        AtomicFiles.write(file, out -> {
            PdfPen pen = new PdfPen(width, height);
            draw(pen, width, height);
            pen.finish(out);
        });
    }

    /** Data range over finite values of y and bands: {xmin, xmax, ymin, ymax}. */
    double[] range() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i])) continue;
                for (double v : new double[]{s.y()[i], s.lo() == null ? Double.NaN : s.lo()[i], s.hi() == null ? Double.NaN : s.hi()[i]}) {
                    if (!Double.isFinite(v)) continue;
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, v);
                    y1 = Math.max(y1, v);
                }
            }
        }
        if (!Double.isFinite(x0)) return new double[]{0, 1, 0, 1};
        if (x0 > 0) x0 = 0; // depth axes start at the surface
        if (!(x1 > x0)) x1 = x0 + 1;
        double pad = y1 > y0 ? 0.05 * (y1 - y0) : Math.max(Math.abs(y0) * 0.05, 1e-3);
        return new double[]{x0, x1, y0 - pad, y1 + pad};
    }

    void draw(ChartPen pen, int width, int height) {
        boolean print = Double.isFinite(fontPt);
        double font = print ? fontPt : Math.max(10, Math.min(width, height) / 32.0);
        double tick = print ? fontPt * 7 / 8 : font * 0.85;
        double lw = print ? 1.0 : 2, thin = print ? 0.4 : 1;
        boolean hasTitle = title != null && !title.isBlank();
        double left = font * (print ? 5.0 : 5.5), right = font * 1.2, top = hasTitle ? font * 2.4 : font * 0.8, bottom = font * 3.6;
        double pw = width - left - right, ph = height - top - bottom;
        double[] r = range();
        var sx = (java.util.function.DoubleUnaryOperator) x -> left + (x - r[0]) / (r[1] - r[0]) * pw;
        var sy = (java.util.function.DoubleUnaryOperator) y -> top + (1 - (y - r[2]) / (r[3] - r[2])) * ph;
        Color grid = new Color(0xE0E0E0), axis = new Color(0x333333);

        List<Double> xt = Ticks.ticks(r[0], r[1], 6), yt = Ticks.ticks(r[2], r[3], 5);
        double xs = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1, ys = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
        for (double t : yt) {
            double y = sy.applyAsDouble(t);
            pen.line(left, y, left + pw, y, grid, thin);
            pen.line(left - font * 0.3, y, left, y, axis, thin);
            pen.text(left - font * 0.5, y + font * 0.35, Ticks.label(t, ys), tick, ChartPen.Anchor.END, false, false);
        }
        for (double t : xt) {
            double x = sx.applyAsDouble(t);
            pen.line(x, top, x, top + ph, grid, thin);
            pen.line(x, top + ph, x, top + ph + font * 0.3, axis, thin);
            pen.text(x, top + ph + font * 1.3, Ticks.label(t, xs), tick, ChartPen.Anchor.MIDDLE, false, false);
        }

        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            Color c = CategoricalColors.get(s);
            if (se.lo() != null && se.hi() != null) {
                for (int[] run : runs(se, true)) {
                    int n = run[1] - run[0];
                    double[] px = new double[2 * n], py = new double[2 * n];
                    for (int i = 0; i < n; i++) {
                        int a = run[0] + i, b = run[1] - 1 - i;
                        px[i] = sx.applyAsDouble(se.x()[a]);
                        py[i] = sy.applyAsDouble(se.hi()[a]);
                        px[n + i] = sx.applyAsDouble(se.x()[b]);
                        py[n + i] = sy.applyAsDouble(se.lo()[b]);
                    }
                    pen.fillPolygon(px, py, c, 0.18);
                }
            }
        }
        // lines after every band, so that no band tints another series' line
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            Color c = CategoricalColors.get(s);
            for (int[] run : runs(se, false)) {
                int n = run[1] - run[0];
                double[] px = new double[n], py = new double[n];
                for (int i = 0; i < n; i++) {
                    px[i] = sx.applyAsDouble(se.x()[run[0] + i]);
                    py[i] = sy.applyAsDouble(se.y()[run[0] + i]);
                }
                if (n > 1) pen.polyline(px, py, c, lw, dash(s, lw));
                // markers (shape per series) keep the series apart in greyscale; thinned on dense profiles
                int every = Math.max(1, (int) Math.ceil(se.x().length / 25.0));
                for (int i = 0; i < n; i++) if ((run[0] + i) % every == 0 || n == 1) pen.marker(px[i], py[i], s, font * 0.45, c);
            }
        }
        pen.line(left, top, left + pw, top, axis, thin * 1.5);
        pen.line(left, top + ph, left + pw, top + ph, axis, thin * 1.5);
        pen.line(left, top, left, top + ph, axis, thin * 1.5);
        pen.line(left + pw, top, left + pw, top + ph, axis, thin * 1.5);
        if (hasTitle) pen.text(left + pw / 2, top - font * 0.8, title, print ? font : font * 1.1, ChartPen.Anchor.MIDDLE, true, false);
        pen.text(left + pw / 2, height - font * 0.8, xLabel, font, ChartPen.Anchor.MIDDLE, false, false);
        pen.text(font * 1.3, top + ph / 2, yLabel, font, ChartPen.Anchor.MIDDLE, false, true);
        legend(pen, left, top, pw, ph, font, tick, lw, sx, sy);
    }

    /** The legend goes into the plot corner that hides the fewest data points and band edges. */
    private void legend(ChartPen pen, double left, double top, double pw, double ph, double font, double size, double lw,
                        java.util.function.DoubleUnaryOperator sx, java.util.function.DoubleUnaryOperator sy) {
        if (series.isEmpty()) return;
        double line = size * 1.45, sw = font * 2.2;
        double w = 0;
        for (Series s : series) w = Math.max(w, pen.textWidth(s.label(), size));
        w += sw + font * 1.2;
        if (bandNote != null) w = Math.max(w, pen.textWidth(bandNote, size) + font * 0.8);
        int lines = series.size() + (bandNote != null ? 1 : 0);
        double h = line * lines + font * 0.5;
        double pad = font * 0.5;
        double[][] corners = {{left + pw - w - pad, top + pad}, {left + pw - w - pad, top + ph - h - pad},
                {left + pad, top + pad}, {left + pad, top + ph - h - pad}};
        double x = corners[0][0], y = corners[0][1];
        long best = Long.MAX_VALUE;
        for (double[] c : corners) {
            long hits = 0;
            for (Series se : series) {
                for (int i = 0; i < se.x().length; i++) {
                    double px = sx.applyAsDouble(se.x()[i]);
                    if (px < c[0] - pad || px > c[0] + w + pad) continue;
                    for (double v : new double[]{se.y()[i], se.lo() == null ? Double.NaN : se.lo()[i], se.hi() == null ? Double.NaN : se.hi()[i]}) {
                        double py = sy.applyAsDouble(v);
                        if (Double.isFinite(py) && py >= c[1] - pad && py <= c[1] + h + pad) hits++;
                    }
                }
            }
            if (hits < best) {
                best = hits;
                x = c[0];
                y = c[1];
            }
        }
        pen.rect(x, y, w, h, new Color(0xBBBBBB), Color.WHITE);
        for (int s = 0; s < series.size(); s++) {
            double cy = y + font * 0.25 + line * (s + 0.5);
            Color c = CategoricalColors.get(s);
            Series se = series.get(s);
            if (se.lo() != null && se.hi() != null) {
                pen.fillPolygon(new double[]{x + font * 0.4, x + font * 0.4 + sw, x + font * 0.4 + sw, x + font * 0.4},
                        new double[]{cy - size * 0.4, cy - size * 0.4, cy + size * 0.4, cy + size * 0.4}, c, 0.18);
            }
            pen.polyline(new double[]{x + font * 0.4, x + font * 0.4 + sw}, new double[]{cy, cy}, c, lw, dash(s, lw));
            pen.marker(x + font * 0.4 + sw / 2, cy, s, font * 0.45, c);
            pen.text(x + font * 0.8 + sw, cy + size * 0.35, se.label(), size, ChartPen.Anchor.START, false, false);
        }
        if (bandNote != null) pen.text(x + font * 0.4, y + font * 0.25 + line * (series.size() + 0.5) + size * 0.35, bandNote, size, ChartPen.Anchor.START, false, false);
    }

    /** Index runs [from, to) where x, y (and the band, when asked) are finite. */
    private static List<int[]> runs(Series s, boolean band) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])
                    && (!band || (Double.isFinite(s.lo()[i]) && Double.isFinite(s.hi()[i])));
            if (ok && start < 0) start = i;
            if (!ok && start >= 0) {
                out.add(new int[]{start, i});
                start = -1;
            }
        }
        return out;
    }
}
