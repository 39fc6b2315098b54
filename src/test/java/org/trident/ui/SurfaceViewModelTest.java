package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.job.Progress;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The 3-D view's surfaces: one per chosen quantity, in its element's colour, clipped at the cursor. */
class SurfaceViewModelTest {
    @Test
    void surfacesOfThreeElementsAreBuiltAndClippedAtTheCursor(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir.resolve("p"), "pristine", 0, 0.33), Progress.NONE);
        var layers = SurfaceViewModel.layers(d, List.of("fraction-Ni", "fraction-Co", "fraction-Mn", "mask"), 0.5);
        assertEquals(4, layers.size());
        assertNotEquals(layers.get(0).rgb()[0], layers.get(2).rgb()[0], "Ni and Mn differ in colour");
        assertEquals(0.5, layers.get(3).level(), 1e-9, "a 0/1 mask is cut half way");
        SurfaceViewModel vm = new SurfaceViewModel();
        var whole = vm.build(d, layers, new double[]{0, 0, 0}, Progress.NONE);
        var mask = whole.get(3).mesh();
        assertTrue(mask.faces() > 100);
        // the tiny ball has radius 5 voxels of 4 nm: the mask surface lies near 20 nm from the centre
        double r = Math.cbrt(mask.enclosedVolume() * 3 / (4 * Math.PI));
        assertEquals(20, r, 3, "mask surface encloses the ball");
        vm.setClipAxis(0);
        var clipped = vm.build(d, layers, new double[]{-2, 0, 0}, Progress.NONE);
        for (var b : clipped) {
            float[] p = b.mesh().points();
            for (int i = 0; i < p.length; i += 3) assertTrue(p[i] <= -2 + TinyData.VOXEL_NM, b.layer().name() + " vertex beyond the clip at x " + p[i]);
        }
        assertTrue(clipped.get(3).mesh().enclosedVolume() < 0.6 * mask.enclosedVolume());
    }
}
