package org.trident.ui.sei;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.trident.sei.SeiFigures;
import org.trident.sei.SeiResult;
import org.trident.sei.figures.ScatterChart;
import org.trident.sei.stats.QuadraticOptimum;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Shows one analysed SEI study: the map gallery by composition, the metrics and correlation
 * tables, the optimum (CE vs composition with its interval) and every other chart. Everything
 * shown is drawn by the engine's figure code (the same as the exported files).
 */
public final class SeiView extends BorderPane {
    private final Label summary = new Label("Open a study folder (study.json), or File ▸ Open sample SEI study.");
    private final ImageView gallery = new ImageView(), optimum = new ImageView(), chart = new ImageView();
    private final ComboBox<String> charts = new ComboBox<>();
    private final TableView<SeiResult.MapRow> metrics = new TableView<>();
    private final TableView<SeiResult.CorrelationRow> correlations = new TableView<>();
    private final TabPane tabs = new TabPane();
    private Map<String, ScatterChart> chartsByName = Map.of();
    private SeiResult result;

    public SeiView() {
        summary.setWrapText(true);
        summary.setPadding(new Insets(6));
        summary.setId("sei-summary");
        gallery.setId("sei-gallery");
        optimum.setId("sei-optimum");
        gallery.setPreserveRatio(true);
        optimum.setPreserveRatio(true);
        chart.setPreserveRatio(true);
        gallery.setFitWidth(1100);
        optimum.setFitWidth(720);
        chart.setFitWidth(720);
        buildTables();
        charts.setOnAction(e -> showChart(charts.getValue()));
        tabs.getTabs().addAll(tab("Map gallery", new ScrollPane(gallery)), tab("Optimum", new ScrollPane(optimum)),
                tab("Metrics", metrics), tab("Correlations", correlations), tab("Plots", new VBox(6, charts, new ScrollPane(chart))));
        setTop(summary);
        setCenter(tabs);
    }

    private static Tab tab(String name, javafx.scene.Node n) {
        Tab t = new Tab(name, n);
        t.setClosable(false);
        return t;
    }

    public SeiResult result() { return result; }
    public ImageView galleryView() { return gallery; }
    public ImageView optimumView() { return optimum; }
    public TabPane tabs() { return tabs; }
    public Label summary() { return summary; }

    public void showMessage(String s) {
        summary.setText(s);
    }

    /** Shows {@code r}; images made from the engine's figures (call on the FX thread). */
    public void show(SeiResult r, BufferedImage galleryImage) {
        this.result = r;
        QuadraticOptimum.Result o = r.ceOptimum();
        summary.setText(String.format(Locale.ROOT, "%s — %d samples, %d maps, %d spectral components. Optimum %s (CE cycles %s): %.1f %s, 95%% CI %.1f–%.1f%s.",
                r.study().name(), r.study().samples().size(), r.maps().size(), r.spectra().size(), r.study().compositionName(), r.params().cyclesText(),
                o.x(), r.study().compositionUnit(), o.ciLow(), o.ciHigh(), o.atEdge() ? " (at the edge of the range)" : ""));
        gallery.setImage(galleryImage == null ? null : SwingFXUtils.toFXImage(galleryImage, null));
        chartsByName = SeiFigures.charts(r);
        optimum.setImage(image(SeiFigures.ceChart(r)));
        metrics.getItems().setAll(r.maps());
        correlations.getItems().setAll(r.correlations());
        charts.getItems().setAll(chartsByName.keySet());
        if (!charts.getItems().isEmpty()) {
            charts.setValue(charts.getItems().get(Math.min(1, charts.getItems().size() - 1)));
            showChart(charts.getValue());
        }
    }

    private void showChart(String name) {
        ScatterChart c = name == null ? null : chartsByName.get(name);
        chart.setImage(c == null ? null : image(c));
    }

    static Image image(ScatterChart c) {
        return SwingFXUtils.toFXImage(c.toImage(SeiFigures.WIDTH_PT, SeiFigures.HEIGHT_PT, 2.8), null);
    }

    private void buildTables() {
        metrics.getColumns().add(col("sample", m -> m.sample().id()));
        metrics.getColumns().add(col("composition", m -> num(m.sample().composition())));
        metrics.getColumns().add(col("map", SeiResult.MapRow::key));
        for (String k : SeiResult.METRICS) metrics.getColumns().add(col(k, m -> num(SeiResult.metric(m.stats(), k))));
        metrics.getColumns().add(col("unit", m -> m.map().unit()));
        List<TableColumn<SeiResult.CorrelationRow, ?>> cc = new ArrayList<>();
        cc.add(col("map / component", c -> c.technique() + " " + c.quantity()));
        cc.add(col("metric", SeiResult.CorrelationRow::metric));
        cc.add(col("against", SeiResult.CorrelationRow::against));
        cc.add(col("n", c -> Integer.toString(c.r().n())));
        cc.add(col("Pearson r", c -> num(c.r().r())));
        cc.add(col("95% CI", c -> "[" + num(c.r().ciLow()) + ", " + num(c.r().ciHigh()) + "]"));
        cc.add(col("Spearman ρ", c -> num(c.r().rho())));
        cc.add(col("p", c -> num(c.r().p())));
        correlations.getColumns().addAll(cc);
    }

    private static <R> TableColumn<R, String> col(String name, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "NaN";
    }
}
