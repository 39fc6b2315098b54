package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.sim.Misalignment;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulated series with a second particle half outside the field (simulate --neighbour),
 * misaligned with an axis rotation of 1.5–3°: shifts and axis must come out right at high and
 * low dose although the clutter enters and leaves the field.
 */
@org.junit.jupiter.api.Disabled("too slow for the suite: ~9 + 6 min at load 14 (48 px, wide-field SIRT per axis trial); passed on these"
        + " development series (high: 0.085 px, 0.05° off; low: 0.068 px, 0.20° off) but not yet checked on held-out series, see docs/alignment.md")
class ClutterAxisTest {
    static double[] run(String dose, double rotation, long seed) {
        double[] ang = Phantoms.angles(-70, 70, 5);
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(48).withPixelSizeNm(5.3).withAngles(ang)
                .withSpectra(false, false).withDose(dose).withSeed(seed).withNeighbour(true)
                .withMisalignment(new Misalignment(2.0, 3.0, rotation, 1.2));
        Simulation sim = Simulator.run(p, Progress.NONE, 2);
        Alignment truth = Alignment.fromJson(sim.misalignment().alignmentJson(), null);
        Aligner.Result r = Aligner.estimate(sim.series(), null, AlignParams.defaults().withAxisRefinement(true), null, 2, Progress.NONE);
        double rms = Families.residualRms(r.alignment(), truth, ang);
        double axis = Math.abs(r.alignment().tiltAxisRotationDeg() - truth.tiltAxisRotationDeg());
        System.out.printf("neighbour, %s dose: residual %.3f px, axis %.2f° (truth %.2f°, error %.2f°)%n", dose, rms, r.alignment().tiltAxisRotationDeg(),
                truth.tiltAxisRotationDeg(), axis);
        r.notes().forEach(System.out::println);
        return new double[]{rms, axis};
    }

    @Test
    void highDose() {
        double[] e = run("high", -2.27, 31);
        assertTrue(e[0] <= 0.3, "residual " + e[0] + " px");
        assertTrue(e[1] <= 0.3, "axis error " + e[1] + "°");
    }

    @Test
    void lowDose() {
        double[] e = run("low", 1.6, 32);
        assertTrue(e[0] <= 0.3, "residual " + e[0] + " px");
        assertTrue(e[1] <= 0.3, "axis error " + e[1] + "°");
    }
}
