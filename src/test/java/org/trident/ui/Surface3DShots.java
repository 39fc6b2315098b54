package org.trident.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Renders the 3-D view of a 128³ particle phantom (noisy fraction maps of Ni, Co, Mn) in a real
 * window (docs/scripts/gui-3d-xvfb.sh runs it under Xvfb): screenshots of the surfaces whole and
 * clipped and of the volume rendering whole and clipped, a 300-dpi still, a rotation movie, and
 * the timings (mesh build, frames per second while turning with the full surfaces and with the
 * coarse ones shown during a drag, against the scale cube alone in the same run, volume frame times coarse and full). Not a test: a harness for review.
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
        stage.setScene(new Scene(v, 1000, 800));
        stage.show();
        Thread t = new Thread(() -> {
            try {
                run(v, cursor);
            } catch (Throwable e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    static void run(Surface3DView v, SharedCursor cursor) throws Exception {
        long t0 = System.nanoTime();
        Dataset d = particle();
        fx(() -> { v.setDataset(d); return null; });
        waitFor(() -> fx(() -> v.infoLine().getText().contains("triangles")));
        System.out.printf(Locale.ROOT, "meshes of three 128³ maps built in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, fx(() -> v.infoLine().getText()));
        shot(v, "3d-view.png");
        fx(() -> { v.beginInteraction(); return null; });
        shot(v, "3d-view-dragged.png");   // what a drag shows, at the same angle, for review
        fx(() -> { v.endInteraction(); return null; });
        waitFor(() -> fx(() -> !v.showingCoarse()));
        // three rounds of full, coarse (as during a drag) and cube alone, interleaved so a change of the machine's load hits all three; medians
        int fullTriangles = fx(v::shownTriangles), coarseTriangles = 0;
        double[] full = new double[3], coarse = new double[3], empty = new double[3];
        for (int round = 0; round < 3; round++) {
            full[round] = fps(v);
            fx(() -> { v.beginInteraction(); return null; });   // coarse meshes, no multisampling
            coarseTriangles = fx(v::shownTriangles);
            coarse[round] = fps(v);
            fx(() -> { v.endInteraction(); return null; });
            waitFor(() -> fx(() -> !v.showingCoarse()));
            fx(() -> { v.surfacesGroupsForBench().forEach(g -> g.setVisible(false)); return null; });
            empty[round] = fps(v);
            fx(() -> { v.surfacesGroupsForBench().forEach(g -> g.setVisible(true)); return null; });
        }
        double withMeshes = median(full), dragged = median(coarse), cube = median(empty);
        System.out.printf(Locale.ROOT, "turning (median of 3 × 3 s): %.1f fps with the full surfaces (%d triangles, 4× multisampling), %.1f fps while dragged (coarse, %d triangles, no multisampling), "
                + "%.1f fps with the scale cube only (same run); coarse/full %.2f, full/cube %.2f, at %d × %d; rounds %s %s %s%n", withMeshes, fullTriangles, dragged, coarseTriangles, cube,
                dragged / withMeshes, withMeshes / cube, (int) (double) fx(() -> v.subScene().getWidth()), (int) (double) fx(() -> v.subScene().getHeight()),
                Arrays.toString(full), Arrays.toString(coarse), Arrays.toString(empty));
        System.out.println("load average " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        fx(() -> { v.resetView(); cursor.set(0, 0, 0); v.setClipAxis(0); return null; });
        waitFor(() -> fx(() -> v.infoLine().getText().contains("clipped") && v.infoLine().getText().contains("triangles")));
        shot(v, "3d-view-clipped.png");
        long s0 = System.nanoTime();
        Path still = out.resolve("3d-still-300dpi.png");
        fx(() -> v.exportStill(still, 300)).get(300, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "300-dpi still (surfaces) in %.1f s: %s%n", (System.nanoTime() - s0) / 1e9, still);

        fx(() -> { v.resetView(); v.setClipAxis(-1); v.setVolumeQuantity("fraction-Ni"); v.setVolumeMode(true); return null; });
        waitFor(() -> fx(() -> v.volumeInfoLine().getText().startsWith("full frame")));
        shot(v, "3d-volume.png");
        System.out.println("volume: " + fx(() -> v.volumeInfoLine().getText()));
        timeVolume(v);
        // as a user would edit it: transparent below 0.31, rising to 0.3 per voxel at 0.36 — only the Ni-rich core shows
        fx(() -> {
            var item = v.volumeItem();
            var tf = v.volumeModel().function(item.name(), item.volume());
            v.setTransferFunction(tf.moved(1, 0.31, 0).moved(2, 0.36, 0.3));
            v.setClipAxis(0);
            return null;
        });
        Thread.sleep(300);
        waitFor(() -> fx(() -> v.volumeInfoLine().getText().startsWith("full frame") && v.volumeInfoLine().getText().contains("clipped")));
        shot(v, "3d-volume-clipped.png");

        fx(() -> { v.setVolumeMode(false); return null; });
        long m0 = System.nanoTime();
        var movie = fx(() -> v.exports().movie(out.resolve("movie"), "rotation", 36, 96, true)).get(600, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "movie (surfaces, clipped): %d frames + %s in %.1f s%n", movie.frames().size(), movie.mp4(), (System.nanoTime() - m0) / 1e9);
        System.out.println("load average " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Frames drawn per second over 3 s while the view turns by 2° every pulse. */
    static double fps(Surface3DView v) throws Exception {
        long[] frames = {0};
        AnimationTimer timer = new AnimationTimer() {
            @Override public void handle(long now) { frames[0]++; v.turnBy(2); }
        };
        fx(() -> { timer.start(); return null; });
        long a = System.nanoTime();
        Thread.sleep(3000);
        fx(() -> { timer.stop(); return null; });
        return frames[0] / ((System.nanoTime() - a) / 1e9);
    }

    /** Median of five coarse and five full volume frames at the view's size, 1 thread against all threads. */
    static void timeVolume(Surface3DView v) throws Exception {
        var item = fx(v::volumeItem);
        var cam = fx(v::cameraNow);
        int w = (int) (double) fx(() -> v.subScene().getWidth()), h = (int) (double) fx(() -> v.subScene().getHeight());
        var tf = v.volumeModel().function(item.name(), item.volume());
        for (boolean coarse : new boolean[]{true, false}) for (int threads : new int[]{1, Surface3DView.threads()}) {
            double[] s = new double[5];
            for (int i = 0; i < 5; i++) {
                long a = System.nanoTime();
                v.volumeModel().render(item.volume(), tf, cam, org.trident.render.IsoSurface.Clip.NONE, w, h, coarse, threads, Progress.NONE);
                s[i] = (System.nanoTime() - a) / 1e9;
            }
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "volume %s frame of a %d × %d view, %d thread(s): median %.3f s (%.1f fps)%n", coarse ? "coarse" : "full", w, h, threads, s[2], 1 / s[2]);
        }
    }

    static <T> T fx(Supplier<T> s) throws Exception {
        FutureTask<T> t = new FutureTask<>(s::get);
        Platform.runLater(t);
        return t.get(600, TimeUnit.SECONDS);
    }

    static void waitFor(BooleanSupplierX c) throws Exception {
        long end = System.nanoTime() + 300_000_000_000L;
        while (!c.get()) { if (System.nanoTime() > end) throw new IllegalStateException("timeout"); Thread.sleep(100); }
    }

    interface BooleanSupplierX { boolean get() throws Exception; }

    static void shot(Surface3DView v, String name) throws Exception {
        Thread.sleep(500);
        fx(() -> {
            var img = v.getScene().snapshot(null);
            org.trident.render.ImageExport.write(out.resolve(name), SwingFXUtils.fromFXImage(img, null), 96);
            return null;
        });
        System.out.println("screenshot " + out.resolve(name));
    }
}
