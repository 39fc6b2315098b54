package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.job.Progress;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Contrast of large volumes computed off the FX thread: same numbers, and a stale result is ignored. */
class OrthoContrastTest {
    @Test
    void statsFromAWorkerEqualTheDirectContrastAndStaleOnesAreIgnored(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        OrthoViewModel direct = new OrthoViewModel(new SharedCursor());
        direct.setDataset(d);
        direct.select("HAADF");

        OrthoViewModel vm = new OrthoViewModel(new SharedCursor());
        vm.setDataset(d, false);
        assertEquals("HAADF", vm.item().name());
        assertNull(vm.histogramIfReady(), "nothing is computed on selection");
        var haadf = OrthoViewModel.stats(vm.item(), vm.map().diverging());
        vm.selectWithoutContrast("fraction-Ni");
        assertFalse(vm.applyStats(haadf, true), "stats of a volume no longer shown are dropped");
        assertNull(vm.histogramIfReady());
        vm.selectWithoutContrast("HAADF");
        assertTrue(vm.applyStats(haadf, true));
        assertEquals(direct.lo(), vm.lo(), 1e-12);
        assertEquals(direct.hi(), vm.hi(), 1e-12);
        assertEquals(direct.histogram().finite(), vm.histogramIfReady().finite());
        assertFalse(vm.largeVolume(), "a 16³ volume is small: the view computes its contrast at once");
    }
}
