package org.trident.ui;

import org.trident.job.Progress;
import org.trident.job.ProgressTracker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs previews so that only the latest request counts: a new request cancels the running one
 * (through its Progress) and replaces any that waits; a stale result is never delivered.
 * One worker thread, so previews never compete with each other for the CPU.
 */
public final class LatestWins<T> {
    private final ExecutorService worker;
    private final Executor ui;
    private final AtomicLong generation = new AtomicLong();
    private volatile ProgressTracker current;

    public LatestWins(Executor ui) {
        this(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trident-preview");
            t.setDaemon(true);
            return t;
        }), ui);
    }

    LatestWins(ExecutorService worker, Executor ui) {
        this.worker = worker;
        this.ui = ui;
    }

    public void request(Function<Progress, T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        long gen = generation.incrementAndGet();
        ProgressTracker old = current;
        if (old != null) old.cancel();
        ProgressTracker p = new ProgressTracker();
        current = p;
        worker.execute(() -> {
            if (gen != generation.get()) return; // a newer request is queued: skip this one
            try {
                T r = work.apply(p);
                if (gen == generation.get() && !p.isCancelled()) ui.execute(() -> { if (gen == generation.get()) onResult.accept(r); });
            } catch (CancellationException e) {
                // replaced by a newer request
            } catch (Throwable e) {
                if (gen == generation.get()) ui.execute(() -> onError.accept(e));
            }
        });
    }

    /** Requests made so far (for tests and the status line). */
    public long generation() { return generation.get(); }

    public void shutdown() {
        ProgressTracker p = current;
        if (p != null) p.cancel();
        worker.shutdownNow();
    }
}
