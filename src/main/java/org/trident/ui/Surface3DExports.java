package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.render.ExportRecord;
import org.trident.render.ImageExport;
import org.trident.render.MovieWriter;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Exports of the 3-D view: a still at figure resolution and a rotation movie (PNG frames and an
 * MP4). The 3-D scene is snapshotted on the FX thread at dpi/96 times its size (so a 300-dpi
 * still is rendered at that size, not enlarged); in volume mode the volume is ray-cast at the
 * same size on a worker and laid under the snapshot (scale cube). Each export writes its
 * provenance record beside it.
 */
public final class Surface3DExports {
    /** A rotation movie: one turn in 72 frames (5° each) at 24 frames per second, at screen resolution. */
    public static final int MOVIE_FRAMES = 72, MOVIE_FPS = 24;
    public static final double MOVIE_DPI = 96, STILL_DPI = 300;

    private final Surface3DView view;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trident-3d-export");
        t.setDaemon(true);
        return t;
    });

    Surface3DExports(Surface3DView view) { this.view = view; }

    Button stillButton() {
        Button b = new Button("Export still…");
        b.setTooltip(new Tooltip("The view as shown at 300 dpi (rendered at that size), PNG or TIFF, with its provenance"));
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export the 3-D view");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG", "*.png"), new FileChooser.ExtensionFilter("TIFF", "*.tif", "*.tiff"));
            fc.setInitialFileName("3d-view.png");
            var f = fc.showSaveDialog(view.getScene().getWindow());
            if (f != null) report(still(f.toPath(), STILL_DPI), "still");
        });
        return b;
    }

    Button movieButton() {
        Button b = new Button("Export movie…");
        b.setTooltip(new Tooltip("One turn about the vertical axis in " + MOVIE_FRAMES + " frames: PNG frames and rotation.mp4 in a folder"));
        b.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the rotation movie");
            var f = dc.showDialog(view.getScene().getWindow());
            if (f != null) report(movie(f.toPath(), "rotation", MOVIE_FRAMES, MOVIE_DPI, true), "movie");
        });
        return b;
    }

    private void report(CompletableFuture<?> f, String what) {
        f.whenComplete((r, e) -> Platform.runLater(() -> view.infoLine().setText(e == null
                ? "Exported the " + what + ": " + r : "The " + what + " was not exported: " + Dialogs.sentence(e.getCause() != null ? e.getCause() : e))));
    }

    /** The view as shown at {@code dpi}; call on the FX thread. Done at once for surfaces, on a worker for a volume rendering. */
    public CompletableFuture<Path> still(Path file, double dpi) {
        double s = dpi / 96.0;
        BufferedImage overlay = view.snapshot(s);
        ObjectNode record = record(dpi);
        List<Path> inputs = inputs();
        if (!view.volumeMode()) {
            ImageExport.write(file, overlay, dpi);
            return CompletableFuture.completedFuture(ExportRecord.write(file, "3d-still", inputs, record));
        }
        var job = volumeJob();
        return CompletableFuture.supplyAsync(() -> {
            ImageExport.write(file, job.frame(overlay, job.camera()), dpi);
            return ExportRecord.write(file, "3d-still", inputs, record);
        }, worker);
    }

    /**
     * One turn of {@code frames} frames about the vertical axis, from the view as shown: the frames
     * as {@code NAME-0000.png}… and, with {@code mp4}, {@code NAME.mp4}. Call on the FX thread;
     * the frames are made on a worker (each scene snapshot on the FX thread) and the view is turned
     * back at the end.
     */
    public CompletableFuture<MovieWriter.Result> movie(Path folder, String name, int frames, double dpi, boolean mp4) {
        if (frames < 1) throw new IllegalArgumentException("a movie needs at least one frame");
        double s = dpi / 96.0, base = view.yaw();
        ObjectNode record = record(dpi).put("frames", frames).put("degreesPerFrame", 360.0 / frames).put("fps", MOVIE_FPS);
        List<Path> inputs = inputs();
        VolumeJob job = view.volumeMode() ? volumeJob() : null;
        return CompletableFuture.supplyAsync(() -> {
            try (MovieWriter m = new MovieWriter(folder, name, dpi, VolumeViewModel.BACKGROUND_RGB, mp4, MOVIE_FPS)) {
                for (int i = 0; i < frames; i++) {
                    double yaw = base + MovieWriter.turnDeg(i, frames);
                    int n = i;
                    Shot shot = onFx(() -> {
                        view.setYaw(yaw);
                        view.infoLine().setText(String.format(Locale.ROOT, "Movie: frame %d of %d…", n + 1, frames));
                        return new Shot(view.snapshot(s), view.cameraNow());
                    });
                    m.add(job == null ? shot.overlay() : job.frame(shot.overlay(), shot.camera()));
                }
                MovieWriter.Result r = m.finish();
                ExportRecord.write(r.mp4() != null ? r.mp4() : r.frames().get(0), "3d-movie", inputs, record);
                return r;
            } finally {
                Platform.runLater(() -> view.setYaw(base));
            }
        }, worker);
    }

    private record Shot(BufferedImage overlay, org.trident.render.VolumeRaycaster.Camera camera) {}

    /** What a volume frame needs, captured on the FX thread. */
    record VolumeJob(VolumeViewModel vvm, Dataset.VolumeItem item, org.trident.render.TransferFunction tf,
                     org.trident.render.VolumeRaycaster.Camera camera, org.trident.render.IsoSurface.Clip clip) {
        BufferedImage frame(BufferedImage overlay, org.trident.render.VolumeRaycaster.Camera cam) {
            int w = overlay.getWidth(), h = overlay.getHeight();
            var f = vvm.render(item.volume(), tf, cam, clip, w, h, false, Surface3DView.threads(), Progress.NONE);
            return VolumeViewModel.compose(w, h, f, overlay);
        }
    }

    private VolumeJob volumeJob() {
        var item = view.volumeItem();
        if (item == null) throw new IllegalStateException("no volume to render");
        var vvm = view.volumeModel();
        return new VolumeJob(vvm, item, vvm.function(item.name(), item.volume()), view.cameraNow(), view.clipNow());
    }

    private ObjectNode record(double dpi) {
        Dataset d = view.dataset();
        ObjectNode o = Json.object().put("dataset", d == null ? "" : d.label()).put("clip", view.clipName())
                .put("rotationXDeg", view.cameraNow().rotXDeg()).put("rotationYDeg", view.cameraNow().rotYDeg()).put("dpi", dpi)
                .put("show", view.volumeMode() ? "volume" : "surfaces");
        var layers = o.putArray("surfaces");
        if (!view.volumeMode()) for (String q : view.chosenQuantities()) layers.add(q);
        if (view.volumeMode() && view.volumeItem() != null) {
            var item = view.volumeItem();
            o.put("volume", item.name());
            o.set("transferFunction", view.volumeModel().function(item.name(), item.volume()).toJson());
            o.put("lit", view.volumeModel().lit());
        }
        return o;
    }

    private List<Path> inputs() {
        List<Path> out = new ArrayList<>();
        Dataset d = view.dataset();
        if (d == null) return out;
        List<String> names = view.volumeMode() ? (view.volumeItem() == null ? List.of() : List.of(view.volumeItem().name())) : view.chosenQuantities();
        for (String q : names) { var it = d.volume(q); if (it != null && it.file() != null) out.add(it.file()); }
        return out;
    }

    private static <T> T onFx(Supplier<T> s) {
        if (Platform.isFxApplicationThread()) return s.get();
        FutureTask<T> t = new FutureTask<>(s::get);
        Platform.runLater(t);
        try {
            return t.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    void shutdown() { worker.shutdownNow(); }
}
