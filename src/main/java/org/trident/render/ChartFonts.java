package org.trident.render;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one typeface of every chart: DejaVu Sans (regular and bold), bundled with Trident under the
 * Bitstream Vera licence ({@code fonts/LICENSE-DejaVu.txt}), so pixels, SVG and PDF share metrics,
 * PDFs embed a real font (a subset) and text has the true minus sign (U+2212), µ, σ and ±.
 */
public final class ChartFonts {
    private ChartFonts() {}

    public static final String FAMILY = "DejaVu Sans";
    private static final String REGULAR = "fonts/DejaVuSans.ttf", BOLD = "fonts/DejaVuSans-Bold.ttf";
    private static Font regular, bold;

    /** The AWT font at {@code size} (pixels or points, whichever the pen draws in). */
    public static synchronized Font awt(boolean isBold, double size) {
        try {
            if (regular == null) {
                regular = load(REGULAR);
                bold = load(BOLD);
            }
        } catch (IOException | FontFormatException e) {
            // the fonts are part of the jar; without them fall back to the logical sans-serif font
            regular = new Font(Font.SANS_SERIF, Font.PLAIN, 1);
            bold = new Font(Font.SANS_SERIF, Font.BOLD, 1);
        }
        return (isBold ? bold : regular).deriveFont((float) size);
    }

    private static Font load(String name) throws IOException, FontFormatException {
        try (InputStream in = ChartFonts.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return Font.createFont(Font.TRUETYPE_FONT, in);
        }
    }

    /** The font loaded into {@code doc} for embedding (only the glyphs used are embedded). */
    public static PDType0Font pdf(PDDocument doc, boolean isBold) {
        try (InputStream in = ChartFonts.class.getResourceAsStream(isBold ? BOLD : REGULAR)) {
            if (in == null) throw new IOException("missing font resource");
            return PDType0Font.load(doc, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
