package org.trident.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Slices;
import org.trident.spectra.EdsParams;
import org.trident.spectra.SpectrumFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Quantify: the total-counts image of a spectrum channel; click a pixel or drag a region to see
 * its spectrum with the fitted background, the model, the residual and the energy windows; Run
 * makes the per-tilt maps (EDS:Ni, EELS:Mn-L3, …) that later steps reconstruct.
 */
public final class QuantifyView extends BorderPane {
    private final QuantifyViewModel vm = new QuantifyViewModel();
    private final ImageCanvas image = new ImageCanvas();
    private final PlotCanvas plot = new PlotCanvas();
    private final Slider tilt = new Slider(0, 1, 0);
    private final Label tiltLabel = new Label();
    private final ComboBox<String> channel = new ComboBox<>();
    private final ComboBox<EdsParams.Method> method = new ComboBox<>();
    private final Label refs = new Label();
    private final Label values = new Label();
    private final Button prepare = new Button("Fit model"), run = new Button("Run"), cancel = new Button("Cancel");
    private final Label state = new Label();
    private final VBox settings = new VBox(5);
    private final Jobs jobs;
    private final LatestWins<SpectrumFit> fits = new LatestWins<>(javafx.application.Platform::runLater);
    private final LatestWins<int[]> images = new LatestWins<>(javafx.application.Platform::runLater);
    private final LatestWins<double[]> rawSpectra = new LatestWins<>(javafx.application.Platform::runLater);
    private Jobs.Job job;
    private int[] region;
    private double[] dragFrom;
    private Consumer<TiltSeries> onQuantified = t -> {};
    private Consumer<Throwable> onError = e -> {};

