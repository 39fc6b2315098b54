package org.trident.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.analysis.Comparison;
import org.trident.analysis.ProfileSource;
import org.trident.analysis.ShellFitParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.Pipeline;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Compare's depth-profile chart with its auto / voxel / shell-fit choice (headless Monocle): two
 * pipeline outputs, one whose summary is the shell fit (mode on) and one without a fit (mode off).
 * Auto draws what each run reported, voxel the voxel tables, fit the fit (and names the dataset
 * that has none); every point equals its table's, read here without the GUI. Data: simulated 16³
 * particles (cycled-100 and pristine), 7 tilts, EDS spectra. Also the Analyze step's orange
 * warning when the fit is asked for (mode on) and cannot run.
 */
@ExtendWith(ApplicationExtension.class)
class CompareProfilesFxTest {
    @TempDir
    static Path tmp;
    static Path fitted, plain;
    MainWindow window;
    Scene scene;

    static Path run(String stage, ShellFitParams.Mode mode) throws Exception {
        var sp = SimulationParams.defaults(stage).withSize(16).withAngles(new double[]{-60, -40, -20, 0, 20, 40, 60})
                .withSpectra(true, false).withEdsAxis(64, 0.005, 0.16).withSeed(5);
        Path sim = tmp.resolve("sim-" + stage);
        SimulationWriter.write(Simulator.run(sp, Progress.NONE, 1), sim, Progress.NONE);
        Pipeline.Params p = Pipeline.Params.defaults();
        p = p.withAnalyze(p.analyze().withShellFit(p.analyze().shellFit().withMode(mode)));
        Path out = tmp.resolve("run-" + stage);
        Pipeline.run(sim.resolve("bundle"), null, p, RunContext.of(1, Progress.NONE), out);
        return out;
    }

    @BeforeAll
    static void pipelines() throws Exception {
        fitted = run("cycled-100", ShellFitParams.Mode.ON);
        plain = run("pristine", ShellFitParams.Mode.OFF);
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        window = FxSession.open(stage);
        scene = stage.getScene();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    /** depth and mean of {@code q} in a table, shells of at least compare's figure minimum of voxels. */
    static double[][] table(Path csv, String q) {
        List<double[]> rows = new ArrayList<>();
        for (var r : Comparison.readCsv(csv).rows()) {
            if (!r.get("quantity").equals(q) || Double.parseDouble(r.get("voxels")) < Comparison.MIN_FIGURE_VOXELS) continue;
            rows.add(new double[]{Double.parseDouble(r.get("depth_nm")), Double.parseDouble(r.get("mean"))});
        }
        return rows.toArray(double[][]::new);
    }

    private PlotCanvas.Series curve(String label) {
        return window.compareView().profilesPlot().series().stream().filter(s -> s.name().startsWith(label + " · ")).findFirst().orElse(null);
    }

    private String quantity() {
        String t = window.compareView().profilesPlot().title();
        return t.substring(0, t.indexOf(" per depth shell"));
    }

    private static void assertSame(double[][] file, PlotCanvas.Series s) {
        assertEquals(file.length, s.x().length, s.name());
        for (int i = 0; i < file.length; i++) {
            assertEquals(file[i][0], s.x()[i], 1e-9, s.name() + " depth " + i);
            assertEquals(file[i][1], s.y()[i], 1e-6 * Math.max(1, Math.abs(file[i][1])), s.name() + " value " + i);
        }
    }

    private void choose(FxRobot robot, ProfileSource s) {
        robot.interact(() -> window.compareView().profileSourceBox().setValue(s));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theChartDrawsTheChosenProfilesFromTheAnalysisTables(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(List.of(fitted, plain)));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.jobs().running() == 0 && window.datasets().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.show(MainWindow.Step.COMPARE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ProfileSource.AUTO, window.compareView().profileSourceBox().getValue(), "auto by default, as compare");
        String q = quantity();
        String a = window.datasets().get(0).label(), b = window.datasets().get(1).label();

        // auto: the fit where the run reported it, the voxel profiles where it did not
        PlotCanvas.Series fa = curve(a), vb = curve(b);
        assertNotNull(fa, window.compareView().profilesPlot().series().toString());
        assertTrue(fa.name().endsWith(ProfilesView.FIT_SUFFIX) && fa.markers(), fa.name());
        assertSame(table(fitted.resolve("analysis").resolve(ShellFitWriter.PROFILES), q), fa);
        assertTrue(vb.name().endsWith(ProfilesView.VOXEL_SUFFIX) && !vb.markers(), vb.name());
        assertSame(table(plain.resolve("analysis/depth-profiles.csv"), q), vb);
        assertNotEquals(fa.color(), vb.color(), "one colour per dataset");
        assertTrue(window.compareView().profilesPlot().title().contains(a + ": fit") && window.compareView().profilesPlot().title().contains(b + ": voxel"),
                window.compareView().profilesPlot().title());
        // the truth of a dataset is drawn in its colour
        window.compareView().profilesPlot().series().stream().filter(s -> s.name().equals(a + " (truth)"))
                .forEach(t -> assertEquals(fa.color(), t.color()));

        // voxel: both voxel tables
        choose(robot, ProfileSource.VOXEL);
        PlotCanvas.Series va = curve(a);
        assertTrue(va.name().endsWith(ProfilesView.VOXEL_SUFFIX), va.name());
        assertSame(table(fitted.resolve("analysis/depth-profiles.csv"), q), va);
        assertEquals(fa.color(), va.color());
        assertEquals("", window.compareView().profileNote().getText());

        // fit: the fit, and the dataset without one is named, not drawn as voxel
        choose(robot, ProfileSource.FIT);
        assertSame(table(fitted.resolve("analysis").resolve(ShellFitWriter.PROFILES), q), curve(a));
        assertNull(curve(b), "no curve for the dataset without a fit");
        String note = window.compareView().profileNote().getText();
        assertTrue(note.startsWith(b + ":") && note.contains("has no shell fit"), note);
        robot.interact(() -> Screenshots.save(scene, "8b-compare-profile-source"));
    }

    /** The Analyze step with the fit asked for (mode on) on a dataset with no series: the orange warning and the status bar say so. */
    @Test
    void analyzeWithTheFitAskedForButNoSeriesWarnsInOrange(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(List.of(fitted.resolve("volumes"))));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.jobs().running() == 0 && window.datasets().size() == 1);
        robot.interact(() -> window.show(MainWindow.Step.ANALYZE));
        var controls = window.analyzeControls();
        assertFalse(controls.warningLabel().isVisible());
        robot.interact(() -> {
            controls.fitModeBox().setValue(ShellFitParams.Mode.ON);
            controls.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.jobs().running() == 0 && controls.stateLabel().getText().contains("Reported summary"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(controls.warningLabel().isVisible());
        assertTrue(controls.warningLabel().getText().contains("no aligned series"), controls.warningLabel().getText());
        assertTrue(controls.warningLabel().getStyle().contains("#c05a00"), "orange");
        assertTrue(controls.stateLabel().getText().contains("Reported summary: voxel profiles"), controls.stateLabel().getText());
        assertTrue(window.statusLabel().getText().contains("warning: the shell fit was asked for"), window.statusLabel().getText());
    }
}
