package org.trident.align;

import org.trident.job.Parallel;
import org.trident.job.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Projection matching on the reconstruction engine's kernels, coarse to fine: the tilts are
 * binned ×4 and ×2 (while at least 24 px wide) and then used at full size, each level on the band
 * of rows that holds the object. A round aligns the tilts with the current estimate,
 * reconstructs them (SIRT), reprojects, and cross-correlates each tilt with its reprojection;
 * the misfit updates that tilt's shift, minus what would only translate the object in 3-D
 * (x: a·cosθ + c·sinθ, y: b). When asked, the tilt-axis offset and rotation are then searched by
 * {@link AxisSearch} (robust reprojection misfit inside the object's support, away from the
 * border), and the shifts refined again.
 */
final class ProjectionMatching {
    private final float[][] raw;
    private final int w, h, threads;
    private final double[] angles;
    private final AlignParams p;
    private final Progress progress;
    private final boolean wideField;
    private float[][] lastAligned, lastReprojected;

    ProjectionMatching(float[][] raw, int w, int h, double[] angles, AlignParams p, int threads, Progress progress) {
        this(raw, w, h, angles, p, PmLevel.touchesBorder(raw, w, h), threads, progress);
    }

    /** {@code wideField}: reconstruct a slab wider than the field ({@link WideField}). */
    ProjectionMatching(float[][] raw, int w, int h, double[] angles, AlignParams p, boolean wideField, int threads, Progress progress) {
        this.raw = raw;
        this.w = w;
        this.h = h;
        this.angles = angles;
        this.p = p;
        this.threads = threads;
        this.progress = progress;
        this.wideField = wideField;
    }

    /**
     * The refined alignment. {@code rotationSdDeg} is the jackknife (leave one tilt out) standard
     * error of the rotation, NaN when the rotation was not refined; {@code tiltResidual} the
     * robust relative reprojection misfit of each tilt inside the object's support.
     */
    record Result(double rotationDeg, double rotationSdDeg, double offsetPx, double[] dx, double[] dy, double[] score,
                  double[] tiltResidual, int iterations, double lastChangePx, double residual, List<String> log) {}

    /** Binnings to visit, coarse to fine, ending at {@code p.bin()}. */
    List<Integer> levels() {
        List<Integer> l = new ArrayList<>();
        for (int b : new int[]{4, 2}) if (b > p.bin() && Math.min(w, h) / b >= 24) l.add(b);
        l.add(p.bin());
        return l;
    }

    /** @param wide search the axis across the whole prior range first (the start may be far off), else only near the start */
    Result refine(double rot0, double[] dx0, double[] dy0, boolean refineAxis, boolean wide) {
        int n = raw.length;
        double rot = rot0, sd = Double.NaN, offset = 0;
        double[] dx = dx0.clone(), dy = dy0.clone(), score = new double[n], tiltRes = new double[n];
        List<String> log = new ArrayList<>();
        List<Integer> levels = levels();
        int rounds = 0;
        double change = Double.NaN, resid = Double.NaN;
        long t0 = System.nanoTime();
        progress.start("projection matching", levels.size());
        boolean first = true;
        for (int li = 0; li < levels.size(); li++) {
            int b = levels.get(li);
            progress.checkCancelled();
            PmLevel lv = new PmLevel(raw, w, h, b, angles, 2 * p.sirtIterations(), wideField, threads, progress);
            boolean last = li == levels.size() - 1;
            // full size refines only what the coarse levels left: few rounds
            int maxRounds = last && levels.size() > 1 ? Math.min(p.pmMaxIterations(), 4) : p.pmMaxIterations();
            double tol = Math.max(p.pmTolerancePx(), last ? 0 : 0.1 * b);
            boolean axisHere = refineAxis && b == axisLevel(levels);
            double range = Math.max(2.0, Math.min(p.rotationRangeDeg(), 10.0));
            // axis searches: first across the whole prior range (clutter can pull the common-line start
            // far off), then ±1° and ±0.25° around the best; shifts refined after each
            double[] widths = !axisHere ? new double[0]
                    : wide ? new double[]{range, 1.0, 1.0, 1.0, 1.0, 0.25, 0.25, 0.25} : new double[]{1.0, 1.0, 0.25, 0.25, 0.25};
            PmLevel axisLv = widths.length > 0 ? new PmLevel(raw, w, h, b, rowBin(b), angles, AxisSearch.SIRT_ITERATIONS, wideField, threads, progress) : null;
            int searches = 0;
            boolean settled = false;
            double lastOffSd = Double.NaN;
            while (true) {
                int k = 0;
                while (k < maxRounds) {
                    progress.checkCancelled();
                    k++;
                    rounds++;
                    change = round(lv, rot, dx, dy, score);
                    progress.message(String.format(Locale.ROOT, "projection matching, bin %d, round %d: largest change %.3f px%s",
                            b, k, change, eta(t0, li, levels.size())));
                    if (change < tol) break;
                }
                if (searches >= widths.length) break;
                AxisSearch as = new AxisSearch(axisLv, angles, threads, progress);
                double width = widths[searches++];
                // once a search moved the offset by less than a twentieth of a level pixel it has settled
                AxisSearch.Found off = settled ? new AxisSearch.Found(0, lastOffSd) : as.offset(rot, dx, dy, first ? 2.0 : 0.5);
                settled = !first && Math.abs(off.value()) < 0.05 * b;
                lastOffSd = off.sd();
                for (int t = 0; t < n; t++) {
                    double[] d = Aligner.fromAxis(rot, off.value(), 0);
                    dx[t] += d[0];
                    dy[t] += d[1];
                }
                offset += off.value();
                AxisSearch.Found r = as.rotation(rot, dx, dy, width);
                double step = Math.abs(r.value() - rot);
                rot = r.value();
                sd = r.sd();
                first = false;
                log.add(String.format(Locale.ROOT, "bin %d: offset %+.2f px, rotation %.2f° ± %.2f°", b, off.value(), rot, sd));
                progress.message(log.get(log.size() - 1));
                // each width repeats while its minimum still walks (a parabola over the grid is only
                // locally right): ±1° until it moves < 0.25°, then ±0.25° until it moves < 0.05°
                if (width == 1.0 && step < 0.25) while (searches < widths.length && widths[searches] == 1.0) searches++;
                if (width < 1 && step < 0.05) searches = widths.length;
            }
            if (last) resid = AxisSearch.tiltResiduals(lastAligned, lastReprojected, lv.w, lv.rows(), tiltRes, threads, progress);
            progress.advance(1);
        }
        return new Result(rot, sd, offset, dx, dy, score, tiltRes, rounds, change, resid, log);
    }

