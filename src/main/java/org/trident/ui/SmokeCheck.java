package org.trident.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code trident gui --smoke}: the check that an installed workstation really works. The window
 * opens what a normal start would (the sample workspace, or the given paths) through the same
 * jobs, then this waits until no job is left, checks that every expected dataset arrived with
 * data in it (tilts and channels, or volumes) and that no job failed, and reports one line. The
 * packaged-app test (docs/install.md) runs it on the installed image.
 */
public final class SmokeCheck {
    /** The verdict: exit code 0 when everything opened, 1 otherwise, and the line to print. */
    public record Result(int code, String line) {}

    private final MainWindow window;
    private final int expected;
    private final long timeoutNanos;
    private final Consumer<Result> done;
    private final long start = System.nanoTime();
    private Timeline poll;
    private int quietPolls;

    /**
     * Watches {@code window} until {@code expected} datasets are open (or a job fails, or
     * {@code timeoutSeconds} pass), then calls {@code done} once on the FX thread.
     */
    public SmokeCheck(MainWindow window, int expected, double timeoutSeconds, Consumer<Result> done) {
        this.window = window;
        this.expected = expected;
        this.timeoutNanos = (long) (timeoutSeconds * 1e9);
        this.done = done;
    }

    /** Starts polling (on the FX thread, every 100 ms). */
    public void start() {
        poll = new Timeline(new KeyFrame(Duration.millis(100), e -> check()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void check() {
        boolean quiet = window.jobs().running() == 0;
        boolean failed = window.jobs().list().stream().anyMatch(j -> j.state() == Jobs.State.FAILED);
        // a finished job hands its result to the FX thread after it counts as done, so "no job
        // running" alone is not the end: wait for the datasets, or for a long quiet spell
        quietPolls = quiet ? quietPolls + 1 : 0;
        boolean timedOut = System.nanoTime() - start > timeoutNanos;
        boolean complete = quietPolls >= 2 && window.datasets().size() >= expected;
        if (!complete && !failed && quietPolls < 100 && !timedOut) return;
        poll.stop();
        done.accept(verdict(window.jobs().list(), window.datasets(), expected, (System.nanoTime() - start) / 1e9, timedOut));
    }

    /** The verdict from the jobs and datasets as they stand; toolkit-free so it is tested directly. */
    static Result verdict(List<Jobs.Job> jobs, List<Dataset> datasets, int expected, double seconds, boolean timedOut) {
        String prefix = "trident gui --smoke: ";
        for (Jobs.Job j : jobs) {
            if (j.state() == Jobs.State.FAILED) {
                String why = j.error() == null ? "" : String.valueOf(j.error().getMessage()).replaceAll("\\s*\\R\\s*", " ");
                return new Result(1, prefix + "FAILED: " + j.name() + ": " + why);
            }
            if (j.state() == Jobs.State.CANCELLED) return new Result(1, prefix + "FAILED: " + j.name() + " was cancelled");
        }
        if (timedOut) return new Result(1, prefix + String.format(Locale.ROOT, "FAILED: still working after %.0f s", seconds));
        if (datasets.size() < expected) {
            return new Result(1, prefix + "FAILED: " + datasets.size() + " of " + expected + " datasets opened");
        }
        List<String> parts = new ArrayList<>();
        for (Dataset d : datasets) {
            int tilts = d.series() == null ? 0 : d.series().tilts();
            int channels = d.series() == null ? 0 : d.series().channels().size();
            int volumes = d.volumes().size();
            if (tilts == 0 && volumes == 0) return new Result(1, prefix + "FAILED: " + d.label() + " opened without tilts or volumes");
            parts.add(d.label() + " (" + tilts + " tilts, " + channels + " channels, " + volumes + " volumes)");
        }
        return new Result(0, prefix + String.format(Locale.ROOT, "ok, %d datasets opened in %.1f s: ", datasets.size(), seconds) + String.join("; ", parts));
    }

    /** How many datasets opening {@code paths} gives: a workspace counts its entries, anything else one. */
    static int expectedFor(List<Path> paths, boolean sample) {
        int n = sample ? org.trident.sim.SampleData.NAMES.size() : 0;
        for (Path p : paths) n += Workspace.isWorkspace(p) ? Workspace.read(p).entries().size() : isSeiStudy(p) ? 0 : 1;
        return n;
    }

    /** An SEI study ({@code study.json}, or a folder holding one) of format {@code trident.sei-study/…}: opened in the SEI window. */
    static boolean isSeiStudy(Path p) {
        Path f = java.nio.file.Files.isDirectory(p) ? p.resolve("study.json") : p;
        if (!java.nio.file.Files.isRegularFile(f) || !f.getFileName().toString().endsWith(".json")) return false;
        try {
            return org.trident.io.Json.readObject(f).path("format").asText("").startsWith("trident.sei-study/");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
