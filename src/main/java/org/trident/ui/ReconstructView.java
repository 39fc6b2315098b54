package org.trident.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.trident.model.Volume;
import org.trident.recon.Algorithm;
import org.trident.recon.Filter;
import org.trident.recon.ReconParams;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reconstruct: settings on the right, a live preview of the slice perpendicular to the tilt axis
 * in the middle (recomputed as settings or the row change; the latest request wins), and the
 * full run over the chosen channels as a background job with progress, ETA and cancel.
 */
public final class ReconstructView extends BorderPane {
    private final ReconViewModel vm = new ReconViewModel();
    private final ImageCanvas preview = new ImageCanvas();
    private final Slider row = new Slider(0, 1, 0);
    private final Label rowLabel = new Label();
    private final ComboBox<String> previewChannel = new ComboBox<>();
    private final ComboBox<Algorithm> algorithm = new ComboBox<>();
    private final Spinner<Integer> iterations = new Spinner<>(1, 2000, 50);
    private final Spinner<Double> relaxation = new Spinner<>(0.05, 1.95, 1.0, 0.05);
    private final CheckBox nonNegative = new CheckBox("Non-negative (ADF)");
    private final Button save = new Button("Save as reconstruct output…");
    private final ComboBox<Filter> filter = new ComboBox<>();
    private final Spinner<Integer> thickness = new Spinner<>(0, 4096, 0, 8);
    private final VBox channelBoxes = new VBox(2);
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label previewInfo = new Label();
    private final VBox settings = new VBox(5);
    private final LatestWins<ReconViewModel.Preview> previews = new LatestWins<>(Platform::runLater);
    private final Jobs jobs;
    private Jobs.Job job;
    private boolean updating;
    private Consumer<Map<String, Volume>> onResult = m -> {};
    private Consumer<Throwable> onError = e -> {};
    private javafx.animation.Timeline ticker;
    private final LowDoseControls lowDose = new LowDoseControls(a -> { vm.setAutomatic(a); syncControls(); requestPreview(); },
            lp -> { vm.setLowDose(lp); syncControls(); requestPreview(); });
    private final CostChart costChart = new CostChart();

