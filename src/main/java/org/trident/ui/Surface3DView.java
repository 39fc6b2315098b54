package org.trident.ui;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SnapshotParameters;
import javafx.scene.SubScene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.IsoSurface;
import org.trident.render.Ticks;
import org.trident.render.VolumeRaycaster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 3-D view: lit, semi-transparent isosurfaces of chosen quantities of one dataset in a
 * JavaFX 3-D SubScene (hardware-accelerated where the platform has it), one colour per element;
 * drag to orbit, scroll to zoom, shift-drag (or right-drag) to pan; a wireframe scale cube; a
 * clipping plane at the shared cursor; still and rotation-movie export ({@link Surface3DExports}).
 * Meshes are built by {@link org.trident.render.IsoSurface} on a worker (latest request wins).
 * "Show volume" swaps the surfaces for a direct volume rendering of one quantity through an
 * editable transfer function ({@link org.trident.render.VolumeRaycaster}, software, on a worker:
 * coarse while dragging, full when still), drawn behind the 3-D scene so the scale cube and the
 * camera are shared. While the user turns, pans or zooms the surfaces (and for {@link #SETTLE_MS}
 * after), the view shows each surface's coarse level (blocks twice as large, built with the full
 * mesh, never during the drag) in a second SubScene without multisampling, then the full meshes.
 */
