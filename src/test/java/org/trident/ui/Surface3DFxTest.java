package org.trident.ui;

import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.model.Volume;
import org.trident.render.ImageExport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The 3-D view's volume rendering, still and movie, and the surfaces' coarse level while dragging,
 * in a real (headless Monocle) window. Monocle has
 * no 3-D (SCENE3D is false), so the surfaces are not drawn here; the volume rendering is software
 * and is, which is what these checks look at.
 */
@ExtendWith(ApplicationExtension.class)
class Surface3DFxTest {
    Surface3DView view;

    @Start
    void start(Stage stage) {
        view = new Surface3DView(new SharedCursor());
        stage.setScene(new Scene(view, 480, 420));
        stage.show();
    }

    @Stop
    void stop() { view.dispose(); }

    /** A 32³ particle: a Ni-rich core under a Mn-rich shell, off-centre Co, NaN outside. */
    static Dataset particle() {
        int n = 32;
        Volume ni = Volume.zeros(n, n, n, 4), co = Volume.zeros(n, n, n, 4), mn = Volume.zeros(n, n, n, 4);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double r = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c)), depth = 12 - r;
            boolean in = r < 12;
            ni.set(i, j, k, in ? (float) (0.25 + 0.12 * Math.min(1, depth / 5)) : Float.NaN);
            mn.set(i, j, k, in ? (float) (0.45 - 0.12 * Math.min(1, depth / 5)) : Float.NaN);
            co.set(i, j, k, in ? (float) (i > c + 3 ? 0.4 : 0.3) : Float.NaN);
        }
        Dataset d = new Dataset("phantom", Path.of("phantom"));
        d.addVolume(new Dataset.VolumeItem("fraction-Ni", ni, null));
        d.addVolume(new Dataset.VolumeItem("fraction-Co", co, null));
        d.addVolume(new Dataset.VolumeItem("fraction-Mn", mn, null));
        return d;
    }

    @Test
    void volumeRenderingExportsAStillAndARotationMovie(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> view.setDataset(particle()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.infoLine().getText().contains("triangles"));
        assertTrue(view.infoLine().getText().contains("fraction-Mn"), view.infoLine().getText());
        robot.interact(() -> view.setVolumeMode(true));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.volumeInfoLine().getText().startsWith("full frame"));
        assertEquals("fraction-Co", view.volumeModel().quantity(), "the first fraction is rendered");

        Path still = dir.resolve("volume.png");
        Path record = WaitForAsyncUtils.asyncFx(() -> view.exportStill(still, 192)).get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        assertTrue(Files.isRegularFile(record));
        assertTrue(Files.readString(record).contains("transferFunction"), "the transfer function is in the provenance");
        assertEquals(192, ImageExport.readDpi(still), 0.5);
        BufferedImage img = ImageIO.read(still.toFile());
        assertEquals(Math.round(view.subScene().getWidth() * 2), img.getWidth(), 1, "rendered at twice the screen size for 192 dpi");
        int centre = img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xffffff;
        assertNotEquals(VolumeViewModel.BACKGROUND_RGB, centre, "the particle is drawn at the centre");
        assertEquals(VolumeViewModel.BACKGROUND_RGB, img.getRGB(2, 2) & 0xffffff, "the corner is background");

        double yaw = view.yaw();
        var r = WaitForAsyncUtils.asyncFx(() -> view.exports().movie(dir.resolve("movie"), "turn", 4, 48, true)).get(10, TimeUnit.SECONDS).get(120, TimeUnit.SECONDS);
        assertEquals(4, r.frames().size());
        assertTrue(Files.size(r.mp4()) > 0);
        BufferedImage f0 = ImageIO.read(r.frames().get(0).toFile()), f1 = ImageIO.read(r.frames().get(1).toFile());
        assertFalse(same(f0, f1), "a quarter turn shows the Co-rich side differently");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(yaw, view.yaw(), 1e-9, "the view is turned back");
        assertTrue(Files.isRegularFile(dir.resolve("movie/turn.mp4.provenance.json")));
    }

    @Test
    void aDragShowsTheCoarseSurfacesAndLettingGoBringsBackTheFullOnes(FxRobot robot) throws Exception {
        robot.interact(() -> view.setDataset(particle()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.infoLine().getText().contains("triangles"));
        int full = 0, coarse = 0;
        for (var b : view.built()) { full += b.mesh().faces(); coarse += b.coarse().faces(); }
        assertEquals(3, view.built().size());
        assertTrue(coarse < full / 2, "coarse " + coarse + " vs full " + full);
        assertFalse(view.showingCoarse());
        assertEquals(full, view.shownTriangles(), "still: the full meshes");

        double yaw = view.yaw();
        robot.drag(view.subScene(), MouseButton.PRIMARY).moveBy(30, 0).moveBy(30, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.showingCoarse(), "while the button is held the coarse scene is shown");
        assertEquals(coarse, view.shownTriangles(), "dragging: the coarse meshes");
        assertNotEquals(yaw, view.yaw(), "the drag turned the view");
        robot.sleep(3 * (long) Surface3DView.SETTLE_MS);
        assertTrue(view.showingCoarse(), "held still but not let go: still coarse");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !view.showingCoarse());
        assertEquals(full, view.shownTriangles(), "after the drag: the full meshes");

        var seen = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> view.coarseShown().addListener((o, was, now) -> { if (now) seen.set(true); }));
        robot.moveTo(view.subScene()).scroll(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> seen.get() && !view.showingCoarse());
        assertEquals(full, view.shownTriangles(), "after zooming: the full meshes");
    }

    static boolean same(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
        return true;
    }
}
