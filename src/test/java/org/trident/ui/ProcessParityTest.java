package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The workstation's Process and {@code trident pipeline} are one path: a raw simulated bundle
 * processed in the GUI, then replayed with {@code pipeline --params} on the parameters file the
 * GUI saved beside its results, gives byte-identical summaries and volumes.
 */
class ProcessParityTest {
    @Test
    void processAndPipelineGiveTheSameFilesFromTheSavedParameters(@TempDir Path dir) throws IOException {
        var sp = SimulationParams.defaults("cycled-100").withSize(16).withAngles(new double[]{-60, -40, -20, 0, 20, 40, 60})
                .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16).withSeed(5);
        SimulationWriter.write(Simulator.run(sp, Progress.NONE, 1), dir.resolve("sim"), Progress.NONE);
        Path bundle = dir.resolve("sim/bundle");
        Dataset d = DatasetLoader.load(bundle, Progress.NONE);
        // the GUI's own choice of settings: a non-default reconstruction, the method still chosen from the data
        Pipeline.Params params = Pipeline.Params.defaults().withReconstruct(
                new SeriesReconstruction.Settings(List.of(), ReconParams.defaults(Algorithm.SIRT).withIterations(12), null, true));
        Project proj = new Project(dir.resolve("results"));
        var out = ProcessRunner.run(d, ProcessRunner.remaining(d), new ProcessRunner.Settings(params, null), proj, 1, Progress.NONE);
        assertNotNull(out.methodChoice(), "automatic: the pipeline's method choice is made and reported");
        Path gui = proj.dir(d);
        Path saved = gui.resolve(ProcessRunner.PARAMS);
        assertEquals(params, ParamsFile.read(saved), "the parameters file holds exactly the settings used");

        Path cli = dir.resolve("cli");
        assertEquals(0, TridentCommand.run("pipeline", bundle.toString(), "--out", cli.toString(), "--params", saved.toString(), "--threads", "1"));

        assertArrayEquals(Files.readAllBytes(cli.resolve("analysis/summary.csv")), Files.readAllBytes(gui.resolve("analysis/summary.csv")), "summary.csv");
        assertArrayEquals(Files.readAllBytes(cli.resolve("analysis/depth-profiles.csv")), Files.readAllBytes(gui.resolve("analysis/depth-profiles.csv")));
        int compared = 0;
        for (String sub : List.of("volumes", "analysis")) {
            try (Stream<Path> s = Files.list(cli.resolve(sub))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".mrc")).sorted().toList()) {
                    Path g = gui.resolve(sub).resolve(f.getFileName().toString());
                    assertTrue(Files.isRegularFile(g), "the GUI wrote " + sub + "/" + f.getFileName());
                    // voxels and voxel size (the header's text labels hold the time written)
                    var vc = Mrc.readVolume(f);
                    var vg = Mrc.readVolume(g);
                    assertArrayEquals(vc.data(), vg.data(), sub + "/" + f.getFileName());
                    assertEquals(vc.voxelSizeNm(), vg.voxelSizeNm(), sub + "/" + f.getFileName());
                    compared++;
                }
            }
        }
        assertTrue(compared > 10, "volumes and analysis maps compared: " + compared);
        var c = Json.readObject(cli.resolve("volumes/reconstruction.json"));
        var g = Json.readObject(gui.resolve("volumes/reconstruction.json"));
        assertEquals(c.get("parameters"), g.get("parameters"));
        assertEquals(c.get("methodChoice"), g.get("methodChoice"), "both chose the same method for the same reason");
        // every step the GUI wrote carries the steps' provenance (version, input checksums, parameters)
        for (String f : List.of("quantified/quantification.json", "aligned/alignment.json", "volumes/reconstruction.json", "analysis/analysis.json")) {
            var pv = Json.readObject(gui.resolve(f)).path("provenance");
            assertEquals("trident.provenance/1", pv.path("format").asText(), f);
            assertTrue(pv.path("inputs").size() > 0, f);
            pv.path("inputs").forEach(i -> assertEquals(64, i.path("sha256").asText().length(), f));
        }
    }
}
