package org.trident.render;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;

import static org.junit.jupiter.api.Assertions.*;

/** Direct volume rendering against analytic answers: Beer–Lambert through a slab, a ball's projected disk, the clip, the camera's turns. */
class VolumeRaycasterTest {
    static final double VS = 2.0;

    /** Value 1 inside a ball of radius {@code r} voxels centred at voxel offset (dx, dy, dz), 0 outside. */
    static Volume ball(int n, double r, double dx, double dy, double dz) {
        Volume v = Volume.zeros(n, n, n, VS);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double x = i - c - dx, y = j - c - dy, z = k - c - dz;
            v.set(i, j, k, x * x + y * y + z * z < r * r ? 1 : 0);
        }
        return v;
    }

    static TransferFunction step(double opacity) {
        return new TransferFunction(new double[]{0.49, 0.51}, new double[]{0, opacity}, ColorMap.GRAY, 0, 1);
    }

    static VolumeRaycaster.Camera front(double rx, double ry, double distance) {
        return new VolumeRaycaster.Camera(rx, ry, 0, 0, distance, 30);
    }

    @Test
    void aUniformSlabAttenuatesAsBeerLambertWhateverTheStep() {
        int n = 20;
        Volume v = Volume.zeros(n, n, n, VS);
        java.util.Arrays.fill(v.data(), 1f);
        double a = 0.05;
        for (double step : new double[]{0.5, 1.0}) {
            int[] px = VolumeRaycaster.render(v, step(a), front(0, 0, 1000), IsoSurface.Clip.NONE, 9, 9, step, false, 1, Progress.NONE);
            double alpha = (px[4 * 9 + 4] >>> 24) / 255.0;
            // the centre ray crosses n voxels (the grid spans n voxels edge to edge)
            assertEquals(1 - Math.pow(1 - a, n), alpha, 0.02, "step " + step);
        }
    }

    @Test
    void aBallProjectsToTheDiskOfPerspective() {
        int n = 40, size = 64;
        double r = 12, distance = 400;
        Volume v = ball(n, r, 0, 0, 0);
        double rNm = r * VS;
        // angular radius asin(R/D); pixels per unit tangent: (size/2)/tan(15°)
        double rpx = Math.tan(Math.asin(rNm / distance)) / Math.tan(Math.toRadians(15)) * size / 2;
        for (double[] ang : new double[][]{{0, 0}, {-25, 35}, {60, 200}}) {
            int[] px = VolumeRaycaster.render(v, step(1), front(ang[0], ang[1], distance), IsoSurface.Clip.NONE, size, size, 0.5, true, 2, Progress.NONE);
            int covered = 0;
            for (int p : px) if ((p >>> 24) > 128) covered++;
            assertEquals(Math.PI * rpx * rpx, covered, 0.08 * Math.PI * rpx * rpx, "angles " + ang[0] + ", " + ang[1]);
            assertEquals(0, px[0] >>> 24, "corner empty");
        }
    }

    @Test
    void turnsFollowTheViewsConvention() {
        // a ball at +z (beam axis, away from the viewer at 0°): turned 90° about y (JavaFX Rotate: x' = z) it shows right of centre
        int n = 40, size = 64;
        Volume v = ball(n, 5, 0, 0, 12);
        int[] px = VolumeRaycaster.render(v, step(1), front(0, 90, 400), IsoSurface.Clip.NONE, size, size, 0.5, false, 1, Progress.NONE);
        double[] c = centroid(px, size);
        double off = 24 / 400.0 / Math.tan(Math.toRadians(15)) * size / 2;  // 12 voxels of 2 nm at 400 nm, perspective
        assertEquals(size / 2.0 + off, c[0], 0.5, "right of centre");
        assertEquals(size / 2.0, c[1], 1.5);
        // turned 90° about x (y' = −z): it shows above the centre (y is down)
        px = VolumeRaycaster.render(v, step(1), front(90, 0, 400), IsoSurface.Clip.NONE, size, size, 0.5, false, 1, Progress.NONE);
        c = centroid(px, size);
        assertEquals(size / 2.0 - off, c[1], 0.5, "above centre");
        // a pan of +30 nm moves it right by 30 nm at its depth
        var panned = new VolumeRaycaster.Camera(0, 0, 30, 0, 400, 30);
        Volume centred = ball(n, 5, 0, 0, 0);
        px = VolumeRaycaster.render(centred, step(1), panned, IsoSurface.Clip.NONE, size, size, 0.5, false, 1, Progress.NONE);
        c = centroid(px, size);
        double expect = size / 2.0 + 30 / 400.0 / Math.tan(Math.toRadians(15)) * size / 2;
        assertEquals(expect, c[0], 1.0);
    }

    @Test
    void theClipKeepsTheSideAtOrBelowTheCursor() {
        int n = 40, size = 128;
        Volume v = ball(n, 12, 0, 0, 0);
        int[] px = VolumeRaycaster.render(v, step(1), front(0, 0, 400), new IsoSurface.Clip(0, 0.0), size, size, 0.5, false, 1, Progress.NONE);
        int left = 0, right = 0;
        for (int r = 0; r < size; r++) for (int c = 0; c < size; c++) if ((px[r * size + c] >>> 24) > 128) { if (c < size / 2) left++; else right++; }
        double rpx = Math.tan(Math.asin(24 / 400.0)) / Math.tan(Math.toRadians(15)) * size / 2;
        assertEquals(Math.PI * rpx * rpx / 2, left, 0.15 * Math.PI * rpx * rpx / 2, "the x ≤ 0 half is drawn");
        assertEquals(0, right, "nothing beyond the plane");
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        Volume v = ball(24, 8, 1, -2, 3);
        var tf = TransferFunction.ramp(0, 1, ColorMap.VIRIDIS, 0.3);
        var cam = front(-20, 40, 200);
        assertArrayEquals(VolumeRaycaster.render(v, tf, cam, IsoSurface.Clip.NONE, 40, 30, 0.5, true, 1, Progress.NONE),
                VolumeRaycaster.render(v, tf, cam, IsoSurface.Clip.NONE, 40, 30, 0.5, true, 3, Progress.NONE));
    }

    @Test
    void nanVoxelsAreEmpty() {
        Volume v = ball(24, 8, 0, 0, 0);
        for (int i = 0; i < v.data().length; i++) if (v.data()[i] == 0) v.data()[i] = Float.NaN;
        var tf = new TransferFunction(new double[]{0, 1}, new double[]{1, 1}, ColorMap.GRAY, 0, 1);
        int[] px = VolumeRaycaster.render(v, tf, front(0, 0, 200), IsoSurface.Clip.NONE, 32, 32, 0.5, false, 1, Progress.NONE);
        assertEquals(0, px[2 * 32 + 2] >>> 24, "a ray through NaN only stays empty");
        assertEquals(255, px[16 * 32 + 16] >>> 24);
    }

    static double[] centroid(int[] px, int size) {
        double sx = 0, sy = 0, w = 0;
        for (int r = 0; r < size; r++) for (int c = 0; c < size; c++) {
            double a = (px[r * size + c] >>> 24) / 255.0;
            sx += a * (c + 0.5);
            sy += a * (r + 0.5);
            w += a;
        }
        return new double[]{sx / w, sy / w};
    }
}
