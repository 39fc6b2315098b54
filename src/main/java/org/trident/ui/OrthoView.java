package org.trident.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import org.trident.render.ColorMap;
import org.trident.render.Slices.Plane;
import org.trident.render.VolumeRender;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Linked orthoslices XY, XZ, YZ of one volume of a dataset, plus a rotatable 3-D view; one shared
 * cursor in nm. Click or drag to move the cursor, scroll to step the slice. The quantity, colour
 * map and contrast are chosen in the bar above; the value under the cursor goes to the status bar.
 */
public final class OrthoView extends BorderPane {
    private final OrthoViewModel vm;
    private final ImageCanvas xy = new ImageCanvas(), xz = new ImageCanvas(), yz = new ImageCanvas(), view3d = new ImageCanvas();
    private final ComboBox<String> quantity = new ComboBox<>();
    private final ComboBox<ColorMap> maps = new ComboBox<>();
    private final TextField lo = new TextField(), hi = new TextField();
    private final CheckBox rgb = new CheckBox("RGB Ni/Co/Mn");
    private final ComboBox<VolumeRender.Mode> mode3d = new ComboBox<>();
    private final HistogramBar histogram = new HistogramBar();
    private final LatestWins<int[]> renderer = new LatestWins<>(Platform::runLater);
    private final LatestWins<OrthoViewModel.Stats> contrast = new LatestWins<>(Platform::runLater);
    private double yaw = 30, pitch = -20;
    private double[] dragStart;
    private boolean updating;
    private Consumer<String> status = s -> {};

