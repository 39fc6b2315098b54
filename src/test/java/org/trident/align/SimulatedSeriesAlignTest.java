package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.sim.Misalignment;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alignment of the simulator's misaligned series against the truth it records (contract section 7). */
class SimulatedSeriesAlignTest {
    @Test
    void recoversTheSimulatorsMisalignmentAtHighDose() {
        double[] ang = Phantoms.angles(-70, 70, 10);
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(48).withPixelSizeNm(5.3).withAngles(ang)
                .withSpectra(false, false).withDose("high").withSeed(21)
                .withMisalignment(new Misalignment(2.0, 3.0, -2.7, 1.8));
        Simulation sim = Simulator.run(p, Progress.NONE, 2);
        Alignment truth = Alignment.fromJson(sim.misalignment().alignmentJson(), null);
        Aligner.Result r = Aligner.estimate(sim.series(), null, AlignParams.defaults(), null, 2, Progress.NONE);
        double rms = Families.residualRms(r.alignment(), truth, ang);
        double axis = Math.abs(r.alignment().tiltAxisRotationDeg() - truth.tiltAxisRotationDeg());
        assertTrue(rms <= 0.25, "residual " + rms + " px");
        assertTrue(axis <= 0.2, "axis error " + axis + "°");
        assertTrue(Families.residualRms(Alignment.identity(ang.length), truth, ang) > 1.0, "the series must start misaligned");
    }
}
