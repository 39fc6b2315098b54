package org.trident.recon;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.Volume;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconstruction of the simulator's noise-free, aligned HAADF series against its voxel truth (made independently by org.trident.sim). */
class SimulatorTruthTest {
    @Test
    void haadfMatchesTheSimulatorsTruth() {
        Simulation sim = Simulator.run(SimulationParams.defaults("pristine").withSize(32).withSpectra(false, false).withNoise(false),
                Progress.NONE, 2);
        Channel haadf = sim.series().channel("HAADF");
        Volume truth = sim.truth().volume("HAADF");
        Volume v = Reconstructor.reconstruct(haadf.images(), sim.series().tiltAnglesDeg(), ReconParams.defaults(Algorithm.SIRT), 2, Progress.NONE, null);
        assertEquals(truth.nx(), v.nx());
        assertEquals(truth.nz(), v.nz());
        double c = AnalyticPhantom.correlation(v.data(), truth.data());
        double st = 0, sv = 0, max = 0;
        for (int i = 0; i < v.data().length; i++) {
            st += truth.data()[i];
            sv += v.data()[i];
            max = Math.max(max, truth.data()[i]);
        }
        double rmse = AnalyticPhantom.rmse(v.data(), truth.data()) / max;
        System.out.printf("simulator 32^3 pristine HAADF, SIRT 50: correlation %.4f, RMSE %.4f of max, mass ratio %.4f%n", c, rmse, sv / st);
        assertTrue(c > 0.98, "correlation " + c);
        assertTrue(rmse < 0.06, "RMSE " + rmse);
        assertEquals(1.0, sv / st, 0.03, "mass");
    }
}
