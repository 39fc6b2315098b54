package org.trident.cli;

import org.trident.job.Progress;

import java.util.Locale;

/**
 * The one progress for the terminal: phase names, and percent at most once a second, on stderr;
 * status lines too with --verbose.
 */
final class CliProgress implements Progress {
    private final boolean quiet, verbose;
    private volatile long total = 1, done;
    private volatile long lastPrint;
    private volatile String phase = "";

    CliProgress(boolean quiet) {
        this(quiet, false);
    }

    CliProgress(boolean quiet, boolean verbose) {
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void message(String m) {
        if (verbose && !quiet) System.err.println(m);
    }

    @Override
    public synchronized void start(String message, long t) {
        phase = message;
        total = Math.max(1, t);
        done = 0;
        if (!quiet) System.err.println(message + " …");
        lastPrint = System.currentTimeMillis();
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        long now = System.currentTimeMillis();
        if (!quiet && now - lastPrint >= 1000) {
            lastPrint = now;
            System.err.printf(Locale.ROOT, "  %s: %.0f %%%n", phase, 100.0 * Math.min(done, total) / total);
        }
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
