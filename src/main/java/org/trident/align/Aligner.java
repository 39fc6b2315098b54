package org.trident.align;

import org.trident.job.Parallel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Estimates the alignment of a tilt series from one image channel by running the chosen
 * {@link AlignMethod} steps in order. Inputs are never modified.
 */
public final class Aligner {
    private Aligner() {}

    /**
     * What estimation found. {@code score} is the last normalised correlation per tilt (with the
     * reprojection after projection matching, else with the neighbour); {@code xcorr} and
     * {@code com} hold the shifts those steps produced ([tilt][dx, dy], raw frame) or null;
     * {@code residual} the relative reprojection misfit per tilt inside the object's support after
     * projection matching, or null.
     */
    public record Result(Alignment alignment, double[] score, double[][] xcorr, double[][] com, double[] residual, List<String> notes) {}

    /** Estimates on the named image channel (null: the ADF channel, else the first image channel). */
    public static Result estimate(TiltSeries ts, String channel, AlignParams params, Alignment start, int threads, Progress progress) {
        AlignParams p = params;
        var axis = ts.extra().path("tiltAxis").path("rotationDeg");
        if (axis.isNumber() && params.rotationPriorDeg() == 0) p = params.withRotationSearch(axis.asDouble(), params.rotationRangeDeg());
        return estimateWithPrior(ts, channel, p, start, threads, progress);
    }

    /**
     * As {@link #estimate(TiltSeries, String, AlignParams, Alignment, int, Progress)}, with the
     * rotation prior exactly as given (0 included): for callers that resolved it themselves.
     */
    public static Result estimateWithPrior(TiltSeries ts, String channel, AlignParams params, Alignment start, int threads, Progress progress) {
        Channel c = channel == null ? ts.adf() : ts.channel(channel);
        if (c == null) {
            List<String> names = ts.channels().stream().map(Channel::name).toList();
            throw new TridentException(channel == null ? "the tilt series has no image channel to align on"
                    : "channel " + channel + " not found (channels: " + String.join(", ", names) + ")");
        }
        if (!c.isImage()) throw new TridentException("channel " + c.name() + " holds spectra; align on an image channel (e.g. HAADF)");
        Result r = estimate(c.images(), ts.tiltAnglesDeg(), params, start, threads, progress);
        r.alignment().extra().put("channel", c.name());
        return r;
    }

    /** What a series must have to be aligned (so that a pipeline can refuse it before any work); empty when fine. */
    public static List<String> preconditions(int tilts, int width, int height) {
        List<String> p = new ArrayList<>();
        if (tilts < 3) p.add("alignment needs at least 3 tilts, this series has " + tilts);
        if (width < 16 || height < 16) p.add("alignment needs images of at least 16 x 16 pixels, these are " + width + " x " + height);
        return p;
    }

