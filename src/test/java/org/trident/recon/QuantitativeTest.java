package org.trident.recon;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values, geometry end to end, determinism and edge cases. */
class QuantitativeTest {
    /** Mean over the central part of an axis-aligned cube of half-edge h (voxels within h-margin of centre). */
    static double cubeCentreMean(Volume v, double h, double margin) {
        double s = 0;
        int n = 0;
        for (int k = 0; k < v.nz(); k++) for (int j = 0; j < v.ny(); j++) for (int i = 0; i < v.nx(); i++) {
            double x = i - (v.nx() - 1) / 2.0, y = j - (v.ny() - 1) / 2.0, z = k - (v.nz() - 1) / 2.0;
            if (Math.abs(x) < h - margin && Math.abs(y) < h - margin && Math.abs(z) < h - margin) {
                s += v.get(i, j, k);
                n++;
            }
        }
        return s / n;
    }

    /** Exact projections of an axis-aligned cube of value 1 and half-edge h (pixel-area averaged). */
    static ImageStack cube(int w, int hgt, double h, double[] angles) {
        // a cube is a superellipsoid limit; sample the chord through the square |x|,|z| <= h exactly
        float[][] d = new float[angles.length][w * hgt];
        for (int t = 0; t < angles.length; t++) {
            double th = Math.toRadians(angles[t]), c = Math.cos(th), s = Math.sin(th);
            for (int row = 0; row < hgt; row++) {
                double y = row - (hgt - 1) / 2.0;
                if (Math.abs(y) > h) continue;
                for (int col = 0; col < w; col++) {
                    double acc = 0;
                    int sub = 8;
                    for (int a = 0; a < sub; a++) {
                        double u = col - (w - 1) / 2.0 + (a + 0.5) / sub - 0.5;
                        acc += squareChord(u * c, u * s, -s, c, h);
                    }
                    d[t][row * w + col] = (float) (acc / sub);
                }
            }
        }
        return new ImageStack(w, hgt, d);
    }

    /** Length of the line p + s·d inside the square |x|, |z| <= h. */
    static double squareChord(double px, double pz, double dx, double dz, double h) {
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        double[][] sl = {{px, dx}, {pz, dz}};
        for (double[] q : sl) {
            if (Math.abs(q[1]) < 1e-12) {
                if (Math.abs(q[0]) > h) return 0;
            } else {
                double a = (-h - q[0]) / q[1], b = (h - q[0]) / q[1];
                lo = Math.max(lo, Math.min(a, b));
                hi = Math.min(hi, Math.max(a, b));
            }
        }
        return Math.max(0, hi - lo);
    }

    @Test
    void uniformCubeReconstructsToOne() {
        double[] full = AnalyticPhantom.range(-90, 87, 3);
        ImageStack p = cube(32, 20, 8, full);
        for (Algorithm a : Algorithm.values()) {
            if (a == Algorithm.FUSED) continue; // series only (all count channels + HAADF): LowDoseMethodsTest
            Volume v = Reconstructor.reconstruct(p, full, ReconParams.defaults(a), 2, Progress.NONE, null);
            double m = cubeCentreMean(v, 8, 2);
            System.out.printf("cube, full range, %s: centre mean %.4f%n", a, m);
            assertEquals(1.0, m, a == Algorithm.WBP ? 0.03 : 0.02, a + " centre of a unit cube");
        }
        // limited range with irregular steps, SIRT with non-negativity still gets the level right
        double[] uneven = {-68, -61, -57, -50, -38, -31, -30, -22, -10, -4, 0, 3, 9, 20, 24, 33, 45, 52, 60, 66, 71};
        ImageStack pu = cube(32, 20, 8, uneven);
        Volume v = Reconstructor.reconstruct(pu, uneven, ReconParams.defaults(Algorithm.SIRT).withIterations(150), 2, Progress.NONE, null);
        double m = cubeCentreMean(v, 8, 2);
        System.out.printf("cube, uneven ±70, SIRT: centre mean %.4f%n", m);
        assertEquals(1.0, m, 0.05);
        Volume w = Reconstructor.reconstruct(cube(32, 20, 8, AnalyticPhantom.range(-90, 88, 2.5)), AnalyticPhantom.range(-90, 88, 2.5),
                ReconParams.defaults(Algorithm.WBP), 1, Progress.NONE, null);
        assertEquals(1.0, cubeCentreMean(w, 8, 2), 0.03, "WBP with another step");
    }

