package org.trident.ui;

import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.io.BundleWriter;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Reconstruct step's low-dose controls in the real window (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class ReconstructLowDoseFxTest {
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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void automaticPicksFusedShowsWhyAndTheCostCurvesFollowTheRun(FxRobot robot, @TempDir Path dir) throws Exception {
        Path b = dir.resolve("sparse");
        BundleWriter.write(ReconLowDoseViewModelTest.sparse(), b);
        robot.interact(() -> window.open(List.of(b)));
        waitForJobs();
        robot.interact(() -> window.show(MainWindow.Step.RECONSTRUCT));
        var rv = window.reconstructView();
        assertTrue(rv.automaticBox().isSelected(), "automatic by default, as pipeline");
        assertTrue(rv.methodInfo().getText().startsWith("Automatic chose fused"), rv.methodInfo().getText());
        assertTrue(rv.algorithmBox().isDisabled());
        assertEquals(Algorithm.FUSED, rv.algorithmBox().getValue());
        assertFalse(rv.gammaSpinner().isDisabled(), "fused reads γ");
        assertEquals(LowDoseParams.defaults().gamma(), rv.gammaSpinner().getValue(), "shown from the record's defaults");

        // the preview of a count channel is a fused slice, with its cost curves
        robot.interact(() -> ((ComboBox<String>) scene.lookup("#recon-preview-channel")).setValue("EDS:Ni"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rv.costCurves().containsKey("fused · haadf link"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rv.previewInfo().getText().startsWith("FUSED"));
        robot.interact(() -> Screenshots.save(scene, "6b-reconstruct-fused"));

        // choosing a method by hand leaves automatic; γ is then not used; undo restores automatic
        robot.clickOn("#recon-automatic");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(rv.model().setup().automatic());
        assertFalse(rv.algorithmBox().isDisabled());
        robot.interact(() -> rv.algorithmBox().setValue(Algorithm.SIRT));
        assertEquals(Algorithm.SIRT, rv.model().params().algorithm());
        assertTrue(rv.gammaSpinner().isDisabled());
        assertTrue(rv.methodInfo().getText().isEmpty());
        robot.interact(rv::undo);
        robot.interact(rv::undo);
        assertTrue(rv.model().setup().automatic());

        robot.interact(() -> rv.tvStrengthSpinner().getValueFactory().setValue(0.2));
        assertEquals(0.2, rv.model().setup().lowDose().tvStrength());
        robot.interact(() -> rv.runButton().fire());
        waitForJobs();
        assertNotNull(window.current().volume("EDS:Ni"));
        assertTrue(rv.costCurves().get("fused · data:EDS:Ni").length > 1, "the run's curves are shown");
    }
}
