package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.AnalysisParams;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;
import org.trident.spectra.QuantParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A step run on its own in the workstation (not Process) records the settings it was made with
 * in the dataset's params.json, section by section, so the commands replay a step-by-step session.
 */
class StepParamsTest {
    @TempDir
    Path dir;

    private Dataset dataset() {
        var sp = SimulationParams.defaults("cycled-100").withSize(16).withAngles(new double[]{-60, -30, 0, 30, 60})
                .withSpectra(false, false).withSeed(3);
        SimulationWriter.write(Simulator.run(sp, Progress.NONE, 1), dir.resolve("sim"), Progress.NONE);
        return DatasetLoader.load(dir.resolve("sim/bundle"), Progress.NONE);
    }

    @Test
    void aReconstructRunReplaysWithReconstructParamsFromTheSavedFile() {
        Dataset d = dataset();
        Path bundle = dir.resolve("sim/bundle");
        // SART with its own settings, and SIRT-TV with a TV strength that is not the default (the lowDose section)
        LowDoseParams ld = LowDoseParams.defaults().withTvStrength(LowDoseParams.defaults().tvStrength() * 3);
        for (Algorithm a : List.of(Algorithm.SART, Algorithm.SIRT_TV)) {
            ReconViewModel vm = new ReconViewModel();
            vm.setSeries(d.series(), bundle);
            vm.setAlgorithm(a);
            if (a == Algorithm.SART) vm.setParams(vm.params().withIterations(7).withRelaxation(0.6));
            else vm.setLowDose(ld);
            vm.run(vm.channels(), vm.setup(), 1, Progress.NONE);
            Project proj = new Project(dir.resolve("results-" + a));
            proj.note(d, "reconstruct", proj.saveVolumes(d, out -> vm.save(out, "test")));
            Path f = proj.recordParams(d, p -> ReconViewModel.withRun(p, vm.lastRunParams()));

            Pipeline.Params saved = ParamsFile.read(f);
            assertFalse(saved.chooseMethod(), "a method given in the form is recorded as given");
            assertEquals(a, saved.reconstruct().base().algorithm());
            if (a == Algorithm.SART) assertEquals(7, saved.reconstruct().base().iterations());
            else assertEquals(ld, saved.lowDose());
            replay(proj, d, f, bundle, a);
        }
    }

    private void replay(Project proj, Dataset d, Path f, Path bundle, Algorithm a) {
        Path cli = dir.resolve("cli-" + a);
        assertEquals(0, TridentCommand.run("reconstruct", bundle.toString(), "--out", cli.toString(), "--params", f.toString(), "--threads", "1"));
        Path gui = proj.dir(d).resolve(Project.folderOf("reconstruct"));
        var c = Json.readObject(cli.resolve("reconstruction.json"));
        var g = Json.readObject(gui.resolve("reconstruction.json"));
        assertEquals(c.get("parameters"), g.get("parameters"));
        int n = 0;
        for (var it = c.path("channels").fields(); it.hasNext(); n++) {
            String file = it.next().getValue().path("file").asText();
            assertArrayEquals(Mrc.readVolume(cli.resolve(file)).data(), Mrc.readVolume(gui.resolve(file)).data(), file);
        }
        assertTrue(n > 0);
    }

