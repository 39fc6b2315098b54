package org.trident.render;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A {@link ChartPen} that writes one vector PDF page (PDFBox), 1 chart pixel = 1 pt, so a
 * 720×450 chart is a 720×450 pt page. Text uses DejaVu Sans ({@link ChartFonts}), embedded as a
 * subset so that the PDF shows the same glyphs everywhere (journals require embedded fonts), with
 * its own metrics for anchoring and the legend width; characters the font lacks become '?'.
 */
public final class PdfPen implements ChartPen {
    private final PDDocument doc = new PDDocument();
    private final PDPageContentStream cs;
    private final PDFont regular = ChartFonts.pdf(doc, false);
    private final PDFont bold = ChartFonts.pdf(doc, true);
    private final double height;

    public PdfPen(int width, int height) {
        this((double) width, height);
    }

    /** A page of {@code width}×{@code height} pt (fractional, e.g. an exact millimetre width). */
    public PdfPen(double width, double height) {
        this.height = height;
        PDPage page = new PDPage(new PDRectangle((float) width, (float) height));
        doc.addPage(page);
        try {
            cs = new PDPageContentStream(doc, page);
            fillColor(Color.WHITE);
            cs.addRect(0, 0, (float) width, (float) height);
            cs.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places {@code img} losslessly at (x, y) top-left, w×h pt: its pixels stay as they are, the PDF only states their size. */
    public void image(java.awt.image.BufferedImage img, double x, double y, double w, double h) {
        try {
            var pd = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, img);
            cs.drawImage(pd, (float) x, y(y + h), (float) w, (float) h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until {@link #endPlace()}, drawing at (cx, cy) lands at (ox + s·cx, oy + s·cy): a chart placed in a cell of the page. */
    public void place(double ox, double oy, double s) {
        try {
            cs.saveGraphicsState();
            cs.transform(new Matrix((float) s, 0, 0, (float) s, (float) ox, (float) (height - oy - s * height)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void endPlace() {
        try {
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the page and writes the document; the pen is unusable afterwards. */
    public void finish(OutputStream out) throws IOException {
        try (doc) {
            cs.close();
            doc.save(out);
        }
    }

    private float y(double v) {
        return (float) (height - v);
    }

    private void fillColor(Color c) throws IOException {
        cs.setNonStrokingColor(c.getRed() / 255f, c.getGreen() / 255f, c.getBlue() / 255f);
    }

    private void strokeColor(Color c, double width) throws IOException {
        cs.setStrokingColor(c.getRed() / 255f, c.getGreen() / 255f, c.getBlue() / 255f);
        cs.setLineWidth((float) width);
    }

    private void path(double[] xs, double[] ys) throws IOException {
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) cs.moveTo((float) xs[i], y(ys[i]));
            else cs.lineTo((float) xs[i], y(ys[i]));
        }
    }

    @Override public void line(double x0, double y0, double x1, double y1, Color c, double width) {
        try {
            strokeColor(c, width);
            cs.moveTo((float) x0, y(y0));
            cs.lineTo((float) x1, y(y1));
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void polyline(double[] xs, double[] ys, Color c, double width, double[] dash) {
        try {
            cs.saveGraphicsState();
            strokeColor(c, width);
            cs.setLineJoinStyle(1);
            if (dash != null) {
                float[] d = new float[dash.length];
                for (int i = 0; i < d.length; i++) d[i] = (float) dash[i];
                cs.setLineDashPattern(d, 0);
            }
            else cs.setLineCapStyle(1);
            path(xs, ys);
            cs.stroke();
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void fillPolygon(double[] xs, double[] ys, Color c, double alpha) {
        try {
            cs.saveGraphicsState();
            PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
            gs.setNonStrokingAlphaConstant((float) alpha);
            cs.setGraphicsStateParameters(gs);
            fillColor(c);
            path(xs, ys);
            cs.closePath();
            cs.fill();
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void rect(double x, double y, double w, double h, Color stroke, Color fill) {
        try {
            if (fill != null) {
                fillColor(fill);
                cs.addRect((float) x, y(y + h), (float) w, (float) h);
                cs.fill();
            }
            if (stroke != null) {
                strokeColor(stroke, 1);
                cs.addRect((float) x, y(y + h), (float) w, (float) h);
                cs.stroke();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void text(double x, double y, String s, double size, Anchor anchor, boolean isBold, boolean rotated) {
        PDFont font = isBold ? bold : regular;
        String t = encodable(font, s);
        try {
            double w = width(font, t, size);
            double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
            // anticlockwise in the y-up page: the text then reads bottom to top, as in the SVG
            double angle = rotated ? Math.PI / 2 : 0;
            float px = (float) (x + dx * Math.cos(angle)), py = (float) (height - y + dx * Math.sin(angle));
            fillColor(Color.BLACK);
            cs.beginText();
            cs.setFont(font, (float) size);
            cs.setTextMatrix(Matrix.getRotateInstance(angle, px, py));
            cs.showText(t);
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public double textWidth(String s, double size) {
        try {
            return width(regular, encodable(regular, s), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double width(PDFont font, String s, double size) throws IOException {
        return font.getStringWidth(s) / 1000.0 * size;
    }

    /** {@code s} with every character the font cannot encode replaced. */
    static String encodable(PDFont font, String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IllegalArgumentException | IOException e) {
                b.append('?');
            }
        });
        return b.toString();
    }
}
