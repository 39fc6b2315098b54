package org.trident.ui;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SnapshotParameters;
import javafx.scene.SubScene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
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
import org.trident.render.ImageExport;
import org.trident.render.IsoSurface;
import org.trident.render.Ticks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 3-D view: lit, semi-transparent isosurfaces of chosen quantities of one dataset in a
 * JavaFX 3-D SubScene (hardware-accelerated where the platform has it), one colour per element;
 * drag to orbit, scroll to zoom, shift-drag (or right-drag) to pan; a wireframe scale cube; a
 * clipping plane at the shared cursor; still export at a chosen dpi. Meshes are built by
 * {@link org.trident.render.IsoSurface} on a worker (latest request wins).
 */
public final class Surface3DView extends BorderPane {
    private final SurfaceViewModel vm = new SurfaceViewModel();
    private final SharedCursor cursor;
    private final LatestWins<List<SurfaceViewModel.Built>> builder = new LatestWins<>(Platform::runLater);
    private final Group surfaces = new Group();
    private final Group world = new Group();
    private final Rotate rx = new Rotate(-25, Rotate.X_AXIS), ry = new Rotate(35, Rotate.Y_AXIS);
    private final Translate pan = new Translate();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene sub;
    private final FlowPane quantities = new FlowPane(8, 4);
    private final Slider opacity = new Slider(0.1, 1, 0.55);
    private final Slider smoothing = new Slider(0, 20, 5);
    private final ComboBox<String> clip = new ComboBox<>();
    private final Label info = new Label();
    private final Runnable onCursor = () -> { if (vm.clipAxis() >= 0) rebuild(); };
    private Dataset dataset;
    private double extentNm = 100;
    private double dragX, dragY;

