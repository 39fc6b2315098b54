package org.trident.job;

import java.util.concurrent.CancellationException;

/**
 * How a long engine operation reports progress and learns it was cancelled. Engine code calls
 * {@link #checkCancelled()} between iterations or slices; implementations are thread-safe.
 */
public interface Progress {
    /** Starts (or restarts) a phase of {@code total} units of work. */
    void start(String message, long total);

    /** Reports {@code units} more done. */
    void advance(long units);

    /** A status line, e.g. "iteration 3/20, residual 0.012". */
    default void message(String message) {}

    boolean isCancelled();

    default void checkCancelled() {
        if (isCancelled()) throw new CancellationException("cancelled");
    }

    /** A progress that reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override public void start(String message, long total) {}
        @Override public void advance(long units) {}
        @Override public boolean isCancelled() { return false; }
    };
}