    public QuantifyView(Jobs jobs) {
        this.jobs = jobs;
        tilt.valueProperty().addListener((o, a, b) -> showTilt());
        HBox.setHgrow(tilt, Priority.ALWAYS);
        tiltLabel.setMinWidth(110);
        channel.setOnAction(e -> showTilt());
        channel.setTooltip(new Tooltip("Spectrum channel shown (total counts per pixel)"));
        HBox bar = new HBox(6, new Label("Tilt"), tilt, tiltLabel, new Label("Channel"), channel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        image.setOnPixel(this::onPixel);
        SplitPane split = new SplitPane(image, plot);
        split.setDividerPositions(0.42);
        setCenter(split);
        setBottom(new VBox(2, bar, values));
        values.setPadding(new Insets(0, 6, 4, 6));
        method.getItems().setAll(EdsParams.Method.values());
        method.setValue(vm.params().eds().method());
        method.setTooltip(new Tooltip("EDS: FIT = lines and continuum fitted together; WINDOW = net counts in windows with a linear background"));
        method.setOnAction(e -> { vm.setEdsMethod(method.getValue()); state.setText("Settings changed: fit the model again."); });
        Button chooseRefs = new Button("References…");
        chooseRefs.setTooltip(new Tooltip("trident.references/1 file of standards (for MLLS valence)"));
        chooseRefs.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("references.json", "*.json"));
            var f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) { vm.setReferences(f.toPath()); refs.setText(f.getName()); }
        });
        prepare.setTooltip(new Tooltip("Fit the summed spectra and fix the models; then click the image to see fits"));
        prepare.setOnAction(e -> runPrepare());
        run.setTooltip(new Tooltip("Compute every per-tilt map with the fitted models"));
        run.setOnAction(e -> runMaps());
        cancel.setDisable(true);
        cancel.setOnAction(e -> { if (job != null) job.cancel(); });
        refs.setWrapText(true);
        state.setWrapText(true);
        settings.setPadding(new Insets(4));
        settings.getChildren().addAll(new Label("EDS method"), method, new Label("References (EELS valence)"), refs, chooseRefs,
                new HBox(6, prepare, run, cancel), state);
    }

    public VBox settings() { return settings; }
    public QuantifyViewModel model() { return vm; }
    public Button prepareButton() { return prepare; }
    public Button runButton() { return run; }
    public PlotCanvas plot() { return plot; }
    public void setOnQuantified(Consumer<TiltSeries> c) { onQuantified = c; }
    public void setOnError(Consumer<Throwable> c) { onError = c; }

    public void setSeries(TiltSeries ts, java.nio.file.Path path) {
        vm.setSeries(ts, path);
        channel.getItems().clear();
        region = null;
        image.setRect(null);
        boolean ok = vm.hasSpectra();
        prepare.setDisable(!ok);
        run.setDisable(!ok);
        refs.setText(vm.references() == null ? "none (EELS valence needs them)" : vm.references().getFileName().toString() + " (found beside the bundle)");
        if (!ok) {
            image.setImage(null, 0, 0, 1);
            image.setCaption(ts == null ? "This dataset has no tilt series" : "No spectrum channel: nothing to quantify (image channels pass through)");
            plot.set("", "", "", List.of(), List.of());
            return;
        }
        for (Channel c : ts.channels()) if (c.isSpectrum()) channel.getItems().add(c.name());
        channel.setValue(channel.getItems().get(0));
        tilt.setMax(ts.tilts() - 1);
        tilt.setValue(TiltViewModel.zeroTilt(ts));
        state.setText("Fit the model, then click a pixel or drag a region.");
        showTilt();
    }

    private Channel current() {
        return vm.series() == null || channel.getValue() == null ? null : vm.series().channel(channel.getValue());
    }

    private int tiltIndex() { return (int) Math.round(tilt.getValue()); }

    private void showTilt() {
        Channel c = current();
        if (c == null) return;
        int t = tiltIndex();
        tiltLabel.setText(String.format(Locale.ROOT, "%d/%d  %.1f°", t + 1, vm.series().tilts(), vm.series().tiltAnglesDeg()[t]));
        int w = vm.series().width(), h = vm.series().height();
        // summing a tilt's spectra can take seconds on large stacks: off the FX thread, latest wins
        images.request(p -> {
            float[] im = TiltViewModel.image(c, t, p);
            double[] lim = Contrast.percentiles(im, 0.5, 99.5);
            return Slices.render(im, ColorMap.GRAY, lim[0], lim[1], Slices.TRANSPARENT);
        }, px -> {
            image.setImage(px, w, h, 1);
            image.setCaption(c.name() + ": total counts · click a pixel or drag a region");
            updateFit();
        }, e -> image.setCaption("cannot show " + c.name() + ": " + Dialogs.sentence(e)));
    }

    private void onPixel(double col, double row, boolean drag, boolean released) {
        if (!drag) dragFrom = new double[]{col, row};
        if (dragFrom == null) return;
        region = new int[]{(int) Math.round(dragFrom[0]), (int) Math.round(dragFrom[1]), (int) Math.round(col), (int) Math.round(row)};
        image.setRect(new double[]{region[0], region[1], region[2], region[3]});
        if (!drag || released) updateFit();
    }

    /** Shows the region's spectrum: raw until the model is fitted, then with background, model, residual and windows. */
    public void updateFit() {
        Channel c = current();
        if (c == null) return;
        var ts = vm.series();
        if (region == null) {
            int cx = ts.width() / 2, cy = ts.height() / 2, r = Math.max(1, ts.width() / 8);
            region = new int[]{cx - r, cy - r, cx + r, cy + r};
            image.setRect(new double[]{region[0], region[1], region[2], region[3]});
        }
        int t = tiltIndex();
        int[] r = region.clone();
        boolean eels = c.signal() != Signal.EDS;
        String where = (Math.abs(r[2] - r[0]) + 1) * (Math.abs(r[3] - r[1]) + 1) + " pixels at tilt " + (t + 1);
        if (vm.model() == null) {
            rawSpectra.request(p -> TiltViewModel.spectrum(c, t, r[0], r[1], r[2], r[3]), s -> plot.set(c.name() + " spectrum, " + where
                    + " (fit the model to see background and windows)", "energy (" + c.energyAxis().unit() + ")", "counts",
                    List.of(new PlotCanvas.Series("data", TiltViewModel.energies(c), s, null, Color.rgb(40, 40, 40), false)), List.of()),
                    e -> values.setText("No spectrum here: " + Dialogs.sentence(e)));
            return;
        }
        fits.request(p -> vm.fit(eels, t, r[0], r[1], r[2], r[3]), f -> showFit(c, f, where), e -> values.setText("No fit here: " + Dialogs.sentence(e)));
    }

    private void showFit(Channel c, SpectrumFit f, String where) {
        if (f == null) return;
        List<PlotCanvas.Series> s = new ArrayList<>();
        s.add(new PlotCanvas.Series("data", f.energy(), f.data(), null, Color.rgb(40, 40, 40), false));
        if (f.background() != null) s.add(new PlotCanvas.Series("background", f.energy(), f.background(), null, ProfilesView.PALETTE[1], true));
        if (f.model() != null) s.add(new PlotCanvas.Series("model", f.energy(), f.model(), null, ProfilesView.PALETTE[0], false));
        if (f.residual() != null) s.add(new PlotCanvas.Series("residual", f.energy(), f.residual(), null, ProfilesView.PALETTE[2], false));
        List<PlotCanvas.Window> w = new ArrayList<>();
        for (SpectrumFit.Window win : f.windows()) w.add(new PlotCanvas.Window(win.from(), win.to(), Color.rgb(255, 200, 60, 0.22), win.name()));
        plot.set(c.name() + " fit, " + where, "energy (" + f.unit() + ")", "counts", s, w);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : f.values().entrySet()) b.append(b.length() > 0 ? " · " : "").append(e.getKey()).append(' ').append(Quantities.format(e.getValue()));
        values.setText(b.toString());
    }

    private void runPrepare() {
        int threads = Runtime.getRuntime().availableProcessors();
        prepare.setDisable(true);
        cancel.setDisable(false);
        state.setText("Fitting the summed spectra…");
        job = jobs.submit("Quantify: fit model", p -> vm.prepare(threads, p), m -> {
            prepare.setDisable(false);
            cancel.setDisable(true);
            state.setText("Model fitted." + (m.warnings().isEmpty() ? "" : "\n" + String.join("\n", m.warnings())));
            updateFit();
        }, e -> { prepare.setDisable(false); cancel.setDisable(true); state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); },
                () -> { prepare.setDisable(false); cancel.setDisable(true); state.setText("Cancelled."); });
    }

    private void runMaps() {
        int threads = Runtime.getRuntime().availableProcessors();
        run.setDisable(true);
        cancel.setDisable(false);
        state.setText("Computing maps…");
        job = jobs.submit("Quantify: maps", p -> vm.run(vm.model() != null ? vm.model() : vm.prepare(threads, p), threads, p), r -> {
            run.setDisable(false);
            cancel.setDisable(true);
            long maps = r.series().channels().stream().filter(ch -> ch.signal() == Signal.MAP).count();
            state.setText(maps + " per-tilt maps made; Align and Reconstruct now use the quantified series."
                    + (r.warnings().isEmpty() ? "" : "\n" + String.join("\n", r.warnings())));
            onQuantified.accept(r.series());
        }, e -> { run.setDisable(false); cancel.setDisable(true); state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); },
                () -> { run.setDisable(false); cancel.setDisable(true); state.setText("Cancelled; nothing was kept."); });
    }

    public void dispose() {
        fits.shutdown();
        images.shutdown();
        rawSpectra.shutdown();
    }
}
