package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Volume;
import org.trident.render.ExportRecord;
import org.trident.render.ImageExport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trident figure LAYOUT.json}: size in mm, stored dpi, panel count, refusals. */
class FigureLayoutTest {
    static void volume(Path f, float value) {
        Volume v = Volume.zeros(20, 16, 8, 2.0);
        for (int k = 0; k < 8; k++) for (int j = 0; j < 16; j++) for (int i = 0; i < 20; i++) v.set(i, j, k, value * (i + 1) / 20f);
        Mrc.write(f, v);
    }

    @Test
    void composesRowsOfSlicesAtPrintSize(@TempDir Path tmp) throws Exception {
        volume(tmp.resolve("a.mrc"), 1);
        volume(tmp.resolve("b.mrc"), 0.5f);
        Path layout = tmp.resolve("layout.json");
        Files.writeString(layout, """
                {"format": "trident.figure/1", "widthMm": 85, "dpi": 600,
                 "rows": [
                   {"colorMap": "viridis", "lo": 0, "hi": 1, "label": "Ni fraction",
                    "panels": [{"volume": "a.mrc", "title": "pristine"}, {"volume": "b.mrc", "plane": "XZ", "index": 3, "title": "cycled"}]},
                   {"colorMap": "gray", "panels": [{"volume": "b.mrc", "plane": "yz"}]}
                 ]}
                """, StandardCharsets.UTF_8);
        Path png = tmp.resolve("fig.png");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", png.toString()));
        assertEquals(600, ImageExport.readDpi(png), 0.5);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(85.0, img.getWidth() / 600.0 * 25.4, 0.2);
        JsonNode rec = Json.readObject(ExportRecord.pathFor(png));
        assertEquals(3, rec.path("view").path("panels").asInt(), rec.toString());
        assertEquals(2, rec.path("view").path("rows").asInt());
        assertEquals(3, rec.path("inputs").size(), "the layout and each volume once");
        assertNotEquals(0, TridentCommand.run("figure", layout.toString(), "--out", png.toString()), "no overwrite without --force");

        Path tif = tmp.resolve("fig.tif");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", tif.toString()));
        assertEquals(600, ImageExport.readDpi(tif), 0.5);
    }

    @Test
    void refusesASliceOutsideTheVolumeAndLowDpi(@TempDir Path tmp) throws Exception {
        volume(tmp.resolve("a.mrc"), 1);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"rows\": [{\"panels\": [{\"volume\": \"a.mrc\", \"index\": 8}]}]}");
        assertNotEquals(0, TridentCommand.run("figure", bad.toString(), "--out", tmp.resolve("x.png").toString()));
        Path low = tmp.resolve("low.json");
        Files.writeString(low, "{\"dpi\": 150, \"rows\": [{\"panels\": [{\"volume\": \"a.mrc\"}]}]}");
        assertNotEquals(0, TridentCommand.run("figure", low.toString(), "--out", tmp.resolve("y.png").toString()));
        assertFalse(Files.exists(tmp.resolve("x.png")) || Files.exists(tmp.resolve("y.png")));
        assertTrue(Files.isRegularFile(tmp.resolve("a.mrc")));
    }
}