    /** A small off-centre sphere comes back at its true (x, y, z): odd/even width, Z != X. */
    @Test
    void sphereComesBackWhereItWas() {
        int[][] shapes = {{32, 32}, {33, 33}, {32, 24}, {31, 40}};
        double[] angles = AnalyticPhantom.range(-66, 66, 3);
        for (int[] s : shapes) {
            int w = s[0], nz = s[1], h = 15;
            double x0 = 5.3, y0 = -2.6, z0 = -4.7;
            AnalyticPhantom ph = new AnalyticPhantom().add(x0, y0, z0, 3, 3, 3, 0, 1);
            ImageStack p = ph.project(w, h, angles, 3);
            Volume v = Reconstructor.reconstruct(p, angles, ReconParams.defaults(Algorithm.SIRT).withThickness(nz), 2, Progress.NONE, null);
            double m = 0, mx = 0, my = 0, mz = 0;
            for (int k = 0; k < v.nz(); k++) for (int j = 0; j < v.ny(); j++) for (int i = 0; i < v.nx(); i++) {
                double val = v.get(i, j, k);
                m += val;
                mx += val * (i - (w - 1) / 2.0);
                my += val * (j - (h - 1) / 2.0);
                mz += val * (k - (nz - 1) / 2.0);
            }
            String where = w + " wide, " + nz + " thick";
            assertEquals(x0, mx / m, 0.15, "x of the sphere, " + where);
            assertEquals(y0, my / m, 0.15, "y of the sphere, " + where);
            assertEquals(z0, mz / m, 0.3, "z of the sphere, " + where);
            assertEquals(4.0 / 3 * Math.PI * 27, m, 0.04 * 4.0 / 3 * Math.PI * 27, "mass of the sphere, " + where);
        }
    }

    @Test
    void oneThreadEqualsMany() {
        double[] angles = AnalyticPhantom.range(-60, 60, 4);
        AnalyticPhantom ph = AnalyticPhantom.particle(24);
        ImageStack p = ph.project(24, 37, angles, 1);
        for (Algorithm a : Algorithm.values()) {
            if (a == Algorithm.FUSED) continue; // series only: LowDoseMethodsTest
            ReconParams rp = ReconParams.defaults(a).withIterations(3);
            Volume one = Reconstructor.reconstruct(p, angles, rp, 1, Progress.NONE, null);
            Volume many = Reconstructor.reconstruct(p, angles, rp, 3, Progress.NONE, null);
            assertArrayEquals(one.data(), many.data(), a + ": 1 thread and 3 threads differ");
        }
    }

    @Test
    void edgeCasesAreHandledOrRefused() {
        ImageStack one = ImageStack.zeros(1, 16, 4);
        var ex = assertThrows(TridentException.class, () -> Reconstructor.reconstruct(one, new double[]{0}, ReconParams.defaults(Algorithm.SIRT), 1, Progress.NONE, null));
        assertTrue(ex.getMessage().contains("two different tilt angles"), ex.getMessage());
        ImageStack same = ImageStack.zeros(3, 16, 4);
        assertThrows(TridentException.class, () -> Reconstructor.reconstruct(same, new double[]{10, 10, 10}, ReconParams.defaults(Algorithm.WBP), 1, Progress.NONE, null));
        // duplicate angles: the repeated view is averaged, the result matches the set without it
        double[] angles = AnalyticPhantom.range(-60, 60, 5);
        double[] dup = new double[angles.length + 1];
        System.arraycopy(angles, 0, dup, 0, angles.length);
        dup[angles.length] = angles[7];
        AnalyticPhantom ph = AnalyticPhantom.particle(20);
        ImageStack p = ph.project(20, 4, angles, 1), pd = ph.project(20, 4, dup, 1);
        for (Algorithm a : new Algorithm[]{Algorithm.WBP, Algorithm.SIRT}) {
            Volume v = Reconstructor.reconstruct(p, angles, ReconParams.defaults(a), 1, Progress.NONE, null);
            Volume vd = Reconstructor.reconstruct(pd, dup, ReconParams.defaults(a), 1, Progress.NONE, null);
            assertTrue(AnalyticPhantom.rmse(v.data(), vd.data()) < 0.02, a + " with a duplicated angle");
        }
        // NaN and mismatched angle counts are refused with a sentence
        ImageStack nan = ph.project(20, 4, angles, 1);
        nan.tilt(3)[5] = Float.NaN;
        var e2 = assertThrows(TridentException.class, () -> Reconstructor.reconstruct(nan, angles, ReconParams.defaults(Algorithm.SIRT), 1, Progress.NONE, null));
        assertTrue(e2.getMessage().contains("tilt 3"), e2.getMessage());
        assertThrows(TridentException.class, () -> Reconstructor.reconstruct(p, dup, ReconParams.defaults(Algorithm.SIRT), 1, Progress.NONE, null));
        assertThrows(TridentException.class, () -> Reconstructor.reconstruct(p, angles, ReconParams.defaults(Algorithm.SIRT).withRelaxation(2.5), 1, Progress.NONE, null));
        assertTrue(ReconParams.defaults(Algorithm.SIRT).withIterations(0).validate().get(0).contains("iterations"));
        // even a one-pixel-wide, one-row series runs
        double[] a3 = {-30, 0, 30};
        ImageStack tiny = new ImageStack(1, 1, new float[][]{{1}, {1}, {1}});
        Volume t = Reconstructor.reconstruct(tiny, a3, ReconParams.defaults(Algorithm.SIRT), 1, Progress.NONE, null);
        assertEquals(1.0, t.get(0, 0, 0), 0.05);
    }

