package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.trident.render.ColorMap;
import org.trident.render.Slices;
import org.trident.render.Slices.Plane;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The figure composer (File ▸ Compose figure…): add slice and profile panels from the open
 * datasets, arrange them in a grid, set the size, and see the figure as {@code trident figure}
 * renders it; save it as PNG/TIFF/PDF and the layout as JSON. All drawing is the engine's
 * ({@link FigureComposerViewModel#render}); this class only holds controls.
 */
public final class FigureComposerView extends BorderPane {
    private final FigureComposerViewModel model = new FigureComposerViewModel();
    private final Supplier<List<Dataset>> datasets;
    private final Jobs jobs;
    private final LatestWins<BufferedImage> preview = new LatestWins<>(Platform::runLater);

    final ComboBox<Dataset> sliceDataset = new ComboBox<>();
    final ComboBox<String> sliceQuantity = new ComboBox<>();
    final ComboBox<Plane> slicePlane = new ComboBox<>();
    final Spinner<Integer> sliceIndex = new Spinner<>(0, 0, 0);
    final TextField sliceTitle = new TextField();
    final Button addSlice = new Button("Add slice panel");
    final ComboBox<String> profileQuantity = new ComboBox<>();
    final VBox profileDatasets = new VBox(2);
    final ComboBox<String> band = new ComboBox<>();
    /** Which profiles of each analysis the panel draws (saved as the panel's "source"). */
    final ComboBox<org.trident.analysis.ProfileSource> profileSource = new ComboBox<>();
    final TextField profileTitle = new TextField();
    final Button addProfile = new Button("Add profile panel");
    final ListView<String> panelList = new ListView<>();
    final Spinner<Integer> columns = new Spinner<>(1, 8, FigureComposerViewModel.COLUMNS);
    final ComboBox<ColorMap> rowMap = new ComboBox<>();
    final TextField rowLo = new TextField(), rowHi = new TextField();
    final TextField width = new TextField(), dpi = new TextField();
    final CheckBox letters = new CheckBox("Panel letters (a, b, …)");
    final Label status = new Label("Add a slice or a profile panel.");
    private final ImageView image = new ImageView();
    private BufferedImage shown;

    public FigureComposerView(Supplier<List<Dataset>> datasets, Jobs jobs) {
        this.datasets = datasets;
        this.jobs = jobs;
        setId("figure-composer");
        VBox controls = new VBox(6, addSlicePane(), addProfilePane(), panelsPane());
        controls.setPadding(new Insets(6));
        controls.setPrefWidth(330);
        status.setWrapText(true);
        status.setId("composer-status");
        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        image.setPreserveRatio(true);
        ScrollPane right = new ScrollPane(image);
        right.setStyle("-fx-background: #50535a;");
        // the preview is scaled to the window's width; the file has the full size
        right.viewportBoundsProperty().addListener((o, a, b) -> image.setFitWidth(Math.max(50, b.getWidth() - 8)));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        setCenter(split);
        // size and files above the preview, the status line under it: always in view
        HBox top = new HBox(8, sizeBar(), new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), fileBar());
        top.setPadding(new Insets(6));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(top);
        status.setPadding(new Insets(3, 8, 3, 8));
        setBottom(status);
        refreshSources();
        fromModel();
    }

    private TitledPane addSlicePane() {
        slicePlane.getItems().setAll(Plane.values());
        slicePlane.setValue(Plane.XY);
        sliceDataset.setTooltip(new Tooltip("The dataset whose volume is cut"));
        sliceQuantity.setTooltip(new Tooltip("A reconstructed channel or a derived volume (fraction, valence, depth…) saved on disk"));
        slicePlane.setTooltip(new Tooltip("XY: columns x, rows y; XZ and YZ: rows z (the beam at 0°)"));
        sliceIndex.setTooltip(new Tooltip("Voxel index along the plane's normal; starts at the particle's centre of mass"));
        sliceIndex.setEditable(true);
        sliceTitle.setPromptText("title (optional)");
        sliceDataset.setOnAction(e -> fillQuantities());
        sliceQuantity.setOnAction(e -> fillIndex());
        slicePlane.setOnAction(e -> fillIndex());
        addSlice.setId("composer-add-slice");
        addSlice.setTooltip(new Tooltip("Adds the section with a scale bar; its row's colour bar names the quantity"));
        addSlice.setOnAction(e -> act(() -> model.addSlice(sliceDataset.getValue(), sliceQuantity.getValue(), slicePlane.getValue(),
                sliceIndex.getValue(), sliceTitle.getText())));
        VBox b = new VBox(4, row("dataset", sliceDataset), row("volume", sliceQuantity), row("plane", slicePlane), row("index", sliceIndex), sliceTitle, addSlice);
        return titled("Slice panel", b);
    }

    private TitledPane addProfilePane() {
        band.getItems().setAll("halfset", "sem", "spread", "none");
        band.setValue("halfset");
        band.setTooltip(new Tooltip("Error band: ± half-set error of the shell mean (± s.e.m. where there are no half sets), ± s.e.m., ± the voxel spread, or none"));
        profileSource.getItems().setAll(org.trident.analysis.ProfileSource.values());
        profileSource.setValue(org.trident.analysis.ProfileSource.AUTO);
        profileSource.setId("composer-profile-source");
        profileSource.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(org.trident.analysis.ProfileSource s) { return s == null ? "" : s.label(); }
            @Override public org.trident.analysis.ProfileSource fromString(String t) { return org.trident.analysis.ProfileSource.parse(t); }
        });
        profileSource.setTooltip(new Tooltip("auto: the profiles the analysis reported (the shell fit when pipeline or Analyze chose it, "
                + "by provenance.json's profileSource); voxel: mean per depth shell of the volumes; fit: the shell fit's profiles, ± 1 σ as the band"));
        profileQuantity.setTooltip(new Tooltip("The quantity whose depth profile is plotted, one curve per ticked dataset"));
        profileTitle.setPromptText("title (optional)");
        addProfile.setId("composer-add-profile");
        addProfile.setTooltip(new Tooltip("Adds the profiles drawn by compare's chart builder (line styles, markers, bands)"));
        addProfile.setOnAction(e -> act(() -> {
            List<Dataset> chosen = new ArrayList<>();
            for (var n : profileDatasets.getChildren()) if (n instanceof CheckBox c && c.isSelected()) chosen.add((Dataset) c.getUserData());
            model.addProfile(chosen, profileQuantity.getValue(), band.getValue(), profileSource.getValue(), profileTitle.getText());
        }));
        VBox b = new VBox(4, row("quantity", profileQuantity), new Label("datasets"), profileDatasets, row("band", band),
                row("profiles", profileSource), profileTitle, addProfile);
        return titled("Depth-profile panel", b);
    }

    private TitledPane panelsPane() {
        panelList.setPrefHeight(130);
        panelList.setId("composer-panels");
        panelList.setTooltip(new Tooltip("Panels in reading order, filled row by row into the columns"));
        Button up = new Button("◀ Earlier"), down = new Button("Later ▶"), remove = new Button("Remove");
        up.setOnAction(e -> moveSelected(-1));
        down.setOnAction(e -> moveSelected(1));
        remove.setId("composer-remove");
        remove.setOnAction(e -> {
            int i = panelList.getSelectionModel().getSelectedIndex();
            if (i >= 0) { model.remove(i); changed(); }
        });
        columns.setTooltip(new Tooltip("Panels per row; rows follow from the panel count"));
        columns.valueProperty().addListener((o, a, b) -> { model.setColumns(b); changed(); });
        rowMap.getItems().setAll(ColorMap.all());
        rowMap.setTooltip(new Tooltip("Colour map of the selected panel's row (one colour bar per row)"));
        rowLo.setPromptText("auto");
        rowHi.setPromptText("auto");
        rowLo.setPrefColumnCount(5);
        rowHi.setPrefColumnCount(5);
        rowLo.setTooltip(new Tooltip("Colour-bar limits of the row; blank: 1st to 99th percentile of the row's sections"));
        rowHi.setTooltip(rowLo.getTooltip());
        Button applyRow = new Button("Apply to row");
        applyRow.setOnAction(e -> applyRowStyle());
        panelList.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> showRowStyle());
        VBox b = new VBox(4, panelList, new HBox(4, up, down, remove), row("columns", columns),
                new Label("row of the selected panel"), row("colour map", rowMap), new HBox(4, new Label("limits"), rowLo, rowHi, applyRow));
        return titled("Panels and grid", b);
    }

    private HBox sizeBar() {
        width.setId("composer-width");
        width.setTooltip(new Tooltip("Figure width on paper in mm"));
        dpi.setId("composer-dpi");
        dpi.setTooltip(new Tooltip("Print resolution stored in PNG/TIFF, and of the PDF's raster (300 at least)"));
        Button single = new Button("Single column 85"), dbl = new Button("Double 175");
        single.setTooltip(new Tooltip("One journal column: 85 mm (85–90 mm)"));
        dbl.setTooltip(new Tooltip("Two journal columns: 175 mm (170–180 mm)"));
        single.setOnAction(e -> { width.setText(fmt(org.trident.render.ProfileFigure.Options.SINGLE_COLUMN_MM)); readSize(); });
        dbl.setId("composer-double");
        dbl.setOnAction(e -> { width.setText(fmt(org.trident.render.ProfileFigure.Options.DOUBLE_COLUMN_MM)); readSize(); });
        width.setOnAction(e -> readSize());
        dpi.setOnAction(e -> readSize());
        width.focusedProperty().addListener((o, a, b) -> { if (!b) readSize(); });
        dpi.focusedProperty().addListener((o, a, b) -> { if (!b) readSize(); });
        letters.setTooltip(new Tooltip("Bold a, b, … before each panel's title"));
        letters.setOnAction(e -> { model.setLetters(letters.isSelected()); changed(); });
        width.setPrefColumnCount(5);
        dpi.setPrefColumnCount(5);
        HBox b = new HBox(4, new Label("width (mm)"), width, single, dbl, new Label("dpi"), dpi, letters);
        b.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return b;
    }

    private HBox fileBar() {
        Button fig = new Button("Save figure…"), save = new Button("Save layout…"), load = new Button("Load layout…");
        fig.setTooltip(new Tooltip("PNG or TIFF (dpi stored) or PDF (profiles as vectors, fonts embedded), with NAME.provenance.json"));
        save.setTooltip(new Tooltip("The layout JSON: trident figure LAYOUT.json --out FIG.pdf makes the same figure"));
        load.setTooltip(new Tooltip("Open a trident.figure/1 layout to preview and edit"));
        fig.setOnAction(e -> choose("Save figure", true, "*.png", "*.tif", "*.pdf").ifPresent(this::saveFigure));
        save.setOnAction(e -> choose("Save figure layout", true, "*.json").ifPresent(this::saveLayout));
        load.setOnAction(e -> choose("Load figure layout", false, "*.json").ifPresent(this::loadLayout));
        fig.setId("composer-save-figure");
        return new HBox(4, fig, save, load);
    }

    private java.util.Optional<Path> choose(String title, boolean save, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        for (String p : patterns) fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(p.substring(2).toUpperCase(Locale.ROOT), p));
        Window w = getScene() == null ? null : getScene().getWindow();
        File f = save ? fc.showSaveDialog(w) : fc.showOpenDialog(w);
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    /** Writes the figure shown through the CLI's engine, as a job; the outcome goes to the status line. */
    public Jobs.Job saveFigure(Path out) {
        readSize();
        ObjectNode layout;
        try {
            layout = model.layout(null);
        } catch (RuntimeException e) {
            status.setText(Dialogs.sentence(e));
            return null;
        }
        Path name = model.layoutFile();
        status.setText("Writing " + out.getFileName() + "…");
        return jobs.submit("Figure " + out.getFileName(), p -> FigureComposerViewModel.writeFigure(layout, name, out),
                n -> status.setText("Wrote " + out + " (" + n + " panels) and its provenance."),
                e -> status.setText("The figure was not written: " + Dialogs.sentence(e)));
    }

    public void saveLayout(Path file) {
        readSize();
        act(() -> {
            model.saveLayout(file);
            status.setText("Saved " + file.getFileName() + "; trident figure " + file.getFileName() + " --out FIG.pdf makes this figure.");
        });
    }

    public void loadLayout(Path file) {
        try {
            String note = model.load(file);
            fromModel();
            changed();
            if (note != null) status.setText(status.getText() + " Note: " + note + ".");
        } catch (RuntimeException e) {
            status.setText("The layout was not loaded: " + Dialogs.sentence(e));
        }
    }

    /** Re-reads the open datasets (call when the window is shown). */
    public void refreshSources() {
        List<Dataset> ds = datasets.get();
        Dataset keep = sliceDataset.getValue();
        sliceDataset.getItems().setAll(ds);
        sliceDataset.setValue(keep != null && ds.contains(keep) ? keep : ds.isEmpty() ? null : ds.get(0));
        fillQuantities();
        LinkedHashSet<String> qs = new LinkedHashSet<>();
        profileDatasets.getChildren().clear();
        for (Dataset d : ds) {
            if (d.profiles() != null) qs.addAll(d.profiles().quantities());
            CheckBox c = new CheckBox(d.label());
            c.setUserData(d);
            c.setSelected(FigureComposerViewModel.profileTable(d) != null);
            c.setDisable(FigureComposerViewModel.profileTable(d) == null);
            profileDatasets.getChildren().add(c);
        }
        String q = profileQuantity.getValue();
        profileQuantity.getItems().setAll(qs);
        profileQuantity.setValue(q != null && qs.contains(q) ? q : qs.stream().filter(s -> s.startsWith("fraction-")).findFirst().orElse(qs.isEmpty() ? null : qs.iterator().next()));
    }

    private void fillQuantities() {
        Dataset d = sliceDataset.getValue();
        String q = sliceQuantity.getValue();
        List<String> names = d == null ? List.of() : d.volumes().stream().map(Dataset.VolumeItem::name).filter(n -> !n.contains("/")).toList();
        sliceQuantity.getItems().setAll(names);
        sliceQuantity.setValue(q != null && names.contains(q) ? q : names.isEmpty() ? null : names.get(0));
        fillIndex();
    }

    private void fillIndex() {
        Dataset d = sliceDataset.getValue();
        String q = sliceQuantity.getValue();
        if (d == null || q == null || d.volume(q) == null || slicePlane.getValue() == null) return;
        int n = Slices.depth(d.volume(q).volume(), slicePlane.getValue());
        sliceIndex.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0, n - 1,
                FigureComposerViewModel.centreIndex(d, q, slicePlane.getValue())));
    }

    private void moveSelected(int delta) {
        int i = panelList.getSelectionModel().getSelectedIndex();
        if (i < 0) return;
        int j = model.move(i, delta);
        changed();
        panelList.getSelectionModel().select(j);
    }

    private void showRowStyle() {
        int i = panelList.getSelectionModel().getSelectedIndex();
        if (i < 0) return;
        int r = model.rowOf(i);
        rowMap.setValue(model.rowMap(r));
        double[] l = model.rowLimits(r);
        rowLo.setText(Double.isFinite(l[0]) ? fmt(l[0]) : "");
        rowHi.setText(Double.isFinite(l[1]) ? fmt(l[1]) : "");
    }

    private void applyRowStyle() {
        int i = panelList.getSelectionModel().getSelectedIndex();
        if (i < 0) { status.setText("Select a panel of the row first."); return; }
        try {
            double lo = rowLo.getText().isBlank() ? Double.NaN : Double.parseDouble(rowLo.getText().trim());
            double hi = rowHi.getText().isBlank() ? Double.NaN : Double.parseDouble(rowHi.getText().trim());
            if (Double.isFinite(lo) != Double.isFinite(hi) || (Double.isFinite(lo) && !(hi > lo))) {
                status.setText("Give both limits with the upper above the lower, or leave both blank for automatic.");
                return;
            }
            model.setRowStyle(model.rowOf(i), rowMap.getValue() == null ? ColorMap.VIRIDIS : rowMap.getValue(), lo, hi);
            changed();
            panelList.getSelectionModel().select(i);
        } catch (NumberFormatException e) {
            status.setText("Limits must be numbers (or blank for automatic).");
        }
    }

    /** Width and dpi as typed; the engine says what is wrong with them (below 300 dpi, not positive). */
    private void readSize() {
        try {
            double w = Double.parseDouble(width.getText().trim()), d = Double.parseDouble(dpi.getText().trim());
            if (w == model.widthMm() && d == model.dpi()) return;
            model.setWidthMm(w);
            model.setDpi(d);
            changed();
        } catch (NumberFormatException e) {
            status.setText("Width and dpi must be numbers.");
        }
    }

    private void act(Runnable r) {
        try {
            r.run();
            changed();
        } catch (RuntimeException e) {
            status.setText(Dialogs.sentence(e));
        }
    }

    private void fromModel() {
        width.setText(fmt(model.widthMm()));
        dpi.setText(fmt(model.dpi()));
        letters.setSelected(model.letters());
        columns.getValueFactory().setValue(model.columns());
    }

    /** The list follows the model, and the preview is rendered anew off the FX thread (latest request wins). */
    private void changed() {
        panelList.getItems().setAll(model.describe());
        if (model.size() == 0) {
            image.setImage(null);
            shown = null;
            status.setText("Add a slice or a profile panel.");
            return;
        }
        ObjectNode layout;
        try {
            layout = model.layout(null);
        } catch (RuntimeException e) {
            status.setText(Dialogs.sentence(e));
            return;
        }
        Path name = model.layoutFile();
        status.setText("Rendering the preview…");
        preview.request(p -> FigureComposerViewModel.render(layout, name), img -> {
            shown = img;
            image.setImage(SwingFXUtils.toFXImage(img, null));
            status.setText(String.format(Locale.ROOT, "%d panels, %d × %d px (%.0f × %.0f mm at %.0f dpi)", model.size(), img.getWidth(), img.getHeight(),
                    model.widthMm(), img.getHeight() / model.dpi() * 25.4, model.dpi()));
        }, e -> status.setText("No preview: " + Dialogs.sentence(e)));
    }

    /** The last preview rendered (for tests and the status line); null before one lands. */
    public BufferedImage shownPreview() { return shown; }
    public long previewRequests() { return preview.generation(); }
    public FigureComposerViewModel model() { return model; }

    private javafx.stage.Stage window;

    /** Shows the composer in its own window owned by {@code owner}, with the datasets open now. */
    public void showIn(Window owner) {
        if (window == null) {
            window = new javafx.stage.Stage();
            window.initOwner(owner);
            window.setTitle("Trident — compose figure");
            window.setScene(new javafx.scene.Scene(this, 1200, 760));
        }
        refreshSources();
        window.show();
        window.toFront();
    }

    public void dispose() {
        preview.shutdown();
        if (window != null) window.close();
    }

    private static HBox row(String label, javafx.scene.Node n) {
        Label l = new Label(label);
        l.setMinWidth(70);
        return new HBox(4, l, n);
    }

    private static TitledPane titled(String t, javafx.scene.Node content) {
        TitledPane p = new TitledPane(t, content);
        p.setCollapsible(false);
        return p;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
