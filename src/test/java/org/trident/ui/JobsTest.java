package org.trident.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class JobsTest {
    @Test
    void jobsReportDoneFailedAndCancelled() throws Exception {
        AtomicLong clock = new AtomicLong();
        List<String> seen = new ArrayList<>();
        Jobs jobs = new Jobs(Executors.newSingleThreadExecutor(), Runnable::run, clock::get);
        var ok = jobs.submit("ok", p -> 42, r -> seen.add("done " + r), e -> seen.add("error"));
        var bad = jobs.submit("bad", p -> { throw new org.trident.model.TridentException("x.npy: truncated"); }, r -> seen.add("?"), e -> seen.add(Dialogs.sentence(e)));
        CountDownLatch gate = new CountDownLatch(1);
        var cancelled = jobs.submit("slow", p -> {
            p.start("work", 10);
            try { gate.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            p.checkCancelled();
            return 1;
        }, r -> seen.add("slow done"), e -> seen.add("slow error"));
        while (cancelled.state() != Jobs.State.RUNNING) Thread.sleep(2);
        cancelled.cancel();
        gate.countDown();
        while (cancelled.active()) Thread.sleep(2);
        assertEquals(Jobs.State.DONE, ok.state());
        assertEquals(Jobs.State.FAILED, bad.state());
        assertEquals(Jobs.State.CANCELLED, cancelled.state());
        assertEquals(List.of("done 42", "x.npy: truncated"), seen);
        ok.cancel();
        assertEquals(Jobs.State.DONE, ok.state(), "a cancel never overwrites done");
        jobs.shutdown();
    }

    @Test
    void etaFollowsTheRateOfTheCurrentPhase() throws Exception {
        AtomicLong clock = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1), finish = new CountDownLatch(1);
        Jobs jobs = new Jobs(Executors.newSingleThreadExecutor(), Runnable::run, clock::get);
        var j = jobs.submit("recon", p -> {
            p.start("iterations", 100);
            p.advance(25);
            started.countDown();
            try { finish.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return 0;
        }, r -> {}, e -> {});
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(Double.isNaN(j.etaSeconds()));
        clock.addAndGet(10_000_000_000L); // 10 s for 25 %: 30 s left
        assertEquals(30, j.etaSeconds(), 1e-6);
        finish.countDown();
        jobs.shutdown();
    }

    @Test
    void latestRequestWinsAndStaleResultsAreDropped() throws Exception {
        List<Integer> delivered = new ArrayList<>();
        var worker = Executors.newSingleThreadExecutor();
        LatestWins<Integer> lw = new LatestWins<>(worker, Runnable::run);
        CountDownLatch block = new CountDownLatch(1), running = new CountDownLatch(1);
        // The first request must be running before the others arrive: if the worker picked it up
        // late it would (rightly) skip it, and each later one could then run as the latest of its moment.
        lw.request(p -> { running.countDown(); try { block.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } p.checkCancelled(); return 1; },
                delivered::add, e -> fail(e));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        for (int i = 2; i <= 5; i++) { int v = i; lw.request(p -> v, delivered::add, e -> fail(e)); }
        block.countDown();
        worker.shutdown();
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(List.of(5), delivered, "only the latest request is delivered");
    }
}
