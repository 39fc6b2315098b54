package org.trident.job;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe progress that records state and can be cancelled; adapters (CLI, UI) poll it. */
public class ProgressTracker implements Progress {
    private final AtomicLong done = new AtomicLong();
    private volatile long total = 1;
    private volatile String message = "";
    private volatile String status = "";
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void start(String msg, long totalUnits) {
        this.message = msg;
        this.total = Math.max(1, totalUnits);
        done.set(0);
    }

    @Override
    public void advance(long units) {
        done.addAndGet(units);
    }

    @Override
    public void message(String m) {
        status = m;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    public void cancel() {
        cancelled.set(true);
    }

    /** Fraction done of the current phase, in [0, 1]. */
    public double fraction() {
        return Math.min(1.0, done.get() / (double) total);
    }

    public String phase() { return message; }
    public String status() { return status; }
}
