package org.trident.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Slices;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The tilt series: scrub tilts, pick a channel; on spectrum channels the image is the total
 * counts per pixel, and a click (pixel) or drag (region) shows the summed spectrum below.
 */
public final class TiltView extends BorderPane {
    private final ImageCanvas canvas = new ImageCanvas();
    private final Slider tilt = new Slider(0, 1, 0);
    private final Label tiltLabel = new Label();
    private final ComboBox<String> channel = new ComboBox<>();
    private final PlotCanvas spectrum = new PlotCanvas();
    private final LatestWins<float[]> loader = new LatestWins<>(Platform::runLater);
    private final LatestWins<double[]> spectra = new LatestWins<>(Platform::runLater);
    private final SplitPane split;
    private TiltSeries series;
    private boolean updating;
    private double[] dragFrom;
    private double[] region;
    private Consumer<String> status = s -> {};

    public TiltView() {
        tilt.setBlockIncrement(1);
        tilt.setMajorTickUnit(1);
        tilt.setSnapToTicks(true);
        tilt.setTooltip(new Tooltip("Tilt (← → keys step one tilt)"));
        tilt.valueProperty().addListener((o, a, b) -> showTilt());
        HBox.setHgrow(tilt, Priority.ALWAYS);
        channel.setTooltip(new Tooltip("Channel shown; spectrum channels show total counts per pixel"));
        channel.setOnAction(e -> showTilt());
        tiltLabel.setMinWidth(150);
        HBox bar = new HBox(8, new Label("Tilt"), tilt, tiltLabel, new Label("Channel"), channel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        canvas.setOnPixel(this::onPixel);
        canvas.setOnHover((c, r, d, rel) -> hover(c, r));
        split = new SplitPane(canvas, spectrum);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setCenter(split);
        setBottom(bar);
    }

    public void setStatusSink(Consumer<String> s) { status = s; }

    public void setSeries(TiltSeries ts) {
        series = ts;
        region = null;
        canvas.setRect(null);
        updating = true; // clearing the channels and moving the slider must not show a tilt of the old series
        channel.getItems().clear();
        updating = false;
        if (ts == null) {
            loader.request(p -> null, x -> {}, e -> {}); // an image of the previous series still loading is never shown
            canvas.setImage(null, 0, 0, 1);
            canvas.setCaption("This dataset has no tilt series");
            spectrum.set("", "", "", List.of(), List.of());
            return;
        }
        updating = true;
        ts.channels().forEach(c -> channel.getItems().add(c.name()));
        Channel adf = ts.adf();
        channel.setValue(adf != null ? adf.name() : ts.channels().get(0).name());
        tilt.setMax(ts.tilts() - 1);
        tilt.setValue(TiltViewModel.zeroTilt(ts));
        updating = false;
        showTilt();
    }

    private Channel current() {
        return series == null || channel.getValue() == null ? null : series.channel(channel.getValue());
    }

    private int tiltIndex() { return (int) Math.round(tilt.getValue()); }

    private void showTilt() {
        if (updating) return;
        Channel c = current();
        TiltSeries ts = series;
        if (c == null) return;
        int t = Math.max(0, Math.min(ts.tilts() - 1, tiltIndex()));
        tiltLabel.setText(String.format(Locale.ROOT, "%d/%d   %.1f°", t + 1, ts.tilts(), ts.tiltAnglesDeg()[t]));
        loader.request(p -> TiltViewModel.image(c, t, p), img -> {
            if (series != ts) return; // the dataset changed while this image loaded (e.g. while a workspace opens)
            double[] lim = Contrast.percentiles(img, 0.5, 99.5);
            canvas.setImage(Slices.render(img, ColorMap.GRAY, lim[0], lim[1], Slices.TRANSPARENT), ts.width(), ts.height(), 1);
            canvas.setCaption(c.name() + (c.isSpectrum() ? " (total counts; click a pixel or drag a region for its spectrum)" : ""));
            if (c.isSpectrum()) updateSpectrum();
            else spectrum.set("Pick a spectrum channel (EDS or EELS) to see spectra", "", "", List.of(), List.of());
        }, e -> { if (series == ts) canvas.setCaption("cannot show " + c.name() + ": " + e.getMessage()); });
    }

    private void onPixel(double col, double row, boolean drag, boolean released) {
        if (!drag) dragFrom = new double[]{col, row};
        if (dragFrom == null) return;
        region = new double[]{Math.round(dragFrom[0]), Math.round(dragFrom[1]), Math.round(col), Math.round(row)};
        canvas.setRect(region);
        if (!drag || released) updateSpectrum();
    }

    private void hover(double col, double row) {
        if (series == null) return;
        double px = series.pixelSizeNm();
        double x = (Math.round(col) - (series.width() - 1) / 2.0) * px, y = (Math.round(row) - (series.height() - 1) / 2.0) * px;
        status.accept(String.format(Locale.ROOT, "x %.1f nm  y %.1f nm (tilt image, centred)  ·  column %d, row %d", x, y, Math.round(col), Math.round(row)));
    }

    /** The spectrum of the current region; energy windows join it once quantification is wired. */
    private void updateSpectrum() {
        Channel c = current();
        if (c == null || !c.isSpectrum()) return;
        if (region == null) region = new double[]{series.width() / 2.0, series.height() / 2.0, series.width() / 2.0, series.height() / 2.0};
        int t = tiltIndex();
        int[] r = {(int) region[0], (int) region[1], (int) region[2], (int) region[3]};
        int pixels = (Math.abs(r[2] - r[0]) + 1) * (Math.abs(r[3] - r[1]) + 1);
        double[] e = TiltViewModel.energies(c);
        String what = pixels == 1 ? String.format(Locale.ROOT, "pixel (%d, %d)", r[0], r[1]) : pixels + " pixels";
        // a large region reads many rows of the stack: off the FX thread, latest wins
        spectra.request(p -> TiltViewModel.spectrum(c, t, r[0], r[1], r[2], r[3]), s -> spectrum.set(c.name() + " spectrum of " + what
                + " at tilt " + (t + 1), "energy (" + c.energyAxis().unit() + ")", "counts",
                List.of(new PlotCanvas.Series("", e, s, null, Color.rgb(30, 90, 160), false)), List.of()),
                err -> spectrum.set("No spectrum: " + Dialogs.sentence(err), "", "", List.of(), List.of()));
    }

    public PlotCanvas spectrumPlot() { return spectrum; }

    /** A line in the empty view, e.g. while the sample is being prepared. */
    public void showMessage(String m) {
        if (series == null) canvas.setCaption(m);
    }

    public void dispose() {
        loader.shutdown();
        spectra.shutdown();
    }
}
