package org.trident.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.trident.align.AlignMethod;
import org.trident.align.AlignParams;
import org.trident.model.TiltSeries;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Align: run the estimate, see shifts and per-tilt correlation against the tilt angle, toggle raw
 * and aligned, nudge the shown tilt by hand, and see the tilt axis drawn on the image. Apply makes
 * the aligned series the one Reconstruct uses.
 */
public final class AlignView extends BorderPane {
    private final AlignViewModel vm = new AlignViewModel();
    private final ImageCanvas image = new ImageCanvas();
    private final PlotCanvas shifts = new PlotCanvas(), scores = new PlotCanvas();
    private final Slider tilt = new Slider(0, 1, 0);
    private final Label tiltLabel = new Label();
    private final ToggleButton aligned = new ToggleButton("Aligned");
    private final ToggleButton leaveOut = new ToggleButton("Leave out");
    private final CheckBox axis = new CheckBox("Tilt axis");
    private final List<CheckBox> methods = new ArrayList<>();
    private final Button run = new Button("Run"), cancel = new Button("Cancel"), apply = new Button("Apply to all channels");
    private final Label state = new Label();
    private final VBox settings = new VBox(5);
    private final Jobs jobs;
    private Jobs.Job job;
    private Consumer<TiltSeries> onApplied = t -> {};
    private Consumer<Throwable> onError = e -> {};

    public AlignView(Jobs jobs) {
        this.jobs = jobs;
        tilt.valueProperty().addListener((o, a, b) -> showTilt());
        HBox.setHgrow(tilt, Priority.ALWAYS);
        tiltLabel.setMinWidth(120);
        aligned.setTooltip(new Tooltip("Show the tilt raw or with the current alignment applied"));
        aligned.setOnAction(e -> showTilt());
        axis.setSelected(true);
        axis.setTooltip(new Tooltip("Draw the tilt axis: rotated and offset in the raw view, the centre column once aligned"));
        axis.setOnAction(e -> showTilt());
        leaveOut.setTooltip(new Tooltip("Leave this tilt out of the aligned series (blank, saturated or unmatchable tilts are left out by the estimate; take them back in here)"));
        leaveOut.setOnAction(e -> {
            if (vm.raw() == null) return;
            try {
                vm.toggleExcluded(tiltIndex());
            } catch (org.trident.model.TridentException ex) {
                state.setText(ex.getMessage());
            }
            refresh();
        });
        HBox bar = new HBox(6, new Label("Tilt"), tilt, tiltLabel, aligned, axis, leaveOut);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        image.setExtraPaint(this::paintAxis);
        SplitPane plots = new SplitPane(shifts, scores);
        plots.setOrientation(javafx.geometry.Orientation.VERTICAL);
        SplitPane split = new SplitPane(image, plots);
        split.setDividerPositions(0.5);
        setCenter(split);
        setBottom(bar);

        GridPane nudge = new GridPane();
        nudge.setHgap(3);
        nudge.setVgap(3);
        nudge.add(nudgeButton("↑", 0, -0.5), 1, 0);
        nudge.add(nudgeButton("←", -0.5, 0), 0, 1);
        nudge.add(nudgeButton("→", 0.5, 0), 2, 1);
        nudge.add(nudgeButton("↓", 0, 0.5), 1, 2);
        Button undo = new Button("Undo");
        undo.setTooltip(new Tooltip("Undo the last nudge or estimate"));
        undo.setOnAction(e -> { vm.undo(); refresh(); });
        for (AlignMethod m : AlignMethod.values()) {
            CheckBox b = new CheckBox(m.label());
            b.setSelected(AlignMethod.defaults().contains(m));
            b.setUserData(m);
            methods.add(b);
        }
        methods.get(0).setTooltip(new Tooltip("Tilt-axis rotation from the common line"));
        methods.get(1).setTooltip(new Tooltip("Neighbour cross-correlation with cosine stretching"));
        methods.get(2).setTooltip(new Tooltip("Centre of mass of an isolated particle (axis offset and y)"));
        methods.get(3).setTooltip(new Tooltip("Tilt-axis offset from trial reconstructions"));
        methods.get(4).setTooltip(new Tooltip("Projection matching: reproject and correlate until shifts settle"));
        run.setTooltip(new Tooltip("Estimate the alignment on the ADF channel in the background"));
        run.setOnAction(e -> runEstimate());
        cancel.setDisable(true);
        cancel.setOnAction(e -> { if (job != null) job.cancel(); });
        apply.setTooltip(new Tooltip("Resample every channel with this alignment; Reconstruct then uses the aligned series"));
        apply.setOnAction(e -> runApply());
        state.setWrapText(true);
        settings.setPadding(new Insets(4));
        VBox ms = new VBox(2);
        ms.getChildren().addAll(methods);
        settings.getChildren().addAll(new Label("Steps (in order)"), ms, new HBox(6, run, cancel), state,
                new Label("Nudge the shown tilt (0.5 px)"), nudge, undo, apply);
    }

