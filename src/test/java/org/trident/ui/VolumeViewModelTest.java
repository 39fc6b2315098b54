package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.IsoSurface;
import org.trident.render.TransferFunction;
import org.trident.render.VolumeRaycaster;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.*;

/** The volume rendering of the 3-D view without the toolkit: default and edited transfer functions, coarse and full frames, exported frames. */
class VolumeViewModelTest {
    static Volume ramp(int n) {
        Volume v = Volume.zeros(n, n, n, 2);
        for (int i = 0; i < v.data().length; i++) v.data()[i] = i % 101 / 100f;  // values 0…1, evenly
        return v;
    }

    @Test
    void theDefaultFunctionSpansThePercentilesAndEditsAreKeptPerQuantity() {
        Volume v = ramp(20);
        VolumeViewModel vm = new VolumeViewModel();
        TransferFunction tf = vm.function("fraction-Ni", v);
        assertEquals(0.005, tf.value(0), 0.01, "0.5 percentile");
        assertEquals(0.995, tf.value(tf.points() - 1), 0.01, "99.5 percentile");
        assertEquals(VolumeViewModel.DEFAULT_MAX_OPACITY, tf.opacity(1), 1e-12);
        assertEquals(0, tf.opacity(0.2), 1e-12, "the lowest quarter is transparent");
        TransferFunction edited = tf.withPoint(0.5, 0.3);
        vm.setFunction("fraction-Ni", edited);
        assertSame(edited, vm.function("fraction-Ni", v));
        assertNotSame(edited, vm.function("fraction-Mn", v), "each quantity has its own");
        vm.clear();
        assertNotSame(edited, vm.function("fraction-Ni", v), "a new dataset starts from the defaults");
    }

    @Test
    void coarseFramesHaveAQuarterOfThePixelsEachWay() {
        Volume v = ramp(16);
        VolumeViewModel vm = new VolumeViewModel();
        var cam = new VolumeRaycaster.Camera(-25, 35, 0, 0, 2.6 * 32, 30);
        TransferFunction tf = new TransferFunction(new double[]{0, 1}, new double[]{0.2, 0.2}, ColorMap.VIRIDIS, 0, 1);
        var coarse = vm.render(v, tf, cam, IsoSurface.Clip.NONE, 200, 120, true, 2, Progress.NONE);
        assertEquals(50, coarse.width());
        assertEquals(30, coarse.height());
        assertTrue(coarse.coarse());
        var full = vm.render(v, tf, cam, IsoSurface.Clip.NONE, 200, 120, false, 2, Progress.NONE);
        assertEquals(200 * 120, full.argb().length);
        assertTrue((full.argb()[60 * 200 + 100] >>> 24) > 200, "the centre ray crosses the whole grid");
    }

    @Test
    void anExportedFrameLaysTheVolumeOverTheBackgroundAndTheSceneOnTop() {
        int[] px = new int[4 * 2];
        px[0] = 0xffff0000;  // one opaque red pixel, the rest transparent
        var frame = new VolumeViewModel.Frame(px, 4, 2, false);
        BufferedImage overlay = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB);
        overlay.setRGB(3, 1, 0xffffffff);  // the scale cube's white line
        BufferedImage out = VolumeViewModel.compose(4, 2, frame, overlay);
        assertEquals(0xffff0000, out.getRGB(0, 0));
        assertEquals(0xff000000 | VolumeViewModel.BACKGROUND_RGB, out.getRGB(1, 0), "transparent pixels show the background");
        assertEquals(0xffffffff, out.getRGB(3, 1));
    }
}