    public OrthoView(SharedCursor cursor) {
        vm = new OrthoViewModel(cursor);
        quantity.setTooltip(new Tooltip("Volume shown in the slices and the 3-D view"));
        quantity.setOnAction(e -> { if (!updating && quantity.getValue() != null) selectAndContrast(quantity.getValue()); });
        maps.getItems().setAll(ColorMap.all());
        maps.setTooltip(new Tooltip("Colour map: viridis, magma and cividis are perceptually uniform; coolwarm is for differences only"));
        maps.setOnAction(e -> { if (!updating && maps.getValue() != null) { vm.setMap(maps.getValue()); syncControls(); refresh(); } });
        for (TextField f : new TextField[]{lo, hi}) {
            f.setPrefColumnCount(5);
            f.setOnAction(e -> applyLimits());
            f.focusedProperty().addListener((o, was, now) -> { if (!now) applyLimits(); });
        }
        lo.setTooltip(new Tooltip("Value drawn with the lowest colour"));
        hi.setTooltip(new Tooltip("Value drawn with the highest colour"));
        Button auto = new Button("Auto");
        auto.setMinWidth(Region.USE_PREF_SIZE);
        rgb.setMinWidth(Region.USE_PREF_SIZE);
        auto.setTooltip(new Tooltip("Contrast from the histogram: 0.5 % to 99.5 % of the finite values"));
        auto.setOnAction(e -> autoContrast());
        rgb.setTooltip(new Tooltip("Overlay fraction-Ni (red), fraction-Co (green), fraction-Mn (blue), each 0–1"));
        rgb.setOnAction(e -> { vm.setRgb(rgb.isSelected()); refresh(); });
        mode3d.getItems().setAll(VolumeRender.Mode.values());
        mode3d.setValue(VolumeRender.Mode.MIP);
        mode3d.setTooltip(new Tooltip("3-D rendering: maximum-intensity projection, alpha compositing, or the isosurface at the middle of the limits (pick mask for the particle surface); drag the view to rotate"));
        mode3d.setOnAction(e -> render3d());
        quantity.setPrefWidth(150);
        maps.setPrefWidth(95);
        histogram.setOnLimits((l, h) -> { vm.setLimits(l, h); syncControls(); refresh(); });
        Tooltip.install(histogram, new Tooltip("Histogram of the volume (log counts) over the colour bar; drag with the left button to set the low limit, the right button the high one"));
        // wraps to a second row on narrow screens (1366 px) instead of truncating labels
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(5, 3, quantity, maps, fixed("Limits"), lo, hi, auto, histogram, rgb, fixed("3-D"), mode3d);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        setTop(bar);

        GridPane grid = new GridPane();
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setStyle("-fx-background-color: #18181c;");
        grid.add(xy, 0, 0);
        grid.add(yz, 1, 0);
        grid.add(xz, 0, 1);
        grid.add(view3d, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        setCenter(grid);
        wire(xy, Plane.XY);
        wire(xz, Plane.XZ);
        wire(yz, Plane.YZ);
        view3d.setOnPixel((c, r, drag, rel) -> {
            if (!drag) dragStart = new double[]{c, r, yaw, pitch};
            else if (dragStart != null) {
                yaw = dragStart[2] + (c - dragStart[0]) * 1.5;
                pitch = Math.max(-89, Math.min(89, dragStart[3] - (r - dragStart[1]) * 1.5));
                render3d();
            }
        });
        cursor.addListener(() -> Platform.runLater(this::refreshSlices));
    }

    private static Label fixed(String s) {
        Label l = new Label(s);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    public OrthoViewModel model() { return vm; }

    public ImageCanvas canvas(Plane p) { return p == Plane.XY ? xy : p == Plane.XZ ? xz : yz; }

    public void setStatusSink(Consumer<String> s) { status = s; }

    private void wire(ImageCanvas c, Plane p) {
        c.setOnPixel((col, row, drag, rel) -> { if (vm.item() != null) vm.moveTo(p, col, row); });
        c.setOnScroll(e -> {
            if (vm.item() == null) return;
            int step = e.getDeltaY() > 0 ? 1 : -1;
            var v = vm.item().volume();
            double vs = v.voxelSizeNm();
            var cur = vm.cursor();
            switch (p) {
                case XY -> cur.set(cur.xNm(), cur.yNm(), clampNm(cur.zNm() + step * vs, v.nz(), vs));
                case XZ -> cur.set(cur.xNm(), clampNm(cur.yNm() + step * vs, v.ny(), vs), cur.zNm());
                case YZ -> cur.set(clampNm(cur.xNm() + step * vs, v.nx(), vs), cur.yNm(), cur.zNm());
            }
        });
        Tooltip.install(c, new Tooltip("Click or drag to move the cursor; scroll to step through slices"));
    }

    private static double clampNm(double nm, int n, double vs) {
        double half = (n - 1) / 2.0 * vs;
        return Math.max(-half, Math.min(half, nm));
    }

    public void setDataset(Dataset d) {
        vm.setDataset(d, false);
        updating = true;
        quantity.getItems().clear();
        if (d != null) d.volumes().forEach(v -> quantity.getItems().add(v.name()));
        updating = false;
        if (vm.item() != null) selectAndContrast(vm.item().name());
        else { syncControls(); refresh(); }
    }

    /**
     * Shows a volume. Small volumes get their contrast at once; for large ones (512³ takes seconds)
     * the percentiles and histogram run on a worker, latest request wins, and the slices are drawn
     * again when they arrive.
     */
    private void selectAndContrast(String name) {
        vm.selectWithoutContrast(name);
        if (vm.item() == null || !vm.largeVolume()) {
            if (vm.item() != null) vm.autoContrast();
            syncControls();
            refresh();
            return;
        }
        syncControls();
        refresh();
        requestContrast(true);
    }

    private void autoContrast() {
        if (vm.item() == null) return;
        if (!vm.largeVolume()) { vm.autoContrast(); syncControls(); refresh(); return; }
        requestContrast(true);
    }

    private void requestContrast(boolean setLimits) {
        var item = vm.item();
        boolean diverging = vm.map().diverging();
        status.accept("Computing the histogram of " + item.name() + "…");
        contrast.request(p -> OrthoViewModel.stats(item, diverging), st -> {
            if (!vm.applyStats(st, setLimits)) return;
            syncControls();
            refresh();
        }, e -> status.accept("Cannot compute the histogram of " + item.name() + ": " + Dialogs.sentence(e)));
    }

    public void select(String name) {
        quantity.setValue(name);
    }

    private void syncControls() {
        updating = true;
        quantity.setValue(vm.item() == null ? null : vm.item().name());
        maps.setValue(vm.map());
        lo.setText(Quantities.format(vm.lo()));
        hi.setText(Quantities.format(vm.hi()));
        rgb.setDisable(!vm.rgbAvailable());
        rgb.setSelected(vm.rgb());
        if (vm.item() != null) histogram.set(vm.largeVolume() ? vm.histogramIfReady() : vm.histogram(), vm.map(), vm.lo(), vm.hi(), vm.item().unit());
        updating = false;
    }

    private void applyLimits() {
        if (updating) return;
        try {
            vm.setLimits(Double.parseDouble(lo.getText().trim()), Double.parseDouble(hi.getText().trim()));
            refresh();
        } catch (NumberFormatException e) {
            syncControls();
        }
    }

    public void refresh() {
        refreshSlices();
        render3d();
    }

    private void refreshSlices() {
        if (vm.item() == null) {
            for (ImageCanvas c : new ImageCanvas[]{xy, xz, yz, view3d}) {
                c.setImage(null, 0, 0, 1);
                c.setCaption(vm.dataset() == null ? "" : "This dataset has no volume yet");
            }
            return;
        }
        var v = vm.item().volume();
        double vs = v.voxelSizeNm();
        for (Plane p : Plane.values()) {
            ImageCanvas c = p == Plane.XY ? xy : p == Plane.XZ ? xz : yz;
            c.setImage(vm.render(p), vm.width(p), vm.height(p), 1);
            int[] cp = vm.cursorPixel(p);
            c.setCrosshair(cp[0], cp[1]);
            int k = vm.sliceIndex(p);
            int n = p == Plane.XY ? v.nz() : p == Plane.XZ ? v.ny() : v.nx();
            String axis = p == Plane.XY ? "z" : p == Plane.XZ ? "y" : "x";
            c.setCaption(String.format(Locale.ROOT, "%s   %s = %.1f nm  (slice %d/%d)", p, axis, SharedCursor.nm(k, n, vs), k + 1, n));
            c.setOverlay(p == Plane.YZ ? "columns y, rows z (beam at 0°)" : p == Plane.XZ ? "columns x, rows z (beam at 0°)" : "columns x, rows y");
        }
        status.accept(vm.readout());
    }

    private void render3d() {
        if (vm.item() == null) return;
        var item = vm.item();
        var map = vm.map();
        double l = vm.lo(), h = vm.hi(), yw = yaw, pt = pitch;
        var m = mode3d.getValue();
        view3d.setCaption(String.format(Locale.ROOT, "3-D %s   yaw %.0f°  pitch %.0f°  (drag to rotate)", m, yaw, pitch));
        renderer.request(p -> VolumeRender.render(item.volume(), m, yw, pt, 256, map, l, h, 0.08, p),
                px -> view3d.setImage(px, 256, 256, 1), e -> view3d.setCaption("3-D view failed: " + e.getMessage()));
    }

    public void dispose() { renderer.shutdown(); contrast.shutdown(); }
}
