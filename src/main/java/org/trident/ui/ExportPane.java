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
    private final TextField file = new TextField();
    private final Button export = new Button("Export figure");
    private final Label result = new Label();

    public ExportPane(Consumer<Request> onExport) {
        setSpacing(4);
        setPadding(new Insets(4));
        format.getItems().setAll("PNG", "TIFF");
        format.setValue("PNG");
        format.setOnAction(e -> fixExtension());
        width.setTooltip(new Tooltip("Figure width on paper; 85–90 mm is one journal column, 180 mm two"));
        dpi.setTooltip(new Tooltip("Print resolution recorded in the file (300 for colour, 600 for line art)"));
        file.setPromptText("figure file (.png or .tif)");
        file.setTooltip(new Tooltip("Where the figure goes; NAME.provenance.json is written beside it"));
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose the file"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export figure");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG", "*.png"), new FileChooser.ExtensionFilter("TIFF", "*.tif", "*.tiff"));
            var f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) { file.setText(f.getPath()); format.setValue(f.getName().toLowerCase(Locale.ROOT).endsWith(".png") ? "PNG" : "TIFF"); }
        });
        HBox.setHgrow(file, Priority.ALWAYS);
        export.setDefaultButton(false);
        export.setTooltip(new Tooltip("Write the figure shown in Compare (Ctrl+E)"));
        export.setOnAction(e -> {
            try {
                onExport.accept(request());
            } catch (NumberFormatException ex) {
                result.setText("Width and dpi must be numbers.");
            }
        });
        result.setWrapText(true);
        getChildren().addAll(new Label("Figure width (mm)"), width, new Label("Resolution (dpi)"), dpi, new Label("Format"), format,
                new Label("File"), new HBox(4, file, browse), export, result,
                new Label("The figure is the Compare grid: datasets as\ncolumns, quantities as rows, with scale bars,\ncolour bars with units and panel letters."));
    }

    public record Request(Path file, Figure.Options options) {}

    public Request request() {
        String f = file.getText().trim();
        if (f.isEmpty()) f = Path.of(System.getProperty("user.home"), "trident-figure." + (format.getValue().equals("PNG") ? "png" : "tif")).toString();
        return new Request(Path.of(f), new Figure.Options(Double.parseDouble(width.getText().trim()), Double.parseDouble(dpi.getText().trim()), 8, true, true));
    }

    private void fixExtension() {
        String f = file.getText().trim();
        if (f.isEmpty()) return;
        String base = f.replaceAll("\\.(png|tif|tiff)$", "");
        file.setText(base + (format.getValue().equals("PNG") ? ".png" : ".tif"));
    }

    public TextField fileField() { return file; }
    public Button exportButton() { return export; }
    public void setResult(String s) { result.setText(s); }
}
