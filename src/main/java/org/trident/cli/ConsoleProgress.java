package org.trident.cli;

import org.trident.job.ProgressTracker;

import java.io.PrintStream;
import java.util.Locale;

/** Progress for commands: prints the phase and percent to stderr at most once a second. */
final class ConsoleProgress extends ProgressTracker {
    private final PrintStream err;
    private final boolean quiet;
    private long lastPrint;

    ConsoleProgress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void start(String msg, long totalUnits) {
        super.start(msg, totalUnits);
        lastPrint = 0;
        print();
    }

    @Override
    public void advance(long units) {
        super.advance(units);
        long now = System.nanoTime();
        if (now - lastPrint > 1_000_000_000L) print();
    }

    private synchronized void print() {
        if (quiet) return;
        lastPrint = System.nanoTime();
        err.printf(Locale.ROOT, "%s: %3.0f%%%n", phase(), 100 * fraction());
    }
}
