package org.trident.render;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Isosurfaces against analytic spheres: enclosed volume, area, closedness, clipping, smoothing of noise. */
class IsoSurfaceTest {
    static final double VOXEL = 2.0, R_VOX = 10;

    /** A signed distance (R − r) in voxels: the level-0 surface is the sphere of radius R. */
    static Volume sphere(int n, double noise, long seed) {
        Volume v = Volume.zeros(n, n, n, VOXEL);
        Random rnd = new Random(seed);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double r = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
            v.set(i, j, k, (float) (R_VOX - r + noise * rnd.nextGaussian()));
        }
        return v;
    }

    @Test
    void aSphereIsClosedWithTheRightVolumeAreaAndRadius() {
        var m = IsoSurface.build(sphere(32, 0, 1), 0, 1, IsoSurface.Clip.NONE, 0, Progress.NONE);
        double r = R_VOX * VOXEL;
        assertEquals(4.0 / 3 * Math.PI * r * r * r, m.enclosedVolume(), 0.03 * 4.0 / 3 * Math.PI * r * r * r, "outward triangles enclose the ball");
        assertEquals(4 * Math.PI * r * r, m.area(), 0.06 * 4 * Math.PI * r * r);
        for (int i = 0; i < m.vertices(); i++) {
            double d = Math.sqrt(sq(m.points()[3 * i]) + sq(m.points()[3 * i + 1]) + sq(m.points()[3 * i + 2]));
            assertEquals(r, d, 0.5 * VOXEL, "vertex " + i + " on the sphere");
        }
        assertEquals(2, eulerCharacteristic(m), "closed surface of genus 0");
    }

    @Test
    void aClipCutsTheSphereInHalfAndClosesIt() {
        var m = IsoSurface.build(sphere(32, 0, 1), 0, 1, new IsoSurface.Clip(0, 0.0), 0, Progress.NONE);
        double r = R_VOX * VOXEL, half = 2.0 / 3 * Math.PI * r * r * r;
        assertEquals(half, m.enclosedVolume(), 0.06 * half);
        for (int i = 0; i < m.vertices(); i++) assertTrue(m.points()[3 * i] <= VOXEL, "nothing beyond the plane");
        assertEquals(2, eulerCharacteristic(m), "the cut is capped: still closed");
    }

    @Test
    void blocksAndTaubinSmoothingTameANoisyMapWithoutShrinkingIt() {
        Volume noisy = sphere(32, 1.5, 7);
        var raw = IsoSurface.build(noisy, 0, 1, IsoSurface.Clip.NONE, 0, Progress.NONE);
        var smooth = IsoSurface.build(noisy, 0, 2, IsoSurface.Clip.NONE, 10, Progress.NONE);
        double r = R_VOX * VOXEL, vol = 4.0 / 3 * Math.PI * r * r * r;
        assertTrue(smooth.faces() < raw.faces() / 3, "2³ blocks decimate: " + smooth.faces() + " vs " + raw.faces());
        assertEquals(vol, smooth.enclosedVolume(), 0.08 * vol, "Taubin smoothing keeps the volume");
        assertTrue(smooth.area() < raw.area(), "speckle removed: area " + smooth.area() + " < " + raw.area());
        assertEquals(4 * Math.PI * r * r, smooth.area(), 0.1 * 4 * Math.PI * r * r);
    }

    @Test
    void nanOutsideAMaskCountsAsBelowTheLevel() {
        Volume v = sphere(24, 0, 1);
        for (int i = 0; i < v.data().length; i++) if (v.data()[i] < -2) v.data()[i] = Float.NaN;
        var m = IsoSurface.build(v, 0, 1, IsoSurface.Clip.NONE, 0, Progress.NONE);
        assertEquals(2, eulerCharacteristic(m));
        assertTrue(m.enclosedVolume() > 0);
    }

    @Test
    void speckleOfNoiseCrossingTheLevelIsDroppedAsSmallPieces() {
        Volume v = sphere(32, 0, 1);
        // isolated voxels above the level far outside the ball: each makes a tiny closed piece
        for (int n = 0; n < 12; n++) v.set(2 + 2 * n, 2, 2 + n % 3, 1f);
        var all = IsoSurface.build(v, 0, 1, IsoSurface.Clip.NONE, 0, 0, Progress.NONE);
        var kept = IsoSurface.build(v, 0, 1, IsoSurface.Clip.NONE, 0, 0.02, Progress.NONE);
        assertEquals(2 * 13, eulerCharacteristic(all), "the ball and twelve specks, each a closed piece");
        assertEquals(2, eulerCharacteristic(kept), "only the ball is left");
        double r = R_VOX * VOXEL;
        assertEquals(4.0 / 3 * Math.PI * r * r * r, kept.enclosedVolume(), 0.03 * 4.0 / 3 * Math.PI * r * r * r);
    }

    /** A ball of value 1 (radius {@code r} voxels) in 0, plus Gaussian noise of {@code sigma}: a noisy map cut at 0.5. */
    static Volume noisyBall(int n, double r, double sigma, long seed) {
        Volume v = Volume.zeros(n, n, n, VOXEL);
        Random rnd = new Random(seed);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double d = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
            v.set(i, j, k, (float) ((d < r ? 1 : 0) + sigma * rnd.nextGaussian()));
        }
        return v;
    }

    /** RMS and largest distance (nm) of the vertices from the analytic sphere of radius {@code rNm}. */
    static double[] radialError(IsoSurface.Mesh m, double rNm) {
        double s = 0, max = 0;
        for (int i = 0; i < m.vertices(); i++) {
            double e = Math.abs(Math.sqrt(sq(m.points()[3 * i]) + sq(m.points()[3 * i + 1]) + sq(m.points()[3 * i + 2])) - rNm);
            s += e * e;
            max = Math.max(max, e);
        }
        return new double[]{Math.sqrt(s / m.vertices()), max};
    }

    @Test
    void theViewsDefaultsCutTrianglesAndSurfaceErrorOfANoisyBall() {
        // 64³ crosses the view's 2³-block threshold only from 100³ on, so the blocks are asked for here as the view asks for them there
        double r = 20, rNm = r * VOXEL;
        Volume v = noisyBall(64, r, 0.35, 11);
        var raw = IsoSurface.build(v, 0.5, 1, IsoSurface.Clip.NONE, 0, 0, Progress.NONE);
        var smoothed = IsoSurface.build(v, 0.5, 1, IsoSurface.Clip.NONE, 5, 0.02, Progress.NONE);
        var view = IsoSurface.build(v, 0.5, 2, IsoSurface.Clip.NONE, 5, 0.02, Progress.NONE);
        double[] eRaw = radialError(raw, rNm), eSmooth = radialError(smoothed, rNm), eView = radialError(view, rNm);
        System.out.printf(java.util.Locale.ROOT, "noisy ball R %.0f nm, σ 0.35 of a unit step: raw %d triangles, RMS %.2f nm, max %.1f nm; "
                        + "speckle dropped + 5 Taubin %d, RMS %.2f, max %.1f; + 2³ blocks (the view's) %d, RMS %.2f, max %.1f%n",
                rNm, raw.faces(), eRaw[0], eRaw[1], smoothed.faces(), eSmooth[0], eSmooth[1], view.faces(), eView[0], eView[1]);
        assertTrue(view.faces() < raw.faces() / 10, "decimated: " + view.faces() + " of " + raw.faces());
        assertTrue(eView[0] < 0.5 * VOXEL, "the view's surface lies within half a voxel (RMS) of the sphere: " + eView[0]);
        assertTrue(eView[1] < 2 * VOXEL, "and nowhere more than two voxels off: " + eView[1]);
        assertTrue(eRaw[1] > 5 * VOXEL, "while the raw mesh has speckle far from it: " + eRaw[1]);
        // closed: every edge is used by an even number of triangles (surface nets may join two sheets at an
        // ambiguous cell of a noisy map, so an edge can have four: closed, but not everywhere a 2-manifold)
        Map<Long, Integer> edges = new HashMap<>();
        int[] t = view.triangles();
        for (int f = 0; f < t.length; f += 3) for (int e = 0; e < 3; e++) {
            long a = t[f + e], b = t[f + (e + 1) % 3];
            edges.merge(Math.min(a, b) * 1_000_000_007L + Math.max(a, b), 1, Integer::sum);
        }
        long odd = edges.values().stream().filter(c -> c % 2 != 0).count(), four = edges.values().stream().filter(c -> c > 2).count();
        System.out.printf(java.util.Locale.ROOT, "the view's mesh: %d edges, %d used by more than two triangles%n", edges.size(), four);
        assertEquals(0, odd, "no open edge");
    }

    static double sq(double x) { return x * x; }

    static int eulerCharacteristic(IsoSurface.Mesh m) {
        Map<Long, Integer> edges = new HashMap<>();
        int[] t = m.triangles();
        for (int f = 0; f < t.length; f += 3) for (int e = 0; e < 3; e++) {
            long a = t[f + e], b = t[f + (e + 1) % 3];
            edges.merge(Math.min(a, b) * 1_000_000_007L + Math.max(a, b), 1, Integer::sum);
        }
        for (int c : edges.values()) assertEquals(2, c, "every edge shared by exactly two triangles (watertight)");
        return m.vertices() - edges.size() + m.faces();
    }
}
