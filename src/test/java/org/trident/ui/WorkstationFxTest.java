package org.trident.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.io.Json;
import org.trident.render.ImageExport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Smoke test of the real window under headless Monocle at 1366×768, with screenshots for review. */
@ExtendWith(ApplicationExtension.class)
class WorkstationFxTest {
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) throws java.io.IOException {
        window = FxSession.open(stage);
        scene = stage.getScene();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private void waitForJobs() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void openViewCompareAndExport(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("pristine"), "pristine", 0, 0.33);
        Path b = TinyData.pipeline(dir.resolve("c10"), "cycled-10", 2, 0.30);
        Path c = TinyData.pipeline(dir.resolve("c100"), "cycled-100", -2, 0.26);
        robot.interact(() -> window.open(List.of(a, b, c)));
        waitForJobs();
        assertEquals(3, window.datasets().size());
        robot.interact(() -> window.select(window.datasets().get(0)));
        robot.interact(() -> Screenshots.save(scene, "1-load"));

        robot.clickOn("#step-VOLUMES");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MainWindow.Step.VOLUMES, window.step());
        assertEquals("HAADF", window.orthoView().model().item().name());
        // a click in the upper-left part of the XY view moves the shared cursor there (negative x and y)
        var xy = window.orthoView().canvas(org.trident.render.Slices.Plane.XY);
        var bounds = xy.localToScreen(xy.getBoundsInLocal());
        robot.clickOn(bounds.getMinX() + bounds.getWidth() * 0.3, bounds.getMinY() + bounds.getHeight() * 0.35);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.cursor().xNm() < 0 && window.cursor().yNm() < 0, "cursor at " + window.cursor().xNm() + ", " + window.cursor().yNm());
        assertTrue(window.statusLabel().getText().contains("nm") && window.statusLabel().getText().contains("HAADF"), window.statusLabel().getText());
        // the contrast of a large volume comes from a worker (every volume counts as large here): same limits as computed directly
        var direct = new OrthoViewModel(new SharedCursor());
        direct.setDataset(window.current());
        direct.select("fraction-Ni");
        OrthoViewModel.largeVoxels = 0;
        try {
            robot.interact(() -> { window.cursor().set(0, 0, 0); window.orthoView().select("fraction-Ni"); });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.orthoView().model().histogramIfReady() != null);
        } finally {
            OrthoViewModel.largeVoxels = 1L << 22;
        }
        assertEquals(direct.lo(), window.orthoView().model().lo(), 1e-12);
        assertEquals(direct.hi(), window.orthoView().model().hi(), 1e-12);
        Thread.sleep(300); // let the 3-D preview land for the screenshot
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(scene, "2-volumes"));

        robot.interact(() -> window.show(MainWindow.Step.ANALYZE));
        robot.interact(() -> Screenshots.save(scene, "3-analyze"));
        robot.interact(() -> window.show(MainWindow.Step.COMPARE));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(scene, "4-compare"));

        robot.interact(() -> window.show(MainWindow.Step.EXPORT));
        Path png = dir.resolve("out/figure.png");
        robot.interact(() -> window.exportPane().fileField().setText(png.toString()));
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        assertTrue(Files.exists(png), "figure written");
        assertEquals(300, ImageExport.readDpi(png), 0.5);
        var prov = Json.readObject(png.resolveSibling("figure.png.provenance.json"));
        assertEquals("figure", prov.path("kind").asText());
        assertEquals(3, prov.path("view").path("datasets").size());
        robot.interact(() -> Screenshots.save(scene, "5-export"));
        // the other exports: a volume as MRC and the profiles as CSV, SVG and PDF, each with provenance
        Path mrc = dir.resolve("out/ni.mrc"), csv = dir.resolve("out/profiles.csv"), svg = dir.resolve("out/profiles.svg");
        robot.interact(() -> { window.exportPane().setWhat(ExportPane.What.VOLUME); window.exportPane().fileField().setText(mrc.toString()); });
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        assertEquals(0.33 - 0.1, org.trident.io.Mrc.readVolume(mrc).get(8, 8, 8), 0.03, "fraction-Ni written with its values");
        // the trident export formats through the same pane and engine entry (VolumeExport)
        Path hspy = dir.resolve("out/ni.hspy");
        robot.interact(() -> window.exportPane().fileField().setText(hspy.toString()));
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        assertEquals("volume-hspy", Json.readObject(hspy.resolveSibling("ni.hspy.provenance.json")).path("kind").asText());
        // Save figure layout: the Compare grid replayed by trident figure has its panels
        Path layout = dir.resolve("out/grid.json");
        robot.interact(() -> { window.exportPane().setWhat(ExportPane.What.FIGURE); window.saveFigureLayout(layout); });
        int gridPanels = Json.readObject(png.resolveSibling("figure.png.provenance.json")).path("view").path("datasets").size()
                * window.compareView().model().quantities().size();
        assertEquals(gridPanels, org.trident.export.FigureLayout.write(layout, dir.resolve("out/grid.pdf")));
        robot.interact(() -> { window.exportPane().setWhat(ExportPane.What.PROFILES_CSV); window.exportPane().fileField().setText(csv.toString()); });
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        assertEquals(1 + 3 * 5, Files.readAllLines(csv).size(), "header + 5 shells of 3 datasets");
        robot.interact(() -> { window.exportPane().setWhat(ExportPane.What.PROFILE_CHART); window.exportPane().fileField().setText(svg.toString()); });
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        assertTrue(Files.readString(svg).contains("<svg"));
        Path pdf = dir.resolve("out/profiles.pdf");
        robot.interact(() -> window.exportPane().fileField().setText(pdf.toString()));
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains("depth below the surface (nm)"), "the chart compare draws (render.ProfileFigure, with compare's axis label)");
        }
        assertEquals("profile-chart", Json.readObject(pdf.resolveSibling("profiles.pdf.provenance.json")).path("kind").asText());
        for (Path p : List.of(mrc, csv, svg, pdf)) assertTrue(Files.exists(p.resolveSibling(p.getFileName() + ".provenance.json")), p + " has provenance");
        Files.copy(png, Screenshots.DIR.resolve("exported-figure.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reconstructPreviewFollowsSettingsAndFullRunAddsVolumes(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("pristine"), "pristine", 0, 0.33);
        robot.interact(() -> window.open(List.of(a)));
        waitForJobs();
        robot.interact(() -> window.show(MainWindow.Step.ALIGN));
        robot.interact(() -> window.alignView().runButton().fire());
        waitForJobs();
        assertNotNull(window.alignView().model().score(), "the estimate ran and reported per-tilt correlation");
        robot.interact(() -> Screenshots.save(scene, "7-align"));
        robot.interact(() -> window.alignView().applyButton().fire());
        waitForJobs();
        assertTrue(window.current().alignedHere());
        assertEquals(MainWindow.Step.RECONSTRUCT, window.step());
        var rv = window.reconstructView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rv.previewCanvas().hasImage());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rv.previewInfo().getText().startsWith("SIRT, 50 iterations"), rv.previewInfo().getText());
        // a settings change gives a new preview with those settings; undo restores the old ones
        robot.interact(() -> rv.applyAlgorithm(org.trident.recon.Algorithm.WBP));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rv.previewInfo().getText().startsWith("WBP"));
        robot.interact(() -> Screenshots.save(scene, "6-reconstruct"));
        robot.interact(rv::undo);
        assertEquals(org.trident.recon.Algorithm.SIRT, rv.model().params().algorithm());
        robot.interact(() -> rv.model().setParams(rv.model().params().withIterations(5)));
        robot.interact(() -> rv.runButton().fire());
        waitForJobs();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MainWindow.Step.VOLUMES, window.step());
        var haadf = window.current().volume("HAADF");
        assertNull(haadf.file(), "the reconstructed HAADF replaced the one read from disk");
        assertEquals(16, haadf.volume().nx());
        // the ball of value 100 (projected as 100 per pixel length) reconstructs to about 100 in its centre
        assertEquals(100, haadf.volume().get(8, 8, 8), 35);
    }

    @Test
    void openSampleGeneratesOnAWorkerAndOpensBundlesWithTheirTruth(FxRobot robot, @TempDir Path dir) throws Exception {
        // the real sample is 64³ × 29 tilts; the same code path with a tiny simulation keeps the test quick
        java.util.function.Function<org.trident.job.Progress, List<Path>> tiny = p -> {
            var params = org.trident.sim.SimulationParams.defaults("cycled-10").withSize(16).withAngles(new double[]{-60, -20, 20, 60})
                    .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16);
            var sim = org.trident.sim.Simulator.run(params, p, 1);
            org.trident.sim.SimulationWriter.write(sim, dir.resolve("cycled-10"), p);
            return List.of(dir.resolve("cycled-10/bundle"));
        };
        robot.interact(() -> window.openSample(tiny));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.datasets().size() == 1);
        waitForJobs();
        Dataset d = window.datasets().get(0);
        assertEquals("cycled-10", d.label());
        assertEquals(4, d.series().tilts());
        assertNotNull(d.volume("truth/mask"), "the simulation's truth is listed beside the bundle");
        robot.interact(() -> Screenshots.save(scene, "0-sample"));

        // Quantify: fit the model, see the region's fit with its background, then make the maps
        var qv = window.quantifyView();
        robot.interact(() -> window.show(MainWindow.Step.QUANTIFY));
        robot.interact(() -> qv.prepareButton().fire());
        waitForJobs();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> qv.plot().series().stream().anyMatch(s -> s.name().equals("background")));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(scene, "8-quantify"));
        // adjust the windows right there: a typed FWHM and a dragged fit-range edge both re-fit the shown spectrum
        robot.interact(() -> {
            var f = (javafx.scene.control.TextField) scene.lookup("#quant-fwhm");
            f.setText("140");
            f.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> qv.model().model() != null);
        assertEquals(140, qv.model().params().eds().fwhmMnKaEv());
        var fitRange = qv.plot().windows().stream().filter(w -> "eds:fit".equals(w.key())).findFirst().orElseThrow();
        double oldTo = fitRange.to();
        var edge = qv.plot().localToScreen(qv.plot().toPx(fitRange.to()), qv.plot().getHeight() / 2);
        robot.moveTo(edge).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(-25, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> qv.model().params().eds().fitToKeV() < oldTo - 0.01 && qv.model().model() != null);
        assertEquals(0.2, qv.model().params().eds().fitFromKeV(), 1e-12, "the edge not dragged keeps its setting");
        robot.interact(() -> qv.undo());
        assertTrue(qv.model().params().eds().fitToKeV() > oldTo, "undo restores the fit range");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> qv.model().model() != null);
        robot.interact(() -> qv.runButton().fire());
        waitForJobs();
        assertNotNull(window.current().series().channel("EDS:Ni"), "the quantified series carries the EDS:Ni map");
        assertFalse(window.current().alignedHere());

        // Reconstruct every image channel (HAADF and the maps), then Analyze: the chemistry appears as volumes and profiles
        var rv = window.reconstructView();
        robot.interact(() -> { window.show(MainWindow.Step.RECONSTRUCT); rv.model().setParams(rv.model().params().withIterations(10)); });
        robot.interact(() -> rv.runButton().fire());
        waitForJobs();
        assertNotNull(window.current().volume("EDS:Ni"));
        Path recon = dir.resolve("recon-out");
        robot.interact(() -> rv.saveTo(recon));
        waitForJobs();
        var rin = org.trident.analysis.ReconstructionReader.read(recon);
        assertNotNull(rin.channel("EDS:Ni"), "the saved folder is a reconstruct output the analyze command reads");
        robot.interact(() -> window.show(MainWindow.Step.ANALYZE));
        robot.interact(() -> ((javafx.scene.control.Button) scene.lookup("#run-analysis")).fire());
        waitForJobs();
        assertNotNull(window.current().volume("fraction-Ni"), "analysis made the fraction volumes");
        assertNotNull(window.current().profiles());
        assertFalse(window.current().profiles().get("fraction-Ni").isEmpty());
        robot.interact(() -> Screenshots.save(scene, "9-analyze-sample"));
    }

    @Test
    void workspaceSavesAndRestoresDatasetsStepAndCursor(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("data/a"), "pristine", 0, 0.33);
        robot.interact(() -> window.open(List.of(a)));
        waitForJobs();
        robot.interact(() -> { window.cursor().set(-8, 4, 12); window.show(MainWindow.Step.VOLUMES); });
        Path ws = dir.resolve("study.json");
        robot.interact(() -> window.workspace().write(ws));
        assertTrue(Files.readString(ws).contains("\"data/a\""), "dataset paths relative to the workspace");
        robot.interact(() -> { window.cursor().set(0, 0, 0); window.show(MainWindow.Step.LOAD); });
        robot.interact(() -> window.open(List.of(ws)));
        waitForJobs();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.datasets().size(), "reopening replaces, never duplicates, a dataset");
        assertEquals(MainWindow.Step.VOLUMES, window.step());
        assertEquals(-8, window.cursor().xNm(), 1e-9);
        assertEquals(12, window.cursor().zNm(), 1e-9);
    }

    @Test
    void badInputIsOneSentenceNotACrash(FxRobot robot, @TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));
        robot.interact(() -> window.open(List.of(empty)));
        waitForJobs();
        assertEquals(0, window.datasets().size());
        var failed = window.jobs().list().get(0);
        assertEquals(Jobs.State.FAILED, failed.state());
        assertTrue(Dialogs.sentence(failed.error()).contains("holds no tilt-series bundle"), Dialogs.sentence(failed.error()));
    }

    @Test
    void relaunchWithAWorkspaceOfSeriesAndVolumesNeverThrowsOnTheFxThread(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("data/a"), "pristine", 0, 0.33);
        Path vol = a.resolve("volumes/HAADF.mrc");
        Workspace w = new Workspace();
        w.entries().add(new Workspace.Entry("a", a));
        w.entries().add(new Workspace.Entry("only-a-volume", vol));
        Path ws = dir.resolve("study.json");
        w.write(ws);
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.add(e)));
        var ts = org.trident.formats.Datasets.read(a.resolve("aligned"));
        var fewer = ts.withChannels(ts.channels()); // same series; then one with fewer tilts below
        robot.interact(() -> {
            // what opening a workspace does: a series shown, then at once a dataset without one, then another series
            window.tiltView().setSeries(ts);
            window.tiltView().setSeries(null);
            window.tiltView().setSeries(fewer);
            window.tiltView().setSeries(null);
        });
        robot.interact(() -> window.open(List.of(ws)));
        waitForJobs();
        Thread.sleep(300); // let any image load still in flight land
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.datasets().size());
        assertTrue(thrown.isEmpty(), () -> "thrown on the FX thread: " + thrown);
    }

    @Test
    void datasetsHaveUniqueRenamableNamesAndTheirOwnSettings(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("a/p3"), "cycled-100", 0, 0.30);
        Path b = TinyData.pipeline(dir.resolve("b/p3"), "cycled-100", 1, 0.28);
        Path c = TinyData.pipeline(dir.resolve("c/p7"), "cycled-100", -1, 0.26);
        robot.interact(() -> window.open(List.of(a)));
        waitForJobs();
        robot.interact(() -> window.open(List.of(b, c)));
        waitForJobs();
        var names = window.datasets().stream().map(Dataset::label).sorted().toList();
        assertEquals(List.of("cycled-100 · p3", "cycled-100 · p3 (2)", "cycled-100 · p7"), names, "stage + particle, never two alike");
        Dataset first = window.datasets().get(0), second = window.datasets().get(1);
        robot.interact(() -> window.select(first));
        var header = (javafx.scene.control.Label) scene.lookup("#dataset-header");
        assertEquals("Dataset: " + first.label(), header.getText());
        robot.interact(() -> window.rename(first, "cycled-100 · p7"));
        assertEquals("cycled-100 · p7 (2)", first.label(), "a rename cannot make two datasets alike");
        assertEquals("Dataset: cycled-100 · p7 (2)", header.getText());
        assertTrue(window.workspace().entries().stream().anyMatch(e -> e.label().equals("cycled-100 · p7 (2)")));

        // settings belong to a dataset: nothing carries over silently, sharing them is one explicit action
        var rv = window.reconstructView();
        robot.interact(() -> rv.useSettings(rv.model().params().withIterations(7)));
        robot.interact(() -> window.select(second));
        assertEquals(org.trident.recon.ReconParams.defaults(org.trident.recon.Algorithm.SIRT).iterations(), rv.model().params().iterations());
        robot.interact(() -> window.select(first));
        assertEquals(7, rv.model().params().iterations());
        robot.interact(() -> window.applySettingsToAll());
        robot.interact(() -> window.select(second));
        assertEquals(7, rv.model().params().iterations());
    }

    @Test
    void processAllTakesAStudyFromRawBundlesToTheCompareGrid(FxRobot robot, @TempDir Path dir) throws Exception {
        for (String stage : List.of("pristine", "cycled-10", "cycled-100")) {
            var params = org.trident.sim.SimulationParams.defaults(stage).withSize(16).withAngles(new double[]{-60, -20, 20, 60})
                    .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16);
            org.trident.sim.SimulationWriter.write(org.trident.sim.Simulator.run(params, org.trident.job.Progress.NONE, 1), dir.resolve(stage),
                    org.trident.job.Progress.NONE);
        }
        robot.interact(() -> window.open(List.of(dir.resolve("pristine/bundle"), dir.resolve("cycled-10/bundle"), dir.resolve("cycled-100/bundle"))));
        waitForJobs();
        assertEquals(3, window.datasets().size());
        robot.interact(() -> { window.select(window.datasets().get(0)); window.show(MainWindow.Step.LOAD); });
        robot.interact(() -> window.reconstructView().useSettings(window.reconstructView().model().params().withIterations(5)));
        robot.interact(() -> window.applySettingsToAll());
        robot.interact(() -> ((javafx.scene.control.Button) scene.lookup("#process-all")).fire());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MainWindow.Step.COMPARE, window.step(), "one click from raw bundles to the Compare grid");
        for (Dataset d : window.datasets()) {
            assertNotNull(d.volume("fraction-Ni"), d.label());
            assertEquals(4, d.steps().size(), d.label());
            assertTrue(Files.isRegularFile(d.resultsDir().resolve("analysis/depth-profiles.csv")), d.label());
        }
        robot.interact(() -> Screenshots.save(scene, "10-process-all-compare"));
    }

    @Test
    void the3dViewBuildsLitSurfacesAndExportsA300DpiStill(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("p"), "pristine", 0, 0.33);
        robot.interact(() -> window.open(List.of(a)));
        waitForJobs();
        Surface3DView[] v = new Surface3DView[1];
        robot.interact(() -> v[0] = window.open3d());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> v[0].infoLine().getText().contains("triangles"));
        assertTrue(v[0].infoLine().getText().contains("fraction-Ni"), v[0].infoLine().getText());
        Path still = dir.resolve("3d.png");
        robot.interact(() -> v[0].exportStill(still, 300).join());
        assertEquals(300, ImageExport.readDpi(still), 0.5);
        assertTrue(Files.isRegularFile(dir.resolve("3d.png.provenance.json")));
        var img = javax.imageio.ImageIO.read(still.toFile());
        assertEquals(Math.round(v[0].subScene().getWidth() * 300 / 96.0), img.getWidth(), 2, "rendered at 300 dpi, not enlarged");
    }
}
