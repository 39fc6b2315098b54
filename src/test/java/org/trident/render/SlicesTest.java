package org.trident.render;

import org.junit.jupiter.api.Test;
import org.trident.model.Volume;

import static org.junit.jupiter.api.Assertions.*;

class SlicesTest {
    static Volume ramp() {
        // value = 100*i + 10*j + k so each voxel names its own indices
        Volume v = Volume.zeros(4, 3, 2, 2.0);
        for (int k = 0; k < 2; k++) for (int j = 0; j < 3; j++) for (int i = 0; i < 4; i++) v.set(i, j, k, 100 * i + 10 * j + k);
        return v;
    }

    @Test
    void sectionsFollowTheContractAxes() {
        Volume v = ramp();
        float[] xy = Slices.section(v, Slices.Plane.XY, 1);
        assertEquals(12, xy.length);
        assertEquals(100 * 3 + 10 * 2 + 1, xy[2 * 4 + 3]);
        float[] xz = Slices.section(v, Slices.Plane.XZ, 2);
        assertEquals(8, xz.length);
        assertEquals(100 * 1 + 10 * 2 + 1, xz[1 * 4 + 1]);
        float[] yz = Slices.section(v, Slices.Plane.YZ, 3);
        assertEquals(6, yz.length);
        assertEquals(100 * 3 + 10 * 2 + 1, yz[1 * 3 + 2]);
        assertEquals(3, Slices.width(v, Slices.Plane.YZ));
        assertEquals(2, Slices.height(v, Slices.Plane.XZ));
    }

    @Test
    void renderMapsLimitsToEndsAndNanToTransparent() {
        int[] c = Slices.render(new float[]{0f, 10f, 5f, Float.NaN, -4f, 99f}, ColorMap.VIRIDIS, 0, 10, Slices.TRANSPARENT);
        assertEquals(ColorMap.VIRIDIS.argb(0), c[0]);
        assertEquals(ColorMap.VIRIDIS.argb(1), c[1]);
        assertEquals(ColorMap.VIRIDIS.argb(0.5), c[2]);
        assertEquals(0, c[3] >>> 24, "NaN must be transparent");
        assertEquals(c[0], c[4]);
        assertEquals(c[1], c[5]);
        var im = Slices.toImage(c, 3, 2);
        assertEquals(c[4], im.getRGB(1, 1));
    }

    @Test
    void percentileContrastIgnoresNanAndOutliers() {
        float[] v = new float[1001];
        for (int i = 0; i < 1000; i++) v[i] = i / 999f;
        v[1000] = Float.NaN;
        v[0] = 1e6f; // one hot pixel
        double[] lim = Contrast.percentiles(v, 1, 99);
        assertEquals(0.01, lim[0], 0.005);
        assertEquals(0.99, lim[1], 0.005);
        var h = Contrast.histogram(new float[]{0, 1, 1, Float.NaN, 2}, 2);
        assertEquals(4, h.finite());
        assertArrayEquals(new long[]{1, 3}, h.counts());
        double[] s = Contrast.symmetric(new float[]{-2, 1, 0.5f, Float.NaN}, 100);
        assertArrayEquals(new double[]{-2, 2}, s, 1e-9);
    }

    @Test
    void ticksAndScaleBarsAreNiceNumbers() {
        assertEquals(50, Ticks.scaleBarNm(256), 1e-9);
        assertEquals(20, Ticks.scaleBarNm(100), 1e-9);
        assertEquals("1 µm", Ticks.lengthLabel(1000));
        assertEquals("50 nm", Ticks.lengthLabel(50));
        var t = Ticks.ticks(0.12, 0.58, 4);
        assertEquals(0.2, t.get(0), 1e-9);
        assertEquals(0.5, t.get(t.size() - 1), 1e-9);
        assertEquals("0.30", Ticks.label(0.3, 0.05));
    }
}
