package org.trident.analysis;

import org.trident.job.Progress;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** A parallel loop over independent work items (slices, lines) with cancel checks between items. */
final class Parallel {
    private Parallel() {}

    static void forEach(int n, int threads, Progress progress, IntConsumer body) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            for (int i = 0; i < n; i++) {
                progress.checkCancelled();
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "trident-analysis");
            th.setDaemon(true);
            return th;
        });
        try {
            Future<?>[] fs = new Future<?>[t];
            for (int w = 0; w < t; w++) {
                fs[w] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        progress.checkCancelled();
                        body.accept(i);
                    }
                });
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
