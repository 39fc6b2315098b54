package org.trident.cli;

import org.trident.job.Eta;
import org.trident.job.Progress;
import org.trident.job.WorkPlan;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one progress for the terminal, on stderr. Without stages: phase names, and percent at most
 * once a second. Once a command announces stages ({@link #stage}), each line names the stage and
 * how far the whole stage is, e.g. {@code [3/4 reconstruct cycled-10] 42 % · ETA 1 min 20 s},
 * at most once a second (a stage that declares no parts is measured phase by phase, and the
 * line then names the phase); the ETA appears once it means something ({@link Eta}). A command of
 * several stages that plans their work ({@link #plan}) adds the time left for all of it,
 * {@code · total ETA 3 min 10 s} ({@link WorkPlan}), or {@code · total ETA unknown} until
 * something has been measured; that also ends the line that opens each stage. Status lines, and
 * the phase names inside a stage, with --verbose.
 */
final class CliProgress implements Progress {
    private static final long PRINT_EVERY_NS = 1_000_000_000L;

    private final boolean quiet, verbose;
    private final PrintStream err;
    private final LongSupplier clock;
    private long total = 1, done;
    private long lastPrint;
    private String phase = "";
    // the current stage (null before any), its parts and how far it got
    private String stageLabel;
    private int stageCount;
    private WorkPlan plan; // null until the command plans its stages
    private int part = 1, parts = 1;
    private boolean partsDeclared; // false: the stage's phases are measured one by one (their names shown)
    private double stageFraction;
    private Eta eta;

    CliProgress(boolean quiet) {
        this(quiet, false);
    }

    CliProgress(boolean quiet, boolean verbose) {
        this(quiet, verbose, System.err, System::nanoTime);
    }

    /** With a given stream and clock (ns), for tests. */
    CliProgress(boolean quiet, boolean verbose, PrintStream err, LongSupplier clock) {
        this.quiet = quiet;
        this.verbose = verbose;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public void message(String m) {
        if (verbose && !quiet) err.println(m);
    }

    @Override
    public synchronized void stage(int index, int count, String name) {
        stageLabel = String.format(Locale.ROOT, "[%d/%d %s]", index, count, name);
        stageCount = count;
        if (plan != null) plan.stage(index);
        part = 1;
        parts = 1;
        partsDeclared = false;
        stageFraction = 0;
        total = 1;
        done = 0;
        eta = new Eta(clock);
        if (!quiet) err.println(stageLabel + " …" + total());
        lastPrint = clock.getAsLong();
    }

    @Override
    public synchronized void plan(double[] unitsPerStage) {
        if (plan == null) plan = new WorkPlan(clock);
        plan.units(unitsPerStage);
    }

    @Override
    public synchronized void part(int index, int count) {
        part = Math.max(1, index);
        parts = Math.max(part, count);
        partsDeclared = true;
        total = 1;
        done = 0;
    }

    @Override
    public synchronized void start(String message, long t) {
        phase = message;
        total = Math.max(1, t);
        done = 0;
        if (stageLabel != null && !partsDeclared) {
            // a stage without parts: this phase alone is measured (the stage's extent is unknown)
            stageFraction = 0;
            eta.restart();
        }
        if (!quiet && (stageLabel == null || verbose)) err.println(message + " …");
        if (stageLabel == null) lastPrint = clock.getAsLong(); // inside a stage the once-a-second rhythm runs on
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        double f = Math.min(done, total) / (double) total;
        if (stageLabel != null) stageFraction = Math.max(stageFraction, (part - 1 + f) / parts); // never runs backwards
        if (plan != null && partsDeclared) plan.fraction(stageFraction);
        long now = clock.getAsLong();
        if (quiet || now - lastPrint < PRINT_EVERY_NS) return;
        lastPrint = now;
        err.println(stageLabel == null ? String.format(Locale.ROOT, "  %s: %.0f %%", phase, 100 * f) : stageLine());
    }

    /**
     * The current stage's line: {@code [k/N name] p %}, with {@code · ETA …} once it is meaningful,
     * and the whole command's {@code · total ETA …} when it planned several stages.
     */
    synchronized String stageLine() {
        String line = String.format(Locale.ROOT, "%s%s %.0f %%", stageLabel, partsDeclared ? "" : " " + phase, 100 * stageFraction);
        double left = eta.remainingSeconds(stageFraction);
        return (Double.isNaN(left) ? line : line + " · ETA " + Eta.format(left)) + total(partsDeclared ? Double.NaN : left);
    }

    /** {@code · total ETA …} for a planned command of several stages, else nothing (one stage: its own ETA says it). */
    private String total() {
        return total(Double.NaN);
    }

    /** As {@link #total()}, the stage having at least {@code stageAtLeast} s left (its phase's ETA when it has no parts). */
    private String total(double stageAtLeast) {
        if (plan == null || stageCount < 2 || plan.stages() != stageCount) return "";
        double left = plan.remainingSeconds(stageAtLeast);
        return " · total ETA " + (Double.isNaN(left) ? "unknown" : Eta.format(left));
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
