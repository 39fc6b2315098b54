package org.trident.pipeline;

import org.trident.job.Progress;
import org.trident.job.RunContext;

/**
 * A command's stages as its progress sees them: how many, the dataset they work on, and the work
 * units of each ({@link Progress#plan}, {@link org.trident.job.WorkPlan}), so the terminal can say
 * the time left for the whole command. {@link Pipeline} and the single-step commands (one stage)
 * announce their stages through this one class. Not thread-safe: one per run.
 */
public final class Stages {
    private final Progress progress;
    private final String label;
    private final double[] units;

    /**
     * @param label the dataset, added to every stage's name (null or blank: none)
     * @param units each stage's work units (NaN where not known yet), in order
     */
    public Stages(RunContext ctx, String label, double... units) {
        this.progress = ctx.progress();
        this.label = label;
        this.units = units.clone();
        progress.plan(this.units.clone());
    }

    /** One stage, e.g. a stand-alone {@code align}: begun at once. */
    public static Stages single(RunContext ctx, String name, String label, double units) {
        Stages s = new Stages(ctx, label, units);
        s.begin(1, name);
        return s;
    }

    /** Stage {@code index} (1-based), named {@code name}, begins (the one before it has ended). */
    public void begin(int index, String name) {
        progress.checkCancelled();
        progress.stage(index, units.length, label == null || label.isBlank() ? name : name + " " + label);
        progress.start(name, 1);
    }

    /** Stage {@code index}'s work is better known now (what a finished stage actually did, or the method chosen). */
    public void revise(int index, double u) {
        units[index - 1] = u;
        progress.plan(units.clone());
    }

    /** The units planned for stage {@code index} (1-based). */
    public double units(int index) {
        return units[index - 1];
    }
}
