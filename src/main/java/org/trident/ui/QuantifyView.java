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
    private final LatestWins<Object[]> refits = new LatestWins<>(javafx.application.Platform::runLater);
    private final javafx.scene.layout.GridPane form = new javafx.scene.layout.GridPane();
    private final Label problems = new Label();
    private boolean quantified;
    private Jobs.Job job;
    private int[] region;
    private double[] dragFrom;
    private Consumer<org.trident.spectra.QuantResult> onQuantified = t -> {};
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
        method.setOnAction(e -> { if (method.getValue() != vm.params().eds().method()) { vm.setEdsMethod(method.getValue()); settingsChanged(); } });
        plot.setOnWindowEdit(this::onWindowDragged);
        Button reset = new Button("Reset to defaults");
        reset.setTooltip(new Tooltip("Documented default windows and settings (undoable with Ctrl+Z)"));
        reset.setOnAction(e -> { vm.resetDefaults(); settingsChanged(); });
        Button undoB = new Button("Undo");
        undoB.setTooltip(new Tooltip("Undo the last settings change (Ctrl+Z)"));
        undoB.setOnAction(e -> undo());
        form.setHgap(4);
        form.setVgap(3);
        problems.setWrapText(true);
        problems.setTextFill(Color.rgb(170, 30, 30));
        problems.setId("quant-problems");
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
        javafx.scene.control.ScrollPane formScroll = new javafx.scene.control.ScrollPane(form);
        formScroll.setFitToWidth(true);
        formScroll.setPrefViewportHeight(260);
        settings.getChildren().addAll(new Label("EDS method"), method, new Label("References (EELS valence)"), refs, chooseRefs,
                new Label("Windows and model (drag window edges on the plot too)"), formScroll, problems, new HBox(6, reset, undoB),
                new HBox(6, prepare, run, cancel), state);
    }

    public VBox settings() { return settings; }
    public QuantifyViewModel model() { return vm; }
    public Button prepareButton() { return prepare; }
    public Button runButton() { return run; }
    public PlotCanvas plot() { return plot; }
    public Label stateLine() { return state; }
    public Label valuesLine() { return values; }
    public javafx.scene.layout.GridPane form() { return form; }
    public void setOnQuantified(Consumer<org.trident.spectra.QuantResult> c) { onQuantified = c; }
    public void setOnError(Consumer<Throwable> c) { onError = c; }

    public void setSeries(TiltSeries ts, java.nio.file.Path path) {
        vm.setSeries(ts, path);
        // nothing of the previous dataset may land here: its fitted values, a fit or image still on its way
        values.setText("");
        fits.request(p -> null, f -> {}, e -> {});
        refits.request(p -> null, f -> {}, e -> {});
        rawSpectra.request(p -> null, f -> {}, e -> {});
        images.request(p -> null, f -> {}, e -> {});
        channel.getItems().clear();
        region = null;
        image.setRect(null);
        boolean ok = vm.hasSpectra();
        quantified = false;
        rebuildForm();
        prepare.setDisable(!vm.canRun());
        run.setDisable(!vm.canRun());
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
        for (SpectrumFit.Window win : f.windows()) w.add(new PlotCanvas.Window(win.from(), win.to(), Color.rgb(255, 200, 60, 0.22), win.name(), windowKey(win.name())));
        plot.set(c.name() + " fit, " + where, "energy (" + f.unit() + ")", "counts", s, w);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : f.values().entrySet()) b.append(b.length() > 0 ? " · " : "").append(e.getKey()).append(' ').append(Quantities.format(e.getValue()));
        values.setText(b.toString());
    }

    /** The settings key of a window the engine drew ("Mn L3" → "Mn:l3", "fit range" → "eds:fit"), or null when it follows other settings. */
    static String windowKey(String name) {
        if (name.equals("fit range")) return "eds:fit";
        int sp = name.indexOf(' ');
        if (sp < 0) return null;
        String el = name.substring(0, sp), what = name.substring(sp + 1);
        String key = switch (what) {
            case "pre-edge" -> "preEdge";
            case "L3" -> "l3";
            case "L2" -> "l2";
            case "continuum height" -> "post";
            case "L23", "K" -> "l23";
            default -> null; // EDS line windows follow the FWHM
        };
        return key == null ? null : el + ":" + key;
    }

    private void runPrepare() {
        int threads = org.trident.job.RunContext.availableThreads();
        prepare.setDisable(true);
        cancel.setDisable(false);
        state.setText("Fitting the summed spectra…");
        job = jobs.submit("Quantify: fit model", p -> vm.prepare(threads, p), m -> {
            prepare.setDisable(!vm.canRun());
            cancel.setDisable(true);
            state.setText("Model fitted." + (m.warnings().isEmpty() ? "" : "\n" + String.join("\n", m.warnings())));
            rebuildForm();
            updateFit();
        }, e -> { prepare.setDisable(!vm.canRun()); cancel.setDisable(true); state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); },
                () -> { prepare.setDisable(!vm.canRun()); cancel.setDisable(true); state.setText("Cancelled."); });
    }

    private void runMaps() {
        int threads = org.trident.job.RunContext.availableThreads();
        run.setDisable(true);
        cancel.setDisable(false);
        state.setText("Computing maps…");
        job = jobs.submit("Quantify: maps", p -> vm.run(vm.model() != null ? vm.model() : vm.prepare(threads, p), threads, p), r -> {
            run.setDisable(!vm.canRun());
            cancel.setDisable(true);
            long maps = r.series().channels().stream().filter(ch -> ch.signal() == Signal.MAP).count();
            String amounts = org.trident.spectra.ElementAmounts.describe(r.quantification());
            state.setText(maps + " per-tilt maps made; Align and Reconstruct now use the quantified series."
                    + (amounts == null ? "" : "\n" + Character.toUpperCase(amounts.charAt(0)) + amounts.substring(1) + ".")
                    + (r.warnings().isEmpty() ? "" : "\n" + String.join("\n", r.warnings())));
            quantified = true;
            onQuantified.accept(r);
        }, e -> { run.setDisable(!vm.canRun()); cancel.setDisable(true); state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); },
                () -> { run.setDisable(!vm.canRun()); cancel.setDisable(true); state.setText("Cancelled; nothing was kept."); });
    }

    /** Takes a dataset's own settings (on switching datasets, or "apply to all"); nothing happens when they are the same. */
    public void useSettings(org.trident.spectra.QuantParams p) {
        if (p.equals(vm.params())) return;
        vm.setParams(p);
        settingsChanged();
    }

    /** Undoes the last settings change (Ctrl+Z in this step). */
    public void undo() {
        if (!vm.canUndo()) return;
        vm.undo();
        settingsChanged();
    }

    /** After any settings edit: refresh the form, check it, mark results stale and re-fit the shown spectrum. */
    private void settingsChanged() {
        method.setValue(vm.params().eds().method());
        rebuildForm();
        boolean ok = vm.canRun();
        prepare.setDisable(!ok || (job != null && !cancel.isDisabled()));
        run.setDisable(!ok || (job != null && !cancel.isDisabled()));
        if (!ok) { state.setText("Fix the settings above before fitting or running."); return; }
        state.setText(quantified ? "Settings changed: the maps made before are stale; Run again to use these settings."
                : "Settings changed; the shown fit is being updated.");
        refit();
    }

    /** Re-prepares the model with the current settings and fits the shown region, off the FX thread (latest wins). */
    private void refit() {
        Channel c = current();
        if (c == null || region == null) {
            if (!quantified) state.setText("Settings changed; fit the model to see them on a spectrum.");
            return;
        }
        var params = vm.params();
        int t = tiltIndex();
        int[] r = region.clone();
        boolean eels = c.signal() != Signal.EDS;
        int threads = org.trident.job.RunContext.availableThreads();
        String where = (Math.abs(r[2] - r[0]) + 1) * (Math.abs(r[3] - r[1]) + 1) + " pixels at tilt " + (t + 1);
        refits.request(p -> {
            var m = vm.prepareFor(params, threads, p);
            int x0 = Math.min(r[0], r[2]), x1 = Math.max(r[0], r[2]), y0 = Math.min(r[1], r[3]), y1 = Math.max(r[1], r[3]);
            return new Object[]{m, eels ? m.eelsFit(t, x0, y0, x1, y1) : m.edsFit(t, x0, y0, x1, y1)};
        }, o -> {
            if (!vm.offerModel(params, (org.trident.spectra.QuantModel) o[0])) return;
            rebuildForm();
            showFit(c, (SpectrumFit) o[1], where);
            if (!quantified) state.setText("Fit updated with the new settings.");
        }, e -> values.setText("No fit with these settings: " + Dialogs.sentence(e)));
    }

    /** A window dragged on the plot: EDS fit range or an EELS window, moved by what the drag moved it. */
    private void onWindowDragged(String key, double oldFrom, double oldTo, double from, double to) {
        if (key.equals("eds:fit")) {
            // only the dragged edge changes: the other keeps its setting (the plot shows it snapped to a channel)
            var e = vm.params().eds();
            double a = from != oldFrom ? from : e.fitFromKeV(), b = to != oldTo ? to : e.fitToKeV();
            vm.setEdsFitRange(Math.min(a, b), Math.max(a, b));
        }
        else {
            String[] k = key.split(":", 2);
            for (var row : vm.eelsWindows()) {
                if (!row.element().equals(k[0]) || !row.key().equals(k[1])) continue;
                // the plot shows windows shifted by the tilt's energy correction: apply the drag as a change
                double a = row.from() + (from - oldFrom), b = row.to() + (to - oldTo);
                vm.setEelsWindow(k[0], k[1], Math.min(a, b), Math.max(a, b));
            }
        }
        settingsChanged();
    }

    private void rebuildForm() {
        form.getChildren().clear();
        int row = 0;
        var eds = vm.params().eds();
        boolean hasEds = vm.hasSignal(Signal.EDS), hasEels = vm.hasSignal(Signal.EELS);
        if (hasEds) {
            form.add(bold("EDS"), 0, row++, 3, 1);
            row = field(row, "FWHM at Mn Kα (eV)", eds.fwhmMnKaEv(), "quant-fwhm", v -> vm.setFwhmMnKa(v));
            row = field(row, "fit from (keV)", eds.fitFromKeV(), "quant-fit-from", v -> vm.setEdsFitRange(v, vm.params().eds().fitToKeV()));
            row = field(row, "fit to (keV)", eds.fitToKeV(), "quant-fit-to", v -> vm.setEdsFitRange(vm.params().eds().fitFromKeV(), v));
            row = text(row, "elements (blank: the bundle's)", eds.elements(), "quant-eds-elements", vm::setEdsElements);
        }
        if (hasEels) {
            form.add(bold("EELS"), 0, row++, 3, 1);
            row = text(row, "white-line elements (blank: Mn, Co, Ni)", vm.params().eels().elements(), "quant-eels-elements", vm::setEelsElements);
            form.add(new Label("window"), 0, row);
            form.add(new Label("from (eV)"), 1, row);
            form.add(new Label("to (eV)"), 2, row++);
            for (var w : vm.eelsWindows()) {
                form.add(new Label(w.element() + " " + w.label().replace(" (eV)", "")), 0, row);
                form.add(number(w.from(), "quant-" + w.element() + "-" + w.key() + "-from", v -> vm.setEelsWindow(w.element(), w.key(), v, w.to())), 1, row);
                form.add(number(w.to(), "quant-" + w.element() + "-" + w.key() + "-to", v -> vm.setEelsWindow(w.element(), w.key(), w.from(), v)), 2, row++);
            }
        }
        List<String> p = vm.problems();
        problems.setText(p.isEmpty() ? "" : "Cannot run: " + String.join("; ", p) + ".");
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private int field(int row, String label, double value, String id, java.util.function.DoubleConsumer set) {
        form.add(new Label(label), 0, row);
        form.add(number(value, id, set), 1, row, 2, 1);
        return row + 1;
    }

    private int text(int row, String label, List<String> value, String id, Consumer<String> set) {
        javafx.scene.control.TextField f = new javafx.scene.control.TextField(value == null ? "" : String.join(", ", value));
        f.setId(id);
        f.setPrefColumnCount(10);
        f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        boolean[] done = {false};
        Runnable commit = () -> {
            String old = value == null ? "" : String.join(", ", value);
            if (done[0] || f.getText().trim().equals(old)) return;
            done[0] = true;
            set.accept(f.getText());
            javafx.application.Platform.runLater(this::settingsChanged); // not while the field is being replaced
        };
        f.setOnAction(e -> commit.run());
        f.focusedProperty().addListener((o, a, b) -> { if (!b) commit.run(); });
        form.add(new Label(label), 0, row);
        form.add(f, 1, row, 2, 1);
        return row + 1;
    }

    /** A number field that commits on Enter or when it loses focus; text that is not a number is reported, not applied. */
    private javafx.scene.control.TextField number(double value, String id, java.util.function.DoubleConsumer set) {
        String shown = Quantities.format(value);
        javafx.scene.control.TextField f = new javafx.scene.control.TextField(shown);
        f.setId(id);
        f.setPrefColumnCount(6);
        f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a narrow panel must not cut "603.5" to "6" 
        boolean[] done = {false};
        Runnable commit = () -> {
            String txt = f.getText().trim();
            if (done[0] || txt.equals(shown)) return;
            double v;
            try { v = Double.parseDouble(txt.replace(',', '.')); } catch (NumberFormatException ex) {
                problems.setText("“" + txt + "” is not a number.");
                return;
            }
            done[0] = true;
            set.accept(v);
            javafx.application.Platform.runLater(this::settingsChanged); // not while the field is being replaced
        };
        f.setOnAction(e -> commit.run());
        f.focusedProperty().addListener((o, a, b) -> { if (!b) commit.run(); });
        return f;
    }

    public void dispose() {
        refits.shutdown();
        fits.shutdown();
        images.shutdown();
        rawSpectra.shutdown();
    }
}
