package org.trident.render;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;

import static org.junit.jupiter.api.Assertions.*;

class VolumeRenderTest {
    static Volume ball(int n, double r) {
        Volume v = Volume.zeros(n, n, n, 1);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++)
            v.set(i, j, k, Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c)) < r ? 1 : 0);
        return v;
    }

    @Test
    void aBallLooksRoundFromEveryDirection() {
        Volume v = ball(24, 8);
        for (var mode : VolumeRender.Mode.values()) {
            for (double yaw : new double[]{0, 37, 90}) {
                int[] px = VolumeRender.render(v, mode, yaw, -20, 48, ColorMap.VIRIDIS, 0, 1, 0.2, Progress.NONE);
                int covered = 0;
                // MIP draws the whole grid (empty voxels in the lowest colour); count what is brighter
                for (int p : px) if ((p >>> 24) != 0 && (mode != VolumeRender.Mode.MIP || p != ColorMap.VIRIDIS.argb(0))) covered++;
                // disk of radius 8 voxels in a field of sqrt(3)*24 voxels drawn on 48 px
                double rpx = 8 / (Math.sqrt(3) * 24 / 48);
                assertEquals(Math.PI * rpx * rpx, covered, 0.2 * Math.PI * rpx * rpx, mode + " at yaw " + yaw);
                assertNotEquals(0, px[24 * 48 + 24] >>> 24, "the centre is covered");
                assertEquals(0, px[0] >>> 24, "the corner (outside the grid's footprint) is empty");
            }
        }
    }

    @Test
    void surfaceIsLitWhereItFacesTheViewer() {
        int[] px = VolumeRender.render(ball(24, 8), VolumeRender.Mode.SURFACE, 0, 0, 48, ColorMap.GRAY, 0, 1, 0, Progress.NONE);
        int centre = px[24 * 48 + 24] & 255, rim = px[24 * 48 + 24 + 10] & 255;
        assertTrue(centre > rim, "centre " + centre + " brighter than the rim " + rim);
    }
}
