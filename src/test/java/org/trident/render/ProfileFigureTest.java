package org.trident.render;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journal-ready profile figures: size, resolution, embedded fonts, minus signs, error bands. */
class ProfileFigureTest {
    @TempDir
    Path dir;

    static List<ProfileFigure.Profile> profiles() {
        double[] x = {0, 10, 20, 30};
        return List.of(
                new ProfileFigure.Profile("pristine", x, new double[]{-0.2, 0.1, 0.3, 0.3}, new double[]{0.5, 0.5, 0.5, 0.5},
                        new double[]{0.02, 0.02, 0.02, 0.02}, new double[]{0.01, 0.03, 0.04, 0.05}),
                new ProfileFigure.Profile("cycled", x, new double[]{0.4, 0.35, 0.33, 0.33}, new double[]{0.4, 0.4, 0.4, 0.4},
                        new double[]{0.05, 0.05, 0.05, 0.05}, null));
    }

    @Test
    void bandsAreTheHalfSetErrorByDefaultAndTheSemWithoutHalfSets() {
        ProfileChart c = ProfileFigure.chart(profiles(), "depth (nm)", "Ni fraction", ProfileFigure.Options.DEFAULT);
        var a = c.series().get(0);
        assertEquals(-0.2 - 0.01, a.lo()[0], 1e-12);
        assertEquals(0.3 + 0.05, a.hi()[3], 1e-12);
        var b = c.series().get(1);
        assertEquals(0.4 - 0.05, b.lo()[0], 1e-12);
        ProfileChart spread = ProfileFigure.chart(profiles(), "depth (nm)", "Ni fraction", ProfileFigure.Options.DEFAULT.withBand(ProfileFigure.Band.SPREAD));
        assertEquals(-0.2 - 0.5, spread.series().get(0).lo()[0], 1e-12);
        assertNull(ProfileFigure.chart(profiles(), "d", "y", ProfileFigure.Options.DEFAULT.withBand(ProfileFigure.Band.NONE)).series().get(0).lo());
    }

    @Test
    void pdfIsColumnWideWithEveryFontEmbeddedAndTrueMinusSigns() throws Exception {
        Path f = dir.resolve("p.pdf");
        var o = ProfileFigure.Options.DEFAULT.withTitle("Ni fraction");
        ProfileFigure.write(f, ProfileFigure.chart(profiles(), "depth (nm)", "Ni fraction", o), o);
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            var page = doc.getPage(0);
            assertEquals(85.0, page.getMediaBox().getWidth() / 72 * 25.4, 0.3);
            int fonts = 0;
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                fonts++;
            }
            assertTrue(fonts >= 1);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("\u22120.2") || text.contains("\u22120.1"), "negative ticks with U+2212: " + text);
            assertFalse(text.matches("(?s).*(^|\\s)-\\d.*"), "hyphen-minus in a tick: " + text);
            assertTrue(text.contains("half-set error"), text);
            assertTrue(text.contains("Ni fraction"), text);
        }
    }

    @Test
    void pngAndTiffStoreTheirPrintResolutionAndSize() throws Exception {
        var o = ProfileFigure.Options.DEFAULT;
        ProfileChart c = ProfileFigure.chart(profiles(), "depth (nm)", "Ni fraction", o);
        Path png = dir.resolve("p.png"), tif = dir.resolve("p.tif");
        ProfileFigure.write(png, c, o);
        ProfileFigure.write(tif, c, o);
        assertEquals(600, ImageExport.readDpi(png), 0.5);
        assertEquals(600, ImageExport.readDpi(tif), 0.5);
        var img = ImageIO.read(png.toFile());
        assertEquals(85.0, img.getWidth() / 600.0 * 25.4, 0.5); // 85 mm at 600 dpi
        // 8 pt text at 600 dpi is about 67 px: the text drawn is print-sized, not screen-sized
        assertTrue(img.getHeight() > 1300, "height " + img.getHeight());
    }

    @Test
    void svgCarriesThePhysicalSize() throws Exception {
        Path f = dir.resolve("p.svg");
        var o = ProfileFigure.Options.DEFAULT.withWidth(175);
        ProfileFigure.write(f, ProfileFigure.chart(profiles(), "depth (nm)", "Ni fraction", o), o);
        String s = Files.readString(f);
        assertTrue(s.contains("width=\"175.0mm\""), s.substring(0, 200));
        assertTrue(s.contains("stroke-dasharray"), "second series dashed");
        assertTrue(s.contains("\u22120.2"), "true minus");
    }
}
