package org.trident.render;

import org.trident.model.TridentException;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Composes a publication figure: rows of image panels, each row optionally sharing one colour
 * bar (same map and limits across the row), with panel letters, titles and scale bars, at a
 * width in mm and a dpi. Data pixels are enlarged by nearest neighbour so that no value is
 * invented by interpolation. The background is white (paper).
 */
public final class Figure {
    private Figure() {}

    /**
     * One image, or one profile chart ({@code chart} non-null, {@code image} null, height =
     * {@code aspect} × width); {@code pixelSizeNm} NaN or 0 draws no scale bar.
     */
    public record Panel(BufferedImage image, double pixelSizeNm, String title, ProfileChart chart, double aspect) {
        public Panel {
            if ((image == null) == (chart == null)) throw new TridentException("a figure panel is either an image or a chart");
        }

        public Panel(BufferedImage image, double pixelSizeNm, String title) {
            this(image, pixelSizeNm, title, null, (double) image.getHeight() / image.getWidth());
        }

        /** A chart panel; the profile figures' own proportion (height 0.68 × width). */
        public static Panel chart(ProfileChart chart, String title) {
            return new Panel(null, Double.NaN, title, chart, 0.68);
        }

        double heightOver(int w) {
            return w * (image != null ? (double) image.getHeight() / image.getWidth() : aspect);
        }
    }

    /** Where a chart panel sits in the composed figure, in figure pixels. */
    public record ChartCell(ProfileChart chart, int x, int y, int w, int h) {}

    /** The composed raster and its chart cells (drawn into the raster unless left for a vector page). */
    public record Composition(BufferedImage image, List<ChartCell> charts) {}

    /** A colour bar: the map, its limits and the quantity with unit, e.g. "fraction-Ni" or "HAADF (counts)". */
    public record ColourScale(ColorMap map, double lo, double hi, String label) {}

    public record Row(List<Panel> panels, ColourScale scale) {}

    /** Figure width in mm, resolution, font size in points, what to draw. */
    public record Options(double widthMm, double dpi, double fontPt, boolean letters, boolean scaleBars) {
        public Options {
            if (!(widthMm > 0) || !(dpi > 0)) throw new TridentException("a figure needs a positive width and dpi, got " + widthMm + " mm at " + dpi + " dpi");
            if (!(fontPt > 0)) fontPt = 8;
        }

        public static Options of(double widthMm, double dpi) {
            return new Options(widthMm, dpi, 8, true, true);
        }

        public int widthPx() { return (int) Math.round(widthMm / 25.4 * dpi); }
    }

    public static BufferedImage compose(List<Row> rows, Options o) {
        return compose(rows, o, true).image();
    }

