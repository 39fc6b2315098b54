package org.trident.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the shell fit (depth profiles fitted in the projection domain, {@link ShellFit});
 * the {@code shellFit} part of {@link AnalysisParams} and of a parameters file's {@code analyze}
 * section. The one home of these defaults: commands, the pipeline and the workstation read them here.
 *
 * @param mode          AUTO: fit when the series has element or MLLS maps and report the fitted summary when the
 *                      element counts are sparse (pipeline); ON: fit and report it always; OFF: no fit
 * @param shellNm       shell width (NaN: the analysis' own shell width, so fitted and voxel profiles share every shell)
 * @param outsideVoxels thickness of the layer just outside the mask fitted as its own shell (catches material the mask missed)
 * @param smoothOrder   penalise the differences of this order (1 or 2; 0: none) of each channel's shell values:
 *                      borrows strength between neighbouring shells, most in the small deep shells. 1 pulls the core
 *                      towards a flat profile, as a smooth radial profile is at the centre; 2 extrapolates the trend
 * @param penalty       how the penalty's weight is chosen: GCV (generalised cross-validation, per channel) or FIXED
 * @param penaltyWeight the weight when FIXED, relative to the data's own information per penalised shell
 *                      (λ = weight · tr G / tr R over those shells; 1: as strong as the data on average); ignored with GCV
 */
public record ShellFitParams(Mode mode, double shellNm, int outsideVoxels, int smoothOrder, Penalty penalty, double penaltyWeight) {
    /** Whether the fit runs and whether the pipeline reports it. */
    public enum Mode {
        AUTO, ON, OFF;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** How the smoothing weight is chosen. */
    public enum Penalty {
        GCV, FIXED;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public ShellFitParams {
        if (mode == null) mode = Mode.AUTO;
        if (penalty == null) penalty = Penalty.GCV;
    }

    public static ShellFitParams defaults() {
        return new ShellFitParams(Mode.AUTO, Double.NaN, 2, 1, Penalty.GCV, 1.0);
    }

    public ShellFitParams withMode(Mode m) {
        return new ShellFitParams(m, shellNm, outsideVoxels, smoothOrder, penalty, penaltyWeight);
    }

    public ShellFitParams withShellNm(double w) {
        return new ShellFitParams(mode, w, outsideVoxels, smoothOrder, penalty, penaltyWeight);
    }

    public ShellFitParams withSmoothOrder(int order) {
        return new ShellFitParams(mode, shellNm, outsideVoxels, order, penalty, penaltyWeight);
    }

    /** With this penalty rule; {@code weight} NaN keeps the current weight. */
    public ShellFitParams withPenalty(Penalty p, double weight) {
        return new ShellFitParams(mode, shellNm, outsideVoxels, smoothOrder, p, Double.isNaN(weight) ? penaltyWeight : weight);
    }

    /** Plain-language problems, empty when the settings can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (!Double.isNaN(shellNm) && !(shellNm > 0)) p.add("the shell width must be a positive number of nm, got " + shellNm);
        if (outsideVoxels < 0) p.add("the outside layer cannot be negative");
        if (smoothOrder < 0 || smoothOrder > 2) p.add("the smoothing order must be 0 (none), 1 or 2, got " + smoothOrder);
        if (!(penaltyWeight > 0) || Double.isInfinite(penaltyWeight)) p.add("the penalty weight must be a positive number, got " + penaltyWeight);
        return p;
    }
}
