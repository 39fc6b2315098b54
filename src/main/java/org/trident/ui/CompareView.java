package org.trident.ui;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.trident.render.ColorMap;
import org.trident.render.Figure;
import org.trident.render.Slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Compare: 2–4 datasets as columns, quantities as rows, the same slice (relative to each
 * particle's centre of mass) and colour scale per row; shows exactly the figure Export writes.
 */
public final class CompareView extends BorderPane {
    private final ImageCanvas canvas = new ImageCanvas();
    private final PlotCanvas profiles = new PlotCanvas();
    private final VBox settings = new VBox(4);
    private final FigureModel model = new FigureModel();
    private final SharedCursor cursor;
    private final List<CheckBox> dsBoxes = new ArrayList<>(), qBoxes = new ArrayList<>();
    private final ComboBox<Slices.Plane> plane = new ComboBox<>();
    private final ComboBox<ColorMap> map = new ComboBox<>();
    private final CheckBox centre = new CheckBox("Link by centre of mass");
    private final CheckBox byDepth = new CheckBox("Link by depth from the surface");
    /** Which depth profiles the chart shows: auto (what each run reported), voxel or the shell fit. */
    private final javafx.scene.control.ChoiceBox<org.trident.analysis.ProfileSource> profileSource = new javafx.scene.control.ChoiceBox<>(
            javafx.collections.FXCollections.observableArrayList(org.trident.analysis.ProfileSource.values()));
    private final Label profileNote = new Label();
    private final CompareProfiles chart = new CompareProfiles();
    private List<Dataset> all = List.of();
    private Consumer<Throwable> onError = e -> {};

    public CompareView(SharedCursor cursor) {
        this.cursor = cursor;
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(canvas, profiles);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        setCenter(split);
        settings.setPadding(new Insets(4));
        plane.getItems().setAll(Slices.Plane.values());
        plane.setValue(Slices.Plane.XY);
        plane.setOnAction(e -> refresh());
        map.getItems().setAll(ColorMap.sequential());
        map.setValue(ColorMap.VIRIDIS);
        map.setOnAction(e -> refresh());
        centre.setSelected(true);
        centre.setTooltip(new Tooltip("Cut every particle at the same offset from its own centre of mass (the shared cursor)"));
        centre.setOnAction(e -> refresh());
        byDepth.setTooltip(new Tooltip("Cut every particle through its own centre of mass and outline, in every panel, "
                + "the depth from the surface found at the cursor in the first dataset (needs depth-nm volumes from Analyze)"));
        byDepth.setOnAction(e -> { centre.setDisable(byDepth.isSelected()); refresh(); });
        cursor.addListener(() -> javafx.application.Platform.runLater(() -> { if (isVisible()) refresh(); }));
        profileSource.setId("compare-profile-source");
        profileSource.setValue(org.trident.analysis.ProfileSource.AUTO);
        profileSource.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(org.trident.analysis.ProfileSource s) {
                return s == null ? "" : switch (s) {
                    case AUTO -> "auto (as reported)";
                    case VOXEL -> "voxel";
                    case FIT -> "shell fit";
                };
            }
            @Override public org.trident.analysis.ProfileSource fromString(String t) {
                return profileSource.getItems().stream().filter(x -> toString(x).equals(t)).findFirst().orElse(null);
            }
        });
        profileSource.setTooltip(new Tooltip("auto: each dataset's reported profiles (the shell fit where pipeline or Analyze reported it, "
                + "by its provenance.json), as compare --profiles auto; voxel: mean ± std per shell of the volumes; "
                + "shell fit: fitted to the projections, ± 1 σ, a dot per shell"));
        profileSource.valueProperty().addListener((o, a, b) -> refresh());
        profileNote.setWrapText(true);
        profileNote.setId("compare-profile-note");
    }

    /** The chart's profile choice (auto, voxel, fit). */
    public javafx.scene.control.ChoiceBox<org.trident.analysis.ProfileSource> profileSourceBox() { return profileSource; }
    /** What the chart left out and why (e.g. a dataset without a shell fit), or empty. */
    public Label profileNote() { return profileNote; }
    /** The depth-profile chart under the slices. */
    public PlotCanvas profilesPlot() { return profiles; }

    public VBox settings() { return settings; }
    public FigureModel model() { return model; }
    public void setOnError(Consumer<Throwable> c) { onError = c; }

    public void setDatasets(List<Dataset> ds) {
        all = ds;
        chart.clear();
        settings.getChildren().clear();
        dsBoxes.clear();
        qBoxes.clear();
        settings.getChildren().add(new Label("Datasets (columns, 2–4)"));
        for (int i = 0; i < ds.size(); i++) {
            CheckBox b = new CheckBox(ds.get(i).label());
            b.setSelected(i < 4 && !ds.get(i).volumes().isEmpty());
            b.setOnAction(e -> refresh());
            dsBoxes.add(b);
            settings.getChildren().add(b);
        }
        settings.getChildren().add(new Label("Quantities (rows)"));
        List<String> qs = FigureModel.available(ds);
        for (String q : qs) {
            CheckBox b = new CheckBox(q);
            b.setSelected(q.equalsIgnoreCase("HAADF") || q.equals("fraction-Ni") || q.equals("valence-Mn") || q.equals("inhomogeneity"));
            b.setOnAction(e -> refresh());
            qBoxes.add(b);
            settings.getChildren().add(b);
        }
        if (qBoxes.stream().noneMatch(CheckBox::isSelected) && !qBoxes.isEmpty()) qBoxes.get(0).setSelected(true);
        settings.getChildren().addAll(new Label("Plane"), plane, new Label("Colour map"), map, centre, byDepth,
                new Label("Depth profiles (chart)"), profileSource, profileNote);
        refresh();
    }

    /** Pushes the choices into the model; returns false when there is nothing to draw. */
    public boolean syncModel() {
        model.datasets().clear();
        for (int i = 0; i < dsBoxes.size(); i++) if (dsBoxes.get(i).isSelected() && model.datasets().size() < 4) model.datasets().add(all.get(i));
        model.quantities().clear();
        for (CheckBox b : qBoxes) if (b.isSelected()) model.quantities().add(b.getText());
        model.setPlane(plane.getValue());
        model.setMap(map.getValue());
        model.setContourDepthNm(Double.NaN);
        model.setRelativeToCentre(centre.isSelected());
        if (byDepth.isSelected()) {
            model.linkByDepth(cursor.xNm(), cursor.yNm(), cursor.zNm());
        } else if (centre.isSelected() && !model.datasets().isEmpty()) {
            // the shared cursor, taken relative to the first dataset's centre, sets the offset for all
            double[] c = FigureModel.centreNm(model.datasets().get(0));
            model.setOffset(cursor.xNm() - c[0], cursor.yNm() - c[1], cursor.zNm() - c[2]);
        } else {
            model.setOffset(cursor.xNm(), cursor.yNm(), cursor.zNm());
        }
        return !model.datasets().isEmpty() && !model.quantities().isEmpty();
    }

    /**
     * The depth profile of the first row's quantity that has one, every column's dataset overlaid,
     * the profiles chosen (auto / voxel / shell fit) read from each dataset's analysis folder by
     * the engine's reader ({@link CompareProfiles}).
     */
    private void drawProfiles() {
        String q = null;
        // chemistry first: the HAADF profile mostly shows the particle's shape
        List<String> order = new java.util.ArrayList<>(model.quantities());
        order.sort(java.util.Comparator.comparingInt(x -> x.toUpperCase(Locale.ROOT).contains("ADF") ? 1 : 0));
        for (String cand : order) {
            if (model.datasets().stream().anyMatch(d -> d.profiles() != null && !d.profiles().get(cand).isEmpty()
                    || d.fitProfiles() != null && !d.fitProfiles().get(cand).isEmpty())) { q = cand; break; }
        }
        if (q == null) {
            profileNote.setText("");
            profiles.set("Depth profiles appear here once the datasets are analysed (for the quantities in the rows)", "", "", List.of(), List.of());
            return;
        }
        CompareProfiles.Chart c = chart.chart(model.datasets(), q, profileSource.getValue());
        profileNote.setText(String.join("\n", c.problems()));
        String what = c.sources().isEmpty() ? "no profiles" : c.sources();
        profiles.set(q + " per depth shell (voxel: mean ± std; fit: shell fit ± 1σ) · " + what, "depth from surface (nm)", Quantities.label(q),
                c.series(), List.of());
    }

    public void refresh() {
        if (!syncModel()) {
            canvas.setImage(null, 0, 0, 1);
            canvas.setCaption(all.isEmpty() ? "Open two or more datasets to compare them" : "Pick datasets and quantities on the right");
            return;
        }
        try {
            // compose at the size it is shown (so text stays legible): fit the width, then the height
            double w = Math.max(300, canvas.getWidth()), h = Math.max(200, canvas.getHeight() - 20);
            var im = model.compose(new Figure.Options(w / 96.0 * 25.4, 96, 9, true, true));
            if (im.getHeight() > h) {
                double fw = Math.max(300, w * h / im.getHeight());
                im = model.compose(new Figure.Options(fw / 96.0 * 25.4, 96, 9, true, true));
            }
            int[] px = im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
            canvas.setImage(px, im.getWidth(), im.getHeight(), 1);
            String link = !byDepth.isSelected()
                    ? (model.relativeToCentre() ? "linked by position relative to each particle's centre of mass" : "at the same grid position")
                    : Double.isFinite(model.contourDepthNm())
                    ? String.format(Locale.ROOT, "each through its centre of mass; magenta: %.1f nm below the surface (the cursor's depth in %s)",
                            model.contourDepthNm(), model.datasets().get(0).label())
                    : "each through its centre of mass; no depth line: put the cursor inside the first dataset's particle (needs depth-nm from Analyze)";
            canvas.setCaption(String.format(Locale.ROOT, "%s slices, %s; the same colour scale across each row", model.plane(), link));
            drawProfiles();
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }
}
