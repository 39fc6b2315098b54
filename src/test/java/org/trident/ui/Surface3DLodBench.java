package org.trident.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.Scene;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.trident.job.Progress;
import org.trident.render.IsoSurface;

import java.util.Locale;

/**
 * Why the 3-D view's coarse level is what it is: frames per second while turning the surfaces of
 * the 128³ particle of {@link Surface3DShots} on blocks of 2 (the still view), 4 (the coarse
 * level) and 8 voxels, each with 4× multisampling and without, in one run, in a 1000 × 610
 * SubScene with the view's lights, material and camera (docs/scripts/gui-3d-xvfb.sh runs it).
 * Not a test: a harness for review.
 */
public class Surface3DLodBench extends Application {
    /** Starts the bench from a classpath (a main that is not an Application, as ui.GuiLauncher does). */
    public static final class Main {
        public static void main(String[] a) { launch(Surface3DLodBench.class, a); }
    }

    private final StackPane pane = new StackPane();

    @Override public void start(Stage s) {
        s.setScene(new Scene(pane, 1000, 610));
        s.show();
        Thread t = new Thread(() -> { try { run(); } catch (Throwable e) { e.printStackTrace(); } finally { Platform.exit(); } });
        t.setDaemon(true);
        t.start();
    }

    void run() throws Exception {
        Dataset d = Surface3DShots.particle();
        var names = java.util.List.of("fraction-Ni", "fraction-Co", "fraction-Mn");
        for (int step : new int[]{2, 4, 8}) {
            Group g = new Group();
            int faces = 0;
            long t0 = System.nanoTime();
            for (String n : names) {
                var v = d.volume(n).volume();
                var m = IsoSurface.build(v, SurfaceViewModel.defaultLevel(v), step, IsoSurface.Clip.NONE, 5, 0.02, Progress.NONE);
                faces += m.faces();
                MeshView mv = new MeshView(Surface3DView.toFx(m));
                double[] c = SurfaceViewModel.colour(n);
                PhongMaterial pm = new PhongMaterial(Color.color(c[0], c[1], c[2], 0.55));
                pm.setSpecularColor(Color.gray(0.35)); pm.setSpecularPower(24);
                mv.setMaterial(pm); mv.setCullFace(CullFace.NONE);
                g.getChildren().add(mv);
            }
            double build = (System.nanoTime() - t0) / 1e9;
            for (SceneAntialiasing aa : new SceneAntialiasing[]{SceneAntialiasing.BALANCED, SceneAntialiasing.DISABLED}) {
                Rotate ry = new Rotate(35, Rotate.Y_AXIS), rx = new Rotate(-25, Rotate.X_AXIS);
                Group world = new Group(g);
                world.getTransforms().addAll(rx, ry);
                PerspectiveCamera cam = new PerspectiveCamera(true);
                cam.setNearClip(0.5); cam.setFarClip(100000); cam.setFieldOfView(30); cam.setTranslateZ(-2.6 * 256);   // the view's reset distance for a 128-voxel, 2-nm field
                PointLight key = new PointLight(Color.gray(0.9)); key.getTransforms().add(new Translate(-400, -600, -1500));
                Group root = new Group(world, new AmbientLight(Color.gray(0.35)), key, cam);
                Surface3DShots.fx(() -> { SubScene ss = new SubScene(root, 1000, 610, true, aa); ss.setFill(Color.rgb(28, 28, 32)); ss.setCamera(cam); pane.getChildren().setAll(ss); return null; });
                Thread.sleep(500);
                long[] frames = {0};
                AnimationTimer timer = new AnimationTimer() { @Override public void handle(long now) { frames[0]++; ry.setAngle(ry.getAngle() + 2); } };
                Surface3DShots.fx(() -> { timer.start(); return null; });
                long a = System.nanoTime();
                Thread.sleep(3000);
                Surface3DShots.fx(() -> { timer.stop(); return null; });
                double fps = frames[0] / ((System.nanoTime() - a) / 1e9);
                System.out.printf(Locale.ROOT, "blocks of %d³, %d triangles (built in %.1f s), %s: %.1f fps%n", step, faces, build,
                        aa == SceneAntialiasing.BALANCED ? "4× multisampling" : "no multisampling", fps);
                Surface3DShots.fx(() -> { world.getChildren().clear(); pane.getChildren().clear(); return null; });
            }
        }
        System.out.println("load average " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }
}
