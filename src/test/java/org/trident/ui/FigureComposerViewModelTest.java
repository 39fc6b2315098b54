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

    /** An analysis folder with voxel and fitted profiles of fraction-Ni; {@code reported}: provenance.json says the fit was reported. */
    static Dataset analysed(Path tmp, String label, boolean fit, boolean reported) throws Exception {
        Path dir = tmp.resolve(label), an = dir.resolve("analysis");
        Files.createDirectories(an);
        Files.writeString(an.resolve("depth-profiles.csv"), """
                quantity,depth_nm,mean,std,voxels,sem,halfset_err
                fraction-Ni,1,0.50,0.05,100,0.005,0.010
                fraction-Ni,3,0.45,0.05,100,0.005,0.010
                fraction-Ni,5,0.40,0.05,100,0.005,0.010
                """);
        Files.writeString(an.resolve("summary.csv"), "quantity,surface_mean,bulk_mean\nfraction-Ni,0.5,0.4\n");
        if (fit) {
            Files.writeString(an.resolve(org.trident.analysis.ShellFitWriter.PROFILES), """
                    quantity,depth_nm,mean,err,voxels
                    fraction-Ni,1,0.62,0.02,100
                    fraction-Ni,3,0.47,0.02,100
                    fraction-Ni,5,0.33,0.03,100
                    """);
            Files.writeString(an.resolve(org.trident.analysis.ShellFitWriter.SUMMARY), "quantity,surface,bulk\nfraction-Ni,0.62,0.33\n");
        }
        if (reported) Files.writeString(dir.resolve("provenance.json"), "{\"profileSource\": {\"summary\": \"shell-fit\"}}");
        return new Dataset(label, dir);
    }

    @Test
    void aProfilePanelsSourceIsSavedAndFigureDrawsIt(@TempDir Path tmp) throws Exception {
        Dataset rep = analysed(tmp, "reported", true, true), vox = analysed(tmp, "voxelrun", false, false);
        var FIT = org.trident.analysis.ProfileSource.FIT;
        FigureComposerViewModel m = new FigureComposerViewModel();
        var e = assertThrows(TridentException.class, () -> m.addProfile(java.util.List.of(rep, vox), "fraction-Ni", "halfset", FIT, null));
        assertTrue(e.getMessage().contains("has no shell fit"), e.getMessage());
        assertEquals(0, m.size(), "refused: no panel added");
        m.addProfile(java.util.List.of(rep, vox), "fraction-Ni", "halfset", org.trident.analysis.ProfileSource.AUTO, "auto");
        m.addProfile(java.util.List.of(rep), "fraction-Ni", "halfset", FIT, "fit");
        m.addProfile(java.util.List.of(rep), "fraction-Ni", "halfset", org.trident.analysis.ProfileSource.VOXEL, "voxel");
        assertTrue(m.describe().get(1).contains("fit profiles"), m.describe().toString());
        Path file = tmp.resolve("figs/layout.json");
        Files.createDirectories(file.getParent());
        m.saveLayout(file);
        var saved = Json.readObject(file);
        java.util.List<String> sources = new java.util.ArrayList<>();
        saved.path("rows").forEach(r -> r.path("panels").forEach(p -> sources.add(p.path("source").asText())));
        assertEquals(java.util.List.of("auto", "fit", "voxel"), sources, "saved in each panel as \"source\"");

        // trident figure draws what the panels say: auto takes the fit where the run reported it
        var charts = FigureLayout.profileCharts(saved, file.getParent(), file, null);
        assertEquals(3, charts.size());
        var auto = charts.get(0).series();
        assertEquals("reported" + org.trident.analysis.Comparison.FIT_LABEL, auto.get(0).label());
        assertArrayEquals(new double[]{0.62, 0.47, 0.33}, auto.get(0).y(), 1e-12);
        assertEquals("voxelrun", auto.get(1).label());
        assertArrayEquals(new double[]{0.50, 0.45, 0.40}, auto.get(1).y(), 1e-12);
        assertEquals("band: \u00b1 half-set error; shell fit: \u00b1 1\u03c3", charts.get(0).bandNote());
        assertArrayEquals(new double[]{0.62, 0.47, 0.33}, charts.get(1).series().get(0).y(), 1e-12);
        assertEquals("band: \u00b1 1\u03c3 of the shell fit", charts.get(1).bandNote());
        // the fit's band is its ± 1 σ
        assertArrayEquals(new double[]{0.60, 0.45, 0.30}, charts.get(1).series().get(0).lo(), 1e-12);
        assertArrayEquals(new double[]{0.50, 0.45, 0.40}, charts.get(2).series().get(0).y(), 1e-12);
        assertEquals("band: \u00b1 half-set error", charts.get(2).bandNote());
        // a panel's own source wins over figure --profiles
        var overridden = FigureLayout.profileCharts(saved, file.getParent(), file, org.trident.analysis.ProfileSource.VOXEL);
        assertArrayEquals(new double[]{0.62, 0.47, 0.33}, overridden.get(1).series().get(0).y(), 1e-12);
        assertEquals(3, FigureLayout.write(file, tmp.resolve("figs/f.png")));
        // and it survives loading the layout back into the composer
        FigureComposerViewModel back = new FigureComposerViewModel();
        back.load(file);
        assertEquals(saved, back.layout(file.toAbsolutePath().getParent()));
    }
}
