package org.trident.recon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parts a reconstruction declares (for the terminal's stage percent and ETA) are exactly the
 * parts it then runs: numbered 1, 2, … up to the count it announced, so the stage ends at 100 %.
 */
class ReconstructionPartsTest {
    /** Records every part(index, count) call. */
    static final class Parts implements Progress {
        final List<int[]> calls = new ArrayList<>();
        @Override public void part(int index, int count) { calls.add(new int[]{index, count}); }
        @Override public void start(String message, long total) {}
        @Override public void advance(long units) {}
        @Override public boolean isCancelled() { return false; }

        void assertComplete(int expected) {
            assertEquals(expected, calls.size(), "parts run");
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i + 1, calls.get(i)[0], "part numbers run 1, 2, …");
                assertEquals(expected, calls.get(i)[1], "every call announces the same count");
            }
        }
    }

    /** HAADF plus two element-count maps and one EELS map (the maps are copies of the HAADF: only the bookkeeping matters here). */
    static TiltSeries series() {
        double[] ang = {-60, -40, -20, 0, 20, 40, 60};
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(16).withAngles(ang).withSpectra(false, false)
                .withDose("high").withSeed(5);
        TiltSeries ts = Simulator.run(p, Progress.NONE, 1).series();
        var adf = ts.adf().images();
        for (String name : List.of("EDS:Ni", "EDS:Co", "EELS:Mn-L3")) ts = ts.withChannel(Channel.image(name, Signal.MAP, adf));
        return ts;
    }

    @Test
    void sirtDeclaresOnePartPerChannelAndTiltSet(@TempDir Path tmp) {
        Parts parts = new Parts();
        var s = new SeriesReconstruction.Settings(List.of(), ReconParams.defaults(Algorithm.SIRT).withIterations(2), null, true);
        SeriesReconstruction.run(series(), null, tmp, s, 1, parts, "test");
        parts.assertComplete(4 * 3); // 4 channels × (full, odd, even)
    }

    @Test
    void lowDoseMethodsDeclareTheirOwnPlan(@TempDir Path tmp) {
        // fused: ADF once for the support, then per tilt set the fused counts and the EELS map, plus the ADF of each half set
        Parts fused = new Parts();
        var s = new SeriesReconstruction.Settings(List.of(), ReconParams.defaults(Algorithm.FUSED).withIterations(2), null, true);
        SeriesReconstruction.run(series(), null, tmp.resolve("fused"), s, 1, fused, "test");
        fused.assertComplete(1 + 3 * 2 + 2);
        // EM: each count channel on its own
        Parts em = new Parts();
        s = new SeriesReconstruction.Settings(List.of(), ReconParams.defaults(Algorithm.EM).withIterations(2), null, true);
        SeriesReconstruction.run(series(), null, tmp.resolve("em"), s, 1, em, "test");
        em.assertComplete(1 + 3 * 3 + 2);
    }
}