    public ReconstructView(Jobs jobs) {
        this.jobs = jobs;
        row.setTooltip(new Tooltip("Detector row (position along the tilt axis) of the preview slice"));
        row.valueProperty().addListener((o, a, b) -> requestPreview());
        previewChannel.setOnAction(e -> requestPreview());
        previewChannel.setTooltip(new Tooltip("Channel shown in the preview"));
        previewChannel.setId("recon-preview-channel");
        HBox.setHgrow(row, Priority.ALWAYS);
        rowLabel.setMinWidth(170);
        HBox bar = new HBox(6, new Label("Row"), row, rowLabel, new Label("Channel"), previewChannel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        setCenter(preview);
        setBottom(new VBox(2, bar, previewInfo));
        previewInfo.setPadding(new Insets(0, 6, 4, 6));

        algorithm.getItems().setAll(Algorithm.values());
        algorithm.setId("recon-algorithm");
        algorithm.setTooltip(new Tooltip("WBP: one filtered pass. ART/SART/SIRT: iterative, allow non-negativity. "
                + "EM/OS-EM/EM-TV: Poisson, for sparse count maps. SIRT-TV: least squares + total variation. "
                + "FUSED: the element count maps solved together with the HAADF (Poisson + HAADF link + TV); ADF and other maps get SIRT"));
        algorithm.setOnAction(e -> { if (!updating) { vm.setAlgorithm(algorithm.getValue()); syncControls(); requestPreview(); } });
        iterations.setEditable(true);
        iterations.setTooltip(new Tooltip("Iterations (sweeps over all tilts); more sharpens and also amplifies noise"));
        relaxation.setEditable(true);
        relaxation.setTooltip(new Tooltip("Relaxation λ in (0, 2): step size of each update"));
        nonNegative.setTooltip(new Tooltip("Clamp negative ADF voxels to zero after each update (scattered counts cannot be negative). "
                + "Quantified maps are always reconstructed unconstrained: they are least-squares amounts, negative at low dose, and clipping would bias every ratio"));
        save.setTooltip(new Tooltip("Write the last full run as MRC volumes + reconstruction.json (what `trident reconstruct` writes; `trident analyze` reads it)"));
        save.setDisable(true);
        save.setOnAction(e -> {
            var dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("New or empty folder for the reconstruction");
            var f = dc.showDialog(getScene().getWindow());
            if (f != null) saveTo(f.toPath());
        });
        filter.getItems().setAll(Filter.values());
        filter.setTooltip(new Tooltip("WBP apodisation window"));
        thickness.setEditable(true);
        thickness.setTooltip(new Tooltip("Volume thickness Z in voxels; 0 = the image width"));
        iterations.valueProperty().addListener((o, a, b) -> edit(p -> p.withIterations(b)));
        relaxation.valueProperty().addListener((o, a, b) -> edit(p -> p.withRelaxation(b)));
        nonNegative.setOnAction(e -> edit(p -> p.withNonNegative(nonNegative.isSelected())));
        filter.setOnAction(e -> edit(p -> p.withFilter(filter.getValue(), p.filterCutoff())));
        thickness.valueProperty().addListener((o, a, b) -> edit(p -> p.withThickness(b)));
        Button undo = new Button("Undo");
        undo.setTooltip(new Tooltip("Undo the last settings change (Ctrl+Z)"));
        undo.setOnAction(e -> undo());
        run.setTooltip(new Tooltip("Reconstruct the chosen channels fully in the background"));
        run.setOnAction(e -> runFull());
        cancel.setTooltip(new Tooltip("Stop the running reconstruction; nothing partial is kept"));
        cancel.setOnAction(e -> { if (job != null) job.cancel(); });
        cancel.setDisable(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        settings.setPadding(new Insets(4));
        settings.getChildren().addAll(lowDose.automaticNodes(), new Label("Algorithm"), algorithm, new Label("Iterations"), iterations, new Label("Relaxation λ"), relaxation,
                nonNegative, new Label("WBP filter"), filter, new Label("Thickness Z (voxels, 0 = width)"), thickness, lowDose.settingsNode(), undo,
                new Label("Channels to reconstruct"), channelBoxes, new HBox(6, run, cancel), progress, progressText, new Label("Cost per term (each scaled to its largest)"), costChart, save);
        syncControls();
    }

    public VBox settings() { return settings; }
    public ReconViewModel model() { return vm; }
    public ImageCanvas previewCanvas() { return preview; }
    public Button runButton() { return run; }
    /** The line under the progress bar (the run's phase, then its outcome). */
    public Label progressLine() { return progressText; }
    public Label previewInfo() { return previewInfo; }
    /** The line saying which method "automatic" picked and why. */
    public Label methodInfo() { return lowDose.methodInfo; }
    public CheckBox automaticBox() { return lowDose.automatic; }
    public ComboBox<Algorithm> algorithmBox() { return algorithm; }
    public Spinner<Double> tvStrengthSpinner() { return lowDose.tvStrength; }
    public Spinner<Double> gammaSpinner() { return lowDose.gamma; }
    /** The curves shown: per term, cost per iteration. */
    public java.util.Map<String, double[]> costCurves() { return costChart.curves(); }
    public void setOnResult(Consumer<Map<String, Volume>> c) { onResult = c; }
    public void setOnError(Consumer<Throwable> c) { onError = c; }

    private void edit(java.util.function.UnaryOperator<ReconParams> f) {
        if (updating) return;
        boolean wasAutomatic = vm.setup().automatic();
        vm.setParams(f.apply(vm.params()));
        if (wasAutomatic) syncControls(); // an edited parameter makes the chosen method an explicit one
        requestPreview();
    }

    /** Same as picking {@code a} in the form. */
    public void applyAlgorithm(Algorithm a) {
        vm.setAlgorithm(a);
        syncControls();
        requestPreview();
    }

    /** Takes a dataset's own settings (on switching datasets, or "apply to all"). */
    public void useSettings(ReconParams p) {
        if (p.equals(vm.params()) && !vm.setup().automatic()) return;
        vm.setParams(p);
        syncControls();
        requestPreview();
    }

    /** As {@link #useSettings(ReconParams)}, with the automatic switch and low-dose settings. */
    public void useSetup(ReconViewModel.Setup s) {
        if (s.equals(vm.setup())) return;
        vm.setSetup(s);
        syncControls();
        requestPreview();
    }

    public void undo() {
        vm.undo();
        syncControls();
        requestPreview();
    }

    private void syncControls() {
        updating = true;
        ReconParams p = vm.params();
        algorithm.setValue(p.algorithm());
        iterations.getValueFactory().setValue(p.iterations());
        relaxation.getValueFactory().setValue(p.relaxation());
        nonNegative.setSelected(p.nonNegative());
        filter.setValue(p.filter());
        thickness.getValueFactory().setValue(p.thicknessVoxels());
        boolean iterative = p.algorithm().iterative();
        iterations.setDisable(!iterative);
        relaxation.setDisable(!iterative);
        nonNegative.setDisable(!iterative);
        filter.setDisable(iterative);
        var c = vm.setup().automatic() ? vm.choice() : null;
        algorithm.setDisable(vm.setup().automatic());
        lowDose.show(vm.setup().automatic(), c == null ? (vm.setup().automatic() ? "Automatic: chosen when a series is open" : "")
                : "Automatic chose " + c.algorithm().label() + ": " + c.reason(), p.algorithm(), vm.setup().lowDose());
        updating = false;
    }

    public void setDataset(Dataset d) {
        vm.setSeries(d == null ? null : d.series(), d != null && d.series() == d.openedSeries() ? d.seriesPath() : null);
        syncControls(); // "automatic" shows this series' choice
        channelBoxes.getChildren().clear();
        previewChannel.getItems().clear();
        if (d == null || d.series() == null) {
            preview.setImage(null, 0, 0, 1);
            preview.setCaption("This dataset has no tilt series to reconstruct");
            run.setDisable(true);
            return;
        }
        run.setDisable(false);
        preview.setOverlay(ReconViewModel.looksAligned(d.series()) ? ""
                : "Not aligned here: misalignment blurs and arcs the result; run Align first unless the series was aligned elsewhere.");
        for (String c : vm.channels()) {
            CheckBox b = new CheckBox(c);
            b.setSelected(true);
            channelBoxes.getChildren().add(b);
            previewChannel.getItems().add(c);
        }
        var adf = d.series().adf();
        previewChannel.setValue(adf != null ? adf.name() : vm.channels().isEmpty() ? null : vm.channels().get(0));
        row.setMax(d.series().height() - 1);
        row.setValue(d.series().height() / 2.0);
        requestPreview();
    }

    /** Asks for a new preview; a newer request cancels this one. */
    public void requestPreview() {
        if (vm.series() == null || previewChannel.getValue() == null) return;
        int r = (int) Math.round(row.getValue());
        var ts = vm.series();
        rowLabel.setText(String.format(Locale.ROOT, "y = %.1f nm (row %d/%d)", SharedCursor.nm(r, ts.height(), ts.pixelSizeNm()), r + 1, ts.height()));
        String ch = previewChannel.getValue();
        ReconParams p = vm.params();
        previews.request(pr -> vm.preview(ch, r, p, pr), this::showPreview,
                e -> previewInfo.setText("Preview not possible: " + Dialogs.sentence(e)));
    }

    private void showPreview(ReconViewModel.Preview pv) {
        if (!pv.costs().isEmpty()) costChart.show(pv.costs(), vm.params().iterations());
        double[] lim = Contrast.percentiles(pv.values(), 0.5, 99.5);
        preview.setImage(Slices.render(pv.values(), ColorMap.VIRIDIS, lim[0], lim[1], Slices.TRANSPARENT), pv.width(), pv.height(), 1);
        preview.setCaption(String.format(Locale.ROOT, "Preview: slice perpendicular to the tilt axis at row %d (columns x, rows z = beam at 0°)", pv.row() + 1));
        ReconParams p = vm.params();
        previewInfo.setText(String.format(Locale.ROOT, "%s%s · %.0f ms%s · values %s to %s per voxel", p.algorithm().label().toUpperCase(Locale.ROOT),
                p.algorithm().iterative() ? String.format(Locale.ROOT, ", %d iterations, λ %.2f%s", p.iterations(), p.relaxation(), p.nonNegative() ? ", ≥ 0" : "") : ", " + p.filter(),
                pv.seconds() * 1000, Double.isFinite(pv.residual()) ? String.format(Locale.ROOT, " · residual %.3g", pv.residual()) : "",
                Quantities.format(lim[0]), Quantities.format(lim[1])));
    }

    private void runFull() {
        List<String> chosen = new ArrayList<>();
        for (var n : channelBoxes.getChildren()) if (n instanceof CheckBox b && b.isSelected()) chosen.add(b.getText());
        int threads = org.trident.job.RunContext.availableThreads();
        run.setDisable(true);
        cancel.setDisable(false);
        var setup = vm.setup();
        job = jobs.submit("Reconstruct " + String.join(", ", chosen), pr -> vm.run(chosen, setup, threads, pr), vols -> {
            if (!vm.costs().isEmpty()) costChart.show(vm.costs().snapshot(), vm.costs().iterations());
            finish("Reconstructed " + vols.size() + " volume(s); see Volumes.");
            save.setDisable(false);
            onResult.accept(vols);
        }, e -> { finish("Failed: " + Dialogs.sentence(e)); onError.accept(e); });
        ticker = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.millis(250), e -> tick()));
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticker.play();
    }

