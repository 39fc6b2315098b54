package org.trident.recon;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared projector: adjointness, mass conservation and the contract's geometry. */
class ProjectorTest {
    @Test
    void forwardAndBackAreAdjoint() {
        for (int[] shape : new int[][]{{33, 33}, {32, 20}, {17, 40}}) {
            SliceGeometry g = new SliceGeometry(shape[0], shape[1], AnalyticPhantom.range(-70, 70, 7));
            int nb = 5;
            Random r = new Random(7);
            float[][] x = Kernels.rows(g.voxels(), nb);
            float[][] y = Kernels.rows(g.tilts() * g.paddedWidth(), nb);
            for (float[] row : x) for (int b = 0; b < nb; b++) row[b] = (float) r.nextGaussian();
            for (int t = 0; t < g.tilts(); t++) for (int bin = 0; bin < g.paddedWidth(); bin++) for (int b = 0; b < nb; b++) {
                // guard bins are never measured, so data there is zero
                y[t * g.paddedWidth() + bin][b] = g.isReal(bin) ? (float) r.nextGaussian() : 0f;
            }
            float[][] ax = Kernels.rows(y.length, nb);
            int[] views = Kernels.allViews(g.tilts());
            Kernels.forward(g, x, ax, nb, views, 0, views.length);
            float[][] aty = Kernels.rows(x.length, nb);
            float[][] acc = Kernels.rows(Kernels.TILE, nb);
            for (int v0 = 0; v0 < g.voxels(); v0 += Kernels.TILE) {
                int v1 = Math.min(g.voxels(), v0 + Kernels.TILE);
                Kernels.backTile(g, y, acc, nb, views, 0, views.length, v0, v1);
                for (int v = v0; v < v1; v++) System.arraycopy(acc[v - v0], 0, aty[v], 0, nb);
            }
            double lhs = 0, rhs = 0;
            for (int i = 0; i < y.length; i++) for (int b = 0; b < nb; b++) lhs += (double) ax[i][b] * y[i][b];
            for (int i = 0; i < x.length; i++) for (int b = 0; b < nb; b++) rhs += (double) x[i][b] * aty[i][b];
            assertEquals(lhs, rhs, 1e-5 * Math.abs(lhs), "<Ax,y> vs <x,A'y> for " + shape[0] + "x" + shape[1]);
        }
    }

    /** A single voxel lands, in the mean, at u = x cosθ + z sinθ; odd and even widths, Z != X. */
    @Test
    void voxelLandsWhereTheContractSays() {
        for (int[] shape : new int[][]{{32, 32}, {33, 33}, {32, 21}, {31, 46}}) {
            int w = shape[0], nz = shape[1];
            double[] angles = {-60, -33.3, 0, 12.5, 45, 70};
            SliceGeometry g = new SliceGeometry(w, nz, angles);
            int[][] voxels = {{3, 4}, {w - 9, nz - 6}, {w / 2, nz / 2 + 3}, {10, nz - 8}};
            for (int[] vx : voxels) {
                int i = vx[0], k = vx[1];
                double x = i - (w - 1) / 2.0, z = k - (nz - 1) / 2.0;
                float[][] vol = Kernels.rows(g.voxels(), 1);
                vol[k * w + i][0] = 1f;
                float[][] p = Kernels.rows(g.tilts() * g.paddedWidth(), 1);
                int[] views = Kernels.allViews(g.tilts());
                Kernels.forward(g, vol, p, 1, views, 0, views.length);
                for (int t = 0; t < angles.length; t++) {
                    double expected = x * Math.cos(Math.toRadians(angles[t])) + z * Math.sin(Math.toRadians(angles[t]));
                    if (Math.abs(expected) > (w - 1) / 2.0 - 1) continue;
                    double s = 0, su = 0;
                    for (int bin = 0; bin < g.paddedWidth(); bin++) {
                        double val = p[t * g.paddedWidth() + bin][0];
                        double u = bin - SliceGeometry.GUARD - (w - 1) / 2.0;
                        s += val;
                        su += val * u;
                    }
                    assertEquals(1.0, s, 1e-6, "mass of one voxel");
                    assertEquals(expected, su / s, 1e-4, "centroid for voxel " + i + "," + k + " at " + angles[t] + "° in " + w + "x" + nz);
                }
            }
        }
    }

    @Test
    void angularWidthsHandleIrregularAndDuplicateAngles() {
        float[] w = AngleWeights.angularWidthsRad(new double[]{-60, -50, -45, 0, 0, 30});
        double total = 0;
        for (float v : w) total += v;
        // range -60..30 plus half a step beyond each end (5° and 15°)
        assertEquals(Math.toRadians(90 + 5 + 15), total, 1e-6);
        assertEquals(w[3], w[4], 1e-9, "duplicates share their width");
        assertEquals(Math.toRadians((22.5 + 15) / 2), w[3], 1e-6);
        float[] full = AngleWeights.angularWidthsRad(AnalyticPhantom.range(-90, 88, 2));
        double sum = 0;
        for (float v : full) sum += v;
        assertEquals(Math.PI, sum, 1e-5, "a full half-turn is covered exactly once");
        assertEquals(1, AngleWeights.distinct(new double[]{5, 5, 5}));
        assertEquals(1, AngleWeights.distinct(new double[]{-90, 90}));
        assertTrue(AngleWeights.distinct(new double[]{-90, 0, 90}) == 2);
    }
}
