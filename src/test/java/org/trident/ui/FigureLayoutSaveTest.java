package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.export.FigureLayout;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Volume;
import org.trident.render.Figure;
import org.trident.render.Slices.Plane;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** "Save layout…": the Compare grid saved as a trident.figure/1 layout replays pixel for pixel through {@code trident figure}. */
class FigureLayoutSaveTest {
    static Dataset ball(Path dir, String label, int cx, double scale) {
        Dataset d = new Dataset(label, dir);
        for (String q : new String[]{"HAADF", "fraction-Ni"}) {
            Volume v = Volume.zeros(24, 20, 16, 2.0);
            for (int k = 0; k < 16; k++) for (int j = 0; j < 20; j++) for (int i = 0; i < 24; i++) {
                double r = Math.sqrt((i - cx) * (i - cx) + (j - 10) * (j - 10) + (k - 8) * (k - 8));
                if (r < 6) v.set(i, j, k, (float) (scale * (q.equals("HAADF") ? 100 - r : 0.5 + 0.03 * r)));
            }
            Path f = dir.resolve(label).resolve(q + ".mrc");
            f.getParent().toFile().mkdirs();
            Mrc.write(f, v);
            d.addVolume(new Dataset.VolumeItem(q, v, f));
        }
        return d;
    }

    @Test
    void savedLayoutReplaysTheGridExactly(@TempDir Path tmp) throws Exception {
        FigureModel m = new FigureModel();
        m.datasets().add(ball(tmp, "pristine", 9, 1));
        m.datasets().add(ball(tmp, "cycled", 14, 0.8));
        m.quantities().add("HAADF");
        m.quantities().add("fraction-Ni");
        m.setPlane(Plane.XZ);
        Figure.Options o = Figure.Options.of(60, 300);
        Path layout = m.saveLayout(tmp.resolve("figs").resolve("grid.json"), o);
        var root = Json.readObject(layout);
        assertEquals("../pristine/HAADF.mrc", root.path("rows").get(0).path("panels").get(0).path("volume").asText());
        assertEquals(m.sliceIndex(m.datasets().get(1), m.datasets().get(1).volume("HAADF").volume()),
                root.path("rows").get(0).path("panels").get(1).path("index").asInt(), "each particle cut where the grid cuts it");
        Path png = tmp.resolve("figs").resolve("grid.png");
        assertEquals(4, FigureLayout.write(layout, png));
        BufferedImage cli = ImageIO.read(png.toFile()), gui = m.compose(o);
        assertEquals(Math.round(60 / 25.4 * 300), cli.getWidth());
        assertEquals(gui.getWidth(), cli.getWidth());
        assertEquals(gui.getHeight(), cli.getHeight());
        int differ = 0;
        for (int y = 0; y < gui.getHeight(); y++) for (int x = 0; x < gui.getWidth(); x++) if ((gui.getRGB(x, y) & 0xFFFFFF) != (cli.getRGB(x, y) & 0xFFFFFF)) differ++;
        assertEquals(0, differ, "pixels that differ between the GUI grid and its replayed layout");

        m.datasets().get(1).addVolume(new Dataset.VolumeItem("Co", Volume.zeros(4, 4, 4, 2.0), null));
        m.quantities().add("Co");
        assertThrows(RuntimeException.class, () -> m.saveLayout(tmp.resolve("bad.json"), o), "an unsaved volume cannot be replayed");
    }
}
