package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.align.AlignParams;
import org.trident.analysis.AnalysisParams;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.job.ProgressTracker;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;
import org.trident.spectra.QuantParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** "Process all": every dataset from raw bundle to analysis in one job, written as the pipeline writes it. */
class ProcessRunnerTest {
    @Test
    void processAllTakesEveryDatasetFromRawBundleToAnalysisInOneJob(@TempDir Path dir) {
        Map<Dataset, ProcessRunner.Settings> settings = new LinkedHashMap<>();
        for (String stage : List.of("pristine", "cycled-100")) {
            var params = SimulationParams.defaults(stage).withSize(16).withAngles(new double[]{-60, -30, 0, 30, 60})
                    .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16);
            SimulationWriter.write(Simulator.run(params, Progress.NONE, 1), dir.resolve(stage), Progress.NONE);
            Dataset d = DatasetLoader.load(dir.resolve(stage + "/bundle"), Progress.NONE);
            assertEquals(List.of("quantify", "align", "reconstruct", "analyze"), ProcessRunner.remaining(d));
            settings.put(d, new ProcessRunner.Settings(QuantParams.defaults(), AlignParams.defaults(),
                    ReconParams.defaults(Algorithm.SIRT).withIterations(5), AnalysisParams.defaults(), null));
        }
        Project proj = new Project(dir.resolve("results"));
        ProgressTracker tracker = new ProgressTracker();
        var results = ProcessRunner.runAll(List.copyOf(settings.keySet()), settings, proj, 1, tracker);
        assertEquals(1.0, tracker.fraction(), 1e-12, "one bar for the whole run, full at the end");
        assertEquals("Processing 2 dataset(s)", tracker.phase(), "one phase, so the ETA is the whole run's");
        for (Object o : results) ProcessRunner.adopt((ProcessRunner.Outcome) o, proj);
        for (Dataset d : settings.keySet()) {
            assertEquals(List.of(), ProcessRunner.remaining(d), d.label());
            assertNotNull(d.series().channel("EDS:Ni"), "quantified, then aligned");
            assertTrue(d.alignedHere());
            assertNotNull(d.volume("EDS:Ni"));
            assertNotNull(d.volume("fraction-Ni"));
            assertFalse(d.profiles().get("fraction-Ni").isEmpty());
            Path res = proj.dir(d);
            for (String f : List.of("quantified/quantification.json", "aligned/alignment.json", "volumes/reconstruction.json", "analysis/analysis.json")) {
                assertTrue(Files.isRegularFile(res.resolve(f)), d.label() + " " + f);
            }
            assertTrue(Json.readObject(res.resolve("volumes/reconstruction.json")).has("halfSets"), "half-sets, as the pipeline makes them");
        }
        // a changed quantification makes the later steps stale, and Process then redoes exactly those
        Dataset first = settings.keySet().iterator().next();
        var rec = first.steps().get("quantify").deepCopy();
        proj.note(first, "quantify", rec);
        assertEquals(List.of("align", "reconstruct", "analyze"), ProcessRunner.remaining(first));
    }
}