    public Surface3DView(SharedCursor cursor) {
        this.cursor = cursor;
        world.getTransforms().addAll(pan, rx, ry);
        world.getChildren().add(surfaces);
        AmbientLight ambient = new AmbientLight(Color.gray(0.35));
        PointLight key = new PointLight(Color.gray(0.9));
        key.getTransforms().add(new Translate(-400, -600, -1500));
        Group root3d = new Group(world, ambient, key, camera);
        camera.setNearClip(0.5);
        camera.setFarClip(100_000);
        camera.setFieldOfView(30);
        sub = new SubScene(root3d, 640, 480, true, SceneAntialiasing.BALANCED);
        sub.setFill(Color.rgb(28, 28, 32));
        sub.setCamera(camera);
        Pane holder = new Pane(sub);
        holder.setMinSize(200, 200);
        sub.widthProperty().bind(holder.widthProperty());
        sub.heightProperty().bind(holder.heightProperty());
        sub.setOnMousePressed(e -> { dragX = e.getSceneX(); dragY = e.getSceneY(); });
        sub.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - dragX, dy = e.getSceneY() - dragY;
            dragX = e.getSceneX();
            dragY = e.getSceneY();
            if (e.isShiftDown() || e.isSecondaryButtonDown()) {
                double k = extentNm / Math.max(1, sub.getHeight());
                pan.setX(pan.getX() + dx * k);
                pan.setY(pan.getY() + dy * k);
            } else {
                ry.setAngle(ry.getAngle() + dx * 0.4);
                rx.setAngle(Math.max(-90, Math.min(90, rx.getAngle() - dy * 0.4)));
            }
        });
        sub.setOnScroll(e -> zoom(e.getDeltaY() > 0 ? 0.9 : 1 / 0.9));
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
        reset.setOnAction(e -> resetView());
        HBox controls = new HBox(8, new Label("opacity"), opacity, new Label("smoothing"), smoothing, clip, reset);
        controls.setAlignment(Pos.CENTER_LEFT);
        info.setWrapText(true);
        VBox bottom = new VBox(4, quantities, controls, info);
        bottom.setPadding(new Insets(4));
        setBottom(bottom);
        cursor.addListener(onCursor);
    }

    public SurfaceViewModel model() { return vm; }
    public SubScene subScene() { return sub; }
    public Label infoLine() { return info; }

    /** Shows {@code d}: its mask, HAADF and fraction-Ni/Co/Mn are offered, the fractions drawn (else the first volume). */
    public void setDataset(Dataset d) {
        dataset = d;
        quantities.getChildren().clear();
        surfaces.getChildren().clear();
        if (d == null || d.volumes().isEmpty()) { info.setText("No volumes in this dataset: reconstruct first."); return; }
        var v0 = d.volumes().get(0).volume();
        extentNm = Math.max(v0.nx(), Math.max(v0.ny(), v0.nz())) * v0.voxelSizeNm();
        List<String> drawn = new ArrayList<>();
        for (var it : d.volumes()) {
            if (it.name().contains("/")) continue;
            CheckBox b = new CheckBox(it.name());
            boolean fraction = it.name().startsWith("fraction-");
            b.setSelected(fraction);
            if (fraction) drawn.add(it.name());
            b.setOnAction(e -> rebuild());
            quantities.getChildren().add(b);
        }
        if (drawn.isEmpty() && !quantities.getChildren().isEmpty()) ((CheckBox) quantities.getChildren().get(0)).setSelected(true);
        resetView();
        rebuild();
    }

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
        surfaces.getChildren().clear();
        StringBuilder b = new StringBuilder();
        int faces = 0;
        for (var s : built) {
            MeshView mv = new MeshView(toFx(s.mesh()));
            double[] c = s.layer().rgb();
            PhongMaterial m = new PhongMaterial(Color.color(c[0], c[1], c[2], opacity.getValue()));
            m.setSpecularColor(Color.gray(0.35));
            m.setSpecularPower(24);
            mv.setMaterial(m);
            mv.setCullFace(CullFace.NONE);
            mv.setDrawMode(DrawMode.FILL);
            surfaces.getChildren().add(mv);
            faces += s.mesh().faces();
            b.append(b.length() > 0 ? " · " : "").append(s.layer().name()).append(" ≥ ").append(Quantities.format(s.layer().level()));
        }
        double cube = Ticks.scaleBarNm(extentNm);
        Box scale = new Box(cube, cube, cube);
        scale.setDrawMode(DrawMode.LINE);
        scale.setMaterial(new PhongMaterial(Color.WHITE));
        // at a corner of the volume's box, so it turns with the particle and reads as its scale
        scale.getTransforms().add(new Translate(-extentNm / 2 + cube / 2, extentNm / 2 - cube / 2, extentNm / 2 - cube / 2));
        surfaces.getChildren().add(scale);
        info.setText(String.format(Locale.ROOT, "%s (%s) · surfaces: %s · %,d triangles · scale cube %s · drag: orbit, shift-drag: pan, wheel: zoom",
                dataset.label(), vm.clipAxis() < 0 ? "whole" : "clipped at the cursor", b, faces, Ticks.lengthLabel(cube)));
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

    /** The view as shown, rendered at {@code dpi} (96 dpi = screen size) into a PNG or TIFF with that resolution recorded. */
    public Path exportStill(Path file, double dpi) {
        double s = dpi / 96.0;
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(new Scale(s, s));
        p.setFill(Color.rgb(28, 28, 32));
        var img = sub.snapshot(p, null);
        ImageExport.write(file, SwingFXUtils.fromFXImage(img, null), dpi);
        var view = org.trident.io.Json.object().put("dataset", dataset == null ? "" : dataset.label())
                .put("clip", clip.getValue()).put("rotationXDeg", rx.getAngle()).put("rotationYDeg", ry.getAngle()).put("dpi", dpi);
        var layers = view.putArray("surfaces");
        for (String q : chosen()) layers.add(q);
        List<Path> inputs = new ArrayList<>();
        if (dataset != null) for (String q : chosen()) { var it = dataset.volume(q); if (it != null && it.file() != null) inputs.add(it.file()); }
        return org.trident.render.ExportRecord.write(file, "3d-still", inputs, view);
    }

    public void dispose() {
        cursor.removeListener(onCursor);
        builder.shutdown();
    }
}
