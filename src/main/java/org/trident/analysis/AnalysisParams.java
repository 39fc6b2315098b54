package org.trident.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@code analyze}. Lengths in nm; NaN means "use the default rule".
 *
 * @param surfaceDepthNm    surface = depth below this (default 10 nm)
 * @param bulkDepthNm       bulk = depth at or beyond this (default 40 nm)
 * @param shellNm           depth-profile shell width (NaN: one voxel)
 * @param threshold         ADF threshold for the mask (NaN: Otsu)
 * @param minParticleVoxels smallest component kept as a particle (negative: max(27, 1 % of the largest))
 * @param minVoidVoxels     enclosed background pockets smaller than this are noise, counted as material
 * @param weakFraction      a ratio is NaN where its denominator ≤ this × the denominator's median over the mask
 * @param smoothVoxels      Gaussian σ (voxels) applied inside the mask to the channels before ratios (0: none)
 * @param threads           worker threads
 * @param shellFit          the projection-domain depth profiles' settings (null: their defaults)
 * @param fractionsFrom     what each metal's amount is for fractions: AUTO, the quantification's element amounts
 *                          (EDS and calibrated EELS, docs/quantification.md) where it has them, else k·EDS; EDS, k·EDS
 *                          always (null: AUTO)
 */
public record AnalysisParams(double surfaceDepthNm, double bulkDepthNm, double shellNm, double threshold,
                             int minParticleVoxels, int minVoidVoxels, double weakFraction, double smoothVoxels, int threads,
                             ShellFitParams shellFit, FractionsFrom fractionsFrom) {
    /** Where fractions take each transition metal's amount from. */
    public enum FractionsFrom {
        AUTO, EDS;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public AnalysisParams {
        if (shellFit == null) shellFit = ShellFitParams.defaults();
        if (fractionsFrom == null) fractionsFrom = FractionsFrom.AUTO;
    }

    public static AnalysisParams defaults() {
        return new AnalysisParams(10, 40, Double.NaN, Double.NaN, -1, 8, 0.2, 0, Runtime.getRuntime().availableProcessors(),
                ShellFitParams.defaults(), FractionsFrom.AUTO);
    }

    /** These settings with other shell-fit settings. */
    public AnalysisParams withShellFit(ShellFitParams f) {
        return new AnalysisParams(surfaceDepthNm, bulkDepthNm, shellNm, threshold, minParticleVoxels, minVoidVoxels, weakFraction, smoothVoxels, threads, f, fractionsFrom);
    }

    /** These settings with other surface and bulk depths (nm). */
    public AnalysisParams withDepths(double surfaceNm, double bulkNm) {
        return new AnalysisParams(surfaceNm, bulkNm, shellNm, threshold, minParticleVoxels, minVoidVoxels, weakFraction, smoothVoxels, threads, shellFit, fractionsFrom);
    }

    /** These settings with another mask threshold (NaN: Otsu's). */
    public AnalysisParams withThreshold(double t) {
        return new AnalysisParams(surfaceDepthNm, bulkDepthNm, shellNm, t, minParticleVoxels, minVoidVoxels, weakFraction, smoothVoxels, threads, shellFit, fractionsFrom);
    }

    public AnalysisParams withThreads(int t) {
        return new AnalysisParams(surfaceDepthNm, bulkDepthNm, shellNm, threshold, minParticleVoxels, minVoidVoxels, weakFraction, smoothVoxels, t, shellFit, fractionsFrom);
    }

    /** These settings with another fractions rule. */
    public AnalysisParams withFractionsFrom(FractionsFrom f) {
        return new AnalysisParams(surfaceDepthNm, bulkDepthNm, shellNm, threshold, minParticleVoxels, minVoidVoxels, weakFraction, smoothVoxels, threads, shellFit, f);
    }

    /** Plain-language problems, empty when the settings can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (!(surfaceDepthNm > 0)) p.add("the surface depth must be a positive number of nm, got " + surfaceDepthNm);
        if (!(bulkDepthNm >= 0)) p.add("the bulk depth must be zero or more nm, got " + bulkDepthNm);
        if (!Double.isNaN(shellNm) && !(shellNm > 0)) p.add("the shell width must be a positive number of nm, got " + shellNm);
        if (Double.isInfinite(threshold)) p.add("the mask threshold must be finite");
        if (minVoidVoxels < 0) p.add("the minimum void size cannot be negative");
        if (!(weakFraction >= 0 && weakFraction < 1)) p.add("the weak-signal fraction must be in [0, 1), got " + weakFraction);
        if (!(smoothVoxels >= 0)) p.add("the smoothing width must be zero or more voxels, got " + smoothVoxels);
        if (threads < 1) p.add("at least one thread is needed");
        shellFit.validate().forEach(s -> p.add("shell fit: " + s));
        return p;
    }
}
