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

    /**
     * Stage {@code index} (1-based) of the {@code count} stages of a long command begins, e.g. a
     * pipeline's reconstruct step; {@code name} says which (and of what dataset). Phases started
     * after this belong to that stage. Adapters show overall k/N progress from it.
     */
    default void stage(int index, int count, String name) {}

    /**
     * The current stage's work is split into {@code count} parts of roughly equal cost and part
     * {@code index} (1-based) begins now (e.g. one channel's reconstruction); the phases started in
     * it measure that part, so an adapter can tell how far the whole stage is.
     */
    default void part(int index, int count) {}

    /**
     * The work units of each of the command's stages (index 0 = stage 1; NaN where unknown), in
     * the one currency of {@link WorkPlan}, so an adapter can tell the time left for the whole
     * command from the seconds per unit measured so far. Given before the first stage and again
     * whenever an estimate improves (e.g. once the method or the channels are known).
     */
    default void plan(double[] unitsPerStage) {}

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
