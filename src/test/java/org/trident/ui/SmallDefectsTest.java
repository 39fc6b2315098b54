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
}