    @Test
    void progressListenerToleranceAndCancel() {
        double[] angles = AnalyticPhantom.range(-60, 60, 4);
        ImageStack p = AnalyticPhantom.particle(24).project(24, 8, angles, 1);
        AtomicInteger calls = new AtomicInteger();
        Reconstructor r = new Reconstructor(24, 24, angles);
        Reconstructor.Result res = r.run(p, 0, 8, 2.0, ReconParams.defaults(Algorithm.SIRT).withIterations(9), null, 2, Progress.NONE,
                new Reconstructor.Listener() {
                    @Override public int every() { return 3; }
                    @Override public void onIteration(int it, int of, double residual, Volume estimate) {
                        assertEquals(0, it % 3);
                        assertEquals(2.0, estimate.voxelSizeNm());
                        calls.incrementAndGet();
                    }
                });
        assertEquals(3, calls.get());
        assertTrue(res.residuals()[8] < res.residuals()[0] / 3, "the residual falls");
        Reconstructor.Result stop = r.run(p, 0, 8, 1.0, ReconParams.defaults(Algorithm.SIRT).withIterations(500).withTolerance(1e-3), null, 1, Progress.NONE, null);
        assertTrue(stop.converged() && stop.iterations() < 500, "stops on relative change, after " + stop.iterations());
        var tracker = new org.trident.job.ProgressTracker();
        AtomicInteger seen = new AtomicInteger();
        assertThrows(CancellationException.class, () -> r.run(p, 0, 8, 1.0, ReconParams.defaults(Algorithm.SIRT).withIterations(100), null, 1,
                tracker, (it, of, resid, est) -> { if (seen.incrementAndGet() == 2) tracker.cancel(); }));
        assertEquals(2, seen.get());
    }

    @Test
    void slicePreviewEqualsTheSliceOfTheFullVolume() {
        double[] angles = AnalyticPhantom.range(-60, 60, 4);
        ImageStack p = AnalyticPhantom.particle(24).project(24, 9, angles, 1);
        SlicePreview preview = new SlicePreview(24, 20, angles);
        for (Algorithm a : Algorithm.values()) {
            // 3-D TV couples neighbouring slices: a one-slice preview cannot equal the full volume's slice
            if (a == Algorithm.FUSED || a == Algorithm.EM_TV || a == Algorithm.SIRT_TV) continue;
            ReconParams rp = ReconParams.defaults(a).withIterations(4).withThickness(20);
            Volume full = Reconstructor.reconstruct(p, angles, rp, 2, Progress.NONE, null);
            float[] s = preview.slice(p, 5, rp);
            float[] expected = new float[24 * 20];
            for (int k = 0; k < 20; k++) for (int i = 0; i < 24; i++) expected[k * 24 + i] = full.get(i, 5, k);
            assertArrayEquals(expected, s, 1e-6f, a + " preview slice");
            Volume few = preview.slices(p, 3, 4, rp, 2, Progress.NONE);
            assertEquals(full.get(7, 4, 11), few.get(7, 1, 11), 1e-6f);
        }
    }
}
