package org.trident.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Defects seen on screen that a test without the toolkit can catch. */
class SmallDefectsTest {
    @Test
    void energyWindowLabelsThatWouldOverlapGoOnSeparateLines() {
        // L3 and L2 windows 10 px apart with 30 px labels, a far window, and a third close one
        int[] rows = PlotCanvas.labelRows(new double[]{100, 110, 300, 125}, new double[]{30, 30, 30, 30});
        assertEquals(0, rows[0]);
        assertNotEquals(rows[0], rows[1]);
        assertEquals(0, rows[2], "a label far away shares the first line");
        assertNotEquals(rows[1], rows[3]);
        assertNotEquals(rows[0], rows[3]);
    }

    @Test
    void analyzeMessagesNameTheWorkstationsSettingsNotCommandLineFlags() {
        String engine = "no particle found in HAADF above the threshold 12.5; set --threshold or lower --min-particle-voxels";
        String shown = AnalyzeViewModel.inGuiTerms(engine);
        assertFalse(shown.contains("--"), shown);
        assertTrue(shown.contains("ADF threshold") && shown.contains("smallest particle"), shown);
    }

    @Test
    void helpListsEveryStepShortcut() {
        assertEquals(8, MainWindow.Step.values().length);
        assertTrue(DialogsText.shortcuts().contains("Ctrl+1 … Ctrl+8"), DialogsText.shortcuts());
    }

    @Test
    void aPhaseWithoutProgressSaysWhatItDoesInsteadOfZeroPercent() {
        assertEquals("tilt-axis rotation…", JobsPane.runningText("tilt-axis rotation", 0, Double.NaN));
        assertEquals("42 %", JobsPane.runningText("projection matching", 0.42, Double.NaN));
    }

    @Test
    void aFewWildVoxelsOfOneDatasetDoNotSetACompareRowsScale(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var pr = org.trident.job.Progress.NONE;
        Dataset a = DatasetLoader.load(TinyData.pipeline(dir.resolve("a"), "pristine", 0, 0.33), pr);
        Dataset b = DatasetLoader.load(TinyData.pipeline(dir.resolve("b"), "cycled-10", 0, 0.30), pr);
        Dataset c = DatasetLoader.load(TinyData.pipeline(dir.resolve("c"), "cycled-100", 0, 0.26), pr);
        FigureModel m = new FigureModel();
        m.datasets().addAll(java.util.List.of(a, b, c));
        m.quantities().add("fraction-Ni");
        m.setPlane(org.trident.render.Slices.Plane.XY);
        m.setOffset(0, 0, 0);
        double[] clean = m.rowLimits("fraction-Ni", org.trident.render.ColorMap.VIRIDIS);
        // one dataset's ratio blows up in a few voxels of the shown slice (weak denominator)
        var v = c.volume("fraction-Ni").volume();
        int k = m.sliceIndex(c, v);
        v.set(7, 7, k, 40f);
        v.set(8, 7, k, -25f);
        double[] lim = m.rowLimits("fraction-Ni", org.trident.render.ColorMap.VIRIDIS);
        assertTrue(lim[0] >= 0 && lim[1] <= 1, "a fraction's scale stays within 0–1: " + lim[0] + ".." + lim[1]);
        assertEquals(clean[1], lim[1], 0.02, "the upper limit is the other values', not the outlier's");
        assertEquals(clean[0], lim[0], 0.02);
    }
}
