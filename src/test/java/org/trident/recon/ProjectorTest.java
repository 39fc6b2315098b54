package org.trident.recon;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared projector: adjointness, mass conservation, exact strip areas and the contract's geometry. */
class ProjectorTest {
    @Test
    void forwardAndBackAreAdjoint() {
        for (ProjectorModel m : ProjectorModel.values()) {
            for (int[] shape : new int[][]{{33, 33}, {32, 20}, {17, 40}}) {
                SliceGeometry g = new SliceGeometry(shape[0], shape[1], AnalyticPhantom.range(-70, 70, 7), m);
                for (int nb : new int[]{1, 5}) {
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
                    assertEquals(lhs, rhs, 1e-5 * Math.abs(lhs), m + ": <Ax,y> vs <x,A'y> for " + shape[0] + "x" + shape[1] + ", " + nb + " slices");
                }
            }
        }
    }

    /** The public single-slice projector is the same operator, and its own transpose. */
    @Test
    void publicSliceProjectorIsAdjoint() {
        SliceProjector pr = new Reconstructor(29, 23, AnalyticPhantom.range(-60, 60, 5)).projector();
        assertEquals("strip-area", pr.projectorName());
        Random r = new Random(3);
        float[] x = new float[pr.width() * pr.thickness()], y = new float[pr.tilts() * pr.width()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
        float[] ax = new float[y.length], aty = new float[x.length];
        pr.forward(x, ax);
        pr.back(y, aty);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < y.length; i++) lhs += (double) ax[i] * y[i];
        for (int i = 0; i < x.length; i++) rhs += (double) x[i] * aty[i];
        assertEquals(lhs, rhs, 1e-5 * Math.abs(lhs));
    }

    /**
     * A single voxel: its weights sum to one, their centroid sits at u = x cosθ + z sinθ (linear
     * model to the 1/512-bin position grid; strip model within the bin-averaging of its footprint), and the strip
     * weights equal the area of the unit square inside each bin's strip, counted independently
     * by sampling the square.
     */
    @Test
    void voxelLandsWhereTheContractSays() {
        for (int[] shape : new int[][]{{32, 32}, {33, 33}, {32, 21}, {31, 46}}) {
            int w = shape[0], nz = shape[1];
            double[] angles = {-60, -33.3, 0, 12.5, 45, 70};
            for (ProjectorModel m : ProjectorModel.values()) {
                SliceGeometry g = new SliceGeometry(w, nz, angles, m);
                int[][] voxels = {{3, 4}, {w - 9, nz - 6}, {w / 2, nz / 2 + 3}, {10, nz - 8}};
                for (int[] vx : voxels) {
                    int i = vx[0], k = vx[1];
                    double x = i - (w - 1) / 2.0, z = k - (nz - 1) / 2.0;
                    float[] vol = new float[g.voxels()];
                    vol[k * w + i] = 1f;
                    float[] p = new float[g.tilts() * g.paddedWidth()];
                    int[] views = Kernels.allViews(g.tilts());
                    Kernels.forwardFlat(g, vol, p, views, 0, views.length);
                    for (int t = 0; t < angles.length; t++) {
                        double c = Math.cos(Math.toRadians(angles[t])), s = Math.sin(Math.toRadians(angles[t]));
                        double expected = x * c + z * s;
                        if (Math.abs(expected) > (w - 1) / 2.0 - 2) continue;
                        double sum = 0, su = 0;
                        for (int bin = 0; bin < g.paddedWidth(); bin++) {
                            double val = p[t * g.paddedWidth() + bin];
                            double u = bin - SliceGeometry.GUARD - (w - 1) / 2.0;
                            sum += val;
                            su += val * u;
                            if (m == ProjectorModel.STRIP) {
                                assertEquals(stripArea(x, z, c, s, u), val, 2e-3, "strip area of voxel " + i + "," + k + " in bin " + bin + " at " + angles[t] + "°");
                            }
                        }
                        String where = m + " voxel " + i + "," + k + " at " + angles[t] + "° in " + w + "x" + nz;
                        assertEquals(1.0, sum, 1e-5, "mass of one voxel, " + where);
                        assertEquals(expected, su / sum, m == ProjectorModel.LINEAR ? 0.5 / SliceGeometry.LEVELS + 1e-5 : 0.05, "centroid, " + where);
                    }
                }
            }
        }
    }

    /** Area of the unit square centred at (x, z) with u = x·c + z·s in [u0 − ½, u0 + ½], by 400 × 400 samples. */
    static double stripArea(double x, double z, double c, double s, double u0) {
        int n = 400, in = 0;
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) {
            double px = x - 0.5 + (a + 0.5) / n, pz = z - 0.5 + (b + 0.5) / n;
            double u = px * c + pz * s;
            if (u >= u0 - 0.5 && u < u0 + 0.5) in++;
        }
        return in / (double) (n * n);
    }

    @Test
    void projectorModelsParse() {
        assertEquals(ProjectorModel.STRIP, ProjectorModel.parse("strip-area"));
        assertEquals(ProjectorModel.LINEAR, ProjectorModel.parse("Linear"));
        assertEquals(ProjectorModel.STRIP, ProjectorModel.DEFAULT);
        assertTrue(ProjectorModel.parse("joseph") == null);
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