    private void tick() {
        if (job == null) return;
        if (!job.active()) {
            // the job's own callback has written the outcome: the last progress line must not overwrite it
            if (job.state() == Jobs.State.CANCELLED) finish("Cancelled; nothing was kept.");
            ticker.stop();
            return;
        }
        progress.setProgress(job.fraction());
        if (!vm.costs().isEmpty()) costChart.show(vm.costs().snapshot(), vm.costs().iterations());
        double eta = job.etaSeconds();
        progressText.setText(job.status() + (Double.isNaN(eta) ? "" : " · " + JobsPane.time(eta) + " left"));
        if (!job.active()) {
            if (job.state() == Jobs.State.CANCELLED) finish("Cancelled; nothing was kept.");
            ticker.stop();
        }
    }

    private void finish(String text) {
        run.setDisable(false);
        cancel.setDisable(true);
        progress.setProgress(job != null && job.state() == Jobs.State.DONE ? 1 : 0);
        progressText.setText(text);
    }

    /** Writes the last full run into {@code dir} (new or empty) as a job. */
    public void saveTo(java.nio.file.Path dir) {
        jobs.submit("Save reconstruction", p -> vm.save(dir, org.trident.job.ToolVersion.get()),
                f -> progressText.setText("Saved " + f.getParent()), onError);
    }

    public void dispose() { previews.shutdown(); }
}
