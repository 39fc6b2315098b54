package org.trident.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The few drawing operations a chart needs, so that one layout renders both to SVG text and to
 * pixels (Graphics2D, headless). Coordinates in pixels, y down.
 */
public interface ChartPen {
    enum Anchor { START, MIDDLE, END }

    void line(double x0, double y0, double x1, double y1, Color c, double width);

    /** An open polyline; {@code dashed} for secondary lines. */
    default void polyline(double[] xs, double[] ys, Color c, double width, boolean dashed) {
        polyline(xs, ys, c, width, dashed ? new double[]{6, 4} : null);
    }

    /** An open polyline with a dash pattern (on, off, … lengths; null for a solid line). */
    void polyline(double[] xs, double[] ys, Color c, double width, double[] dash);

    /** A filled marker of {@code shape} (0 circle, 1 square, 2 triangle up, 3 diamond, 4 triangle down) centred at (x, y). */
    default void marker(double x, double y, int shape, double size, Color c) {
        double r = size / 2;
        double[][] unit = switch (Math.floorMod(shape, 5)) {
            case 1 -> new double[][]{{-0.85, -0.85, 0.85, 0.85}, {-0.85, 0.85, 0.85, -0.85}};
            case 2 -> new double[][]{{-1, 0, 1}, {0.8, -1, 0.8}};
            case 3 -> new double[][]{{0, 1.1, 0, -1.1}, {-1.1, 0, 1.1, 0}};
            case 4 -> new double[][]{{-1, 0, 1}, {-0.8, 1, -0.8}};
            default -> {
                double[][] o = new double[2][16];
                for (int i = 0; i < 16; i++) {
                    o[0][i] = Math.cos(2 * Math.PI * i / 16);
                    o[1][i] = Math.sin(2 * Math.PI * i / 16);
                }
                yield o;
            }
        };
        double[] xs = new double[unit[0].length], ys = new double[unit[0].length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x + r * unit[0][i];
            ys[i] = y + r * unit[1][i];
        }
        fillPolygon(xs, ys, c, 1.0);
    }

    void fillPolygon(double[] xs, double[] ys, Color c, double alpha);

    void rect(double x, double y, double w, double h, Color stroke, Color fill);

    /** Text with its baseline at y; {@code rotated} turns it 90° anticlockwise about (x, y). */
    void text(double x, double y, String s, double size, Anchor anchor, boolean bold, boolean rotated);

    /** Width of the text in pixels (the same font metrics for both outputs). */
    default double textWidth(String s, double size) {
        return ChartFonts.awt(false, 100).getStringBounds(s, METRICS.getFontRenderContext()).getWidth() * size / 100;
    }

    Graphics2D METRICS = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();

    /** Writes SVG 1.1 elements into a string. */
    final class Svg implements ChartPen {
        private final StringBuilder b = new StringBuilder();

        public Svg(int width, int height) {
            b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                    + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
            b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        }

        public String finish() {
            return b + "</svg>\n";
        }

        private static String f(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }

        private static String points(double[] xs, double[] ys) {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < xs.length; i++) p.append(i > 0 ? " " : "").append(f(xs[i])).append(',').append(f(ys[i]));
            return p.toString();
        }

        @Override public void line(double x0, double y0, double x1, double y1, Color c, double w) {
            b.append("<line x1=\"").append(f(x0)).append("\" y1=\"").append(f(y0)).append("\" x2=\"").append(f(x1)).append("\" y2=\"").append(f(y1))
                    .append("\" stroke=\"").append(CategoricalColors.hex(c)).append("\" stroke-width=\"").append(f(w)).append("\"/>\n");
        }

        @Override public void polyline(double[] xs, double[] ys, Color c, double w, double[] dash) {
            StringBuilder d = new StringBuilder();
            if (dash != null) for (double v : dash) d.append(d.length() > 0 ? "," : "").append(f(v));
            b.append("<polyline fill=\"none\" stroke=\"").append(CategoricalColors.hex(c)).append("\" stroke-width=\"").append(f(w))
                    .append(dash != null ? "\" stroke-dasharray=\"" + d : "").append("\" stroke-linejoin=\"round\" points=\"").append(points(xs, ys)).append("\"/>\n");
        }

        @Override public void fillPolygon(double[] xs, double[] ys, Color c, double alpha) {
            b.append("<polygon stroke=\"none\" fill=\"").append(CategoricalColors.hex(c)).append("\" fill-opacity=\"").append(f(alpha))
                    .append("\" points=\"").append(points(xs, ys)).append("\"/>\n");
        }

        @Override public void rect(double x, double y, double w, double h, Color stroke, Color fill) {
            b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h))
                    .append("\" fill=\"").append(fill == null ? "none" : CategoricalColors.hex(fill))
                    .append("\" stroke=\"").append(stroke == null ? "none" : CategoricalColors.hex(stroke)).append("\"/>\n");
        }

        @Override public void text(double x, double y, String s, double size, Anchor anchor, boolean bold, boolean rotated) {
            String a = anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end";
            b.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(f(size))
                    .append("\" text-anchor=\"").append(a).append(bold ? "\" font-weight=\"bold" : "")
                    .append(rotated ? "\" transform=\"rotate(-90 " + f(x) + " " + f(y) + ")" : "").append("\">")
                    .append(escape(s)).append("</text>\n");
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    /** Draws on a Graphics2D with antialiasing. */
    final class Pixels implements ChartPen {
        private final Graphics2D g;

        public Pixels(Graphics2D g) {
            this.g = g;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        }

        private static Path2D path(double[] xs, double[] ys, boolean close) {
            Path2D p = new Path2D.Double();
            for (int i = 0; i < xs.length; i++) {
                if (i == 0) p.moveTo(xs[i], ys[i]);
                else p.lineTo(xs[i], ys[i]);
            }
            if (close) p.closePath();
            return p;
        }

        @Override public void line(double x0, double y0, double x1, double y1, Color c, double w) {
            g.setColor(c);
            g.setStroke(new BasicStroke((float) w));
            g.draw(new java.awt.geom.Line2D.Double(x0, y0, x1, y1));
        }

        @Override public void polyline(double[] xs, double[] ys, Color c, double w, double[] dash) {
            g.setColor(c);
            float[] d = null;
            if (dash != null) {
                d = new float[dash.length];
                for (int i = 0; i < d.length; i++) d[i] = (float) dash[i];
            }
            g.setStroke(d != null ? new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, d, 0)
                    : new BasicStroke((float) w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path(xs, ys, false));
        }

        @Override public void fillPolygon(double[] xs, double[] ys, Color c, double alpha) {
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha)));
            g.fill(path(xs, ys, true));
        }

        @Override public void rect(double x, double y, double w, double h, Color stroke, Color fill) {
            var r = new java.awt.geom.Rectangle2D.Double(x, y, w, h);
            if (fill != null) {
                g.setColor(fill);
                g.fill(r);
            }
            if (stroke != null) {
                g.setColor(stroke);
                g.setStroke(new BasicStroke(1f));
                g.draw(r);
            }
        }

        @Override public void text(double x, double y, String s, double size, Anchor anchor, boolean bold, boolean rotated) {
            Font font = ChartFonts.awt(bold, size);
            g.setFont(font);
            g.setColor(Color.BLACK);
            double w = font.getStringBounds(s, g.getFontRenderContext()).getWidth();
            double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
            var old = g.getTransform();
            g.translate(x, y);
            if (rotated) g.rotate(-Math.PI / 2);
            g.drawString(s, (float) dx, 0f);
            g.setTransform(old);
        }
    }
}
