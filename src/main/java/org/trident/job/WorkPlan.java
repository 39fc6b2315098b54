package org.trident.job;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Time left in a whole command of several stages. Each stage declares its work in units of one
 * currency (roughly the multiply-adds its main loops do: docs/outputs.md), and the seconds per
 * unit are measured on the work finished in this run, so no time is assumed: the stages not yet
 * started cost their units × that measured rate; the current stage, when it reports how far it
 * is, its own extrapolation (as {@link Eta}), else its units × the rate less the time it has run.
 * Unknown (NaN) until something is measured: a finished stage, or the current one at least
 * {@value Eta#MIN_FRACTION} done; always at least {@value Eta#MIN_SECONDS} s measured. Thread-safe.
 */
public final class WorkPlan {
    private final LongSupplier nanoClock;
    private double[] units = new double[0];
    private double[] seconds = new double[0]; // of each finished stage; NaN while not finished
    private int current = -1;                 // 0-based, -1 before the first stage
    private long stageStart;
    private double fraction = Double.NaN;     // how far the current stage is, when it says
    private boolean finished;

    /** @param nanoClock monotonic time in ns (System::nanoTime; a fake one in tests) */
    public WorkPlan(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * The work units of every stage (index 0 = stage 1), NaN where not known; may be called again
     * as estimates improve (a finished stage may be given the work it actually did).
     */
    public synchronized void units(double[] perStage) {
        double[] s = new double[perStage.length];
        Arrays.fill(s, Double.NaN);
        System.arraycopy(seconds, 0, s, 0, Math.min(seconds.length, s.length));
        units = perStage.clone();
        seconds = s;
    }

    /** Stage {@code index} (1-based) begins now; the stage before it has finished. */
    public synchronized void stage(int index) {
        long now = nanoClock.getAsLong();
        if (current >= 0 && current < seconds.length && index - 1 != current) seconds[current] = (now - stageStart) / 1e9;
        current = index - 1;
        stageStart = now;
        fraction = Double.NaN;
        finished = false;
    }

    /** How far (0..1) the current stage is, from its own parts; never runs backwards. */
    public synchronized void fraction(double f) {
        if (!(f >= 0)) return;
        fraction = Double.isNaN(fraction) ? Math.min(1, f) : Math.max(fraction, Math.min(1, f));
    }

    /** The last stage has ended: nothing is left. */
    public synchronized void finish() {
        finished = true;
    }

    /** Seconds left for every stage from the current one on, never negative; NaN while nothing has been measured or a stage's units are unknown. */
    public double remainingSeconds() {
        return remainingSeconds(Double.NaN);
    }

    /**
     * As {@link #remainingSeconds()}, knowing that the current stage, which does not say how far it
     * is, has at least {@code stageAtLeast} seconds left (its current phase's own ETA; NaN: not
     * known): an estimate from units that the stage has outrun is raised to that.
     */
    public synchronized double remainingSeconds(double stageAtLeast) {
        if (finished) return 0;
        if (current < 0 || current >= units.length) return Double.NaN;
        double doneUnits = 0, doneSeconds = 0;
        for (int i = 0; i < current; i++) {
            if (Double.isNaN(seconds[i])) continue; // a stage that was skipped
            if (!(units[i] >= 0)) return Double.NaN;
            doneUnits += units[i];
            doneSeconds += seconds[i];
        }
        double u = units[current], t = (nanoClock.getAsLong() - stageStart) / 1e9;
        if (!(u >= 0)) return Double.NaN;
        boolean inside = fraction >= Eta.MIN_FRACTION; // the current stage has measured itself
        double mu = doneUnits + (inside ? u * fraction : 0), ms = doneSeconds + (inside ? t : 0);
        if (!(mu > 0) || ms < Eta.MIN_SECONDS) return Double.NaN;
        double rate = ms / mu; // seconds per unit, measured in this run
        double left = inside ? t * (1 - fraction) / fraction : Math.max(0, u * rate - t);
        if (!inside && stageAtLeast > left) left = stageAtLeast;
        for (int i = current + 1; i < units.length; i++) {
            if (!(units[i] >= 0)) return Double.NaN;
            left += units[i] * rate;
        }
        return Math.max(0, left);
    }

    /** The number of stages planned. */
    public synchronized int stages() {
        return units.length;
    }
}