    /**
     * Estimates the alignment of {@code images} (one per angle, degrees).
     *
     * @param start initial alignment (e.g. manual corrections), or null for none
     */
    public static Result estimate(ImageStack images, double[] anglesDeg, AlignParams params, Alignment start, int threads, Progress progress) {
        int n = images.tilts(), w = images.width(), h = images.height();
        if (anglesDeg.length != n) throw new TridentException(n + " images but " + anglesDeg.length + " tilt angles");
        List<String> size = preconditions(n, w, h);
        if (!size.isEmpty()) throw new TridentException(size.get(0));
        int[] bad = images.firstNonFinite();
        if (bad != null) throw new TridentException("tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        List<String> problems = params.validate();
        if (!problems.isEmpty()) throw new TridentException("alignment settings: " + String.join("; ", problems));
        if (start != null && start.tilts() != n) throw new TridentException("the start alignment has " + start.tilts() + " shifts but the series has " + n + " tilts");
        for (int t : params.exclude()) if (t >= n) throw new TridentException("cannot exclude tilt " + t + ": the series has tilts 0 to " + (n - 1));

        float[][] im = new float[n][];
        Parallel.forEach(n, threads, progress, t -> im[t] = ImageOps.minus(images.tilt(t), ImageOps.borderMedian(images.tilt(t), w, h, 2)));
        Map<Integer, String> excluded = new TreeMap<>();
        if (start != null) for (int t : start.excludedTilts()) excluded.put(t, "excluded in the start alignment");
        for (int t : params.exclude()) excluded.put(t, "excluded by hand");
        if (params.screenTilts() && !params.methods().isEmpty()) {
            progress.start("screening tilts", 1);
            float[][] raw = new float[n][];
            for (int t = 0; t < n; t++) raw[t] = images.tilt(t);
            Map<Integer, String> found = TiltScreen.screen(raw, im, w, h, anglesDeg, params, threads, progress);
            found.forEach(excluded::putIfAbsent);
        }
        if (excluded.size() > n / 2 || n - excluded.size() < 3) {
            throw new TridentException(excluded.size() + " of " + n + " tilts are unusable (" + describe(excluded)
                    + "); check the channel, or align them anyway with --keep-all");
        }
        if (excluded.isEmpty()) return estimateKept(im, images, anglesDeg, params, start, threads, progress);

        int m = n - excluded.size();
        int[] keep = new int[m];
        for (int t = 0, k = 0; t < n; t++) if (!excluded.containsKey(t)) keep[k++] = t;
        float[][] subIm = new float[m][], subRaw = new float[m][];
        double[] subAng = new double[m];
        for (int k = 0; k < m; k++) {
            subIm[k] = im[keep[k]];
            subRaw[k] = images.tilt(keep[k]);
            subAng[k] = anglesDeg[keep[k]];
        }
        Alignment subStart = start == null ? null : start.subset(keep);
        Result r = estimateKept(subIm, new ImageStack(w, h, subRaw, images.sourceType()), subAng, params, subStart, threads, progress);
        List<String> notes = new ArrayList<>();
        excluded.forEach((t, why) -> notes.add(String.format(Locale.ROOT, "excluded tilt %d (%.1f°): %s", t, anglesDeg[t], why)));
        notes.addAll(r.notes());
        Alignment a = r.alignment().expand(keep, n, anglesDeg, excluded);
        return new Result(a, expand(r.score(), keep, n), expand(r.xcorr(), keep, n), expand(r.com(), keep, n), expand(r.residual(), keep, n), List.copyOf(notes));
    }

    private static String describe(Map<Integer, String> excluded) {
        List<String> l = new ArrayList<>();
        excluded.forEach((t, why) -> l.add("tilt " + t + ": " + why));
        return l.size() > 4 ? String.join("; ", l.subList(0, 4)) + "; …" : String.join("; ", l);
    }

    private static double[] expand(double[] v, int[] keep, int n) {
        if (v == null) return null;
        double[] o = new double[n];
        Arrays.fill(o, Double.NaN);
        for (int k = 0; k < keep.length; k++) o[keep[k]] = v[k];
        return o;
    }

    private static double[][] expand(double[][] v, int[] keep, int n) {
        if (v == null) return null;
        double[][] o = new double[n][];
        for (int t = 0; t < n; t++) o[t] = new double[]{Double.NaN, Double.NaN};
        for (int k = 0; k < keep.length; k++) o[keep[k]] = v[k];
        return o;
    }

    /** Estimation on the usable tilts only ({@code im}: background-subtracted copies of {@code images}). */
    private static Result estimateKept(float[][] im, ImageStack images, double[] anglesDeg, AlignParams params, Alignment start,
                                       int threads, Progress progress) {
        int n = images.tilts(), w = images.width(), h = images.height();
        List<String> notes = new ArrayList<>();
        double rot = start != null ? start.tiltAxisRotationDeg() : params.rotationPriorDeg();
        double[] dx = start != null ? start.dx() : new double[n];
        double[] dy = start != null ? start.dy() : new double[n];
        double[] score = new double[n], residual = null;
        Arrays.fill(score, Double.NaN);
        double rotationSd = Double.NaN;
        boolean precise = start != null && params.methods().indexOf(AlignMethod.ROTATION) < 0;
        boolean interior = false; // the common-line rotation is a minimum inside its search range
        double[][] xcorr = null, com = null;
        CentreOfMass.Result[] coms = null;
        ObjectNode log = Json.object();
        ArrayNode steps = log.putArray("steps");
        int ref = StretchCorrelation.nearestZero(anglesDeg);
        for (AlignMethod m : params.methods()) {
            progress.checkCancelled();
            long t0 = System.nanoTime();
            ObjectNode step = steps.addObject().put("method", m.label());
            switch (m) {
                case ROTATION -> {
                    AxisRotation ar = new AxisRotation(im, w, h, ref, params.maxShiftPx() * 2, threads, progress);
                    progress.start("tilt-axis rotation", 1);
                    double range = params.rotationRangeDeg();
                    double gridStep = Math.min(0.5, Math.max(range / 4, 0.05));
                    double r = range >= 90 ? ar.search(0, 90, 1.0) : ar.search(params.rotationPriorDeg(), range, gridStep);
                    step.put("profileRotationDeg", r);
                    // a common-line minimum inside the searched range is a located minimum; one at the range's
                    // edge is not (clutter pulls it there), and only then is the axis refined by consistency
                    interior = range >= 90 || Math.abs(r - params.rotationPriorDeg()) < range - gridStep;
                    // band centroids of the object seen apart from the border and other objects: precise at
                    // low dose and not pulled by clutter (which pulls the common line), when enough tilts show it so
                    // started from the common line and from the prior (clutter may have pulled the former far off)
                    double rb = BandCentroids.refine(im, w, h, anglesDeg, r, 6, threads, progress);
                    if (!Double.isFinite(rb) || Math.abs(rb - params.rotationPriorDeg()) > Math.max(range, 1)) {
                        rb = BandCentroids.refine(im, w, h, anglesDeg, params.rotationPriorDeg(), 6, threads, progress);
                    }
                    if (Double.isFinite(rb) && Math.abs(rb - params.rotationPriorDeg()) <= Math.max(range, 1)) {
                        step.put("bandCentroidRotationDeg", rb);
                        notes.add(String.format(Locale.ROOT, "rotation: common-line profiles %.2f°, band centroids %.2f° (used)", r, rb));
                        precise = true;
                        r = rb;
                    } else {
                        notes.add(String.format(Locale.ROOT, "rotation: common-line profiles %.2f° (too few tilts show the object apart from the border for band centroids)", r));
                    }
                    rot = Alignment.normaliseRotation(r);
                    if (range < 90 && !precise) rot = perpendicularHypothesis(im, w, h, anglesDeg, rot, step, notes, threads, progress);
                    step.put("tiltAxisRotationDeg", rot);
                }
                case XCORR -> {
                    double[] s = toAxis(rot, dx[ref], dy[ref]);
                    StretchCorrelation.Result xr = StretchCorrelation.run(im, w, h, anglesDeg, rot, s[0], s[1], params, threads, progress);
                    for (int t = 0; t < n; t++) {
                        double[] d = fromAxis(rot, xr.sx()[t], xr.sy()[t]);
                        dx[t] = d[0];
                        dy[t] = d[1];
                    }
                    score = xr.score();
                    xcorr = pairs(dx, dy);
                    step.put("meanScore", mean(score));
                    notes.add(String.format(Locale.ROOT, "xcorr: mean neighbour correlation %.3f", mean(score)));
                }
                case COM -> {
                    if (coms == null) coms = centres(images, threads, progress);
                    double worst = 0;
                    for (CentreOfMass.Result c : coms) worst = Math.max(worst, c.borderFraction());
                    step.put("borderFraction", worst);
                    if (worst < 0.1) {
                        for (int t = 0; t < n; t++) {
                            dx[t] = coms[t].x();
                            dy[t] = coms[t].y();
                        }
                        com = pairs(dx, dy);
                        notes.add(String.format(Locale.ROOT, "com: isolated object (border signal %.1f %% of peak); shifts from centres of mass", 100 * worst));
                    } else {
                        coms = null;
                        notes.add(String.format(Locale.ROOT, "com: the object touches the border (%.0f %% of peak), so the offset is searched by reconstruction consistency instead", 100 * worst));
                        double off = offset(im, w, h, anglesDeg, params, rot, dx, dy, threads, progress);
                        step.put("tiltAxisOffsetPx", off);
                    }
                }
                case OFFSET -> {
                    double off = offset(im, w, h, anglesDeg, params, rot, dx, dy, threads, progress);
                    step.put("tiltAxisOffsetPx", off);
                    notes.add(String.format(Locale.ROOT, "offset: axis moved by %.2f px", off));
                }
                case PM -> {
                    ProjectionMatching pm = new ProjectionMatching(im, w, h, anglesDeg, params, threads, progress);
                    // a common-line minimum inside its range is kept unless signal reaches the border: clutter can
                    // pull the common line to a wrong interior minimum (7.99° on a series 2.7° the other way), so
                    // then the consistency search checks it and replaces it only when the two disagree by more
                    // than ProjectionMatching.CONFIRM_DEG (a particle touching the border alone gives a good common
                    // line that the search would move by ~0.6°: the 32 px contract series)
                    boolean check = params.refineAxis() && !precise && interior && PmLevel.touchesBorder(im, w, h);
                    boolean refineAxis = params.refineAxis() && !precise && (!interior || check);
                    if (params.refineAxis() && !precise && interior && !check) {
                        notes.add("pm: the common-line rotation is a minimum inside its search range, so it is kept and only shifts are refined");
                    }
                    // a band-centroid rotation (isolated object) is more precise than reconstruction
                    // consistency at these sizes: projection matching then keeps it and refines shifts only
                    ProjectionMatching.Result pr = pm.refine(rot, dx, dy, refineAxis, true);
                    if (check) {
                        double diff = Math.abs(Alignment.normaliseRotation(pr.rotationDeg() - rot));
                        step.put("checkedRotationDeg", pr.rotationDeg());
                        if (diff <= ProjectionMatching.CONFIRM_DEG) {
                            notes.add(String.format(Locale.ROOT, "pm: signal at the border; consistency search %.2f° agrees with the interior common-line rotation %.2f° within %.1f°, so the common line is kept and only shifts are refined",
                                    pr.rotationDeg(), rot, ProjectionMatching.CONFIRM_DEG));
                            refineAxis = false;
                            pr = pm.refine(rot, dx, dy, false, true);
                        } else {
                            notes.add(String.format(Locale.ROOT, "pm: signal at the border; consistency search %.2f° disagrees with the interior common-line rotation %.2f° by %.2f° (more than %.1f°), so it replaces it",
                                    pr.rotationDeg(), rot, diff, ProjectionMatching.CONFIRM_DEG));
                        }
                    }
                    System.arraycopy(pr.dx(), 0, dx, 0, n);
                    System.arraycopy(pr.dy(), 0, dy, 0, n);
                    score = pr.score();
                    residual = pr.tiltResidual();
                    step.put("iterations", pr.iterations()).put("lastChangePx", pr.lastChangePx()).put("relativeResidual", pr.residual())
                            .put("levels", pm.levels().toString());
                    if (refineAxis) {
                        rot = Alignment.normaliseRotation(pr.rotationDeg());
                        rotationSd = pr.rotationSdDeg();
                        step.put("tiltAxisRotationDeg", rot).put("tiltAxisRotationSdDeg", rotationSd).put("tiltAxisOffsetChangePx", pr.offsetPx());
                        notes.add(String.format(Locale.ROOT, "pm: axis by reconstruction consistency: rotation %.2f° ± %.2f°, offset moved %.2f px", rot, rotationSd, pr.offsetPx()));
                    }
                    notes.add(String.format(Locale.ROOT, "pm: %d rounds (binning %s), last change %.3f px, reprojection residual %.4f%s",
                            pr.iterations(), pm.levels(), pr.lastChangePx(), pr.residual(), pr.lastChangePx() < params.pmTolerancePx() ? "" : " (not converged)"));
                }
            }
            step.put("seconds", (System.nanoTime() - t0) / 1e9);
        }
        if (params.centre() && !params.methods().isEmpty()) {
            if (coms == null) coms = centres(images, threads, progress);
            double worst = 0;
            for (CentreOfMass.Result c : coms) worst = Math.max(worst, c.borderFraction());
            if (worst < 0.1) centre(anglesDeg, rot, dx, dy, coms);
        }
        log.put("methods", String.join(",", params.methods().stream().map(AlignMethod::label).toList()));
        Alignment a = new Alignment(rot, dx, dy, log);
        a.extra().put("tiltAxisOffsetPx", a.tiltAxisOffsetPx());
        if (Double.isFinite(rotationSd)) a.extra().put("tiltAxisRotationSdDeg", rotationSd);
        return new Result(a, score, xcorr, com, residual, List.copyOf(notes));
    }

    private static double offset(float[][] im, int w, int h, double[] angles, AlignParams p, double rot, double[] dx, double[] dy,
                                 int threads, Progress progress) {
        progress.start("tilt-axis offset", 1);
        ProjectionMatching pm = new ProjectionMatching(im, w, h, angles, p, threads, progress);
        double off = pm.searchOffset(rot, dx, dy, p.maxOffsetPx());
        double c = Math.cos(Math.toRadians(rot)), s = Math.sin(Math.toRadians(rot));
        for (int t = 0; t < dx.length; t++) {
            dx[t] += c * off;
            dy[t] += s * off;
        }
        return off;
    }

    /** Moves the object's centroid to the volume centre: fits (x0, y0, z0) to com − d and adds its pattern. */
    private static void centre(double[] angles, double rot, double[] dx, double[] dy, CentreOfMass.Result[] coms) {
        int n = dx.length;
        double[] ex = new double[n], ey = new double[n];
        for (int t = 0; t < n; t++) {
            double[] e = toAxis(rot, coms[t].x() - dx[t], coms[t].y() - dy[t]);
            ex[t] = e[0];
            ey[t] = e[1];
        }
        double[] f = Families.fitTranslation(angles, ex, ey);
        for (int t = 0; t < n; t++) {
            double c = Math.cos(Math.toRadians(angles[t])), s = Math.sin(Math.toRadians(angles[t]));
            double[] d = fromAxis(rot, f[0] * c + f[2] * s, f[1]);
            dx[t] += d[0];
            dy[t] += d[1];
        }
    }

    private static boolean isolated(CentreOfMass.Result[] coms) {
        for (CentreOfMass.Result c : coms) if (!(c.borderFraction() < 0.1)) return false;
        return true;
    }

    private static CentreOfMass.Result[] centres(ImageStack images, int threads, Progress progress) {
        CentreOfMass.Result[] r = new CentreOfMass.Result[images.tilts()];
        Parallel.forEach(r.length, threads, progress, t -> r[t] = CentreOfMass.of(images.tilt(t), images.width(), images.height()));
        return r;
    }

    /** R(−r)·(x, y). */
    static double[] toAxis(double rotDeg, double x, double y) {
        double c = Math.cos(Math.toRadians(rotDeg)), s = Math.sin(Math.toRadians(rotDeg));
        return new double[]{c * x + s * y, -s * x + c * y};
    }

    /** R(r)·(x, y). */
    static double[] fromAxis(double rotDeg, double x, double y) {
        double c = Math.cos(Math.toRadians(rotDeg)), s = Math.sin(Math.toRadians(rotDeg));
        return new double[]{c * x - s * y, s * x + c * y};
    }

    private static double[][] pairs(double[] dx, double[] dy) {
        double[][] p = new double[dx.length][];
        for (int t = 0; t < dx.length; t++) p[t] = new double[]{dx[t], dy[t]};
        return p;
    }

    private static double mean(double[] v) {
        double s = 0;
        int k = 0;
        for (double x : v) if (Double.isFinite(x)) { s += x; k++; }
        return k == 0 ? Double.NaN : s / k;
    }

    /**
     * The perpendicular axis must fit the cosine law this much better to be taken. A compact
     * object fits it under both axes (its bands hold the same material either way), and only the
     * thresholded masks decide: on the development series with a neighbouring particle the wrong
     * axis came out at 0.49–0.58 of the right one's misfit, against 0.29 for the needle's true axis.
     */
    static final double PERPENDICULAR_RATIO = 0.4;

    /**
     * Tests the axis perpendicular to {@code rot} (0° against 90°) by the cosine law of band
     * centroids ({@link AxisHypotheses}); switches only when its misfit is below {@link #PERPENDICULAR_RATIO}
     * of the other. Run when band centroids could not confirm the rotation (an isolated object that they track has
     * settled the question).
     */
    private static double perpendicularHypothesis(float[][] im, int w, int h, double[] anglesDeg, double rot,
                                                  ObjectNode step, List<String> notes, int threads, Progress progress) {
        double other = Alignment.normaliseRotation(rot + 90);
        double here = AxisHypotheses.cosineLawMisfit(im, w, h, anglesDeg, rot, threads, progress);
        double there = AxisHypotheses.cosineLawMisfit(im, w, h, anglesDeg, other, threads, progress);
        step.put("cosineLawMisfitPx", here).put("cosineLawMisfitPerpendicularPx", there);
        if (!(there < PERPENDICULAR_RATIO * here)) {
            notes.add(String.format(Locale.ROOT, "rotation: %.2f° kept; band centroids follow the cosine law to %.2f px there and %.2f px at the perpendicular axis %.2f°",
                    rot, here, there, other));
            return rot;
        }
        // the common line near the perpendicular axis is what failed to tell the two apart (on the
        // needle it drifts 12° off): keep the perpendicular direction and leave the fine axis to pm
        notes.add(String.format(Locale.ROOT, "rotation: the perpendicular axis %.2f° fits the cosine law of band centroids (%.2f px against %.2f px at %.2f°)",
                other, there, here, rot));
        return other;
    }
}
