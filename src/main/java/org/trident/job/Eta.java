package org.trident.job;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Time left in a piece of work from the time spent and the fraction done (a straight-line
 * extrapolation). Said only once it means something: at least {@value #MIN_FRACTION} done and
 * {@value #MIN_SECONDS} s spent; before that, and after the work is done, it is NaN.
 */
public final class Eta {
    public static final double MIN_FRACTION = 0.05;
    public static final double MIN_SECONDS = 2.0;

    private final LongSupplier nanoClock;
    private long t0;

    /** @param nanoClock monotonic time in ns (System::nanoTime; a fake one in tests) */
    public Eta(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        restart();
    }

    /** Work starts now. */
    public void restart() {
        t0 = nanoClock.getAsLong();
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - t0) / 1e9;
    }

    /** Seconds left when {@code fraction} (0..1) of the work is done, or NaN when that cannot be said yet. */
    public double remainingSeconds(double fraction) {
        double t = elapsedSeconds();
        if (!(fraction >= MIN_FRACTION) || fraction >= 1 || t < MIN_SECONDS) return Double.NaN;
        return t * (1 - fraction) / fraction;
    }

    /** "45 s", "1 min 20 s", "2 h 05 min": whole seconds, rounded. */
    public static String format(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        long m = Math.round(s / 60.0);
        return String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
    }
}
