package org.trident.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FigureTest {
    static BufferedImage square(int n, ColorMap m) {
        float[] v = new float[n * n];
        for (int i = 0; i < v.length; i++) v[i] = (i % n) / (float) (n - 1);
        return Slices.image(v, n, n, m, 0, 1, Slices.TRANSPARENT);
    }

    @Test
    void widthFollowsMillimetresAndDpi() {
        var row = new Figure.Row(List.of(new Figure.Panel(square(32, ColorMap.VIRIDIS), 4.0, "HAADF"),
                new Figure.Panel(square(32, ColorMap.VIRIDIS), 4.0, "cycled-10")),
                new Figure.ColourScale(ColorMap.VIRIDIS, 0, 1, "fraction-Ni"));
        BufferedImage im = Figure.compose(List.of(row, row), Figure.Options.of(85, 300));
        assertEquals(Math.round(85 / 25.4 * 300), im.getWidth());
        assertTrue(im.getHeight() > im.getWidth() / 2, "two rows of square panels");
        // panel pixels keep their data colours (nearest neighbour): find the viridis low end in the first panel
        boolean found = false;
        for (int x = 0; x < im.getWidth() / 2 && !found; x++) found = (im.getRGB(x, im.getHeight() / 4) | 0xff000000) == ColorMap.VIRIDIS.argb(0);
        assertTrue(found, "the lowest colour of the data is drawn unchanged");
    }

    @Test
    void pngAndTiffRecordTheirDpi(@TempDir Path dir) throws Exception {
        BufferedImage im = square(16, ColorMap.MAGMA);
        Path png = dir.resolve("f.png");
        Path tif = dir.resolve("f.tif");
        ImageExport.write(png, im, 600);
        ImageExport.write(tif, im, 300);
        assertEquals(600, ImageExport.readDpi(png), 0.5);
        assertEquals(300, ImageExport.readDpi(tif), 0.5);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(im.getRGB(5, 5), back.getRGB(5, 5));
        Path prov = ExportRecord.write(png, "figure", List.of(tif), Json.object().put("colourMap", "magma"));
        var r = Json.readObject(prov);
        assertEquals(ExportRecord.FORMAT, r.path("format").asText());
        assertEquals(org.trident.job.Checksums.sha256(png), r.path("sha256").asText());
        assertEquals(org.trident.job.Checksums.sha256(tif), r.path("inputs").get(0).path("sha256").asText());
        assertTrue(Files.exists(dir.resolve("f.png.provenance.json")));
    }
}
