package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.export.FigureLayout;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.Slices.Plane;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The composer's layout without the toolkit: grid rows, row styles, refusals, save and load. */
class FigureComposerViewModelTest {
    @Test
    void panelsFillRowsAndRowStylesGoIntoTheLayout(@TempDir Path tmp) throws Exception {
        Dataset a = FigureLayoutSaveTest.ball(tmp, "pristine", 9, 1), b = FigureLayoutSaveTest.ball(tmp, "cycled", 14, 0.8);
        FigureComposerViewModel m = new FigureComposerViewModel();
        assertEquals(8, FigureComposerViewModel.centreIndex(a, "HAADF", Plane.XY), "the ball's centre at k = 8");
        assertEquals(9, FigureComposerViewModel.centreIndex(a, "HAADF", Plane.YZ), "and at i = 9 for pristine");
        assertEquals(14, FigureComposerViewModel.centreIndex(b, "HAADF", Plane.YZ), "i = 14 for the shifted particle");
        m.addSlice(a, "fraction-Ni", Plane.XY, 8, "pristine");
        m.addSlice(b, "fraction-Ni", Plane.XY, 8, "cycled");
        m.addSlice(a, "HAADF", Plane.YZ, 9, null);
        assertThrows(TridentException.class, () -> m.addSlice(a, "HAADF", Plane.XY, 16, null), "k = 16 is outside 16 sections");
        a.addVolume(new Dataset.VolumeItem("memory-only", Volume.zeros(4, 4, 4, 2.0), null));
        assertThrows(TridentException.class, () -> m.addSlice(a, "memory-only", Plane.XY, 1, null), "a layout names files");
        assertThrows(TridentException.class, () -> m.addProfile(java.util.List.of(a), "fraction-Ni", "halfset", null), "no depth-profiles.csv");
        m.setRowStyle(0, ColorMap.MAGMA, 0.4, 0.7);
        m.setRowStyle(1, ColorMap.GRAY, Double.NaN, Double.NaN);

        var layout = m.layout(null);
        assertEquals(2, layout.path("rows").size(), "3 panels in 2 columns");
        var r0 = layout.path("rows").get(0);
        assertEquals("magma", r0.path("colorMap").asText());
        assertEquals(0.4, r0.path("lo").asDouble());
        assertEquals(0.7, r0.path("hi").asDouble());
        assertEquals(Quantities.label("fraction-Ni"), r0.path("label").asText());
        assertFalse(layout.path("rows").get(1).has("lo"), "automatic limits are left to the engine");
        assertEquals(Quantities.label("HAADF"), layout.path("rows").get(1).path("label").asText());

        // reorder and columns: HAADF first, one column → three rows
        assertEquals(0, m.move(2, -5));
        m.setColumns(1);
        var one = m.layout(null);
        assertEquals(3, one.path("rows").size());
        assertTrue(one.path("rows").get(0).path("panels").get(0).path("volume").asText().endsWith("HAADF.mrc"));
        m.remove(0);
        m.setColumns(2);

        // saved with relative paths, replayed by the engine; loaded back unchanged
        Path file = tmp.resolve("figs/layout.json");
        Files.createDirectories(file.getParent());
        m.saveLayout(file);
        var saved = Json.readObject(file);
        assertEquals("../pristine/fraction-Ni.mrc", saved.path("rows").get(0).path("panels").get(0).path("volume").asText());
        assertEquals(2, FigureLayout.write(file, tmp.resolve("figs/f.png")));
        FigureComposerViewModel back = new FigureComposerViewModel();
        assertNull(back.load(file));
        assertEquals(saved, back.layout(file.toAbsolutePath().getParent()));
    }

    @Test
    void unevenRowsAreFilledIntoTheGridWithANote(@TempDir Path tmp) throws Exception {
        FigureLayoutSaveTest.ball(tmp, "p", 9, 1);
        Path file = tmp.resolve("l.json");
        Files.writeString(file, """
                {"format": "trident.figure/1", "dpi": 300,
                 "rows": [{"panels": [{"volume": "p/HAADF.mrc"}]},
                          {"label": "mine", "panels": [{"volume": "p/HAADF.mrc"}, {"volume": "p/fraction-Ni.mrc"}]}]}
                """);
        FigureComposerViewModel m = new FigureComposerViewModel();
        assertNotNull(m.load(file));
        assertEquals(2, m.columns());
        assertEquals(3, m.size());
        assertThrows(TridentException.class, () -> new FigureComposerViewModel().load(tmp.resolve("missing.json")));
    }
}