    /**
     * Lays out and draws the figure; chart panels are drawn as pixels when {@code drawCharts}, else
     * left white for a vector writer ({@link FigurePdf}) to fill from the returned cells.
     */
    public static Composition compose(List<Row> rows, Options o, boolean drawCharts) {
        List<ChartCell> cells = new java.util.ArrayList<>();
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.panels().isEmpty())) throw new TridentException("a figure needs at least one panel in every row");
        int cols = rows.stream().mapToInt(r -> r.panels().size()).max().orElse(1);
        boolean anyScale = rows.stream().anyMatch(r -> r.scale() != null);
        int widthPx = o.widthPx();
        float fontPx = (float) (o.fontPt() / 72.0 * o.dpi());
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(fontPx);
        Font bold = font.deriveFont(Font.BOLD, fontPx * 1.2f);
        int margin = Math.round(fontPx);
        int gap = Math.round(fontPx * 0.6f);
        int titleH = Math.round(fontPx * 1.6f);
        int cbCol = anyScale ? Math.round(fontPx * 6.5f) : 0;
        int cellW = (widthPx - 2 * margin - cbCol - gap * (cols - 1)) / cols;
        if (cellW < 8) throw new TridentException("a figure " + o.widthMm() + " mm wide at " + o.dpi() + " dpi is too small for " + cols + " panels per row");
        int[] rowH = new int[rows.size()];
        int total = margin;
        for (int r = 0; r < rows.size(); r++) {
            int h = 0;
            for (Panel p : rows.get(r).panels()) h = Math.max(h, (int) Math.round(p.heightOver(cellW)));
            rowH[r] = h;
            total += titleH + h + gap;
        }
        total += margin - gap;
        BufferedImage out = new BufferedImage(widthPx, total, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, widthPx, total);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int y = margin;
            int letter = 0;
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                for (int c = 0; c < row.panels().size(); c++) {
                    Panel p = row.panels().get(c);
                    int x = margin + c * (cellW + gap);
                    int w = cellW;
                    // a chart fills the row's height beside taller slices; a slice keeps its proportion
                    int h = p.chart() != null ? rowH[r] : (int) Math.round(p.heightOver(cellW));
                    int tx = x;
                    g.setColor(Color.BLACK);
                    if (o.letters()) {
                        g.setFont(bold);
                        String l = String.valueOf((char) ('a' + letter % 26));
                        g.drawString(l, tx, y + Math.round(fontPx * 1.2f));
                        tx += g.getFontMetrics().stringWidth(l) + Math.round(fontPx * 0.5f);
                    }
                    letter++;
                    if (p.title() != null) {
                        g.setFont(font);
                        g.drawString(fit(g.getFontMetrics(), p.title(), x + w - tx), tx, y + Math.round(fontPx * 1.2f));
                    }
                    int iy = y + titleH;
                    if (p.chart() != null) {
                        cells.add(new ChartCell(p.chart(), x, iy, w, h));
                        if (drawCharts) drawChart(g, p.chart(), x, iy, w, h, o.dpi());
                        continue;
                    }
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                    g.drawImage(p.image(), x, iy, w, h, null);
                    if (o.scaleBars() && p.pixelSizeNm() > 0 && Double.isFinite(p.pixelSizeNm())) {
                        scaleBar(g, font, x, iy, w, h, p.image().getWidth() * p.pixelSizeNm(), fontPx, lightCorner(out, x, iy, w, h));
                    }
                }
                if (row.scale() != null) {
                    int x = widthPx - margin - cbCol + gap;
                    colourBar(g, font, row.scale(), x, y + titleH, rowH[r], fontPx);
                }
                y += titleH + rowH[r] + gap;
            }
        } finally {
            g.dispose();
        }
        return new Composition(out, List.copyOf(cells));
    }

    /** Chart units are points: a cell w px wide is w·72/dpi pt, scaled back to exactly fill the cell. */
    static int chartPt(int px, double dpi) {
        return Math.max(1, (int) Math.round(px * 72.0 / dpi));
    }

    private static void drawChart(Graphics2D g, ProfileChart chart, int x, int y, int w, int h, double dpi) {
        int wPt = chartPt(w, dpi), hPt = chartPt(h, dpi);
        Graphics2D c = (Graphics2D) g.create(x, y, w, h);
        try {
            c.scale((double) w / wPt, (double) h / hPt);
            chart.draw(new ChartPen.Pixels(c), wPt, hPt);
        } finally {
            c.dispose();
        }
    }

    private static String fit(FontMetrics fm, String s, int width) {
        if (fm.stringWidth(s) <= width) return s;
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) t = t.substring(0, t.length() - 1);
        return t + "…";
    }

    /** True when the bottom-right quarter of a panel is mostly light (e.g. no data over white paper). */
    static boolean lightCorner(BufferedImage out, int x, int y, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int yy = y + h * 3 / 4; yy < y + h; yy += 2) for (int xx = x + w / 2; xx < x + w; xx += 2) {
            int c = out.getRGB(xx, yy);
            sum += 0.2126 * (c >> 16 & 255) + 0.7152 * (c >> 8 & 255) + 0.0722 * (c & 255);
            n++;
        }
        return n > 0 && sum / n > 160;
    }

    /** A bar bottom right, its length a nice number of nm: white with a dark outline on data, black on light paper. */
    static void scaleBar(Graphics2D g, Font font, int x, int y, int w, int h, double fieldNm, float fontPx, boolean light) {
        double lenNm = Ticks.scaleBarNm(fieldNm);
        int len = (int) Math.round(lenNm / fieldNm * w);
        int barH = Math.max(2, Math.round(fontPx * 0.35f));
        int pad = Math.round(fontPx * 0.8f);
        int bx = x + w - pad - len;
        int by = y + h - pad - barH;
        String label = Ticks.lengthLabel(lenNm);
        g.setFont(font);
        int lw = g.getFontMetrics().stringWidth(label);
        if (light) {
            g.setColor(Color.BLACK);
            g.fillRect(bx, by, len, barH);
            g.drawString(label, bx + (len - lw) / 2f, by - fontPx * 0.3f);
            return;
        }
        g.setColor(Color.BLACK);
        g.fillRect(bx - 1, by - 1, len + 2, barH + 2);
        g.setColor(Color.WHITE);
        g.fillRect(bx, by, len, barH);
        outlinedText(g, font, label, bx + (len - lw) / 2f, by - fontPx * 0.3f, fontPx);
    }

    private static void outlinedText(Graphics2D g, Font font, String s, float x, float y, float fontPx) {
        GlyphVector gv = font.createGlyphVector(g.getFontRenderContext(), s);
        var shape = gv.getOutline(x, y);
        var old = g.getStroke();
        g.setStroke(new BasicStroke(Math.max(1f, fontPx / 6f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(Color.BLACK);
        g.draw(shape);
        g.setStroke(old);
        g.setColor(Color.WHITE);
        g.fill(shape);
    }

    /** A vertical colour bar with nice ticks and the quantity written along its side. */
    static void colourBar(Graphics2D g, Font font, ColourScale s, int x, int y, int h, float fontPx) {
        int bw = Math.round(fontPx * 0.9f);
        for (int i = 0; i < h; i++) {
            double t = 1.0 - (i + 0.5) / h;
            g.setColor(new Color(s.map().argb(t), true));
            g.fillRect(x, y + i, bw, 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(1f, fontPx / 10f)));
        g.drawRect(x, y, bw, h);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        List<Double> ticks = Ticks.ticks(s.lo(), s.hi(), 4);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : Math.abs(s.hi() - s.lo());
        int maxW = 0;
        for (double v : ticks) {
            int ty = y + (int) Math.round((1 - (v - s.lo()) / (s.hi() - s.lo())) * h);
            g.drawLine(x + bw, ty, x + bw + Math.round(fontPx * 0.3f), ty);
            String l = Ticks.label(v, step);
            maxW = Math.max(maxW, fm.stringWidth(l));
            g.drawString(l, x + bw + Math.round(fontPx * 0.45f), ty + fm.getAscent() / 2 - 1);
        }
        if (s.label() != null && !s.label().isBlank()) {
            AffineTransform old = g.getTransform();
            int lx = x + bw + Math.round(fontPx * 0.6f) + maxW + fm.getAscent();
            g.rotate(Math.PI / 2, lx, y);
            g.drawString(fit(fm, s.label(), h), lx, y);
            g.setTransform(old);
        }
    }
}
