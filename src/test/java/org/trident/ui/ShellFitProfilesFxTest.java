package org.trident.ui;

import javafx.scene.Scene;
import javafx.scene.control.RadioButton;
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
import org.trident.analysis.ShellFitParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shell fit in the workstation (headless Monocle): a pipeline output's profiles-fit.csv is
 * shown beside the voxel profiles, labelled, with the file's numbers; the Analyze step runs the fit
 * itself (settings from the record, a fixed penalty chosen here) and the view shows what it wrote.
 * Data: a simulated 32³ cycled particle, 13 tilts, high dose, run through {@code pipeline}.
 */
@ExtendWith(ApplicationExtension.class)
class ShellFitProfilesFxTest {
    @TempDir
    static Path tmp;
    static Path out;
    MainWindow window;
    Scene scene;

    @BeforeAll
    static void pipeline() {
        Path sim = tmp.resolve("sim");
        out = tmp.resolve("run");
        assertEquals(0, TridentCommand.run("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "32",
                "--angles", "-60:60:10", "--dose", "high", "--seed", "3", "--threads", "2"));
        assertEquals(0, TridentCommand.run("pipeline", sim.resolve("bundle").toString(), "--out", out.toString(),
                "--references", sim.resolve("references").resolve("references.json").toString(), "--bulk-nm", "16", "--threads", "2"));
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

    private void waitForJobs() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The fitted values (and errors) of {@code q} in a profiles-fit.csv, read here without the GUI's reader. */
    static double[][] fileValues(Path csv, String q) {
        List<double[]> rows = new ArrayList<>();
        for (var r : Comparison.readCsv(csv).rows()) {
            if (r.get("quantity").equals(q)) rows.add(new double[]{Double.parseDouble(r.get("mean")), Double.parseDouble(r.get("err"))});
        }
        return rows.toArray(double[][]::new);
    }

    private PlotCanvas.Series fitSeries() {
        return window.profilesView().plot().series().stream().filter(s -> s.name().endsWith(ProfilesView.FIT_SUFFIX)).findFirst().orElseThrow();
    }

    private void pick(FxRobot robot, String q) {
        robot.interact(() -> window.profilesView().settings().lookupAll(".radio-button").stream().map(n -> (RadioButton) n)
                .filter(b -> b.getText().equals(q)).findFirst().orElseThrow().fire());
    }

    private static void assertSameValues(double[][] file, PlotCanvas.Series s) {
        assertEquals(file.length, s.y().length, "one point per fitted shell");
        for (int i = 0; i < file.length; i++) {
            assertEquals(file[i][0], s.y()[i], 1e-6 * Math.max(1, Math.abs(file[i][0])), "value of shell " + i);
            assertEquals(file[i][1], s.band()[i], 1e-6 * Math.max(1, Math.abs(file[i][1])), "error of shell " + i);
        }
    }

    @Test
    void thePipelinesFitIsShownAndTheAnalyzeStepRunsItsOwn(FxRobot robot) throws Exception {
        Path pipelineFit = out.resolve("analysis").resolve(ShellFitWriter.PROFILES);
        assertTrue(Files.isRegularFile(pipelineFit), "pipeline wrote the fit (auto: the series has element maps)");
        robot.interact(() -> window.open(List.of(out)));
        waitForJobs();
        robot.interact(() -> window.show(MainWindow.Step.ANALYZE));
        assertNotNull(window.current().fitProfiles(), "read from the pipeline output");
        pick(robot, "fraction-Ni");
        WaitForAsyncUtils.waitForFxEvents();
        var names = window.profilesView().plot().series().stream().map(PlotCanvas.Series::name).toList();
        assertTrue(names.stream().anyMatch(n -> n.endsWith(ProfilesView.VOXEL_SUFFIX)), "the voxel profile beside it, labelled: " + names);
        double[][] fromPipeline = fileValues(pipelineFit, "fraction-Ni");
        assertTrue(fromPipeline.length >= 4, "fitted shells " + fromPipeline.length);
        assertSameValues(fromPipeline, fitSeries());
        // fractions of a cycled particle: Ni between 0 and 1 with errors far below the value
        assertTrue(fromPipeline[0][0] > 0.2 && fromPipeline[0][0] < 0.9 && fromPipeline[0][1] < 0.1, fromPipeline[0][0] + " ± " + fromPipeline[0][1]);

        // showing only the voxel profiles hides the fit
        robot.interact(() -> window.profilesView().showBox().setValue(ProfilesView.Show.VOXEL));
        assertTrue(window.profilesView().plot().series().stream().noneMatch(s -> s.name().endsWith(ProfilesView.FIT_SUFFIX)));
        robot.interact(() -> window.profilesView().showBox().setValue(ProfilesView.Show.BOTH));

        // the Analyze step: its choices start at the record's defaults; a fixed heavy penalty makes a different, flatter fit
        var controls = window.analyzeControls();
        assertEquals(ShellFitParams.defaults().mode(), controls.fitModeBox().getValue());
        assertEquals(ShellFitParams.defaults().penalty(), controls.fitPenaltyBox().getValue());
        robot.interact(() -> {
            controls.fitPenaltyBox().setValue(ShellFitParams.Penalty.FIXED);
            ((javafx.scene.control.TextField) scene.lookup("#analyze-fit-weight")).setText("1000");
            ((javafx.scene.control.TextField) scene.lookup("#analyze-bulk")).setText("16");
            controls.runButton().fire();
        });
        waitForJobs();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.current().resultsDir() != null
                && Files.isRegularFile(window.current().resultsDir().resolve("analysis").resolve(ShellFitWriter.PROFILES)));
        waitForJobs();
        Path guiFit = window.current().resultsDir().resolve("analysis").resolve(ShellFitWriter.PROFILES);
        assertTrue(controls.stateLabel().getText().contains("Shell fit (± 1 σ)"), controls.stateLabel().getText());
        pick(robot, "fraction-Ni");
        WaitForAsyncUtils.waitForFxEvents();
        double[][] fromGui = fileValues(guiFit, "fraction-Ni");
        assertSameValues(fromGui, fitSeries());
        var prov = Json.readObject(guiFit.resolveSibling(ShellFitWriter.RECORD)).path("provenance");
        assertEquals("FIXED", prov.path("parameters").path("penalty").asText(), prov.toString());
        assertEquals(1000, prov.path("parameters").path("penaltyWeight").asDouble());
        // heavier smoothing: the fitted Ni profile varies less from shell to shell than the pipeline's GCV one
        assertTrue(range(fromGui) < range(fromPipeline), "fixed heavy penalty range " + range(fromGui) + " vs GCV " + range(fromPipeline));
        robot.interact(() -> Screenshots.save(scene, "7b-profiles-shell-fit"));
    }

    private static double range(double[][] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] x : v) {
            lo = Math.min(lo, x[0]);
            hi = Math.max(hi, x[0]);
        }
        return hi - lo;
    }
}
