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
import org.trident.sei.sim.SeiSample;
import org.trident.sei.sim.SeiSimParams;
import org.trident.ui.sei.SeiWindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The SEI study window under headless Monocle: the sample opens, the gallery and the optimum plot are shown, exports carry provenance. */
@ExtendWith(ApplicationExtension.class)
class SeiWindowFxTest {
    MainWindow main;

    @Start
    void start(Stage stage) {
        main = new MainWindow(stage);
        stage.setScene(main.scene(1366, 768));
        stage.show();
    }

    @Stop
    void stop() {
        main.dispose();
    }

    @Test
    void opensTheSampleStudyShowsGalleryAndOptimum(FxRobot robot, @TempDir Path dir) throws Exception {
        SeiWindow[] w = new SeiWindow[1];
        Path root = dir.resolve("cache");
        robot.interact(() -> {
            w[0] = main.seiWindow();
            w[0].show();
            w[0].openSample(p -> SeiSample.ensure(root, SeiSimParams.defaults().withSize(48), p));
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> main.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        var view = w[0].view();
        assertNotNull(view.result(), view.summary().getText());
        assertNotNull(view.galleryView().getImage(), "the gallery is shown");
        assertTrue(view.galleryView().getImage().getWidth() > 1000);
        assertNotNull(view.optimumView().getImage(), "the optimum plot is shown");
        assertTrue(view.summary().getText().contains("Optimum"), view.summary().getText());
        assertEquals(23.0, view.result().ceOptimum().x(), 2.0);
        Scene scene = w[0].stage().getScene();
        robot.interact(() -> Screenshots.save(scene, "sei-1-gallery"));
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.optimumView().isVisible() && view.optimumView().getScene() != null);
        robot.interact(() -> Screenshots.save(scene, "sei-2-optimum"));
        assertTrue(Files.isRegularFile(Path.of("target/screenshots/sei-2-optimum.png")));

        // the cached sample is reused, not regenerated
        assertEquals(SeiSample.ensure(root, SeiSimParams.defaults().withSize(48), org.trident.job.Progress.NONE),
                view.result().study().dir());

        Path out = dir.resolve("export");
        robot.interact(() -> w[0].export(out));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> main.jobs().running() == 0);
        assertTrue(Files.isRegularFile(out.resolve("optimum.json")));
        assertTrue(Files.isRegularFile(out.resolve("figures/ce-vs-composition.png.provenance.json")));
        assertTrue(Files.readString(out.resolve("figures/ce-vs-composition.png.provenance.json")).contains("study.json"));
    }
}
