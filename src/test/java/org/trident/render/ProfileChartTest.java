package org.trident.render;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileChartTest {
    static ProfileChart chart() {
        double[] x = {0.5, 1.5, 2.5, 3.5, 4.5};
        return new ProfileChart("fraction-Ni", "depth below the surface (nm)", "Ni fraction", List.of(
                new ProfileChart.Series("pristine", x, new double[]{0.33, 0.33, 0.33, 0.33, 0.33}, new double[]{0.31, 0.31, 0.31, 0.31, 0.31},
                        new double[]{0.35, 0.35, 0.35, 0.35, 0.35}),
                new ProfileChart.Series("cycled-100 <&>", x, new double[]{0.45, 0.40, Double.NaN, 0.35, 0.34}, null, null)));
    }

    @Test
    void svgHasAxesLegendAndBrokenLines() {
        String svg = chart().toSvg(600, 400);
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains(">depth below the surface (nm)</text>"));
        assertTrue(svg.contains(">Ni fraction</text>"));
        assertTrue(svg.contains(">cycled-100 &lt;&amp;&gt;</text>"), "legend label escaped");
        assertTrue(svg.contains(CategoricalColors.hex(CategoricalColors.get(0))));
        // the NaN splits the second series into a two-point line and a two-point line
        // (+ one legend swatch per series, drawn in the series' line style)
        assertEquals(3 + 2, svg.split("<polyline").length - 1, "one line for the first series, two for the second");
        assertTrue(svg.contains("<polygon"), "band");
    }

    @Test
    void pngShowsTheSeriesColours() {
        BufferedImage img = chart().toImage(600, 400, 1);
        assertEquals(600, img.getWidth());
        int blue = 0, vermillion = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) {
            int rgb = img.getRGB(x, y) & 0xffffff;
            if (rgb == CategoricalColors.get(0).getRGB() << 8 >>> 8) blue++;
            if (rgb == (CategoricalColors.get(1).getRGB() & 0xffffff)) vermillion++;
        }
        assertTrue(blue > 50, "blue pixels " + blue);
        assertTrue(vermillion > 50, "vermillion pixels " + vermillion);
        assertEquals(Color.WHITE.getRGB(), img.getRGB(2, 2));
    }

    @Test
    void pdfIsOneVectorPageWithTextAndSeriesColours(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chart.pdf");
        chart().writePdf(f, 600, 400);
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            var box = doc.getPage(0).getMediaBox();
            assertEquals(600, box.getWidth(), 1e-3);
            assertEquals(400, box.getHeight(), 1e-3);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("depth below the surface (nm)"), text);
            // the stripper breaks rotated text into short lines; in order, it still reads the label
            assertTrue(text.replaceAll("\\s", "").contains("Nifraction"), "rotated y label: " + text);
            assertTrue(text.contains("pristine"), text);
            assertTrue(text.contains("cycled-100 <&>"), text);
            assertTrue(text.contains("fraction-Ni"), "title: " + text);
            // rendered back, the lines carry the series colours on a white page
            BufferedImage img = new PDFRenderer(doc).renderImage(0, 1f);
            int blue = 0, vermillion = 0;
            for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (near(rgb, CategoricalColors.get(0).getRGB())) blue++;
                if (near(rgb, CategoricalColors.get(1).getRGB())) vermillion++;
            }
            assertTrue(blue > 50, "blue pixels " + blue);
            assertTrue(vermillion > 50, "vermillion pixels " + vermillion);
            assertEquals(Color.WHITE.getRGB() & 0xffffff, img.getRGB(2, 2) & 0xffffff);
        }
    }

    @Test
    void pdfKeepsMinusSignsAndGreekWithTheEmbeddedFont() throws Exception {
        try (var doc = new PDDocument()) {
            var font = ChartFonts.pdf(doc, false);
            assertEquals("mean ± std, \u22121 nm, \u03c3 (µm²)", PdfPen.encodable(font, "mean ± std, \u22121 nm, \u03c3 (µm²)"));
            assertEquals("?", PdfPen.encodable(font, "\u4e00")); // a CJK ideograph DejaVu Sans lacks
        }
    }

    private static boolean near(int rgb, int want) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((want >> shift) & 0xff)) > 6) return false;
        }
        return true;
    }
}
