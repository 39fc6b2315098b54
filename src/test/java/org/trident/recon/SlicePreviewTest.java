package org.trident.recon;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview's own kernels ({@link SliceKernels}) against the engine and the matrix's transpose. */
class SlicePreviewTest {
    private static final double[] ANGLES = AnalyticPhantom.range(-70, 70, 5); // 29 views: the 4-view passes and a remainder

    @Test
    void previewEqualsTheEngineToFloatRoundingAndDoesNotDependOnThreads() {
        ImageStack p = AnalyticPhantom.particle(50).project(50, 5, ANGLES, 1);
        SlicePreview preview = new SlicePreview(50, 37, ANGLES);
        for (Algorithm a : new Algorithm[]{Algorithm.SIRT, Algorithm.SART, Algorithm.WBP}) {
            ReconParams rp = ReconParams.defaults(a).withIterations(6).withThickness(37);
            float[] one = preview.slice(p, 2, rp, 1);
            assertArrayEquals(one, preview.slice(p, 2, rp, 2), 0f, a + ": 2 threads give the same bits");
            assertArrayEquals(one, preview.slice(p, 2, rp, 3), 0f, a + ": 3 threads give the same bits");
            float[] engine = preview.slices(p, 2, 1, rp, 1, Progress.NONE).data();
            double max = 0, diff = 0;
            for (int v = 0; v < one.length; v++) {
                max = Math.max(max, Math.abs(engine[v]));
                diff = Math.max(diff, Math.abs(engine[v] - one[v]));
            }
            assertTrue(max > 0.1, a + " reconstructs something");
            assertTrue(diff <= 1e-5 * max, a + ": preview vs engine differ by " + diff + " of " + max);
        }
    }

    /**
     * The residual that comes with a previewed slice is the engine's ‖b − Ax‖/‖b‖ of the last
     * iteration, for the flat kernels (SIRT by mirror pairs, SART) and for the algorithms that go
     * through the engine (ART, CGLS: same slice as the engine, bit for bit); WBP has none.
     */
    @Test
    void previewCarriesTheEnginesResidual() {
        ImageStack p = AnalyticPhantom.particle(50).project(50, 5, ANGLES, 1);
        SlicePreview preview = new SlicePreview(50, 37, ANGLES);
        Reconstructor engine = new Reconstructor(50, 37, ANGLES);
        for (Algorithm a : new Algorithm[]{Algorithm.SIRT, Algorithm.SART, Algorithm.ART, Algorithm.CGLS, Algorithm.WBP}) {
            ReconParams rp = ReconParams.defaults(a).withIterations(4).withThickness(37);
            SlicePreview.Slice one = preview.preview(p, 3, rp, 1, Progress.NONE), two = preview.preview(p, 3, rp, 2, Progress.NONE);
            Reconstructor.Result r = engine.run(p, 3, 4, 1.0, rp, null, 1, Progress.NONE, null);
            assertArrayEquals(one.values(), two.values(), 0f, a + ": threads");
            assertEquals(one.residual(), two.residual(), 0.0, a + ": residual independent of threads");
            if (a == Algorithm.WBP) {
                assertTrue(Double.isNaN(one.residual()), "WBP has no residual");
                continue;
            }
            assertEquals(4, one.iterations(), a + ": iterations");
            assertTrue(r.residual() > 1e-4 && r.residual() < 1, a + ": a residual to compare " + r.residual());
            assertEquals(r.residual(), one.residual(), 1e-5 * r.residual(), a + ": residual as the engine's");
            if (a == Algorithm.ART || a == Algorithm.CGLS) {
                assertArrayEquals(r.volume().data(), one.values(), 0f, a + ": the engine's own slice");
            }
        }
    }

    @Test
    void previewBackProjectionIsTheTransposeOfItsForward() {
        SliceGeometry g = new SliceGeometry(41, 23, ANGLES);
        int pw = g.paddedWidth(), gu = SliceGeometry.GUARD;
        Random rnd = new Random(7);
        float[] x = new float[g.voxels()], y = new float[g.tilts() * pw];
        for (int v = 0; v < x.length; v++) x[v] = rnd.nextFloat() - 0.3f;
        for (int t = 0; t < g.tilts(); t++) for (int b = gu; b < gu + g.width(); b++) y[t * pw + b] = rnd.nextFloat() - 0.3f;
        int[] all = Kernels.allViews(g.tilts());
        float[] ax = new float[y.length], aty = new float[x.length];
        SliceKernels.forward(g, x, ax, all, 0, all.length);
        SliceKernels.back(g, y, aty, all, 0, all.length, 0, x.length);
        double lhs = 0, rhs = 0;
        for (int k = 0; k < y.length; k++) lhs += (double) ax[k] * y[k];
        for (int v = 0; v < x.length; v++) rhs += (double) x[v] * aty[v];
        assertEquals(lhs, rhs, 1e-5 * Math.abs(lhs), "<Ax, y> = <x, Aᵀy>");
        // the split back-projection is the engine's one-slice back-projection (BlockSolver: backFlat in Java,
        // the whole range in the native kernels), bit for bit
        float[] ref = new float[x.length], part = new float[x.length];
        if (NativeKernels.active()) SliceKernels.back(g, y, ref, all, 0, all.length, 0, x.length);
        else Kernels.backFlat(g, y, ref, all, 0, all.length);
        SliceKernels.back(g, y, part, all, 0, all.length, 0, 300);
        SliceKernels.back(g, y, part, all, 0, all.length, 300, x.length);
        assertArrayEquals(ref, part, 0f);
    }

    @Test
    void mirrorPairsShareEntriesAndProjectAsSingleViews() {
        double[] angles = {-60, -45, -20, 0, 20, 45, 60, 33.3};
        SliceGeometry g = new SliceGeometry(37, 30, angles);
        int[][] units = SliceKernels.mirrorUnits(g);
        assertEquals(5, units[0].length, "three ± pairs, 0° and 33.3° alone");
        Random rnd = new Random(3);
        float[] x = new float[g.voxels()];
        for (int v = 0; v < x.length; v++) x[v] = rnd.nextFloat();
        int pw = g.paddedWidth();
        float[] ref = new float[angles.length * pw], pair = new float[ref.length];
        SliceKernels.forward(g, x, ref, Kernels.allViews(angles.length), 0, angles.length);
        SliceKernels.forwardUnits(g, units[0], units[1], x, pair, 0, units[0].length);
        for (int k = 0; k < ref.length; k++) assertEquals(ref[k], pair[k], 2e-6 * Math.max(1, Math.abs(ref[k])), "bin " + k);
        // a slightly asymmetric scheme pairs only where the entries agree exactly
        SliceGeometry skew = new SliceGeometry(37, 30, new double[]{-60.3, 60});
        assertEquals(2, SliceKernels.mirrorUnits(skew)[0].length);
    }
}
