package org.trident.analysis;

import org.junit.jupiter.api.Test;
import org.trident.model.Volume;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatiosTest {
    static ParticleMask all(int n) {
        Volume v = Volume.zeros(n, n, n, 1);
        java.util.Arrays.fill(v.data(), 1f);
        return Masks.segment(v, 0.5, 0, 0);
    }

    @Test
    void fractionsWithKFactorsAndWeakVoxels() {
        int n = 6;
        ParticleMask m = all(n);
        Volume a = Volume.zeros(n, n, n, 1), b = Volume.zeros(n, n, n, 1);
        java.util.Arrays.fill(a.data(), 2f);
        java.util.Arrays.fill(b.data(), 3f);
        a.set(1, 1, 1, 0f);
        b.set(1, 1, 1, 0f);      // no signal at all: NaN, not a division by zero
        a.set(2, 2, 2, 0.1f);
        b.set(2, 2, 2, 0.1f);    // weak: below 0.2 × median
        List<Ratios.Term> den = List.of(new Ratios.Term(1.5, a), new Ratios.Term(1.0, b));
        Volume f = Ratios.ratio(List.of(den.get(0)), den, m, 0.2).value();
        assertEquals(3.0 / 6.0, f.get(0, 0, 0), 1e-6);
        assertTrue(Float.isNaN(f.get(1, 1, 1)));
        assertTrue(Float.isNaN(f.get(2, 2, 2)));
        java.util.Arrays.fill(a.data(), 0f);
        java.util.Arrays.fill(b.data(), 0f);
        assertNull(Ratios.ratio(List.of(den.get(0)), den, m, 0.2));
    }

    @Test
    void calibrationInterpolatesAndExtends() {
        double[] x = {1.9, 2.7, 4.0}, y = {4, 3, 2};
        assertEquals(3.0, Ratios.interpolate(2.7, x, y), 1e-12);
        assertEquals(3.5, Ratios.interpolate(2.3, x, y), 1e-12);
        assertEquals(1.0, Ratios.interpolate(5.3, x, y), 1e-12);
    }

    @Test
    void localVariationMatchesTheDefinition() {
        int n = 5;
        ParticleMask m = all(n);
        Volume f = Volume.zeros(n, n, n, 1);
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) f.set(i, j, k, (i + j + k) % 2 == 0 ? 0.2f : 0.4f);
        Volume h = Ratios.localVariation(f, m);
        // centre: 13 values of 0.2 (itself and its 12 edge neighbours) and 14 of 0.4 (faces and corners)
        double mean = (13 * 0.2 + 14 * 0.4) / 27, var = (13 * 0.04 + 14 * 0.16) / 27 - mean * mean;
        assertEquals(Math.sqrt(var) / mean, h.get(2, 2, 2), 1e-5);
        // a face voxel has 18 neighbours, an edge voxel 12 (< 14: NaN), a corner 8
        assertTrue(Float.isFinite(h.get(2, 2, 0)));
        assertTrue(Float.isNaN(h.get(0, 0, 2)));
        assertTrue(Float.isNaN(h.get(0, 0, 0)));
        f.set(2, 2, 3, Float.NaN);
        f.set(2, 3, 3, Float.NaN);
        f.set(3, 2, 3, Float.NaN);
        f.set(1, 2, 3, Float.NaN);
        f.set(2, 1, 3, Float.NaN); // the face voxel (2,2,4) now has 13 finite neighbours
        assertTrue(Float.isNaN(Ratios.localVariation(f, m).get(2, 2, 4)));
    }

    @Test
    void smoothingStaysInsideTheMask() {
        int n = 9;
        Volume adf = Volume.zeros(n, n, n, 1);
        MasksTest.fill(adf, 2, 6, 2, 6, 2, 6, 1f);
        ParticleMask m = Masks.segment(adf, 0.5, 0, 0);
        Volume v = Volume.zeros(n, n, n, 1);
        java.util.Arrays.fill(v.data(), 100f); // background value must not leak in
        MasksTest.fill(v, 2, 6, 2, 6, 2, 6, 3f);
        Volume s = Ratios.smoothInMask(v, m, 1.5);
        assertEquals(3f, s.get(2, 2, 2), 1e-5);
        assertTrue(Float.isNaN(s.get(0, 0, 0)));
    }

    @Test
    void weightedMeanIsTheRatioOfSums() {
        Volume adf = Volume.zeros(3, 1, 1, 1);
        java.util.Arrays.fill(adf.data(), 1f);
        ParticleMask m = Masks.segment(adf, 0.5, 0, 0);
        Volume num = new Volume(3, 1, 1, new float[]{1, 3, 2}, 1), den = new Volume(3, 1, 1, new float[]{2, 4, 4}, 1);
        Quantity q = Ratios.ratio(List.of(new Ratios.Term(1, num)), List.of(new Ratios.Term(1, den)), m, 0);
        Volume depth = new Volume(3, 1, 1, new float[]{0.5f, 0.5f, 1.5f}, 1);
        List<Profiles.Row> rows = Profiles.profile("r", q, null, null, depth, m, 1.0, false);
        assertEquals(0.625, rows.get(0).mean(), 1e-6);
        assertEquals(4.0 / 6.0, rows.get(0).weightedMean(), 1e-6);
        assertEquals(0.5, rows.get(1).weightedMean(), 1e-6);
        Quantity cal = q.calibrated(new double[]{0, 1}, new double[]{2, 4});
        assertEquals(2 + 2 * 4.0 / 6.0, Profiles.profile("v", cal, null, null, depth, m, 1.0, false).get(0).weightedMean(), 1e-6);
    }
}
