package org.trident.cli;

import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFitParams;
import org.trident.model.TridentException;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The analysis settings as options, shared by {@code analyze} and {@code pipeline --analyze-option}. */
public final class AnalysisOptions {
    /** Where every default shown here comes from. */
    private static final AnalysisParams D = AnalysisParams.defaults();

    @Option(names = "--surface-nm", paramLabel = "NM", description = "Surface = depth below this (default: ${DEFAULT-VALUE} nm).")
    double surfaceNm = D.surfaceDepthNm();

    @Option(names = "--bulk-nm", paramLabel = "NM", description = "Bulk = depth at or beyond this (default: ${DEFAULT-VALUE} nm).")
    double bulkNm = D.bulkDepthNm();

    @Option(names = "--shell-nm", paramLabel = "W", description = "Depth-profile shell width in nm (default: one voxel).")
    Double shellNm;

    @Option(names = "--threshold", paramLabel = "T", converter = Checked.FiniteDouble.class, description = "ADF threshold for the mask (default: Otsu's).")
    Double threshold;

    @Option(names = "--min-particle-voxels", paramLabel = "N",
            description = "Smallest component kept as a particle (default: the larger of 27 voxels and 1 %% of the largest component).")
    Integer minParticleVoxels;

    @Option(names = "--min-void-voxels", paramLabel = "N",
            description = "Enclosed background pockets smaller than this are noise and count as material (default: ${DEFAULT-VALUE}).")
    int minVoidVoxels = D.minVoidVoxels();

    @Option(names = "--weak-fraction", paramLabel = "F",
            description = "A ratio is NaN where its denominator is at most F times its median over the mask (default: ${DEFAULT-VALUE}).")
    double weakFraction = D.weakFraction();

    @Option(names = "--smooth-voxels", paramLabel = "SIGMA",
            description = "Gaussian smoothing (voxels) of the channels inside the mask before ratios, for low dose (default: none).")
    double smoothVoxels = D.smoothVoxels();

    @Option(names = "--shell-fit", paramLabel = "MODE", description = "Depth profiles fitted in the projection domain (pipeline): "
            + "auto (default: fit when there are element or MLLS maps, report the fit when the counts are sparse), on (fit and report it), off.")
    String shellFit;

    @Option(names = "--fit-smoothing", paramLabel = "ORDER", description = "Penalty between neighbouring shells of the shell fit: "
            + "0 none, 1 first differences (default), 2 second differences.")
    Integer fitSmoothing;

    @Option(names = "--fit-penalty", paramLabel = "gcv|W", description = "Weight of the shell fit's penalty: gcv (default: generalised "
            + "cross-validation per channel) or a fixed positive weight W relative to the data's information per shell.")
    String fitPenalty;

    @Option(names = "--fractions-from", paramLabel = "auto|eds", description = "Each metal's amount for fractions: auto (default: "
            + "the quantification's element amounts, EDS with EELS MLLS sums calibrated on it, where it has them; else k·EDS) or eds (k·EDS always).")
    String fractionsFrom;

    /** A fractions rule by name (auto, eds). */
    static AnalysisParams.FractionsFrom fractionsFrom(String s) {
        return byLabel(AnalysisParams.FractionsFrom.values(), s, "--fractions-from");
    }

    /** The settings these options give, on top of the defaults. */
    public AnalysisParams params(int threads) {
        return params(D, n -> true, threads);
    }

    /**
     * {@code base} with the options that were typed ({@code given}) put over it; the others keep
     * the base's value (from --params FILE or the defaults).
     */
    public AnalysisParams params(AnalysisParams base, java.util.function.Predicate<String> given, int threads) {
        return new AnalysisParams(
                given.test("--surface-nm") ? surfaceNm : base.surfaceDepthNm(),
                given.test("--bulk-nm") ? bulkNm : base.bulkDepthNm(),
                shellNm != null ? shellNm : base.shellNm(),
                threshold != null ? threshold : base.threshold(),
                minParticleVoxels != null ? minParticleVoxels : base.minParticleVoxels(),
                given.test("--min-void-voxels") ? minVoidVoxels : base.minVoidVoxels(),
                given.test("--weak-fraction") ? weakFraction : base.weakFraction(),
                given.test("--smooth-voxels") ? smoothVoxels : base.smoothVoxels(),
                threads, shellFit(base.shellFit()), fractionsFrom != null ? fractionsFrom(fractionsFrom) : base.fractionsFrom());
    }

    private ShellFitParams shellFit(ShellFitParams base) {
        ShellFitParams f = base;
        if (shellFit != null) f = f.withMode(mode(shellFit));
        if (fitSmoothing != null) f = f.withSmoothOrder(fitSmoothing);
        if (fitPenalty != null) {
            String v = fitPenalty.strip().toLowerCase(Locale.ROOT);
            if (v.equals("gcv")) {
                f = f.withPenalty(ShellFitParams.Penalty.GCV, Double.NaN);
            } else {
                double w;
                try {
                    w = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new TridentException("--fit-penalty must be gcv or a positive number, got '" + fitPenalty + "'");
                }
                f = f.withPenalty(ShellFitParams.Penalty.FIXED, w);
            }
        }
        return f;
    }

    /** A shell-fit mode by name (auto, on, off). */
    static ShellFitParams.Mode mode(String s) {
        return byLabel(ShellFitParams.Mode.values(), s, "--shell-fit");
    }

    /** The choice whose label (its name in lower case) is {@code s}; refused in one line naming {@code option} and the choices. */
    private static <E extends Enum<E>> E byLabel(E[] choices, String s, String option) {
        String want = s.strip().toLowerCase(Locale.ROOT);
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < choices.length; i++) {
            String label = choices[i].name().toLowerCase(Locale.ROOT);
            if (label.equals(want)) return choices[i];
            names.append(i == 0 ? "" : i == choices.length - 1 ? " or " : ", ").append(label);
        }
        throw new TridentException(option + " must be " + names + ", got '" + s + "'");
    }
}
