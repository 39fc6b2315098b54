package org.trident.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFitParams;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Process in the workstation (headless Monocle) with the shell fit asked for (mode on) on a dataset
 * that has nothing to fit: the job ends with a warning dialog whose text names the reason, the same
 * line on the status bar; with mode auto the same run ends quietly, without a dialog. Data: the
 * bundle of {@link org.trident.pipeline.SmallSeries} (simulated 16³ cycled particle, 7 tilts, ADF only, so
 * the series has no element or MLLS maps), processed from raw (align, reconstruct, analyze), with
 * surface/bulk depths of 4/8 nm typed in the Analyze form: at the default 40 nm the bulk shell of
 * so small a particle is empty, which is a Process warning (and dialog) of its own in any mode.
 * <p>
 * The dialog is {@link Dialogs#warning}, a non-blocking {@code Alert.show()}: the test finds it
 * among the open windows, reads it and closes it with its OK button. Each wait is for the Process
 * job's own end (its done-handler has set the status line), never for the dialog, so mode auto
 * cannot wait for something that does not come; and Process is checked to have started a job at all
 * (on a dataset with nothing left to do it returns none and says so).
 */
@ExtendWith(ApplicationExtension.class)
class ProcessWarningDialogFxTest {
    @TempDir
    static Path tmp;
    static Path bundle;
    Stage stage;
    MainWindow window;
    Scene scene;

    @BeforeAll
    static void simulate() throws Exception {
        bundle = org.trident.pipeline.SmallSeries.write(tmp.resolve("sim"), false);
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        this.stage = stage;
        window = FxSession.open(stage);
        scene = stage.getScene();
    }

    @Stop
    void stop() {
        // a dialog left open (a failed assertion) must not outlive its test: it is owned by the shared stage
        Runnable close = () -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide);
        if (Platform.isFxApplicationThread()) close.run(); else { Platform.runLater(close); WaitForAsyncUtils.waitForFxEvents(); }
        window.dispose();
    }

    /** The dialog panes of the windows open besides the main one. */
    private List<DialogPane> dialogs(FxRobot robot) {
        return robot.listWindows().stream().filter(w -> w != stage && w.isShowing() && w.getScene() != null)
                .map(w -> (DialogPane) w.getScene().getRoot().lookup(".dialog-pane")).filter(p -> p != null).toList();
    }

    /**
     * Opens the bundle, sets the Analyze form's shell-fit mode, and runs Process on it as the Process
     * button does; returns once the job's done-handler has run (status "Process …: done…").
     */
    private String process(FxRobot robot, ShellFitParams.Mode mode) throws Exception {
        robot.interact(() -> window.open(List.of(bundle)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.jobs().running() == 0 && window.datasets().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        Dataset d = window.current();
        assertNotNull(d);
        assertNotNull(d.series(), "a raw bundle: Process has a series to run on");
        // the Analyze form as the user fills it: depths that fit a 16³ particle (the default 40 nm bulk
        // depth leaves its bulk shell empty, a warning of its own), then the shell-fit mode
        robot.interact(() -> {
            window.analyzeControls().show(AnalysisParams.defaults().withDepths(4, 8));
            window.analyzeControls().fitModeBox().setValue(mode);
        });
        robot.interact(() -> window.show(MainWindow.Step.LOAD));
        int before = window.jobs().list().size();
        robot.interact(() -> ((Button) scene.lookup("#process")).fire());
        String name = "Process " + d.label();
        List<Jobs.Job> started = window.jobs().list().stream().skip(before).filter(j -> j.name().equals(name)).toList();
        assertEquals(1, started.size(), "the Process button started one job: " + window.statusLabel().getText());
        Jobs.Job job = started.get(0);
        // the job's end, then its done-handler on the FX thread (status line, then the dialog): waitForFxEvents lets it finish
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !job.active() && window.statusLabel().getText().startsWith(name + ": "));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Jobs.State.DONE, job.state(), window.statusLabel().getText());
        assertEquals(List.of("align", "reconstruct", "analyze"), List.copyOf(d.steps().keySet()), "no quantify: ADF only");
        return name;
    }

    @Test
    void modeOnWithNothingToFitEndsWithAWarningDialogNamingTheReason(FxRobot robot) throws Exception {
        String name = process(robot, ShellFitParams.Mode.ON);
        String label = window.current().label();
        String status = window.statusLabel().getText();

        List<DialogPane> open = dialogs(robot);
        assertEquals(1, open.size(), "one warning dialog after Process; status: " + status);
        DialogPane dp = open.get(0);
        assertTrue(dp.getStyleClass().contains("warning"), "a warning, not an error: " + dp.getStyleClass());
        assertEquals(name + ": done with 1 warning(s).", dp.getHeaderText());
        List<String> lines = List.of(dp.getContentText().split("\n"));
        assertEquals(1, lines.size(), dp.getContentText());
        String line = lines.get(0);
        assertTrue(line.startsWith(label + ": the shell fit was asked for (mode on) but did not run"), line);
        assertTrue(line.contains("no element (EDS:<El>) or MLLS maps"), "the reason: " + line);
        assertEquals(lines, window.lastProcessWarnings(), "the dialog lists what the window kept");

        // the status bar carries the same line after "done."
        assertEquals(name + ": done. Warning: " + line, status);

        // OK closes it
        robot.interact(() -> ((Button) dp.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs(robot).isEmpty(), "closed by OK");
    }

    @Test
    void modeAutoWithNothingToFitEndsWithoutADialog(FxRobot robot) throws Exception {
        String name = process(robot, ShellFitParams.Mode.AUTO);
        assertEquals(name + ": done.", window.statusLabel().getText(), "no warning on the status bar");
        assertEquals(List.of(), window.lastProcessWarnings());
        assertTrue(dialogs(robot).isEmpty(), "no dialog");
    }
}
