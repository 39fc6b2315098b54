package org.trident.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.trident.model.Volume;

import java.nio.file.Path;
import java.util.Random;

/**
 * Renders the 3-D view of a 128³ particle phantom (noisy fraction maps of Ni, Co, Mn) in a real
 * window (docs/scripts/gui-3d-xvfb.sh runs it under Xvfb), saves screenshots whole and clipped and
 * a 300-dpi still, and reports mesh time and frames per second. Not a test: a harness for review.
 */
public class Surface3DShots extends Application {
    static Path out;



    static Dataset particle() {
        int n = 128; double vs = 2.0;
        Volume ni = Volume.zeros(n, n, n, vs), co = Volume.zeros(n, n, n, vs), mn = Volume.zeros(n, n, n, vs);
        Random rnd = new Random(3);
        double c = (n - 1) / 2.0;
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double x = i - c, y = (j - c) * 1.15, z = (k - c) * 0.9;
            double r = Math.sqrt(x * x + y * y + z * z), R = 50;
            boolean in = r < R;
            double depth = R - r;
            double fNi = in ? 0.25 + 0.12 * Math.min(1, depth / 20) : Double.NaN;   // Ni-rich core
            double fMn = in ? 0.45 - 0.12 * Math.min(1, depth / 20) : Double.NaN;   // Mn-rich surface shell
            ni.set(i, j, k, (float) (fNi + 0.03 * rnd.nextGaussian()));
            mn.set(i, j, k, (float) (fMn + 0.03 * rnd.nextGaussian()));
            co.set(i, j, k, in ? (float) (0.30 + 0.03 * rnd.nextGaussian() + (x > 10 && y < 0 ? 0.1 : 0)) : Float.NaN);
        }
        Dataset d = new Dataset("simulated NCM111 · 128³", Path.of("phantom"));
        d.addVolume(new Dataset.VolumeItem("fraction-Ni", ni, null));
        d.addVolume(new Dataset.VolumeItem("fraction-Co", co, null));
        d.addVolume(new Dataset.VolumeItem("fraction-Mn", mn, null));
        return d;
    }

    @Override public void start(Stage stage) {
        System.out.println("SCENE3D supported: " + Platform.isSupported(ConditionalFeature.SCENE3D)
                + ", pipeline " + com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName());
        SharedCursor cursor = new SharedCursor();
        Surface3DView v = new Surface3DView(cursor);
        stage.setScene(new Scene(v, 1000, 760));
        stage.show();
        long t0 = System.nanoTime();
        v.setDataset(particle());
        new AnimationTimer() {
            int phase = 0; long frames, start;
            @Override public void handle(long now) {
                String info = v.infoLine().getText();
                if (phase == 0 && info.contains("triangles")) {
                    System.out.printf("meshes of three 128³ maps built in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, info);
                    shot(v, "3d-view.png");
                    phase = 1; start = now; frames = 0;
                } else if (phase == 1) {
                    frames++;
                    v.subScene().getRoot().getChildrenUnmodifiable().get(0).getTransforms().forEach(t -> { if (t instanceof javafx.scene.transform.Rotate r && r.getAxis() == javafx.scene.transform.Rotate.Y_AXIS) r.setAngle(r.getAngle() + 2); });
                    if (now - start > 3_000_000_000L) {
                        System.out.printf("rotation: %d frames in 3 s = %.1f fps%n", frames, frames / ((now - start) / 1e9));
                        cursor.set(0, 0, 0);
                        ((javafx.scene.control.ComboBox<?>) v.lookupAll(".combo-box").iterator().next()).getSelectionModel().select(1);
                        phase = 2; start = now;
                    }
                } else if (phase == 2 && info.contains("clipped") && info.contains("triangles")) {
                    shot(v, "3d-view-clipped.png");
                    Path still = out.resolve("3d-still-300dpi.png");
                    v.exportStill(still, 300).join();
                    System.out.println("still: " + still);
                    phase = 3;
                    Platform.exit();
                } else if (now - start > 120_000_000_000L && phase == 2) { System.out.println("timeout"); Platform.exit(); }
            }
        }.start();
    }

    static void shot(Surface3DView v, String name) {
        var img = v.getScene().snapshot(null);
        org.trident.render.ImageExport.write(out.resolve(name), SwingFXUtils.fromFXImage(img, null), 96);
        System.out.println("screenshot " + out.resolve(name));
    }
}
