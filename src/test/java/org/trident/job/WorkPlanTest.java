package org.trident.job;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole command's ETA on a fake clock, for synthetic runs whose stages cost a known number of
 * seconds per unit: the estimate must give back the true time left. No test here waits for real time.
 */
class WorkPlanTest {
    static final long S = 1_000_000_000L;

    final AtomicLong now = new AtomicLong(500 * S);
    final WorkPlan plan = new WorkPlan(now::get);

    void pass(double seconds) {
        now.addAndGet(Math.round(seconds * S));
    }

    @Test
    void afterHalfTheUnitsInTenSecondsTenSecondsAreLeft() {
        plan.units(new double[]{10, 10});
        plan.stage(1);
        pass(10);
        plan.stage(2);
        assertEquals(10.0, plan.remainingSeconds(), 1e-9);
        pass(4); // stage 2 says nothing of itself: its units at the measured rate, less the time it has run
        assertEquals(6.0, plan.remainingSeconds(), 1e-9);
    }

    @Test
    void unknownUntilSomethingIsMeasured() {
        plan.units(new double[]{10, 30});
        assertTrue(Double.isNaN(plan.remainingSeconds()), "before the first stage");
        plan.stage(1);
        pass(30);
        assertTrue(Double.isNaN(plan.remainingSeconds()), "the first stage has not said how far it is");
        plan.fraction(0.04);
        assertTrue(Double.isNaN(plan.remainingSeconds()), "under 5 % of the first stage");
        plan.fraction(0.5); // 5 units in 30 s: 6 s per unit
        assertEquals(30 + 30 * 6, plan.remainingSeconds(), 1e-9);
    }

    @Test
    void lessThanTwoSecondsMeasuredIsNoMeasurement() {
        plan.units(new double[]{1, 100});
        plan.stage(1);
        pass(1.5);
        plan.stage(2);
        assertTrue(Double.isNaN(plan.remainingSeconds()));
        pass(0.5);
        plan.fraction(0.1); // 1 + 10 units in 2 s
        assertEquals(0.5 * 0.9 / 0.1, plan.remainingSeconds(), 1e-9);
    }

    /**
     * Three stages of 20, 60 and 20 units that truly cost 0.5 s per unit (50 s in all): at every
     * point the estimate is the true time left, it ends at 0, and it is never negative.
     */
    @Test
    void aSyntheticRunOfKnownUnitCostsIsEstimatedRight() {
        double rate = 0.5;
        double[] units = {20, 60, 20};
        plan.units(units);
        double elapsed = 0;
        for (int s = 0; s < units.length; s++) {
            plan.stage(s + 1);
            for (int step = 1; step <= 10; step++) {
                pass(units[s] * rate / 10);
                elapsed += units[s] * rate / 10;
                plan.fraction(step / 10.0);
                double left = plan.remainingSeconds();
                if (elapsed < Eta.MIN_SECONDS || (s == 0 && step / 10.0 < Eta.MIN_FRACTION)) continue;
                assertEquals(50 - elapsed, left, 1e-6, "stage " + (s + 1) + " at " + step + "/10");
                assertTrue(left >= 0);
            }
        }
        assertEquals(0.0, plan.remainingSeconds(), 1e-9, "the last stage at 100 %");
        plan.finish();
        assertEquals(0.0, plan.remainingSeconds(), 1e-9);
    }

    /** Stages whose unit costs differ: the current one runs at its own measured rate, the ones after at the rate measured so far. */
    @Test
    void theCurrentStageUsesItsOwnRate() {
        plan.units(new double[]{10, 40, 10});
        plan.stage(1);
        pass(10); // 1 s per unit
        plan.stage(2);
        assertEquals(40 + 10, plan.remainingSeconds(), 1e-9);
        pass(8);
        plan.fraction(0.25); // stage 2 runs at 0.8 s per unit: 24 s left in it; 18 s for 20 units so far
        assertEquals(24 + 10 * 18 / 20.0, plan.remainingSeconds(), 1e-9);
    }

    @Test
    void neverNegativeWhenAStageOverrunsItsEstimate() {
        plan.units(new double[]{10, 10});
        plan.stage(1);
        pass(10);
        plan.stage(2);
        pass(60); // stage 2 takes six times what stage 1's rate says
        assertEquals(0.0, plan.remainingSeconds(), 1e-9);
    }

    /** A stage without parts that outran its units: the least it has left (its phase's ETA) raises the estimate, never lowers it. */
    @Test
    void aLowerBoundForTheCurrentStageRaisesTheEstimate() {
        plan.units(new double[]{10, 10, 10});
        plan.stage(1);
        pass(10);
        plan.stage(2);
        pass(15); // 10 units at 1 s each: stage 2 should be done, stage 3 is 10 s
        assertEquals(10.0, plan.remainingSeconds(), 1e-9);
        assertEquals(10.0 + 7, plan.remainingSeconds(7), 1e-9);
        assertEquals(10.0, plan.remainingSeconds(Double.NaN), 1e-9);
        plan.fraction(0.5); // a stage that measures itself ignores the bound
        assertEquals(15 + 10 * 25 / 15.0, plan.remainingSeconds(100), 1e-9);
    }

    @Test
    void unknownUnitsLeaveTheTotalUnknownAndRevisionsCount() {
        plan.units(new double[]{10, Double.NaN});
        plan.stage(1);
        pass(10);
        plan.stage(2);
        assertTrue(Double.isNaN(plan.remainingSeconds()), "stage 2's work is not known");
        plan.units(new double[]{20, 30}); // stage 1 did 20 units (0.5 s each); stage 2 is now known
        assertEquals(15.0, plan.remainingSeconds(), 1e-9);
    }

    @Test
    void aSkippedStageIsNotCountedAsMeasured() {
        plan.units(new double[]{10, 1000, 10});
        plan.stage(1);
        pass(10);
        plan.stage(3); // stage 2 did not run
        assertEquals(10.0, plan.remainingSeconds(), 1e-9);
    }
}
