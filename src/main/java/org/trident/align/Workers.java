package org.trident.align;

import org.trident.job.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs independent work items 0..n-1 on a given number of threads. Each item writes only its own
 * output, so results do not depend on the thread count. One pool per call keeps the engine free
 * of long-lived threads.
 */
final class Workers {
    private Workers() {}

    static void forEach(int n, int threads, Progress progress, IntConsumer body) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            for (int i = 0; i < n; i++) {
                progress.checkCancelled();
                body.accept(i);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "trident-align");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> {
                    progress.checkCancelled();
                    body.accept(k);
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error er) throw er;
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
