package org.trident.analysis;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasksTest {
    static Volume box(int n) {
        return Volume.zeros(n, n, n, 2.0);
    }

    static void fill(Volume v, int i0, int i1, int j0, int j1, int k0, int k1, float val) {
        for (int k = k0; k <= k1; k++) for (int j = j0; j <= j1; j++) for (int i = i0; i <= i1; i++) v.set(i, j, k, val);
    }

    @Test
    void otsuSplitsTwoLevels() {
        Volume v = box(20);
        Random r = new Random(1);
        fill(v, 3, 12, 3, 12, 3, 12, 10f);
        for (int i = 0; i < v.data().length; i++) v.data()[i] += (float) r.nextGaussian();
        double t = Masks.otsu(v.data());
        assertTrue(t > 3 && t < 7, "threshold " + t);
    }

    @Test
    void particlesSpecksAndVoids() {
        Volume v = box(24);
        fill(v, 1, 10, 1, 10, 1, 10, 1f);      // particle A, 1000 voxels
        fill(v, 4, 6, 4, 6, 4, 6, 0f);          // its 27-voxel void
        fill(v, 5, 5, 8, 8, 5, 5, 0f);          // a 1-voxel noise hole
        fill(v, 14, 20, 14, 20, 14, 20, 1f);    // particle B, 343 voxels
        fill(v, 22, 22, 2, 2, 2, 2, 1f);        // a speck
        fill(v, 11, 11, 11, 11, 11, 11, 1f);    // touches A only at a corner: its own 1-voxel speck
        ParticleMask m = Masks.segment(v, 0.5, -1, 8);
        assertEquals(2, m.particles());
        assertEquals(1000 - 27, m.sizes()[0]);
        assertEquals(343, m.sizes()[1]);
        assertEquals(2, m.removedSpecks());
        assertEquals(27, m.voidVoxels());
        assertEquals(1, m.filledNoiseVoxels());
        int voidCentre = v.index(5, 5, 5);
        assertFalse(m.inMask(voidCentre));
        assertTrue(m.filled()[voidCentre]);
        assertEquals(1, m.labels()[v.index(5, 8, 5)]);
        assertEquals(2, m.labels()[v.index(17, 17, 17)]);
        assertEquals(0, m.labels()[v.index(22, 2, 2)]);
    }

    @Test
    void depthFollowsTheContract() {
        int n = 15;
        Volume v = box(n);
        fill(v, 0, n - 1, 0, n - 1, 0, n - 1, 1f); // material everywhere: the border is the surface
        fill(v, 6, 8, 6, 8, 6, 8, 0f);             // a void at the centre is not surface
        ParticleMask m = Masks.segment(v, 0.5, -1, 8);
        Volume d = Depths.depthNm(m, 2.0, 2, Progress.NONE);
        assertEquals(0.5 * 2.0, d.get(0, 0, 0), 1e-6);
        assertEquals(0.5 * 2.0, d.get(7, 0, 7), 1e-6);
        assertEquals(2.5 * 2.0, d.get(2, 2, 7), 1e-6);
        // next to the void: the nearest outside centre is beyond the border, 6 voxels + 1 away
        assertEquals((6 - 0.5) * 2.0, d.get(5, 7, 7), 1e-6);
        assertTrue(Float.isNaN(d.get(7, 7, 7)));
    }

    @Test
    void depthOfABallIsItsRadiusMinusTheCentreDistance() {
        int n = 31;
        Volume v = box(n);
        double c = (n - 1) / 2.0, r = 12;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double rr = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
            if (rr <= r) v.set(i, j, k, 1f);
        }
        ParticleMask m = Masks.segment(v, Double.NaN, -1, 8);
        assertEquals("otsu", m.thresholdRule());
        Volume d = Depths.depthNm(m, 1.0, 1, Progress.NONE);
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double rr = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
            if (rr <= r) assertEquals(r - rr + 0.5, d.get(i, j, k), 1.0, "voxel at radius " + rr);
        }
    }
}
