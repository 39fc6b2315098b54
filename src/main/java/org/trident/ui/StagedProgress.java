package org.trident.ui;

import org.trident.job.Progress;

/**
 * One progress bar over several steps (and datasets): each step gets an equal share, and the
 * phases an engine stage starts inside its step fill that share (each new phase half of what is
 * left, so the bar never goes back). The outer phase stays the same for the whole run, so the
 * job's ETA (from the phase's rate) is the ETA of the whole run. Thread-safe.
 */
final class StagedProgress {
    private static final long UNITS = 1000;
    private final Progress outer;
    private String prefix = "";
    private long reported = UNITS; // units of the current step already passed on (none started yet)

    StagedProgress(Progress outer, String title, int steps) {
        this.outer = outer;
        outer.start(title, Math.max(1, steps) * UNITS);
    }

    /** The datasets's steps follow (names the status line). */
    synchronized StagedProgress forDataset(String label) {
        prefix = label + ": ";
        return this;
    }

    boolean isCancelled() { return outer.isCancelled(); }

    /** Ends the previous step and starts the next; the returned Progress is what the engine stage gets. */
    synchronized Progress step(String name) {
        outer.checkCancelled();
        if (reported < UNITS) outer.advance(UNITS - reported);
        reported = 0;
        String head = prefix + name;
        outer.message(head);
        return new Progress() {
            private long total = 1, count, phaseBase, phaseSpan = UNITS / 2;

            @Override public void start(String message, long t) {
                synchronized (StagedProgress.this) {
                    total = Math.max(1, t);
                    count = 0;
                    phaseBase = reported;
                    phaseSpan = (UNITS - 1 - reported) / 2;
                    outer.message(head + " · " + message);
                }
            }

            @Override public void advance(long units) {
                synchronized (StagedProgress.this) {
                    count += units;
                    long within = phaseBase + Math.min(phaseSpan, phaseSpan * count / total);
                    if (within > reported) {
                        outer.advance(within - reported);
                        reported = within;
                    }
                }
            }

            @Override public void message(String m) { outer.message(head + " · " + m); }

            @Override public boolean isCancelled() { return outer.isCancelled(); }
        };
    }

    /** Completes the last step. */
    synchronized void finish() {
        if (reported < UNITS) outer.advance(UNITS - reported);
        reported = UNITS;
    }
}