    @Test
    void eachStepKeepsTheOthersSectionsAndAnUnreadableFileIsKeptAside() throws Exception {
        Dataset d = new Dataset("particle-1", dir.resolve("particle-1"));
        Project proj = new Project(dir.resolve("results"));
        QuantParams d0 = QuantParams.defaults();
        QuantParams q = new QuantParams(d0.eds(), d0.eels(), "EDS-2", null, null, java.util.Map.of("Ni", 1.25));
        LowDoseParams ld = LowDoseParams.defaults().withTvStrength(LowDoseParams.defaults().tvStrength() * 2);
        AnalysisParams an = AnalysisParams.defaults().withDepths(12, 45);
        proj.recordParams(d, p -> p.withQuantify(q));
        Pipeline.Params run = Pipeline.Params.defaults().withChooseMethod(true).withLowDose(ld);
        proj.recordParams(d, p -> ReconViewModel.withRun(p, run));
        Path f = proj.recordParams(d, p -> p.withAnalyze(an));
        Pipeline.Params read = ParamsFile.read(f);
        assertEquals(q, read.quantify());
        assertEquals(ld, read.lowDose());
        assertTrue(read.chooseMethod());
        assertEquals(an.bulkDepthNm(), read.analyze().bulkDepthNm());
        assertEquals(Pipeline.Params.defaults().align(), read.align());

        // reopening the results folder (a relaunch) gives the dataset the settings its results were made with
        Dataset again = new Dataset("particle-1", dir.resolve("particle-1"));
        Project.restore(again, proj.dir(d), Progress.NONE);
        assertEquals(q, again.settings(QuantParams.class));
        assertEquals(ReconViewModel.Setup.of(read), again.settings(ReconViewModel.Setup.class));
        assertTrue(again.settings(ReconViewModel.Setup.class).automatic());
        assertEquals(an.bulkDepthNm(), again.settings(AnalysisParams.class).bulkDepthNm());

        Files.writeString(f, "{ not json");
        proj.recordParams(d, p -> p.withQuantify(q));
        assertEquals("{ not json", Files.readString(f.resolveSibling(Project.PARAMS + ".unreadable")), "the unreadable file is kept");
        assertEquals(q, ParamsFile.read(f).quantify());
        assertEquals(Pipeline.Params.defaults().lowDose(), ParamsFile.read(f).lowDose(), "a fresh file: the other sections are defaults");
        assertEquals(List.of(), ParamsFile.validate(ParamsFile.read(f)));
    }
    @Test
    void aParamsFileLoadedIntoADatasetIsWhatProcessRunsAndSavesAgain() throws Exception {
        Dataset d = new Dataset("particle-2", dir.resolve("particle-2"));
        // a file written for the commands: only what differs from the defaults
        Path f = dir.resolve("mine.json");
        Files.writeString(f, "{\"format\": \"trident.params/1\", \"reconstruct\": {\"base\": {\"algorithm\": \"em-tv\", \"iterations\": 30}},"
                + " \"lowDose\": {\"tvStrength\": 0.3}, \"analyze\": {\"bulkDepthNm\": 25.0}}");
        Pipeline.Params file = ParamsFile.read(f);
        ProcessRunner.useParams(d, file);
        var setup = d.settings(ReconViewModel.Setup.class);
        assertFalse(setup.automatic(), "a file naming the algorithm means it");
        assertEquals(Algorithm.EM_TV, setup.params().algorithm());
        assertEquals(30, setup.params().iterations());
        assertEquals(0.3, setup.lowDose().tvStrength());
        assertEquals(25.0, d.settings(AnalysisParams.class).bulkDepthNm());
        Pipeline.Params run = ProcessRunner.settingsOf(d).params();
        assertEquals(file.reconstruct(), run.reconstruct());
        assertEquals(file.lowDose(), run.lowDose());
        assertEquals(file.quantify(), run.quantify());
        assertEquals(file.chooseMethod(), run.chooseMethod());
        assertEquals(file.analyze().bulkDepthNm(), run.analyze().bulkDepthNm());

        // every Reconstruct setup survives the trip through a file: automatic, and the non-negativity box off
        for (var s : List.of(ReconViewModel.Setup.defaults(),
                new ReconViewModel.Setup(false, org.trident.recon.ReconParams.defaults(Algorithm.SIRT).withNonNegative(false).withIterations(9), LowDoseParams.defaults()))) {
            Path g = dir.resolve("setup.json");
            ParamsFile.write(g, ReconViewModel.pipelineParams(s, List.of(), true));
            ProcessRunner.useParams(d, ParamsFile.read(g));
            assertEquals(s, d.settings(ReconViewModel.Setup.class));
        }
    }
}
