package org.trident.align;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link Aligner}. Lengths are in pixels of the tilt images, frequencies in cycles
 * per pixel, angles in degrees.
 *
 * @param methods            steps to run, in order (empty: keep the start alignment)
 * @param rotationPriorDeg   expected tilt-axis rotation (e.g. the bundle's {@code tiltAxis.rotationDeg}), centre of the search
 * @param rotationRangeDeg   the rotation is searched in prior ± range (90 searches all directions)
 * @param maxShiftPx         largest shift between neighbouring tilts searched by cross-correlation
 * @param lowCutoff          high-pass Gaussian cut-off of the band-pass (cycles/px)
 * @param highCutoff         low-pass Gaussian cut-off of the band-pass (cycles/px)
 * @param taperFraction      fraction of each image edge faded out before correlating
 * @param maxOffsetPx        tilt-axis offsets searched in ± this (OFFSET step)
 * @param pmMaxIterations    largest number of projection-matching rounds
 * @param pmTolerancePx      projection matching stops when no shift changes by more than this
 * @param sirtIterations     SIRT iterations per projection-matching round (warm-started)
 * @param centre             finally move the object's centre of mass to the volume centre when the object is isolated
 * @param interpolation      how tilts are resampled when the alignment is applied
 * @param screenTilts        detect unusable tilts (blank, saturated, near-constant, object out of view,
 *                           unmatchable to both neighbours) and leave them out ({@code --keep-all} turns this off)
 * @param exclude            raw tilt indices left out by hand ({@code --exclude})
 * @param refineAxis         projection matching also refines the tilt-axis rotation and offset when band centroids
 *                           could not confirm the rotation (clutter, an object crossing the field); on by default
 * @param bin                finest binning projection matching works at (1: full size; 2, 4: a faster, coarser look)
 */
public record AlignParams(List<AlignMethod> methods, double rotationPriorDeg, double rotationRangeDeg,
                          double maxShiftPx, double lowCutoff, double highCutoff, double taperFraction,
                          double maxOffsetPx, int pmMaxIterations, double pmTolerancePx, int sirtIterations,
                          boolean centre, Interpolation interpolation, boolean screenTilts, List<Integer> exclude,
                          boolean refineAxis, int bin) {
    public AlignParams {
        methods = List.copyOf(methods);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** The settings before tilt screening, axis refinement and binning existed; those take their defaults. */
    public AlignParams(List<AlignMethod> methods, double rotationPriorDeg, double rotationRangeDeg,
                       double maxShiftPx, double lowCutoff, double highCutoff, double taperFraction,
                       double maxOffsetPx, int pmMaxIterations, double pmTolerancePx, int sirtIterations,
                       boolean centre, Interpolation interpolation) {
        this(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction, maxOffsetPx,
                pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation,
                defaults().screenTilts(), defaults().exclude(), defaults().refineAxis(), defaults().bin());
    }

    public static AlignParams defaults() {
        return new AlignParams(AlignMethod.defaults(), 0.0, 10.0, 16.0, 0.02, 0.25, 0.1,
                8.0, 30, 0.05, 10, true, Interpolation.CUBIC,
                true, List.of(), true, 1);
    }

    public AlignParams withMethods(List<AlignMethod> m) {
        return new AlignParams(m, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation, screenTilts, exclude, refineAxis, bin);
    }

    public AlignParams withRotationSearch(double priorDeg, double rangeDeg) {
        return new AlignParams(methods, priorDeg, rangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation, screenTilts, exclude, refineAxis, bin);
    }

    public AlignParams withInterpolation(Interpolation ip) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, ip, screenTilts, exclude, refineAxis, bin);
    }

    public AlignParams withProjectionMatching(int maxIterations, double tolerancePx) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, maxIterations, tolerancePx, sirtIterations, centre, interpolation, screenTilts, exclude, refineAxis, bin);
    }

    /** Tilt screening on or off ({@code --keep-all}) and the tilts left out by hand ({@code --exclude}). */
    public AlignParams withTiltScreening(boolean screen, List<Integer> excluded) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation, screen, excluded, refineAxis, bin);
    }

    public AlignParams withAxisRefinement(boolean refine) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation, screenTilts, exclude, refine, bin);
    }

    public AlignParams withBin(int b) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, centre, interpolation, screenTilts, exclude, refineAxis, b);
    }

    public AlignParams withCentre(boolean c) {
        return new AlignParams(methods, rotationPriorDeg, rotationRangeDeg, maxShiftPx, lowCutoff, highCutoff, taperFraction,
                maxOffsetPx, pmMaxIterations, pmTolerancePx, sirtIterations, c, interpolation, screenTilts, exclude, refineAxis, bin);
    }

    /** Plain-language problems, empty when the settings can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (!Double.isFinite(rotationPriorDeg)) p.add("the rotation prior must be a finite angle");
        if (!(rotationRangeDeg >= 0 && rotationRangeDeg <= 90)) p.add("the rotation search range must be between 0° and 90°");
        if (!(maxShiftPx >= 1)) p.add("the largest shift must be at least 1 px");
        if (!(lowCutoff >= 0 && lowCutoff < 0.5)) p.add("the band-pass low cut-off must be in [0, 0.5) cycles/px");
        if (!(highCutoff > lowCutoff && highCutoff <= 1)) p.add("the band-pass high cut-off must be above the low cut-off and at most 1 cycle/px");
        if (!(taperFraction >= 0 && taperFraction < 0.5)) p.add("the taper fraction must be in [0, 0.5)");
        if (!(maxOffsetPx >= 0)) p.add("the offset search range must be ≥ 0 px");
        if (pmMaxIterations < 1) p.add("projection matching needs at least 1 iteration");
        if (!(pmTolerancePx > 0)) p.add("the projection-matching tolerance must be positive");
        if (sirtIterations < 1) p.add("SIRT needs at least 1 iteration");
        if (interpolation == null) p.add("an interpolation must be chosen");
        for (Integer t : exclude) if (t == null || t < 0) { p.add("excluded tilts must be tilt indices ≥ 0"); break; }
        if (bin < 1 || bin > 16) p.add("the binning must be between 1 and 16");
        return p;
    }
}