    private Button nudgeButton(String text, double dx, double dy) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip("Move this tilt by " + Math.abs(dx + dy) + " px"));
        b.setOnAction(e -> { if (vm.raw() != null) { vm.nudge(tiltIndex(), dx, dy); aligned.setSelected(true); refresh(); } });
        return b;
    }

    public VBox settings() { return settings; }
    public AlignViewModel model() { return vm; }
    public Button runButton() { return run; }
    public Button applyButton() { return apply; }
    public void setOnApplied(Consumer<TiltSeries> c) { onApplied = c; }
    public void setOnError(Consumer<Throwable> c) { onError = c; }

    public void setSeries(TiltSeries raw) {
        setSeries(raw, null);
    }

    /** The series to align and the bundle it was read from (for provenance), or null. */
    public void setSeries(TiltSeries raw, java.nio.file.Path source) {
        vm.setSeries(raw, source);
        boolean ok = raw != null && raw.adf() != null;
        run.setDisable(!ok);
        apply.setDisable(!ok);
        if (!ok) {
            image.setImage(null, 0, 0, 1);
            image.setCaption(raw == null ? "This dataset has no tilt series" : "No image channel to align on");
            return;
        }
        state.setText(ReconViewModel.looksAligned(raw) ? "This series is already aligned." : "Not aligned yet.");
        tilt.setMax(raw.tilts() - 1);
        tilt.setValue(TiltViewModel.zeroTilt(raw));
        refresh();
    }

    private int tiltIndex() { return (int) Math.round(tilt.getValue()); }

    private void refresh() {
        showTilt();
        plot();
    }

    private void showTilt() {
        if (vm.raw() == null || vm.raw().adf() == null) return;
        int t = tiltIndex();
        var a = vm.alignment();
        tiltLabel.setText(String.format(Locale.ROOT, "%d/%d  %.1f°", t + 1, vm.raw().tilts(), vm.raw().tiltAnglesDeg()[t]));
        float[] im = vm.image(t, aligned.isSelected());
        double[] lim = Contrast.percentiles(im, 0.5, 99.5);
        image.setImage(Slices.render(im, ColorMap.GRAY, lim[0], lim[1], Slices.TRANSPARENT), vm.raw().width(), vm.raw().height(), 1);
        leaveOut.setSelected(vm.excluded(t));
        // "aligned" only once there is an alignment to show (estimated, nudged or applied), never for the identity
        boolean any = vm.canUndo() || vm.score() != null;
        image.setCaption(String.format(Locale.ROOT, "%s %s · shift (%.2f, %.2f) px · axis %.2f°, offset %.2f px%s",
                vm.raw().adf().name(), !aligned.isSelected() ? "raw" : any ? "aligned" : "raw (no alignment estimated yet)", a.dx(t), a.dy(t),
                a.tiltAxisRotationDeg(), a.tiltAxisOffsetPx(), vm.excluded(t) ? " · LEFT OUT: " + vm.exclusionReason(t) : ""));
    }

    private void paintAxis() {
        if (!axis.isSelected() || vm.raw() == null) return;
        double[] l = vm.axisLine(aligned.isSelected());
        double[] p = image.toScreen(l[0], l[1]), q = image.toScreen(l[2], l[3]);
        var g = image.graphics();
        g.setStroke(Color.rgb(255, 140, 0, 0.9));
        g.setLineWidth(1.5);
        g.setLineDashes(8, 5);
        g.strokeLine(p[0], p[1], q[0], q[1]);
        g.setLineDashes((double[]) null);
    }

    private void plot() {
        var ts = vm.raw();
        var a = vm.alignment();
        double[] ang = ts.tiltAnglesDeg();
        shifts.set("Shifts per tilt (raw frame)", "tilt angle (°)", "shift (px)", List.of(
                new PlotCanvas.Series("dx", ang, a.dx(), null, ProfilesView.PALETTE[0], false),
                new PlotCanvas.Series("dy", ang, a.dy(), null, ProfilesView.PALETTE[1], true)), List.of());
        if (vm.score() != null) {
            scores.set("Normalised correlation per tilt (low = suspect tilt)", "tilt angle (°)", "correlation", List.of(
                    new PlotCanvas.Series("", ang, vm.score(), null, ProfilesView.PALETTE[2], false)), List.of());
        } else {
            scores.set("Run the estimate to see the per-tilt correlation", "", "", List.of(), List.of());
        }
    }

    private void runEstimate() {
        List<AlignMethod> chosen = new ArrayList<>();
        for (CheckBox b : methods) if (b.isSelected()) chosen.add((AlignMethod) b.getUserData());
        AlignParams p = AlignParams.defaults().withMethods(chosen);
        int threads = org.trident.job.RunContext.availableThreads();
        run.setDisable(true);
        cancel.setDisable(false);
        state.setText("Estimating…");
        job = jobs.submit("Align " + vm.raw().label(), pr -> vm.estimate(p, threads, pr), r -> {
            vm.accept(r);
            aligned.setSelected(true);
            run.setDisable(false);
            cancel.setDisable(true);
            state.setText(String.format(Locale.ROOT, "Estimated: axis %.2f°, offset %.2f px.%s", r.alignment().tiltAxisRotationDeg(),
                    r.alignment().tiltAxisOffsetPx(), r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes())));
            refresh();
        }, e -> { run.setDisable(false); cancel.setDisable(true); state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); },
                () -> { run.setDisable(false); cancel.setDisable(true); state.setText("Cancelled; the alignment is unchanged."); });
    }

    private void runApply() {
        int threads = org.trident.job.RunContext.availableThreads();
        state.setText("Applying…");
        jobs.submit("Apply alignment", pr -> vm.apply(threads, pr), ts -> {
            state.setText("Applied: Reconstruct now uses the aligned series.");
            onApplied.accept(ts);
        }, e -> { state.setText("Failed: " + Dialogs.sentence(e)); onError.accept(e); });
    }
}
