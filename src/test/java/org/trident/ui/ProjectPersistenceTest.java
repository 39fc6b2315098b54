package org.trident.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.align.Alignment;
import org.trident.align.Alignments;
import org.trident.align.Interpolation;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ReconstructionReader;
import org.trident.formats.Datasets;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;
import org.trident.spectra.QuantParams;
import org.trident.spectra.Quantifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Nothing made in the workstation is lost: each result is written to the results folder as the
 * commands write it, the workspace records the steps, and a relaunch (after Save, or after a kill
 * through the autosave) restores the same state.
 */
class ProjectPersistenceTest {
    @TempDir
    static Path shared;
    static Path bundle;

    @BeforeAll
    static void simulate() {
        var params = SimulationParams.defaults("cycled-10").withSize(16).withAngles(new double[]{-60, -20, 20, 60})
                .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16);
        SimulationWriter.write(Simulator.run(params, Progress.NONE, 1), shared.resolve("sim"), Progress.NONE);
        bundle = shared.resolve("sim/bundle");
    }

    /** Runs every step on {@code d} as the workstation does, writing each result through the project. */
    static void process(Dataset d, Project proj) {
        var q = Quantifier.quantify(d.openedSeries(), QuantParams.defaults(), null, 1, Progress.NONE);
        d.setQuantified(q.series());
        proj.note(d, "quantify", proj.saveQuantified(d, q, Progress.NONE));
        double[] dx = new double[d.rawSeries().tilts()], dy = dx.clone();
        dx[1] = 0.5;
        Alignment a = new Alignment(0, dx, dy);
        TiltSeries aligned = Alignments.apply(d.rawSeries(), a, Interpolation.LINEAR, 1, Progress.NONE);
        d.setAligned(aligned);
        proj.note(d, "align", proj.saveAligned(d, a, aligned, Progress.NONE));
        ReconViewModel vm = new ReconViewModel();
        vm.setSeries(d.series());
        var vols = vm.run(vm.channels(), ReconParams.defaults(Algorithm.SIRT).withIterations(5), 1, Progress.NONE);
        vols.forEach((n, v) -> d.addVolume(new Dataset.VolumeItem(n, v, null)));
        proj.note(d, "reconstruct", proj.saveVolumes(d, dir -> vm.save(dir, "test")));
        d.setResultsDir(proj.dir(d));
        var r = AnalyzeViewModel.run(d, AnalysisParams.defaults(), Progress.NONE);
        AnalyzeViewModel.adopt(d, r);
        proj.note(d, "analyze", proj.saveAnalysis(d, r));
    }

    @Test
    void everyResultIsWrittenAsTheCommandsWriteItAndARelaunchRestoresIt(@TempDir Path dir) {
        Session s = new Session(dir.resolve("cache"));
        Dataset d = DatasetLoader.load(bundle, Progress.NONE);
        process(d, s.project());
        Path res = s.project().dir(d);
        assertTrue(res.startsWith(dir.resolve("cache/sessions")), "before a save, results go to a session folder in the cache");
        assertTrue(Files.isRegularFile(res.resolve("quantified/quantification.json")));
        assertNotNull(Datasets.read(res.resolve("quantified")).channel("EDS:Ni"), "the quantified folder is a bundle with the maps");
        assertEquals(0.5, Alignment.read(res.resolve("aligned/alignment.json")).dx(1), 1e-12);
        assertNotNull(ReconstructionReader.read(res.resolve("volumes")).channel("EDS:Ni"), "volumes/ is a reconstruct output analyze reads");
        assertTrue(Files.isRegularFile(res.resolve("analysis/depth-profiles.csv")));
        var prov = Json.readObject(res.resolve("provenance.json"));
        assertEquals(4, prov.path("steps").size());
        assertEquals(64, prov.path("steps").get(0).path("sha256").asText().length());
        assertTrue(s.dirty(List.of(d)));

        Path ws = dir.resolve("study/study.json");
        s.save(ws, List.of(d), Json.object().put("step", "ANALYZE"));
        assertFalse(s.dirty(List.of(d)));
        assertTrue(Files.isRegularFile(dir.resolve("study/study-results").resolve(d.folder()).resolve("analysis/analysis.json")),
                "the first save copies the results beside the workspace file");
        d.setLabel("cycled-10 particle A");
        assertTrue(s.dirty(List.of(d)), "a rename is a change to save");
        s.save(ws, List.of(d), null);

        // relaunch: a new session reads the file and puts every result back
        Session s2 = new Session(dir.resolve("cache2"));
        Workspace w = Workspace.read(ws);
        s2.opened(ws, w);
        Dataset r = Session.load(w.entries().get(0), w.results(), Progress.NONE);
        s2.markSaved(List.of(r));
        assertFalse(s2.dirty(List.of(r)), "the restored state equals the saved one");
        assertSameState(d, r);
        assertEquals(dir.resolve("study/study-results"), s2.project().root(), "later results go on into the same folder");
    }

    @Test
    void aChangedUpstreamStepMarksTheLaterOnesStaleAndTheMarkIsKept(@TempDir Path dir) {
        Session s = new Session(dir.resolve("cache"));
        Dataset d = DatasetLoader.load(bundle, Progress.NONE);
        process(d, s.project());
        assertEquals(List.of(), Project.staleSteps(d));
        var q = Quantifier.quantify(d.openedSeries(), QuantParams.defaults(), null, 1, Progress.NONE);
        d.setQuantified(q.series());
        s.project().note(d, "quantify", s.project().saveQuantified(d, q, Progress.NONE));
        assertEquals(List.of("align", "reconstruct", "analyze"), Project.staleSteps(d));
        Path ws = dir.resolve("w.json");
        s.save(ws, List.of(d), null);
        Workspace w = Workspace.read(ws);
        assertEquals(List.of("align", "reconstruct", "analyze"), Project.staleSteps(Session.load(w.entries().get(0), w.results(), Progress.NONE)));
        assertEquals(List.of(), listHidden(s.project().dir(d)), "no half-written step folder is left behind");
    }

    @Test
    void afterAKillTheNextStartOffersTheAutosaveWithEveryResult(@TempDir Path dir) {
        Path cache = dir.resolve("cache");
        Session s = new Session(cache);
        s.started();
        Dataset d = DatasetLoader.load(bundle, Progress.NONE);
        process(d, s.project());
        s.autosave(List.of(d), Json.object().put("step", "VOLUMES"));
        // killed here: no endedCleanly()

        Session next = new Session(cache);
        Path auto = next.recoverable();
        assertEquals(s.autosaveFile(), auto);
        Workspace w = Workspace.read(auto);
        next.opened(auto, w);
        assertNull(next.workspaceFile(), "a never-saved session recovered still asks where to save");
        assertEquals(s.project().root(), next.project().root(), "the recovered session goes on in the same results folder");
        assertSameState(d, Session.load(w.entries().get(0), w.results(), Progress.NONE));
        next.started();
        next.endedCleanly();
        assertNull(new Session(cache).recoverable(), "after a clean quit nothing is offered");
    }

    @Test
    void quitAsksOnlyWhenWorkWouldBeLost() {
        assertNull(Session.quitQuestion(false, 0));
        assertTrue(Session.quitQuestion(false, 2).startsWith("2 jobs are still running"));
        assertTrue(Session.quitQuestion(true, 0).contains("not saved"));
        Session s = new Session(Path.of("unused"));
        assertFalse(s.dirty(List.of()), "an empty window has nothing to lose");
    }

    static List<Path> listHidden(Path dir) {
        try (var st = Files.list(dir)) {
            return st.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertSameState(Dataset d, Dataset r) {
        assertEquals(d.label(), r.label());
        assertEquals(d.folder(), r.folder());
        assertEquals(d.steps().keySet(), r.steps().keySet());
        d.steps().forEach((k, v) -> assertEquals(v, r.steps().get(k), k));
        assertSameSeries(d.rawSeries(), r.rawSeries());
        assertSameSeries(d.series(), r.series());
        assertTrue(r.alignedHere());
        assertEquals(d.volumes().stream().map(Dataset.VolumeItem::name).sorted().toList(),
                r.volumes().stream().map(Dataset.VolumeItem::name).sorted().toList());
        for (var v : d.volumes()) {
            if (v.name().startsWith("truth/")) continue;
            assertArrayEquals(v.volume().data(), r.volume(v.name()).volume().data(), 0f, v.name());
        }
        assertEquals(d.profiles().quantities(), r.profiles().quantities());
        for (String q : d.profiles().quantities()) {
            var a = d.profiles().get(q);
            var b = r.profiles().get(q);
            assertEquals(a.size(), b.size(), q);
            for (int i = 0; i < a.size(); i++) assertEquals(a.get(i).mean(), b.get(i).mean(), 1e-6 * Math.max(1, Math.abs(a.get(i).mean())), q);
        }
    }

    static void assertSameSeries(TiltSeries a, TiltSeries b) {
        assertEquals(a.channels().stream().map(c -> c.name()).toList(), b.channels().stream().map(c -> c.name()).toList());
        for (var c : a.channels()) {
            if (!c.isImage()) continue;
            for (int t = 0; t < a.tilts(); t++) assertArrayEquals(c.images().tilt(t), b.channel(c.name()).images().tilt(t), 0f, c.name() + " tilt " + t);
        }
    }
}
