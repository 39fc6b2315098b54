package org.trident.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.trident.render.Figure;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Export settings: the figure Compare shows (or a single dataset) as PNG or TIFF at a width in
 * mm and a dpi, with scale bars, colour bars and panel letters; the provenance JSON goes beside.
 */
public final class ExportPane extends VBox {
    private final TextField width = new TextField("180");
    private final TextField dpi = new TextField("300");
    private final ComboBox<String> format = new ComboBox<>();
    private final ComboBox<What> what = new ComboBox<>();

    /** What to export, and the file types each allows. */
    public enum What {
        FIGURE("Figure (Compare grid)", "png", "tif"), SLICE_XY("Current XY slice", "png", "tif"), SLICE_XZ("Current XZ slice", "png", "tif"),
        SLICE_YZ("Current YZ slice", "png", "tif"), VOLUME("Current volume", "mrc", "hspy", "emd", "tif"), PROFILES_CSV("Depth profiles (CSV)", "csv"),
        PROFILE_CHART("Profile chart", "svg", "pdf", "png"),
        IMOD("Tilt series for IMOD (folder: .mrc + .tlt + .xf)", "folder");
        final String title;
        final String[] ext;
        What(String t, String... e) { title = t; ext = e; }
        @Override public String toString() { return title; }
    }
    private final TextField file = new TextField();
    private final Button export = new Button("Export");
    private final Label result = new Label();

    public ExportPane(Consumer<Request> onExport) {
        setSpacing(4);
        setPadding(new Insets(4));
        what.getItems().setAll(What.values());
        what.setValue(What.FIGURE);
        what.setTooltip(new Tooltip("Figures and slices carry scale bars and colour bars; volumes keep their values; every export writes NAME.provenance.json beside it"));
        what.setOnAction(e -> { setFormats(); fixExtension(); });
        setFormats();
        format.setOnAction(e -> fixExtension());
        width.setTooltip(new Tooltip("Figure width on paper; 85–90 mm is one journal column, 180 mm two"));
        dpi.setTooltip(new Tooltip("Print resolution recorded in the file (300 for colour, 600 for line art)"));
        file.setPromptText("figure file (.png or .tif)");
        file.setTooltip(new Tooltip("Where the figure goes; NAME.provenance.json is written beside it"));
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose the file"));
        browse.setOnAction(e -> {
            if (what.getValue() == What.IMOD) {
                var dc = new javafx.stage.DirectoryChooser();
                dc.setTitle("Folder for the IMOD stack (new or empty)");
                var d = dc.showDialog(getScene().getWindow());
                if (d != null) file.setText(d.getPath());
                return;
            }
            FileChooser fc = new FileChooser();
            fc.setTitle("Export figure");
            for (String x : what.getValue().ext) fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(x.toUpperCase(Locale.ROOT), "*." + x));
            var f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                file.setText(f.getPath());
                String n = f.getName().toLowerCase(Locale.ROOT);
                for (String x : what.getValue().ext) if (n.endsWith("." + x)) format.setValue(x.toUpperCase(Locale.ROOT));
            }
        });
        HBox.setHgrow(file, Priority.ALWAYS);
        export.setTooltip(new Tooltip("Write it (Ctrl+E)"));
        export.setOnAction(e -> {
            try {
                onExport.accept(request());
            } catch (NumberFormatException ex) {
                result.setText("Width and dpi must be numbers.");
            }
        });
        result.setWrapText(true);
        getChildren().addAll(new Label("Export"), what, new Label("Figure width (mm)"), width, new Label("Resolution (dpi)"), dpi, new Label("Format"), format,
                new Label("File"), new HBox(4, file, browse), export, result,
                help());
    }

    private static Label help() {
        Label l = new Label("The figure is the Compare grid shown: datasets as columns, quantities as rows, with scale bars, "
                + "colour bars with units and panel letters. Slices and volumes come from Volumes, profiles from Analyze. "
                + "IMOD: the selected dataset's series into a new or empty folder (raw stack + the alignment's .xf when aligned here). "
                + "Mixed figures of slices and profiles: File ▸ Compose figure….");
        l.setWrapText(true);
        return l;
    }

    public record Request(What what, Path file, Figure.Options options) {}

    public Request request() {
        String f = file.getText().trim();
        String ext = format.getValue().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) f = Path.of(System.getProperty("user.home"), what.getValue() == What.IMOD ? "trident-imod" : "trident-export." + ext).toString();
        return new Request(what.getValue(), Path.of(f), new Figure.Options(Double.parseDouble(width.getText().trim()), Double.parseDouble(dpi.getText().trim()), 8, true, true));
    }

    public void setWhat(What w) { what.setValue(w); setFormats(); fixExtension(); }

    private void setFormats() {
        format.getItems().clear();
        for (String x : what.getValue().ext) format.getItems().add(x.toUpperCase(Locale.ROOT));
        format.setValue(format.getItems().get(0));
    }

    private void fixExtension() {
        String f = file.getText().trim();
        if (f.isEmpty() || format.getValue() == null || what.getValue() == What.IMOD) return; // a folder keeps its name
        String base = f.replaceAll("\\.(png|tif|tiff|mrc|csv|svg|pdf)$", "");
        file.setText(base + "." + format.getValue().toLowerCase(Locale.ROOT));
    }

    public TextField fileField() { return file; }
    public Button exportButton() { return export; }
    public void setResult(String s) { result.setText(s); }
    public String resultText() { return result.getText(); }
}