    /**
     * The level the axis is searched on: the finest at most 64 px wide (else the coarsest). The
     * axis shows only as sub-pixel inconsistencies, which need a well-converged reconstruction
     * ({@link AxisSearch#SIRT_ITERATIONS}); that is affordable there and precise enough, since a
     * rotation error moves features in proportion to their distance from the axis.
     */
    int axisLevel(List<Integer> levels) {
        int best = levels.get(0);
        for (int b : levels) if (Math.min(w, h) / b <= 64) best = b;
        return best;
    }

    /**
     * Rows of the band averaged into one slice for the axis search at binning {@code b}: at most
     * about {@link #AXIS_SLICES} slices. Along the axis the projector is exact for averaged rows,
     * so every count still counts; the trial reconstructions get that many times cheaper.
     */
    int rowBin(int b) {
        return Math.max(1, (int) Math.round(h / (double) b / AXIS_SLICES));
    }

    /**
     * An interior common-line rotation checked by the consistency search (signal at the border)
     * is kept when the search lands within this many degrees of it: the search's own bias with
     * clutter is 0.4–0.9° on some series, a clutter-pulled common line was 10.7° off.
     */
    static final double CONFIRM_DEG = 1.0;

    /** About this many slices carry the axis search (see {@link #rowBin}). */
    static final int AXIS_SLICES = 24;

    private static String eta(long t0, int level, int levels) {
        // each level costs about 4× the one before (twice the width, twice the rows): weights 1, 4, 16 …
        double doneW = 0, allW = 0;
        for (int i = 0; i < levels; i++) {
            double wt = Math.pow(4, i);
            allW += wt;
            if (i < level) doneW += wt;
        }
        double el = (System.nanoTime() - t0) / 1e9;
        if (doneW == 0) return "";
        return String.format(Locale.ROOT, ", about %.0f s left", el * (allW - doneW) / doneW);
    }

    /** One round at level {@code lv}: updates dx, dy in place; returns the largest change (full-size px). */
    private double round(PmLevel lv, double rot, double[] dx, double[] dy, double[] score) {
        int n = raw.length, bw = lv.w, bh = lv.rows();
        float[][] al = lv.align(rot, dx, dy);
        float[][] rep = lv.reproject(al);
        // kept for the per-tilt residuals: the last round's alignment differs from the final one by less than the tolerance
        lastAligned = al;
        lastReprojected = rep;
        CrossCorrelation xc = new CrossCorrelation(bw, bh, p.lowCutoff() * lv.b, Math.min(0.5, p.highCutoff() * lv.b),
                Math.max(2, Math.min(p.maxShiftPx(), 8) / lv.b));
        double[] ex = new double[n], ey = new double[n];
        Parallel.forEach(n, threads, progress, t -> {
            CrossCorrelation.Peak pk = xc.shift(ImageOps.taper(rep[t], bw, bh, 0, p.taperFraction()),
                    ImageOps.taper(al[t], bw, bh, 0, p.taperFraction()));
            ex[t] = pk.dx();
            ey[t] = pk.dy();
            score[t] = pk.score();
        });
        Families.removeTranslation(angles, ex, ey);
        double change = 0;
        for (int t = 0; t < n; t++) {
            double[] d = Aligner.fromAxis(rot, lv.toFull(ex[t]), lv.toFull(ey[t]));
            dx[t] += d[0];
            dy[t] += d[1];
            change = Math.max(change, Math.hypot(d[0], d[1]));
        }
        return change;
    }


    /** Best tilt-axis offset (full-size px, perpendicular to the axis) within ±range at the finest level. */
    double searchOffset(double rot, double[] dx, double[] dy, double range) {
        PmLevel lv = new PmLevel(raw, w, h, levels().get(0), angles, 2 * p.sirtIterations(), wideField, threads, progress);
        AxisSearch as = new AxisSearch(lv, angles, threads, progress);
        return as.offset(rot, dx, dy, Math.max(1.0, range / lv.b)).value();
    }
}
