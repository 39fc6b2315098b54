package org.trident.spectra;

import org.trident.job.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs {@code n} independent tasks on {@code threads} workers, checking for cancel between tasks. */
final class Parallel {
    private Parallel() {}

    static void forEach(int n, int threads, Progress progress, IntConsumer task) {
        int t = Math.max(1, Math.min(threads, n));
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                progress.checkCancelled();
                task.accept(i);
                progress.advance(1);
            }
        };
        if (t == 1) {
            worker.run();
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "trident-quant");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < t; i++) fs.add(ex.submit(worker));
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    next.set(n);
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error er) throw er;
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    next.set(n);
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
