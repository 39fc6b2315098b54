package org.trident.job;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ETA arithmetic on a fake clock: no test here waits for real time. */
class EtaTest {
    static final long S = 1_000_000_000L;

    @Test
    void extrapolatesTheTimeSpentOverTheFractionDone() {
        AtomicLong now = new AtomicLong(7 * S);
        Eta eta = new Eta(now::get);
        now.addAndGet(30 * S);
        assertEquals(30 * 0.6 / 0.4, eta.remainingSeconds(0.4), 1e-9); // 30 s for 40 % → 45 s for the other 60 %
        assertEquals(30 * 0.95 / 0.05, eta.remainingSeconds(0.05), 1e-9);
        eta.restart();
        now.addAndGet(4 * S);
        assertEquals(12.0, eta.remainingSeconds(0.25), 1e-9);
    }

    @Test
    void saysNothingUntilItMeansSomething() {
        AtomicLong now = new AtomicLong();
        Eta eta = new Eta(now::get);
        now.set(100 * S);
        assertTrue(Double.isNaN(eta.remainingSeconds(0.049)), "under 5 % done");
        assertTrue(Double.isNaN(eta.remainingSeconds(Double.NaN)));
        assertTrue(Double.isNaN(eta.remainingSeconds(1.0)), "done");
        eta.restart();
        now.addAndGet(S);
        assertTrue(Double.isNaN(eta.remainingSeconds(0.5)), "under 2 s spent");
        now.addAndGet(S);
        assertEquals(2.0, eta.remainingSeconds(0.5), 1e-9);
    }

    @Test
    void formatsInWholeUnits() {
        assertEquals("0 s", Eta.format(0.2));
        assertEquals("45 s", Eta.format(45.4));
        assertEquals("1 min 0 s", Eta.format(59.6));
        assertEquals("1 min 20 s", Eta.format(80));
        assertEquals("59 min 59 s", Eta.format(3599));
        assertEquals("1 h 00 min", Eta.format(3600));
        assertEquals("2 h 05 min", Eta.format(2 * 3600 + 5 * 60 + 10));
    }
}
