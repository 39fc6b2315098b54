package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.recon.VolumeProjector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Depth profiles fitted in the projection domain (docs/analysis.md, "Shell fit"). The particle's
 * depth map cuts it into shells S_k (the depth-profile bins, plus a thin layer just outside the
 * mask); each shell's indicator volume is forward-projected once with the reconstruction's
 * projector, and every map channel's aligned projections are fitted as
 * b ≈ Σ_k c_k · A S_k + background. That is a few tens of unknowns per channel fitted to every
 * measured pixel, so the shell means carry no partial-volume bias from regularisation, early
 * stopping or the missing wedge: what a voxel reconstruction at a few counts per pixel cannot
 * avoid. The price is the model: a shell is one number, so variation within a shell is averaged
 * (reported by the dispersion and by the comparison with the voxel profile).
 *
 * <p>Fit: weighted least squares with the variance a + φ·t per pixel (t the particle's projected
 * thickness, a the background's variance measured off the particle, φ from the residuals): counts
 * and MLLS weights both grow noisier with thickness, and weights that depend on the data only
 * through two numbers keep the estimate linear in the data, hence unbiased at any count level
 * (Poisson ML with model-based weights is not, at a few counts per pixel). Shell coefficients of
 * count channels are held non-negative, signed maps (MLLS weights) are free; the background is
 * free. A difference penalty across shells (first differences by default; weight by generalised
 * cross-validation, or fixed) borrows strength between neighbouring shells ({@link ShellFitParams}). Errors from the Fisher information (the inverse of the
 * penalised normal matrix).
 */
public final class ShellFit {
    public static final String FORMAT = "trident.shell-fit/1";

    private ShellFit() {}

    /**
     * One channel's fit: coefficients per shell (amount per voxel, in the channel's units per
     * pixel length), the last one for the outside layer.
     *
     * @param varianceOffset a of the variance model a + φ·t (t: projected thickness in voxels)
     * @param dispersion     φ: variance per voxel of projected thickness
     * @param chi2PerDof     Σ r²/(a + φμ) / (pixels − unknowns)
     */
    public record ChannelFit(String channel, boolean nonNegative, double[] coefficients, double[] errors, double background,
                             double varianceOffset, double dispersion, double chi2PerDof, long pixels, double smoothing) {}

    /** A fitted profile value: shell centre depth, value, its error (1 σ) and the shell's voxel count. */
    public record Row(String quantity, double depthNm, double value, double err, long voxels) {}

    /** Surface (depth &lt; surface depth) and bulk (depth ≥ bulk depth) values, voxel-weighted over the shells. */
    public record SurfaceBulk(String quantity, double surface, double bulk, double surfaceDepthNm, double bulkDepthNm,
                              double surfaceErr, double bulkErr, long surfaceVoxels, long bulkVoxels) {}

    public record Result(double shellNm, double[] depthNm, long[] voxels, List<ChannelFit> channels, List<Row> rows,
                         List<SurfaceBulk> summary, List<String> notes, ObjectNode record) {}

    /**
     * Fits every EDS element count channel and every MLLS weight channel of an aligned series.
     *
     * @param aligned the aligned series whose reconstruction gave {@code mask} and {@code depthNm}
     *                (same width and height; thickness = the volume's Z)
     * @param depthNm depth of every voxel (NaN outside the material)
     */
    public static Result fit(TiltSeries aligned, ParticleMask mask, Volume depthNm, double surfaceNm, double bulkNm,
                             ShellFitParams p, int threads, Progress progress) {
        return fit(aligned, mask, depthNm, surfaceNm, bulkNm, p, AnalysisParams.FractionsFrom.AUTO, threads, progress);
    }

    /** The same with a fractions rule ({@link AnalysisParams#fractionsFrom}). */
    public static Result fit(TiltSeries aligned, ParticleMask mask, Volume depthNm, double surfaceNm, double bulkNm,
                             ShellFitParams p, AnalysisParams.FractionsFrom fractionsFrom, int threads, Progress progress) {
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("shell fit settings: " + String.join("; ", problems));
        int nx = depthNm.nx(), ny = depthNm.ny(), nz = depthNm.nz();
        if (aligned.width() != nx || aligned.height() != ny) throw new TridentException("the aligned series is " + aligned.width() + "x"
                + aligned.height() + " pixels but the volumes are " + nx + "x" + ny + " in x and y; fit the series the volumes were reconstructed from");
        double w = Double.isNaN(p.shellNm()) ? depthNm.voxelSizeNm() : p.shellNm();
        List<String> notes = new ArrayList<>();
        // shell label of every voxel: 0..K-1 by depth, K = the layer just outside, -1 none
        int[] lab = new int[nx * ny * nz];
        int shells = 1;
        float[] d = depthNm.data();
        for (int i = 0; i < d.length; i++) if (mask.inMask(i) && Float.isFinite(d[i])) shells = Math.max(shells, (int) (d[i] / w) + 1);
        long[] voxels = new long[shells + 1], surf = new long[shells], bulk = new long[shells];
        for (int i = 0; i < d.length; i++) {
            lab[i] = -1;
            if (!mask.inMask(i) || !Float.isFinite(d[i])) continue;
            int k = (int) Math.floor(d[i] / w);
            lab[i] = k;
            voxels[k]++;
            if (Profiles.inSurface(d[i], surfaceNm)) surf[k]++;
            if (Profiles.inBulk(d[i], bulkNm)) bulk[k]++;
        }
        voxels[shells] = markOutside(lab, mask, nx, ny, nz, p.outsideVoxels(), shells);
        List<Channel> fitted = new ArrayList<>();
        for (Channel c : aligned.channels()) if (c.isImage() && (isCountChannel(c) || isMllsWeight(c))) fitted.add(c);
        requireMemory(shells + 1, aligned.tiltAnglesDeg().length, (long) nx * ny, lab.length);
        progress.start("shell fit", shells + 1 + fitted.size());
        // forward projection of every shell: the columns of the fit
        double[] angles = aligned.tiltAnglesDeg();
        VolumeProjector a = new VolumeProjector(nx, ny, nz, angles, threads);
        int cols = shells + 1, per = nx * ny;
        float[][] col = new float[cols][];
        for (int k = 0; k < cols; k++) {
            progress.checkCancelled();
            float[] x = new float[lab.length];
            for (int i = 0; i < lab.length; i++) if (lab[i] == k) x[i] = 1f;
            float[][] pr = a.newProjections();
            if (voxels[k] > 0) a.forward(x, pr);
            col[k] = new float[angles.length * per];
            for (int t = 0; t < angles.length; t++) System.arraycopy(pr[t], 0, col[k], t * per, per);
            progress.advance(1);
        }
        double fixedWeight = p.penalty() == ShellFitParams.Penalty.FIXED ? p.penaltyWeight() : Double.NaN;
        Map<String, ChannelFit> fits = new LinkedHashMap<>();
        for (Channel c : fitted) {
            progress.checkCancelled();
            float[] b = new float[angles.length * per];
            for (int t = 0; t < angles.length; t++) System.arraycopy(c.images().tilt(t), 0, b, t * per, per);
            fits.put(c.name(), fitChannel(c.name(), isCountChannel(c), col, voxels, b, p.smoothOrder(), fixedWeight));
            progress.advance(1);
        }
        double[] depth = new double[shells];
        for (int k = 0; k < shells; k++) depth[k] = (k + 0.5) * w;
        List<Row> rows = new ArrayList<>();
        List<SurfaceBulk> summary = new ArrayList<>();
        Quant q = new Quant(shells, voxels, surf, bulk, depth, rows, summary, surfaceNm, bulkNm);
        for (ChannelFit f : fits.values()) q.add(f.channel(), f.coefficients(), variances(f));
        fractions(aligned, fits, q, notes, fractionsFrom, (name, b) -> fitChannel(name, false, col, voxels, b, p.smoothOrder(), fixedWeight));
        valences(aligned, fits, q, notes);
        notes.add("each shell is fitted as homogeneous: variation within a shell is averaged, not resolved (compare the voxel profile; "
                + "χ²/dof well above 1 says the shells miss structure)");
        notes.add("errors are 1 σ from the Fisher information of each channel; errors of fractions and valences neglect the covariance "
                + "between channels and between neighbouring shells");
        return new Result(w, depth, voxels, List.copyOf(fits.values()), rows, summary, notes,
                record(w, p, depth, voxels, fits.values(), notes));
    }

    /**
     * Refuses, in one line, a fit whose projected shells would not fit in the heap: they are held
     * as floats (columns × tilts × pixels), which grows fast with wide series and thin shells.
     */
    static void requireMemory(int columns, int tilts, long pixels, long voxels) {
        long need = 4L * columns * tilts * pixels + 8L * voxels + 8L * tilts * pixels;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > 0.8 * free) {
            throw new TridentException(String.format(java.util.Locale.ROOT,
                    "the shell fit needs about %.1f GB for %d shells × %d tilts × %d pixels but about %.1f GB of memory are free; "
                            + "use wider shells (--shell-nm) or a larger heap (-Xmx)", need / 1e9, columns, tilts, pixels, free / 1e9));
        }
    }

    /**
     * The fit on an analysis' own mask and depth map, with its shell width (unless p sets one) and surface/bulk depths,
     * so that the fitted and the voxel profiles share every shell.
     */
    public static Result fit(TiltSeries aligned, AnalysisResult analysis, AnalysisParams ap, int threads, Progress progress) {
        ShellFitParams p = ap.shellFit();
        double w = Double.isNaN(p.shellNm()) ? ap.shellNm() : p.shellNm();
        return fit(aligned, analysis.mask(), analysis.volumes().get("depth-nm"), ap.surfaceDepthNm(), ap.bulkDepthNm(),
                p.withShellNm(w), ap.fractionsFrom(), threads, progress);
    }

    static boolean isCountChannel(Channel c) {
        return c.signal() == Signal.MAP && c.name().startsWith("EDS:") && c.name().substring(4).matches("[A-Z][a-z]?");
    }

    static boolean isMllsWeight(Channel c) {
        JsonNode r = c.extra().path("reference");
        return c.signal() == Signal.MAP && r.isObject() && r.path("valence").isNumber() && r.path("element").isTextual();
    }

    /** Labels the non-mask voxels within {@code layers} face-steps of the material as {@code label}; returns their count. */
    private static long markOutside(int[] lab, ParticleMask m, int nx, int ny, int nz, int layers, int label) {
        boolean[] grown = new boolean[lab.length];
        for (int i = 0; i < lab.length; i++) grown[i] = m.inMask(i);
        for (int s = 0; s < layers; s++) {
            boolean[] next = grown.clone();
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        int i = (z * ny + y) * nx + x;
                        if (grown[i]) continue;
                        if ((x > 0 && grown[i - 1]) || (x < nx - 1 && grown[i + 1]) || (y > 0 && grown[i - nx]) || (y < ny - 1 && grown[i + nx])
                                || (z > 0 && grown[i - nx * ny]) || (z < nz - 1 && grown[i + nx * ny])) next[i] = true;
                    }
                }
            }
            grown = next;
        }
        long n = 0;
        for (int i = 0; i < lab.length; i++) {
            if (grown[i] && lab[i] < 0 && !m.inMask(i)) {
                lab[i] = label;
                n++;
            }
        }
        return n;
    }

    /**
     * Weighted least squares on the columns (shells, outside layer, constant background), with a smoothness penalty
     * λ·Σ (difference of order {@code smoothOrder} of c over the shells)², λ chosen by generalised
     * cross-validation at every pass (cheap: every GCV term follows from the K×K normal matrix), or,
     * when {@code fixedWeight} is a number, λ = fixedWeight · tr G / tr R over the penalised shells.
     */
    static ChannelFit fitChannel(String name, boolean nonNegative, float[][] col, long[] voxels, float[] b, int smoothOrder, double fixedWeight) {
        int k = col.length, n = k + 1, pixels = b.length;
        boolean[] constrained = new boolean[n];
        boolean[] empty = new boolean[n];
        for (int j = 0; j < k; j++) {
            constrained[j] = nonNegative;
            empty[j] = voxels[j] == 0;
        }
        // variance model a + φ·t, t the particle's projected thickness (Σ of the shell columns): the
        // background's variance a is measured on pure-background pixels, φ on the rest. Weights that
        // depend on the data only through (a, φ) keep the estimate linear in the data, so unbiased.
        double[] thick = new double[pixels];
        boolean[] off = new boolean[pixels];
        long offCount = 0;
        for (int i = 0; i < pixels; i++) {
            double t = 0;
            for (int j = 0; j < k - 1; j++) t += col[j][i];
            thick[i] = t;
            off[i] = col[k - 1][i] == 0 && t == 0;
            if (off[i]) offCount++;
        }
        double[][] pen = smoothOrder > 0 ? differences(n, k - 1, empty, smoothOrder) : new double[n][n];
        double[] v = null; // variance per pixel; null = unweighted
        double[] c = new double[n];
        double[][] g = new double[n][n];
        double[] r = new double[n];
        double a = Double.NaN, phi = Double.NaN, lambda = 0;
        double[] mu = new double[pixels];
        for (int pass = 0; pass < 3; pass++) { // unweighted → (a, φ) → weighted → (a, φ) → weighted
            java.util.Arrays.fill(r, 0);
            for (double[] row : g) java.util.Arrays.fill(row, 0);
            double bwb = 0;
            double[] xi = new double[n];
            for (int i = 0; i < pixels; i++) {
                double wi = v == null ? 1 : 1 / v[i];
                bwb += wi * b[i] * b[i];
                for (int j = 0; j < k; j++) xi[j] = col[j][i];
                xi[k] = 1;
                for (int p = 0; p < n; p++) {
                    double wp = wi * xi[p];
                    if (wp == 0) continue;
                    r[p] += wp * b[i];
                    for (int q = p; q < n; q++) g[p][q] += wp * xi[q];
                }
            }
            for (int p = 0; p < n; p++) for (int q = 0; q < p; q++) g[p][q] = g[q][p];
            pinEmpty(g, r, empty);
            if (smoothOrder == 0 || v == null) lambda = 0;
            else lambda = Double.isNaN(fixedWeight) ? gcvLambda(g, r, bwb, pen, pixels) : fixedWeight * unitLambda(g, pen);
            c = Nnls.solve(plus(g, pen, lambda), r, constrained);
            double sOff = 0, stt = 0, str = 0, s1 = 0, st = 0, sr = 0;
            for (int i = 0; i < pixels; i++) {
                double m = c[k];
                for (int j = 0; j < k; j++) m += c[j] * col[j][i];
                mu[i] = m;
                double e2 = (b[i] - m) * (b[i] - m);
                if (off[i]) sOff += e2;
                s1++;
                st += thick[i];
                sr += e2;
                stt += thick[i] * thick[i];
                str += thick[i] * e2;
            }
            if (pass == 2) break;
            if (offCount >= 100) {
                a = sOff / offCount;
                phi = stt > 0 ? (str - a * st) / stt : 0;
            } else {
                double det = s1 * stt - st * st;
                phi = det > 0 ? (s1 * str - st * sr) / det : 0;
                a = det > 0 ? (sr - phi * st) / s1 : sr / s1;
            }
            if (!(phi >= 0)) phi = 0;
            double floor = 1e-3 * Math.max(sr / s1, 1e-30);
            if (!(a > floor)) a = floor;
            if (v == null) v = new double[pixels];
            for (int i = 0; i < pixels; i++) v[i] = a + phi * thick[i];
        }
        double chi2 = 0;
        for (int i = 0; i < pixels; i++) chi2 += (b[i] - mu[i]) * (b[i] - mu[i]) / v[i];
        // errors: the posterior covariance (G + λR)⁻¹, which also covers the smoothing's bias on average (Wahba 1983)
        double[][] cov = Nnls.inverse(plus(g, pen, lambda));
        double[] coef = new double[k], err = new double[k];
        for (int j = 0; j < k; j++) {
            coef[j] = empty[j] ? Double.NaN : c[j];
            err[j] = empty[j] ? Double.NaN : Math.sqrt(Math.max(0, cov[j][j]));
        }
        return new ChannelFit(name, nonNegative, coef, err, c[k], a, phi, chi2 / Math.max(1, pixels - n), pixels, lambda);
    }

    private static void pinEmpty(double[][] g, double[] r, boolean[] empty) {
        for (int j = 0; j < r.length; j++) {
            if (!empty[j]) continue; // an empty shell: pinned at zero
            java.util.Arrays.fill(g[j], 0);
            for (double[] row : g) row[j] = 0;
            g[j][j] = 1;
            r[j] = 0;
        }
    }

    /** DᵀD of the differences of the given order (1 or 2) of c over the non-empty shells 0..last-1 (in depth order); zero elsewhere. */
    static double[][] differences(int n, int last, boolean[] empty, int order) {
        double[][] p = new double[n][n];
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < last; j++) if (!empty[j]) idx.add(j);
        double[] d = order == 1 ? new double[]{-1, 1} : new double[]{1, -2, 1};
        for (int t = 0; t + d.length - 1 < idx.size(); t++) {
            for (int x = 0; x < d.length; x++) for (int y = 0; y < d.length; y++) p[idx.get(t + x)][idx.get(t + y)] += d[x] * d[y];
        }
        return p;
    }

    private static double[][] plus(double[][] g, double[][] pen, double lambda) {
        int n = g.length;
        double[][] m = new double[n][n];
        for (int p = 0; p < n; p++) for (int q = 0; q < n; q++) m[p][q] = g[p][q] + lambda * pen[p][q];
        return m;
    }

    /**
     * λ minimising GCV(λ) = N·RSS(λ) / (N − tr H(λ))² over a log grid, with RSS = bᵀWb − 2cᵀr + cᵀGc
     * and tr H = tr((G + λR)⁻¹ G) for the unconstrained solution c = (G + λR)⁻¹ r.
     */
    static double gcvLambda(double[][] g, double[] r, double bwb, double[][] pen, long pixels) {
        int n = r.length;
        double unit = unitLambda(g, pen);
        if (unit == 0) return 0;
        double best = 0, bestScore = Double.POSITIVE_INFINITY;
        for (int e = -40; e <= 40; e++) {
            double lambda = unit * Math.pow(10, e / 8.0);
            double[][] m = plus(g, pen, lambda);
            double[][] inv = Nnls.inverse(m);
            double[] c = new double[n];
            for (int p = 0; p < n; p++) for (int q = 0; q < n; q++) c[p] += inv[p][q] * r[q];
            double rss = bwb, tr = 0;
            for (int p = 0; p < n; p++) {
                rss -= 2 * c[p] * r[p];
                for (int q = 0; q < n; q++) {
                    rss += c[p] * g[p][q] * c[q];
                    tr += inv[p][q] * g[q][p];
                }
            }
            double score = pixels * rss / ((pixels - tr) * (pixels - tr));
            if (score < bestScore) {
                bestScore = score;
                best = lambda;
            }
        }
        return best;
    }

    /** tr G / tr R over the penalised unknowns: the penalty weight at which the penalty is as strong as the data on average (0: nothing penalised). */
    static double unitLambda(double[][] g, double[][] pen) {
        double tg = 0, tp = 0;
        for (int j = 0; j < g.length; j++) {
            if (pen[j][j] == 0) continue;
            tg += g[j][j];
            tp += pen[j][j];
        }
        return tp == 0 ? 0 : tg / tp;
    }

    private static double[] variances(ChannelFit f) {
        double[] v = new double[f.errors().length];
        for (int j = 0; j < v.length; j++) v[j] = f.errors()[j] * f.errors()[j];
        return v;
    }

    /**
     * Fractions per shell over the transition metals, each metal's amount by the rule analyze uses
     * ({@link Analyzer#amountTerms}): a single {@code k·EDS:<El>} term reuses that channel's fit; a
     * weighted sum of maps (EDS and calibrated EELS MLLS weights) is formed on the projections and
     * fitted as one channel by {@code fit}, so its error includes the covariance of its terms.
     */
    private static void fractions(TiltSeries ts, Map<String, ChannelFit> fits, Quant q, List<String> notes,
                                  AnalysisParams.FractionsFrom from, java.util.function.BiFunction<String, float[], ChannelFit> fit) {
        JsonNode quant = ts.extra().path("quantification");
        List<String> tms = Analyzer.transitionMetals(quant, List.copyOf(fits.keySet()));
        if (tms.isEmpty()) return;
        Map<String, Map<String, Double>> amounts = Analyzer.amountTerms(quant, from, tms, fits::containsKey, notes, "map");
        if (amounts == null) return;
        int shells = q.shells, m = tms.size();
        double[][] amt = new double[m][], err = new double[m][];
        for (int t = 0; t < m; t++) {
            Map<String, Double> terms = amounts.get(tms.get(t));
            if (terms.size() == 1) {
                var only = terms.entrySet().iterator().next();
                ChannelFit f = fits.get(only.getKey());
                amt[t] = new double[shells];
                err[t] = new double[shells];
                for (int s = 0; s < shells; s++) {
                    amt[t][s] = only.getValue() * f.coefficients()[s];
                    err[t][s] = Math.abs(only.getValue()) * f.errors()[s];
                }
            } else {
                ChannelFit f = fit.apply("amount-" + tms.get(t), combined(ts, terms));
                amt[t] = f.coefficients();
                err[t] = f.errors();
            }
        }
        if (amounts.values().stream().anyMatch(x -> x.size() > 1))
            notes.add("fractions from " + Analyzer.amountDescription(amounts) + ", each amount fitted as one channel");
        for (int t = 0; t < m; t++) {
            double[] val = new double[shells], var = new double[shells];
            for (int s = 0; s < shells; s++) {
                double tot = 0;
                for (int u = 0; u < m; u++) tot += amt[u][s];
                double num = amt[t][s];
                if (!(tot > 0)) {
                    val[s] = var[s] = Double.NaN;
                    continue;
                }
                val[s] = num / tot;
                double vv = 0;
                for (int u = 0; u < m; u++) {
                    double der = u == t ? (tot - num) / (tot * tot) : -num / (tot * tot);
                    vv += der * der * err[u][s] * err[u][s];
                }
                var[s] = vv;
            }
            q.add("fraction-" + tms.get(t), val, var);
        }
    }

    /** Σ weight·map over the named image channels, tilt after tilt, as one projection vector. */
    private static float[] combined(TiltSeries ts, Map<String, Double> terms) {
        int tilts = ts.tiltAnglesDeg().length, per = ts.width() * ts.height();
        float[] b = new float[tilts * per];
        for (var e : terms.entrySet()) {
            Channel c = ts.channel(e.getKey());
            double w = e.getValue();
            for (int t = 0; t < tilts; t++) {
                float[] im = c.images().tilt(t);
                for (int i = 0; i < per; i++) b[t * per + i] += (float) (w * im[i]);
            }
        }
        return b;
    }

    /** Valence per shell from the MLLS weights: Σ valence·c / Σ c over the element's references. */
    private static void valences(TiltSeries ts, Map<String, ChannelFit> fits, Quant q, List<String> notes) {
        Map<String, List<Channel>> byElement = new TreeMap<>();
        for (Channel c : ts.channels()) {
            if (c.isImage() && isMllsWeight(c) && fits.containsKey(c.name())) {
                byElement.computeIfAbsent(c.extra().path("reference").path("element").asText(), e -> new ArrayList<>()).add(c);
            }
        }
        for (var e : byElement.entrySet()) {
            List<Channel> refs = e.getValue();
            if (refs.size() < 2) {
                notes.add("only one MLLS reference for " + e.getKey() + ": no fitted valence");
                continue;
            }
            double[] val = new double[q.shells], var = new double[q.shells];
            for (int s = 0; s < q.shells; s++) {
                double sw = 0, svw = 0;
                for (Channel c : refs) {
                    double cw = fits.get(c.name()).coefficients()[s];
                    sw += cw;
                    svw += c.extra().path("reference").path("valence").asDouble() * cw;
                }
                if (!(sw > 0)) {
                    val[s] = var[s] = Double.NaN;
                    continue;
                }
                val[s] = svw / sw;
                double vv = 0;
                for (Channel c : refs) {
                    ChannelFit f = fits.get(c.name());
                    double der = (c.extra().path("reference").path("valence").asDouble() - val[s]) / sw;
                    vv += der * der * f.errors()[s] * f.errors()[s];
                }
                var[s] = vv;
            }
            q.add("valence-" + e.getKey(), val, var);
        }
    }

    /** Turns per-shell values into profile rows and the voxel-weighted surface/bulk summary. */
    private record Quant(int shells, long[] voxels, long[] surf, long[] bulk, double[] depth, List<Row> rows, List<SurfaceBulk> summary,
                         double surfaceNm, double bulkNm) {
        void add(String quantity, double[] val, double[] var) {
            for (int s = 0; s < shells; s++) if (voxels[s] > 0) rows.add(new Row(quantity, depth[s], val[s], Math.sqrt(var[s]), voxels[s]));
            double[] sv = weighted(val, var, surf), bv = weighted(val, var, bulk);
            long ns = 0, nb = 0;
            for (int s = 0; s < shells; s++) {
                ns += surf[s];
                nb += bulk[s];
            }
            summary.add(new SurfaceBulk(quantity, sv[0], bv[0], surfaceNm, bulkNm, sv[1], bv[1], ns, nb));
        }

        private double[] weighted(double[] val, double[] var, long[] n) {
            double s = 0, v = 0, tot = 0;
            for (int k = 0; k < shells; k++) {
                if (n[k] == 0) continue;
                if (!Double.isFinite(val[k])) return new double[]{Double.NaN, Double.NaN};
                s += n[k] * val[k];
                v += (double) n[k] * n[k] * var[k];
                tot += n[k];
            }
            return tot > 0 ? new double[]{s / tot, Math.sqrt(v) / tot} : new double[]{Double.NaN, Double.NaN};
        }
    }

    private static ObjectNode record(double w, ShellFitParams p, double[] depth, long[] voxels, Iterable<ChannelFit> fits, List<String> notes) {
        ObjectNode r = Json.object();
        r.put("format", FORMAT);
        ObjectNode ps = r.putObject("parameters");
        ps.put("shellNm", w);
        ps.put("outsideVoxels", p.outsideVoxels());
        ps.put("smoothOrder", p.smoothOrder());
        ps.put("penalty", p.penalty().label());
        if (p.penalty() == ShellFitParams.Penalty.FIXED) ps.put("penaltyWeight", p.penaltyWeight());
        r.put("model", "b ≈ Σ_k c_k · A S_k + background per channel; S_k = shell k's indicator volume (depth bins of analyze's depth map, "
                + "plus the outside layer), A the reconstruction's projector; weighted least squares with variance a + φ·(projected thickness); count-channel shells non-negative; "
                + (p.smoothOrder() == 0 ? "no penalty" : (p.smoothOrder() == 1 ? "first" : "second") + "-difference penalty between shells, weight "
                + (p.penalty() == ShellFitParams.Penalty.GCV ? "by generalised cross-validation" : "fixed")));
        ArrayNode sh = r.putArray("shells");
        for (int k = 0; k < depth.length; k++) sh.addObject().put("depthNm", depth[k]).put("voxels", voxels[k]);
        r.put("outsideVoxels", voxels[voxels.length - 1]);
        ObjectNode ch = r.putObject("channels");
        for (ChannelFit f : fits) {
            ObjectNode o = ch.putObject(f.channel());
            o.put("nonNegative", f.nonNegative());
            ArrayNode c = o.putArray("coefficients"), e = o.putArray("errors");
            for (int k = 0; k < f.coefficients().length; k++) {
                num(c, f.coefficients()[k]);
                num(e, f.errors()[k]);
            }
            AnalysisWriter.putNumber(o, "background", f.background());
            AnalysisWriter.putNumber(o, "varianceOffset", f.varianceOffset());
            AnalysisWriter.putNumber(o, "dispersion", f.dispersion());
            AnalysisWriter.putNumber(o, "chi2PerDof", f.chi2PerDof());
            o.put("pixels", f.pixels());
            o.put("smoothing", f.smoothing());
        }
        ArrayNode nn = r.putArray("notes");
        notes.forEach(nn::add);
        return r;
    }

    private static void num(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.addNull();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
