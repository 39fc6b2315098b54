package org.trident.cli;

import org.trident.analysis.AnalysisParams;
import picocli.CommandLine.Option;

/** The analysis settings as options, shared by {@code analyze} and {@code pipeline --analyze-option}. */
public final class AnalysisOptions {
    @Option(names = "--surface-nm", paramLabel = "NM", description = "Surface = depth below this (default: ${DEFAULT-VALUE} nm).")
    double surfaceNm = 10;

    @Option(names = "--bulk-nm", paramLabel = "NM", description = "Bulk = depth at or beyond this (default: ${DEFAULT-VALUE} nm).")
    double bulkNm = 40;

    @Option(names = "--shell-nm", paramLabel = "W", description = "Depth-profile shell width in nm (default: one voxel).")
    Double shellNm;

    @Option(names = "--threshold", paramLabel = "T", description = "ADF threshold for the mask (default: Otsu's).")
    Double threshold;

    @Option(names = "--min-particle-voxels", paramLabel = "N",
            description = "Smallest component kept as a particle (default: the larger of 27 voxels and 1 %% of the largest component).")
    Integer minParticleVoxels;

    @Option(names = "--min-void-voxels", paramLabel = "N",
            description = "Enclosed background pockets smaller than this are noise and count as material (default: ${DEFAULT-VALUE}).")
    int minVoidVoxels = 8;

    @Option(names = "--weak-fraction", paramLabel = "F",
            description = "A ratio is NaN where its denominator is at most F times its median over the mask (default: ${DEFAULT-VALUE}).")
    double weakFraction = 0.2;

    @Option(names = "--smooth-voxels", paramLabel = "SIGMA",
            description = "Gaussian smoothing (voxels) of the channels inside the mask before ratios, for low dose (default: none).")
    double smoothVoxels = 0;

    /** The settings these options give. */
    public AnalysisParams params(int threads) {
        return new AnalysisParams(surfaceNm, bulkNm, shellNm == null ? Double.NaN : shellNm,
                threshold == null ? Double.NaN : threshold, minParticleVoxels == null ? -1 : minParticleVoxels,
                minVoidVoxels, weakFraction, smoothVoxels, threads);
    }
}
