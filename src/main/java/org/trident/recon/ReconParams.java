package org.trident.recon;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one reconstruction. Units are in the names; {@link #validate()} lists problems in
 * plain language before anything runs.
 *
 * @param algorithm        WBP, ART, SART, SIRT or CGLS
 * @param iterations       maximum number of iterations (sweeps over all data); ignored by WBP
 * @param relaxation       step factor λ in (0, 2) for SIRT, SART and ART; CGLS and WBP ignore it
 * @param nonNegative      clamp negative voxels to zero after every update
 * @param thicknessVoxels  volume thickness Z in voxels; 0 means Z = X (the image width)
 * @param filter           WBP apodisation window
 * @param filterCutoff     WBP cut-off as a fraction of Nyquist, in (0, 1]
 * @param tolerance        stop when ‖x_k − x_{k−1}‖ / ‖x_k‖ falls below this; 0 runs all iterations
 * @param randomOrder      ART: rays, SART: views/subsets in a seeded random order each iteration
 * @param subsets          SART: 0 = one view per update (classic SART), n = n ordered subsets
 * @param seed             seed of the random order
 */
public record ReconParams(Algorithm algorithm, int iterations, double relaxation, boolean nonNegative,
                          int thicknessVoxels, Filter filter, double filterCutoff, double tolerance,
                          boolean randomOrder, int subsets, long seed) implements java.io.Serializable {

    /** Sensible settings for {@code a} without tuning (documented in docs/reconstruction.md). */
    public static ReconParams defaults(Algorithm a) {
        return switch (a) {
            case WBP -> new ReconParams(a, 1, 1.0, false, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 0, 1);
            case ART -> new ReconParams(a, 5, 0.5, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, true, 0, 1);
            case SART -> new ReconParams(a, 10, 0.5, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, true, 0, 1);
            case SIRT -> new ReconParams(a, 50, 1.9, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 0, 1);
            case CGLS -> new ReconParams(a, 15, 1.0, false, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 0, 1);
            case EM -> new ReconParams(a, 50, 1.0, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 1, 1);
            case OS_EM -> new ReconParams(a, 10, 1.0, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 8, 1);
            case EM_TV, SIRT_TV -> new ReconParams(a, 150, 1.0, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 0, 1);
            case FUSED -> new ReconParams(a, 150, 1.0, true, 0, Filter.SHEPP_LOGAN, 1.0, 0, false, 0, 1);
        };
    }

    public ReconParams withAlgorithm(Algorithm a) {
        return new ReconParams(a, iterations, relaxation, nonNegative, thicknessVoxels, filter, filterCutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withIterations(int n) {
        return new ReconParams(algorithm, n, relaxation, nonNegative, thicknessVoxels, filter, filterCutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withRelaxation(double r) {
        return new ReconParams(algorithm, iterations, r, nonNegative, thicknessVoxels, filter, filterCutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withNonNegative(boolean nn) {
        return new ReconParams(algorithm, iterations, relaxation, nn, thicknessVoxels, filter, filterCutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withThickness(int z) {
        return new ReconParams(algorithm, iterations, relaxation, nonNegative, z, filter, filterCutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withFilter(Filter f, double cutoff) {
        return new ReconParams(algorithm, iterations, relaxation, nonNegative, thicknessVoxels, f, cutoff, tolerance, randomOrder, subsets, seed);
    }

    public ReconParams withTolerance(double tol) {
        return new ReconParams(algorithm, iterations, relaxation, nonNegative, thicknessVoxels, filter, filterCutoff, tol, randomOrder, subsets, seed);
    }

    public ReconParams withOrder(boolean random, int nSubsets, long rngSeed) {
        return new ReconParams(algorithm, iterations, relaxation, nonNegative, thicknessVoxels, filter, filterCutoff, tolerance, random, nSubsets, rngSeed);
    }

    /** The thickness Z for images {@code width} pixels wide. */
    public int thickness(int width) {
        return thicknessVoxels > 0 ? thicknessVoxels : width;
    }

    /** Problems with these settings, one plain sentence each; empty when they can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (algorithm == null) p.add("choose an algorithm: wbp, art, sart, sirt, cgls, em, os-em, em-tv, sirt-tv or fused.");
        if (algorithm == Algorithm.CGLS && nonNegative) p.add("CGLS cannot enforce non-negativity (a clamp breaks its conjugate directions); use SIRT or SART for that, or turn non-negativity off.");
        if (algorithm != null && algorithm.iterative() && iterations < 1) p.add("the number of iterations must be at least 1, got " + iterations + ".");
        if (iterations > 100000) p.add("the number of iterations is too large (" + iterations + "); a few hundred at most is plenty.");
        if (!(relaxation > 0 && relaxation < 2)) p.add("the relaxation must lie between 0 and 2 (exclusive), got " + relaxation + ".");
        if (thicknessVoxels < 0) p.add("the thickness must be positive (or 0 for the image width), got " + thicknessVoxels + ".");
        if (filter == null) p.add("choose a WBP filter: ramp, shepp-logan, cosine, hann or hamming.");
        if (!(filterCutoff > 0 && filterCutoff <= 1)) p.add("the filter cut-off must lie in (0, 1] (a fraction of Nyquist), got " + filterCutoff + ".");
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) p.add("the stopping tolerance must be zero or positive, got " + tolerance + ".");
        if (subsets < 0) p.add("the number of subsets must be 0 (one view per update) or positive, got " + subsets + ".");
        return p;
    }
}
