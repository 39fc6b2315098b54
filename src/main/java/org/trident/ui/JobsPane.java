package org.trident.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Locale;

/**
 * The list of background jobs with progress, ETA and cancel. It polls {@link Jobs} every 250 ms
 * (updates coalesced on a timer, so engine threads never touch the FX thread directly).
 */
public final class JobsPane extends VBox {
    private final Jobs jobs;
    private final Label summary = new Label("No jobs");
    private final VBox rows = new VBox(4);
    private final Timeline timer;

    public JobsPane(Jobs jobs) {
        this.jobs = jobs;
        setSpacing(4);
        setPadding(new Insets(6));
        Button clear = new Button("Clear finished");
        clear.setTooltip(new Tooltip("Remove finished, failed and cancelled jobs from the list"));
        clear.setOnAction(e -> { jobs.clearFinished(); refresh(); });
        HBox head = new HBox(6, new Label("Jobs"), summary, clear);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, rows);
        timer = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    public Label summaryLabel() { return summary; }

    public void refresh() {
        long n = jobs.running();
        summary.setText(n == 0 ? "none running" : n + " running");
        var list = jobs.list();
        rows.getChildren().clear();
        int from = Math.max(0, list.size() - 6); // the latest few; older ones stay in the log
        for (int i = list.size() - 1; i >= from; i--) rows.getChildren().add(row(list.get(i)));
    }

    /** "42 %, 1 min 05 s left", or the phase's name while it has reported no progress (never a frozen "0 %"). */
    static String runningText(String phase, double fraction, double eta) {
        if (fraction <= 0) return (phase == null || phase.isBlank() ? "working" : phase) + "…";
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction) + (Double.isNaN(eta) ? "" : String.format(Locale.ROOT, ", %s left", time(eta)));
    }

    private HBox row(Jobs.Job j) {
        // a running phase that reports no units yet (e.g. the tilt-axis search) shows as busy, not "0 %"
        ProgressBar bar = new ProgressBar(j.state() == Jobs.State.DONE ? 1
                : j.state() == Jobs.State.RUNNING && j.fraction() == 0 ? ProgressBar.INDETERMINATE_PROGRESS : j.fraction());
        bar.setPrefWidth(70);
        Label name = new Label(j.name());
        name.setMaxWidth(150);
        String text = switch (j.state()) {
            case QUEUED -> "queued";
            case RUNNING -> runningText(j.progress().phase(), j.fraction(), j.etaSeconds());
            case DONE -> String.format(Locale.ROOT, "done in %s", time(j.elapsedSeconds()));
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
        };
        Label st = new Label(text);
        st.setTooltip(new Tooltip(j.status() + (j.error() != null ? "\n" + Dialogs.sentence(j.error()) : "")));
        Button cancel = new Button("✕");
        cancel.setTooltip(new Tooltip("Cancel this job"));
        cancel.setDisable(!j.active());
        cancel.setOnAction(e -> { j.cancel(); refresh(); });
        VBox text2 = new VBox(1, name, st);
        HBox.setHgrow(text2, Priority.ALWAYS);
        HBox r = new HBox(4, bar, text2, cancel);
        r.setAlignment(Pos.CENTER_LEFT);
        return r;
    }

    static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.0f s", Math.max(0, s));
        return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    public void stop() { timer.stop(); }
}
