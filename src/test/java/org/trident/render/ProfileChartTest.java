package org.trident.render;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
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
        assertEquals(3, svg.split("<polyline").length - 1, "one line for the first series, two for the second");
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
}
