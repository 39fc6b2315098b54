package org.trident.sim;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {
    static SimulationParams small(String stage) {
        return SimulationParams.defaults(stage).withSize(24).withPixelSizeNm(8)
                .withAngles(new double[]{-65, -30, 0, 20, 55, 70}).withSpectra(false, false);
    }

    /**
     * An independent projector: many parallel rays per pixel through the volume taken as uniform
     * cubic voxels (nearest-voxel sampling with a fine step), so it integrates the binned truth exactly in the limit.
     */
    static float[] rayProject(Volume v, double angleDeg) {
        int n = v.nx();
        double th = Math.toRadians(angleDeg), c = Math.cos(th), s = Math.sin(th);
        double half = (n - 1) / 2.0;
        float[] out = new float[n * n];
        int sub = 4;
        double step = 0.125;
        double reach = 0.75 * n; // ray length either side of the centre plane
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double sum = 0;
                for (int a = 0; a < sub; a++) for (int b = 0; b < sub; b++) {
                    double u = col - half + (a + 0.5) / sub - 0.5;
                    double y = row - half + (b + 0.5) / sub - 0.5;
                    for (double t = -reach; t <= reach; t += step) {
                        // point on the ray: (u·cos − t·sin, y, u·sin + t·cos) so that u = x cos + z sin
                        double x = u * c - t * s, z = u * s + t * c;
                        sum += nearest(v, x + half, y + half, z + half) * step;
                    }
                }
                out[row * n + col] = (float) (sum / (sub * sub));
            }
        }
        return out;
    }

    static double nearest(Volume v, double x, double y, double z) {
        int a = (int) Math.round(x), b = (int) Math.round(y), c = (int) Math.round(z);
        if (a < 0 || b < 0 || c < 0 || a >= v.nx() || b >= v.ny() || c >= v.nz()) return 0;
        return v.get(a, b, c);
    }

    @Test
    void haadfTiltsAreProjectionsOfTheTruthVolume() {
        SimulationParams p = small("cycled-100").withNoise(false);
        Simulation sim = Simulator.run(p, Progress.NONE, 2);
        Volume haadf = sim.truth().volume("HAADF");
        for (int t = 0; t < p.anglesDeg().length; t++) {
            float[] got = sim.series().channel("HAADF").images().tilt(t);
            float[] want = rayProject(haadf, p.anglesDeg()[t]);
            double err = 0, norm = 0, sumGot = 0, sumWant = 0;
            for (int i = 0; i < got.length; i++) {
                err += (got[i] - want[i]) * (double) (got[i] - want[i]);
                norm += want[i] * (double) want[i];
                sumGot += got[i];
                sumWant += want[i];
            }
            double rel = Math.sqrt(err / norm);
            // interpolating the binned truth smooths edges: a few percent is the discretisation error
            assertTrue(rel < 0.035, "tilt " + p.anglesDeg()[t] + "°: relative RMS difference " + rel);
            assertEquals(1.0, sumGot / sumWant, 0.01, "mass at tilt " + p.anglesDeg()[t]);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads() {
        SimulationParams p = small("cycled-10").withSpectra(true, true).withEdsAxis(128, 0.005, 0.08).withEelsAxis(200, 450, 2.75)
                .withMisalignment(Misalignment.defaults()).withSeed(7);
        Simulation a = Simulator.run(p, Progress.NONE, 1);
        Simulation b = Simulator.run(p, Progress.NONE, 2);
        for (int t = 0; t < p.anglesDeg().length; t++) {
            assertArrayEquals(a.series().channel("HAADF").images().tilt(t), b.series().channel("HAADF").images().tilt(t));
            assertArrayEquals(a.series().channel("EDS").spectra().readTilt(t), b.series().channel("EDS").spectra().readTilt(t));
            assertArrayEquals(a.series().channel("EELS").spectra().readTilt(t), b.series().channel("EELS").spectra().readTilt(t));
        }
        assertEquals(a.truth().json().toString(), b.truth().json().toString());
        Simulation c = Simulator.run(p.withSeed(8), Progress.NONE, 2);
        assertFalse(java.util.Arrays.equals(a.series().channel("EDS").spectra().readTilt(0), c.series().channel("EDS").spectra().readTilt(0)));
    }

    @Test
    void theAlignmentInTheTruthUndoesTheMisalignment() {
        SimulationParams ideal = small("pristine").withNoise(false).withSize(32);
        SimulationParams raw = ideal.withMisalignment(new Misalignment(2.0, 3.0, Double.NaN, Double.NaN)).withSeed(3);
        Simulation a = Simulator.run(ideal, Progress.NONE, 2);
        Simulation b = Simulator.run(raw, Progress.NONE, 2);
        var al = b.truth().json().get("alignment");
        assertEquals("trident.alignment/1", al.get("format").asText());
        double r = Math.toRadians(al.get("tiltAxisRotationDeg").asDouble());
        assertTrue(Math.abs(Math.toDegrees(r)) >= 1.5 && Math.abs(Math.toDegrees(r)) <= 3.0);
        int n = 32;
        double half = (n - 1) / 2.0;
        for (int t = 0; t < ideal.anglesDeg().length; t++) {
            float[] want = a.series().channel("HAADF").images().tilt(t);
            float[] rawImg = b.series().channel("HAADF").images().tilt(t);
            double dx = al.get("shiftsPx").get(t).get(0).asDouble(), dy = al.get("shiftsPx").get(t).get(1).asDouble();
            double err = 0, norm = 0, errRaw = 0;
            for (int row = 0; row < n; row++) for (int col = 0; col < n; col++) {
                double qx = col - half, qy = row - half;
                double px = Math.cos(r) * qx - Math.sin(r) * qy + dx, py = Math.sin(r) * qx + Math.cos(r) * qy + dy;
                double v = Misalignment.bilinear(rawImg, n, n, px + half, py + half);
                double w = want[row * n + col];
                err += (v - w) * (v - w);
                errRaw += (rawImg[row * n + col] - w) * (double) (rawImg[row * n + col] - w);
                norm += w * w;
            }
            assertTrue(Math.sqrt(err / norm) < 0.08, "tilt " + t + ": aligned differs from ideal by " + Math.sqrt(err / norm));
            assertTrue(errRaw > 4 * err, "the raw image should differ from the ideal more than the aligned one");
        }
    }

    @Test
    void truthDepthProfilesFollowTheSpec() {
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(40).withPixelSizeNm(4)
                .withAngles(new double[]{0}).withSpectra(false, false).withNoise(false);
        Simulation sim = Simulator.run(p, Progress.NONE, 2);
        ParticleSpec spec = sim.particle();
        int checked = 0;
        for (Truth.ProfileRow row : sim.truth().profiles()) {
            if (row.voxels() < 30) continue;
            double d = row.depthNm();
            if (row.quantity().startsWith("fraction-")) {
                String el = row.quantity().substring(9);
                assertEquals(spec.fraction(el, d), row.mean(), 0.03, row.quantity() + " at " + d + " nm");
                checked++;
            } else if (row.quantity().startsWith("valence-")) {
                String el = row.quantity().substring(8);
                double range = Math.abs(spec.surface().valences().get(el) - spec.bulk().valences().get(el));
                assertEquals(spec.valence(el, d), row.mean(), 0.05 + 0.15 * range, row.quantity() + " at " + d + " nm");
                checked++;
            }
        }
        assertTrue(checked > 30);
        // Ni is enriched and Mn reduced near the surface, not in the bulk
        List<Truth.ProfileRow> ni = sim.truth().profiles().stream().filter(r -> r.quantity().equals("fraction-Ni")).toList();
        assertTrue(ni.get(0).mean() > ni.get(ni.size() - 1).mean() + 0.1);
    }

    @Test
    void badParametersGiveASentence() {
        TridentException e = assertThrows(TridentException.class, () -> Simulator.run(small("pristine").withSize(100000), Progress.NONE, 1));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
        e = assertThrows(TridentException.class, () -> Simulator.run(small("baked"), Progress.NONE, 1));
        assertTrue(e.getMessage().contains("unknown stage 'baked'"), e.getMessage());
        e = assertThrows(TridentException.class, () -> SimulationParams.parseAngles("-70:x:5"));
        assertTrue(e.getMessage().contains("A:B:STEP"), e.getMessage());
        e = assertThrows(TridentException.class, () -> SimulationParams.parseAngles("70:-70:5"));
        e = assertThrows(TridentException.class, () -> Simulator.run(small("pristine").withAngles(new double[]{0, 95}), Progress.NONE, 1));
        assertTrue(e.getMessage().contains("95"), e.getMessage());
        e = assertThrows(TridentException.class, () -> Simulator.run(small("pristine").withDose("lots"), Progress.NONE, 1));
        assertTrue(e.getMessage().contains("dose"), e.getMessage());
        e = assertThrows(TridentException.class, () -> Simulator.run(small("pristine").withSize(256).withAngles(SimulationParams.angles(-90, 90, 0.5))
                .withSpectra(true, true).withEdsAxis(8192, 0, 0.01), Progress.NONE, 1));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        assertEquals(29, SimulationParams.parseAngles("-70:70:5").length);
        assertArrayEquals(new double[]{-10, 0, 12.5}, SimulationParams.parseAngles("-10, 0,12.5"));
    }

    @Test
    void neighbourAddsSignalAtTheRightEdgeButNotToTheTruth() {
        double[] ang = {-60, 0, 60};
        SimulationParams p = SimulationParams.defaults("pristine").withSize(32).withAngles(ang).withSpectra(false, false).withNoise(false);
        Simulation plain = Simulator.run(p, org.trident.job.Progress.NONE, 2);
        Simulation nb = Simulator.run(p.withNeighbour(true), org.trident.job.Progress.NONE, 2);
        float[] a = plain.series().adf().images().tilt(1), b = nb.series().adf().images().tilt(1);
        double right = 0, left = 0, peak = 0;
        for (int y = 0; y < 32; y++) {
            right += b[y * 32 + 31] - a[y * 32 + 31];
            left += Math.abs(b[y * 32] - a[y * 32]);
            for (int x = 0; x < 32; x++) peak = Math.max(peak, a[y * 32 + x]);
        }
        org.junit.jupiter.api.Assertions.assertTrue(right > 2 * peak, "the neighbour shows at the right edge at 0°: " + right + " vs peak " + peak);
        org.junit.jupiter.api.Assertions.assertEquals(0, left, 1e-3 * peak, "nothing at the left edge");
        // at 60° the neighbour's centre projects at 0.55·cos60 of the field: inside the field
        float[] c = nb.series().adf().images().tilt(2), d = plain.series().adf().images().tilt(2);
        double moved = 0;
        for (int y = 0; y < 32; y++) moved += c[y * 32 + 24] - d[y * 32 + 24];
        org.junit.jupiter.api.Assertions.assertTrue(moved > 0, "inside the field at 60°");
        org.junit.jupiter.api.Assertions.assertTrue(nb.truth().json().has("neighbour"));
        org.junit.jupiter.api.Assertions.assertFalse(plain.truth().json().has("neighbour"));
    }
}
