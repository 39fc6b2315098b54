package org.trident.pipeline;

import org.trident.job.Progress;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;

import java.nio.file.Path;

/**
 * The small series the shell-fit rule's tests share: a simulated 16³ cycled-100 particle, 7 tilts
 * ±60°, seed 5, with a 64-channel EDS spectrum image or ADF only (then nothing can be fitted).
 */
public final class SmallSeries {
    private SmallSeries() {}

    /** Writes the series under {@code dir} and returns its bundle folder. */
    public static Path write(Path dir, boolean eds) throws Exception {
        var sp = SimulationParams.defaults("cycled-100").withSize(16).withAngles(new double[]{-60, -40, -20, 0, 20, 40, 60})
                .withSpectra(eds, false).withEdsAxis(64, 0.005, 0.16).withSeed(5);
        SimulationWriter.write(Simulator.run(sp, Progress.NONE, 1), dir, Progress.NONE);
        return dir.resolve("bundle");
    }
}