public final class Surface3DView extends BorderPane {
    private final SurfaceViewModel vm = new SurfaceViewModel();
    private final SharedCursor cursor;
    private final LatestWins<List<SurfaceViewModel.Built>> builder = new LatestWins<>(Platform::runLater);
    /** How long the coarse surfaces stay after the last drag or wheel step, so a run of wheel steps does not flicker. */
    static final double SETTLE_MS = 250;
    /** The still view (4× multisampling, full meshes) and the one shown while turning (no multisampling, coarse meshes). */
    private final Scene3D still = new Scene3D(SceneAntialiasing.BALANCED), moving = new Scene3D(SceneAntialiasing.DISABLED);
    private final Group surfaces = still.surfaces;
    private final Rotate rx = still.rx, ry = still.ry;
    private final Translate pan = still.pan;
    private final PerspectiveCamera camera = still.camera;
    private final SubScene sub = still.sub;
    private final PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MS));
    private boolean interacting;
    private List<SurfaceViewModel.Built> built = List.of();
    private final FlowPane quantities = new FlowPane(8, 4);
    private final Slider opacity = new Slider(0.1, 1, 0.55);
    private final Slider smoothing = new Slider(0, 20, 5);
    private final ComboBox<String> clip = new ComboBox<>();
    private final Label info = new Label();
    private final Label volumeInfo = new Label();
    private final VolumeViewModel vvm = new VolumeViewModel();
    private final LatestWins<VolumeViewModel.Frame> renderer = new LatestWins<>(Platform::runLater);
    private final ImageView volumeImage = new ImageView();
    private final ComboBox<String> show = new ComboBox<>();
    private final ComboBox<String> volumeQuantity = new ComboBox<>();
    private final ComboBox<ColorMap> volumeMap = new ComboBox<>();
    private final CheckBox lit = new CheckBox("lit");
    private final TransferFunctionEditor tfEditor = new TransferFunctionEditor();
    private final HBox volumeControls;
    private final HBox surfaceControls = new HBox(8);
    private final Pane holder;
    private final Surface3DExports exports = new Surface3DExports(this);
    private final Runnable onCursor = () -> { if (vm.clipAxis() >= 0) { rebuild(); renderVolume(false); } };
    private Dataset dataset;
    private double extentNm = 100;
    private double dragX, dragY;

    public Surface3DView(SharedCursor cursor) {
        this.cursor = cursor;
        moving.follow(still);
        moving.sub.setVisible(false);
        settle.setOnFinished(e -> settled());
        holder = new Pane(volumeImage, sub, moving.sub);
        holder.setMinSize(200, 200);
        sub.widthProperty().bind(holder.widthProperty());
        sub.heightProperty().bind(holder.heightProperty());
        volumeImage.fitWidthProperty().bind(holder.widthProperty());
        volumeImage.fitHeightProperty().bind(holder.heightProperty());
        volumeImage.setSmooth(true);
        volumeImage.setVisible(false);
        // on the holder, so that a drag over the transparent scene of the volume mode still turns the view
        holder.setOnMousePressed(e -> { dragX = e.getSceneX(); dragY = e.getSceneY(); });
        holder.setOnMouseReleased(e -> { endInteraction(); renderVolume(false); });
        holder.widthProperty().addListener((o, a, b) -> renderVolume(false));
        holder.heightProperty().addListener((o, a, b) -> renderVolume(false));
        holder.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - dragX, dy = e.getSceneY() - dragY;
            dragX = e.getSceneX();
            dragY = e.getSceneY();
            beginInteraction();
            if (e.isShiftDown() || e.isSecondaryButtonDown()) {
                double k = extentNm / Math.max(1, sub.getHeight());
                pan.setX(pan.getX() + dx * k);
                pan.setY(pan.getY() + dy * k);
            } else {
                ry.setAngle(ry.getAngle() + dx * 0.4);
                rx.setAngle(Math.max(-90, Math.min(90, rx.getAngle() - dy * 0.4)));
            }
            renderVolume(true);
        });
        holder.setOnScroll(e -> {
            beginInteraction();
            zoom(e.getDeltaY() > 0 ? 0.9 : 1 / 0.9);
            endInteraction();
            renderVolume(false);
        });
        setCenter(holder);

        opacity.setTooltip(new Tooltip("Opacity of every surface (inner ones show through)"));
        opacity.valueProperty().addListener((o, a, b) -> surfaces.getChildren().forEach(n -> {
            if (n instanceof MeshView mv && mv.getMaterial() instanceof PhongMaterial pm) pm.setDiffuseColor(withAlpha(pm.getDiffuseColor(), b.doubleValue()));
        }));
        smoothing.setMajorTickUnit(5);
        smoothing.setTooltip(new Tooltip("Taubin smoothing iterations: removes speckle of noisy maps without shrinking the surface"));
        smoothing.valueChangingProperty().addListener((o, a, b) -> { if (!b) { vm.setSmoothing((int) Math.round(smoothing.getValue())); rebuild(); } });
        clip.getItems().addAll("no clipping", "clip at cursor x", "clip at cursor y", "clip at cursor z");
        clip.setValue("no clipping");
        clip.setTooltip(new Tooltip("Keep the part at or below the cursor's position (moves with the cursor in the orthoslices); the cut is capped"));
        clip.setOnAction(e -> { vm.setClipAxis(clip.getSelectionModel().getSelectedIndex() - 1); rebuild(); });
        Button reset = new Button("Reset view");
        reset.setOnAction(e -> { resetView(); renderVolume(false); });
        show.getItems().addAll("surfaces", "volume");
        show.setValue("surfaces");
        show.setTooltip(new Tooltip("Lit isosurfaces of the ticked quantities, or a volume rendering of one quantity through its transfer function"));
        show.setOnAction(e -> showMode());
        surfaceControls.getChildren().addAll(new Label("opacity"), opacity, new Label("smoothing"), smoothing);
        surfaceControls.setAlignment(Pos.CENTER_LEFT);
        FlowPane controls = new FlowPane(8, 4, show, surfaceControls, clip, reset, exports.stillButton(), exports.movieButton());
        controls.setAlignment(Pos.CENTER_LEFT);
        volumeQuantity.setTooltip(new Tooltip("The quantity rendered as a volume"));
        volumeQuantity.setOnAction(e -> { vvm.setQuantity(volumeQuantity.getValue()); showFunction(); renderVolume(false); });
        volumeMap.getItems().setAll(ColorMap.sequential());
        volumeMap.getItems().add(ColorMap.GRAY);
        volumeMap.setValue(ColorMap.VIRIDIS);
        volumeMap.setOnAction(e -> {
            var item = volumeItem();
            if (item == null) return;
            var tf = vvm.function(item.name(), item.volume());
            vvm.setFunction(item.name(), tf.withColours(volumeMap.getValue(), tf.colourLo(), tf.colourHi()));
            showFunction();
            renderVolume(false);
        });
        lit.setSelected(true);
        lit.setTooltip(new Tooltip("Shade by the local gradient (a head light), so that boundaries read as surfaces"));
        lit.setOnAction(e -> { vvm.setLit(lit.isSelected()); renderVolume(false); });
        tfEditor.setOnChange((tf, fin) -> { if (vvm.quantity() != null) vvm.setFunction(vvm.quantity(), tf); renderVolume(!fin); });
        Tooltip.install(tfEditor, new Tooltip("Opacity over value: drag a point, click to add one, right-click to remove one"));
        Label of = new Label("volume of");
        for (var r : new javafx.scene.layout.Region[]{of, volumeQuantity, volumeMap, lit}) r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        volumeInfo.setWrapText(true);
        volumeControls = new HBox(8, new VBox(4, new HBox(8, of, volumeQuantity), new HBox(8, volumeMap, lit), volumeInfo), tfEditor);
        HBox.setHgrow(volumeControls.getChildren().get(0), javafx.scene.layout.Priority.ALWAYS);
        volumeControls.setAlignment(Pos.CENTER_LEFT);
        volumeControls.setVisible(false);
        volumeControls.setManaged(false);
        info.setWrapText(true);
        VBox bottom = new VBox(4, quantities, controls, volumeControls, info);
        bottom.setPadding(new Insets(4));
        setBottom(bottom);
        cursor.addListener(onCursor);
    }

    public SurfaceViewModel model() { return vm; }
    public SubScene subScene() { return sub; }
    public Label infoLine() { return info; }
    public Label volumeInfoLine() { return volumeInfo; }
    public VolumeViewModel volumeModel() { return vvm; }
    public TransferFunctionEditor transferFunctionEditor() { return tfEditor; }
    public Surface3DExports exports() { return exports; }
    Dataset dataset() { return dataset; }
    boolean volumeMode() { return "volume".equals(show.getValue()); }
    String clipName() { return clip.getValue(); }

    /** The quantity rendered as a volume (as if picked in its box). */
    public void setVolumeQuantity(String q) { volumeQuantity.setValue(q); }

    /** Replaces the transfer function of the rendered quantity (as edits in the editor do). */
    public void setTransferFunction(org.trident.render.TransferFunction tf) {
        if (vvm.quantity() == null) return;
        vvm.setFunction(vvm.quantity(), tf);
        showFunction();
        renderVolume(false);
    }

    /** Surfaces or the volume rendering. */
    public void setVolumeMode(boolean on) { show.setValue(on ? "volume" : "surfaces"); showMode(); }

    /** The clipping axis (-1 none, 0 x, 1 y, 2 z), as the clip box offers it. */
    public void setClipAxis(int axis) { clip.getSelectionModel().select(axis + 1); vm.setClipAxis(axis); rebuild(); renderVolume(false); }

    /** Shows {@code d}: its mask, HAADF and fraction-Ni/Co/Mn are offered, the fractions drawn (else the first volume). */
    public void setDataset(Dataset d) {
        dataset = d;
        quantities.getChildren().clear();
        for (Scene3D s : new Scene3D[]{still, moving}) { s.surfaces.getChildren().clear(); s.cube.getChildren().clear(); }
        built = List.of();
        volumeQuantity.getItems().clear();
        vvm.clear();
        volumeImage.setImage(null);
        if (d == null || d.volumes().isEmpty()) { info.setText("No volumes in this dataset: reconstruct first."); return; }
        var v0 = d.volumes().get(0).volume();
        extentNm = Math.max(v0.nx(), Math.max(v0.ny(), v0.nz())) * v0.voxelSizeNm();
        placeScaleCube();
        List<String> drawn = new ArrayList<>();
        for (var it : d.volumes()) {
            if (it.name().contains("/")) continue;
            volumeQuantity.getItems().add(it.name());
            CheckBox b = new CheckBox(it.name());
            boolean fraction = it.name().startsWith("fraction-");
            b.setSelected(fraction);
            if (fraction) drawn.add(it.name());
            b.setOnAction(e -> rebuild());
            quantities.getChildren().add(b);
        }
        if (drawn.isEmpty() && !quantities.getChildren().isEmpty()) ((CheckBox) quantities.getChildren().get(0)).setSelected(true);
        if (!volumeQuantity.getItems().isEmpty()) volumeQuantity.setValue(drawn.isEmpty() ? volumeQuantity.getItems().get(0) : drawn.get(0));
        vvm.setQuantity(volumeQuantity.getValue());
        showFunction();
        resetView();
        rebuild();
        renderVolume(false);
    }

    List<String> chosenQuantities() { return chosen(); }

    private List<String> chosen() {
        List<String> out = new ArrayList<>();
        for (var n : quantities.getChildren()) if (n instanceof CheckBox b && b.isSelected()) out.add(b.getText());
        return out;
    }

    /** Rebuilds every mesh on a worker (latest wins). */
    public void rebuild() {
        Dataset d = dataset;
        if (d == null) return;
        var layers = SurfaceViewModel.layers(d, chosen(), opacity.getValue());
        double[] c = {cursor.xNm(), cursor.yNm(), cursor.zNm()};
        info.setText("Building surfaces…");
        builder.request(p -> vm.build(d, layers, c, p), this::show, e -> info.setText("No surface: " + Dialogs.sentence(e)));
    }

    private void show(List<SurfaceViewModel.Built> built) {
        this.built = built;
        surfaces.getChildren().clear();
        moving.surfaces.getChildren().clear();
        StringBuilder b = new StringBuilder();
        int faces = 0, coarseFaces = 0;
        for (var s : built) {
            double[] c = s.layer().rgb();
            PhongMaterial m = new PhongMaterial(Color.color(c[0], c[1], c[2], opacity.getValue()));
            m.setSpecularColor(Color.gray(0.35));
            m.setSpecularPower(24);
            // one material for both levels, so the opacity slider changes both
            surfaces.getChildren().add(meshView(s.mesh(), m));
            moving.surfaces.getChildren().add(meshView(s.coarse(), m));
            faces += s.mesh().faces();
            coarseFaces += s.coarse().faces();
            b.append(b.length() > 0 ? " · " : "").append(s.layer().name()).append(" ≥ ").append(Quantities.format(s.layer().level()));
        }
        info.setText(String.format(Locale.ROOT, "%s (%s) · surfaces: %s · %,d triangles (%,d while turning) · scale cube %s · drag: orbit, shift-drag: pan, wheel: zoom",
                dataset.label(), vm.clipAxis() < 0 ? "whole" : "clipped at the cursor", b, faces, coarseFaces, Ticks.lengthLabel(Ticks.scaleBarNm(extentNm))));
    }

    private static MeshView meshView(IsoSurface.Mesh mesh, PhongMaterial m) {
        MeshView mv = new MeshView(toFx(mesh));
        mv.setMaterial(m);
        mv.setCullFace(CullFace.NONE);
        mv.setDrawMode(DrawMode.FILL);
        return mv;
    }

    /** The user turns, pans or zooms: the coarse surfaces without multisampling until {@link #endInteraction} and the settle time after. */
    void beginInteraction() {
        settle.stop();
        if (interacting) return;
        interacting = true;
        showDetail();
    }

    /** The drag ended (or one wheel step was taken): the full surfaces come back after {@link #SETTLE_MS} unless the view moves again. */
    void endInteraction() {
        if (interacting) settle.playFromStart();
    }

    private void settled() {
        settle.stop();
        interacting = false;
        showDetail();
    }

    /** The coarse scene only for surfaces being moved; a volume rendering has its own coarse frames and keeps the still scene (scale cube). */
    private void showDetail() {
        boolean coarse = interacting && !volumeMode();
        moving.sub.setVisible(coarse);
        sub.setVisible(!coarse);
    }

    /** Whether the coarse surfaces are shown now. */
    boolean showingCoarse() { return moving.sub.isVisible(); }

    /** True while the coarse surfaces are shown (for tests to see a brief switch). */
    javafx.beans.value.ObservableBooleanValue coarseShown() { return moving.sub.visibleProperty(); }

    /** The meshes last built (full and coarse level of each surface). */
    List<SurfaceViewModel.Built> built() { return built; }

    /** Triangles in the scene shown now (full or coarse). */
    int shownTriangles() {
        int n = 0;
        for (var node : (showingCoarse() ? moving : still).surfaces.getChildren())
            if (node instanceof MeshView mv && mv.getMesh() instanceof TriangleMesh t) n += t.getFaces().size() / t.getFaceElementSize();
        return n;
    }

    /** A wireframe cube at a corner of the volume's box, so it turns with the particle and reads as its scale. */
    private void placeScaleCube() {
        double c = Ticks.scaleBarNm(extentNm);
        for (Scene3D s : new Scene3D[]{still, moving}) {
            Box scale = new Box(c, c, c);
            scale.setDrawMode(DrawMode.LINE);
            scale.setMaterial(new PhongMaterial(Color.WHITE));
            scale.getTransforms().add(new Translate(-extentNm / 2 + c / 2, extentNm / 2 - c / 2, extentNm / 2 - c / 2));
            s.cube.getChildren().setAll(scale);
        }
    }

    private void showMode() {
        boolean vol = volumeMode();
        surfaces.setVisible(!vol);
        volumeImage.setVisible(vol);
        sub.setFill(vol ? Color.TRANSPARENT : Scene3D.BACKGROUND);
        showDetail();
        holder.setStyle(vol ? "-fx-background-color: #1c1c20;" : "");
        volumeControls.setVisible(vol);
        volumeControls.setManaged(vol);
        surfaceControls.setVisible(!vol);
        surfaceControls.setManaged(!vol);
        quantities.setVisible(!vol);
        quantities.setManaged(!vol);
        renderVolume(false);
    }

    Dataset.VolumeItem volumeItem() {
        return dataset == null || vvm.quantity() == null ? null : dataset.volume(vvm.quantity());
    }

    private void showFunction() {
        var item = volumeItem();
        if (item == null) return;
        var tf = vvm.function(item.name(), item.volume());
        volumeMap.setValue(tf.map());
        tfEditor.set(tf, Contrast.histogram(item.volume().data(), 128), item.unit());
    }

    /** The 3-D scene's camera as the ray caster takes it. */
    VolumeRaycaster.Camera cameraNow() {
        return new VolumeRaycaster.Camera(rx.getAngle(), ry.getAngle(), pan.getX(), pan.getY(), -camera.getTranslateZ(), camera.getFieldOfView());
    }

    IsoSurface.Clip clipNow() {
        int a = vm.clipAxis();
        return a < 0 ? IsoSurface.Clip.NONE : new IsoSurface.Clip(a, a == 0 ? cursor.xNm() : a == 1 ? cursor.yNm() : cursor.zNm());
    }

    /** The surfaces' groups, full and coarse (hidden by the frame-rate harness for its same-run baseline). */
    List<Group> surfacesGroupsForBench() { return List.of(surfaces, moving.surfaces); }

    void turnBy(double yawDeg) { ry.setAngle(ry.getAngle() + yawDeg); }
    double yaw() { return ry.getAngle(); }
    void setYaw(double deg) { ry.setAngle(deg); }

    static int threads() { return Math.max(1, Runtime.getRuntime().availableProcessors()); }

    /** Renders the volume on a worker (latest wins): coarse while dragging, full when still. */
    void renderVolume(boolean coarse) {
        var item = volumeItem();
        if (!volumeMode() || item == null) return;
        int w = (int) Math.max(1, holder.getWidth()), h = (int) Math.max(1, holder.getHeight());
        var tf = vvm.function(item.name(), item.volume());
        var cam = cameraNow();
        var clipNow = clipNow();
        long t0 = System.nanoTime();
        renderer.request(p -> vvm.render(item.volume(), tf, cam, clipNow, w, h, coarse, threads(), p), f -> {
            WritableImage img = new WritableImage(f.width(), f.height());
            img.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getIntArgbInstance(), f.argb(), 0, f.width());
            volumeImage.setImage(img);
            volumeInfo.setText(String.format(Locale.ROOT, "%s frame %d × %d in %.2f s · %s · scale cube %s", f.coarse() ? "coarse" : "full", f.width(), f.height(),
                    (System.nanoTime() - t0) / 1e9, clipNow.axis() < 0 ? "whole" : "clipped at the cursor", Ticks.lengthLabel(Ticks.scaleBarNm(extentNm))));
        }, e -> volumeInfo.setText("No volume rendering: " + Dialogs.sentence(e)));
    }

    /** The engine mesh as a JavaFX mesh; y and z are the image's, so the view matches the orthoslices (y down). */
    static TriangleMesh toFx(IsoSurface.Mesh m) {
        TriangleMesh t = new TriangleMesh();
        t.getPoints().setAll(m.points());
        t.getTexCoords().setAll(0, 0);
        int[] tri = m.triangles();
        int[] faces = new int[tri.length * 2];
        for (int i = 0; i < tri.length; i++) faces[2 * i] = tri[i];
        t.getFaces().setAll(faces);
        return t;
    }

    private static Color withAlpha(Color c, double a) { return Color.color(c.getRed(), c.getGreen(), c.getBlue(), a); }

    private void zoom(double f) {
        camera.setTranslateZ(camera.getTranslateZ() * f);
    }

    public void resetView() {
        rx.setAngle(-25);
        ry.setAngle(35);
        pan.setX(0);
        pan.setY(0);
        camera.setTranslateZ(-2.6 * extentNm);
    }

    /** The scene (surfaces or, in volume mode, the scale cube on a transparent background) at {@code scale} × its size. */
    java.awt.image.BufferedImage snapshot(double scale) {
        if (interacting) settled();   // exports show the full surfaces
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(new Scale(scale, scale));
        p.setFill(volumeMode() ? Color.TRANSPARENT : Scene3D.BACKGROUND);
        return SwingFXUtils.fromFXImage(sub.snapshot(p, null), null);
    }

    /** See {@link Surface3DExports#still}. */
    public java.util.concurrent.CompletableFuture<java.nio.file.Path> exportStill(java.nio.file.Path file, double dpi) {
        return exports.still(file, dpi);
    }

    public void dispose() {
        cursor.removeListener(onCursor);
        settle.stop();
        builder.shutdown();
        renderer.shutdown();
        exports.shutdown();
    }
}
