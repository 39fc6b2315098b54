package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The 3-D view's surfaces: one per chosen quantity, in its element's colour, clipped at the cursor, with a coarse level for turning. */
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

    /**
     * A noisy ball like a fraction map (0.6 inside, 0.2 outside, σ 0.1 per voxel) of radius R off
     * the grid's centre: the coarse level shown while turning is the same isosurface (same level)
     * on 4³ blocks, within one coarse voxel of the analytic sphere, with far fewer triangles.
     */
    @Test
    void theCoarseLevelIsTheSameSphereAtLowerResolution() {
        checkCoarseSphere(120, 1.5, 37.3, new double[]{2.4, -1.7, 0.9}, 11);
        checkCoarseSphere(110, 2.0, 29.8, new double[]{-3.1, 0.6, 2.2}, 23);   // held out: other size, radius, centre, noise
    }

    static void checkCoarseSphere(int n, double voxelNm, double rVox, double[] offVox, long seed) {
        Volume v = Volume.zeros(n, n, n, voxelNm);
        Random rnd = new Random(seed);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double x = i - c - offVox[0], y = j - c - offVox[1], z = k - c - offVox[2];
            v.set(i, j, k, (float) ((x * x + y * y + z * z < rVox * rVox ? 0.6 : 0.2) + 0.1 * rnd.nextGaussian()));
        }
        Dataset d = new Dataset("ball", Path.of("ball"));
        d.addVolume(new Dataset.VolumeItem("fraction-Ni", v, null));
        var layers = SurfaceViewModel.layers(d, List.of("fraction-Ni"), 0.5);
        var b = new SurfaceViewModel().build(d, layers, new double[]{0, 0, 0}, Progress.NONE).get(0);
        assertEquals(2, SurfaceViewModel.defaultStep(v));
        assertEquals(4, SurfaceViewModel.coarseStep(v));
        double coarseVoxel = SurfaceViewModel.coarseStep(v) * voxelNm, r = rVox * voxelNm;
        assertTrue(b.coarse().faces() < b.mesh().faces() / 3, "coarse " + b.coarse().faces() + " vs full " + b.mesh().faces() + " triangles");
        double[] fullErr = radialError(b.mesh(), offVox, voxelNm, r), coarseErr = radialError(b.coarse(), offVox, voxelNm, r);
        assertTrue(coarseErr[1] <= coarseVoxel, "every coarse vertex within one coarse voxel (" + coarseVoxel + " nm) of the sphere: worst " + coarseErr[1] + " nm");
        assertTrue(coarseErr[0] <= coarseVoxel / 4, "coarse RMS " + coarseErr[0] + " nm");
        assertTrue(fullErr[1] <= coarseVoxel / 2, "full mesh worst " + fullErr[1] + " nm");
        double rCoarse = Math.cbrt(b.coarse().enclosedVolume() * 3 / (4 * Math.PI));
        assertEquals(r, rCoarse, coarseVoxel / 4, "the coarse surface encloses the same ball");
    }

    /** RMS and largest |distance from the centre − R| of the vertices, in nm. */
    static double[] radialError(org.trident.render.IsoSurface.Mesh m, double[] offVox, double voxelNm, double r) {
        double s = 0, worst = 0;
        float[] p = m.points();
        for (int i = 0; i < p.length; i += 3) {
            double x = p[i] - offVox[0] * voxelNm, y = p[i + 1] - offVox[1] * voxelNm, z = p[i + 2] - offVox[2] * voxelNm;
            double e = Math.abs(Math.sqrt(x * x + y * y + z * z) - r);
            s += e * e;
            worst = Math.max(worst, e);
        }
        return new double[]{Math.sqrt(s / m.vertices()), worst};
    }
}
