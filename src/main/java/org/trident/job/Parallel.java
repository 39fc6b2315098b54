package org.trident.job;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The engine's parallel loop: independent work items 0..n-1 (slices, rows, tilts) on a given
 * number of threads, with a cancel check before each item. Each item must write only its own
 * output, so results do not depend on the thread count. One short-lived pool per call keeps the
 * engine free of long-lived threads, as the style guide asks.
 */
public final class Parallel {
    private Parallel() {}

    public static void forEach(int n, int threads, Progress progress, IntConsumer body) {
        run(n, threads, progress, body, false);
    }

    /** As {@link #forEach}, reporting one unit of progress per finished item. */
    public static void forEachCounted(int n, int threads, Progress progress, IntConsumer body) {
        run(n, threads, progress, body, true);
    }

    private static void run(int n, int threads, Progress progress, IntConsumer body, boolean count) {
        int t = Math.max(1, Math.min(threads, n));
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                progress.checkCancelled();
                body.accept(i);
                if (count) progress.advance(1);
            }
        };
        if (t == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "trident-worker");
            th.setDaemon(true);
            return th;
        });
        try {
            Future<?>[] fs = new Future<?>[t];
            for (int w = 0; w < t; w++) fs[w] = pool.submit(worker);
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    next.set(n); // stop the other workers early
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error er) throw er;
                    throw new IllegalStateException(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.set(n);
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
