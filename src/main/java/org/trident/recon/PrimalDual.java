package org.trident.recon;

import org.trident.job.Progress;

import java.util.List;
import java.util.Locale;

/**
 * Minimises, over volumes x_e ≥ 0 (one per channel, zero outside the support),
 * <pre>
 *   Σ_e D_e(A x_e; b_e)  +  ½ w_H ‖A Σ_e s_e x_e − b_H‖²  +  Σ_e μ_e TV(x_e)
 * </pre>
 * with D_e the Poisson negative log-likelihood {@code Σ (q − b log q)} (count channels) or the
 * Gaussian {@code ½ Σ (q − b)² / σ_e²} (signed maps), an optional HAADF link (the fused
 * reconstruction) and isotropic TV counted inside the support ({@link TvGradient}). The problem
 * is convex; it is solved with the first-order primal–dual method of Chambolle &amp; Pock
 * (J. Math. Imaging Vis. 40, 120, 2011) with the diagonal preconditioning of Pock &amp; Chambolle
 * (ICCV 2011), whose steps come from the row and column sums of the operators, i.e. from
 * {@code A·1} and {@code Aᵀ·1} — no step size to tune. Each primal variable is scaled by
 * ρ_e (the channel's mean density over the dual's natural size) so that primal and dual move
 * at comparable rates. Every data-term prox is closed-form; one iteration costs one forward
 * projection per channel and one back-projection per channel plus one for the link (the link's
 * forward projection follows from linearity).
 */
final class PrimalDual {
    enum Data { POISSON, GAUSSIAN }

    /**
     * One channel: measured projections, data model, TV weight and link coefficient (0 = not linked).
     * {@code shift} (Poisson only, ≥ 0) is the shifted-Poisson offset s: b + s is modelled as Poisson
     * with mean A x + s, so background-subtracted net counts (slightly negative where there is no
     * signal) enter unclipped instead of being raised to zero ({@link LowDose#poissonShift}).
     */
    record Channel(String name, float[][] b, Data data, double variance, double shift, double tvWeight, double linkCoefficient, boolean nonNegative) {
        Channel(String name, float[][] b, Data data, double variance, double tvWeight, double linkCoefficient, boolean nonNegative) {
            this(name, b, data, variance, 0, tvWeight, linkCoefficient, nonNegative);
        }
    }

    /** The HAADF link: measured HAADF projections and the weight w_H (1 / noise-and-model variance). */
    record Link(float[][] b, double weight) {}

    /** Per-iteration cost of each term, in the order data (per channel), link, TV (per channel). */
    interface CostListener {
        void onIteration(int iteration, int iterations, double[] dataCost, double linkCost, double[] tvCost);
    }

    record Result(float[][] x, double[][] dataCost, double[] linkCost, double[][] tvCost, int iterations) {}

    private PrimalDual() {}

    static Result solve(VolumeProjector p, List<Channel> channels, Link link, boolean[] support, int iterations,
                        Progress progress, CostListener listener) {
        int e = channels.size(), n = p.voxels(), tilts = p.tilts(), px = p.pixels();
        if (listener == null && progress instanceof CostSink sink) listener = toSink(sink, channels, link != null);
        TvGradient grad = new TvGradient(p.nx(), p.ny(), p.nz(), support);
        // row sums of A restricted to the support, column sums of A over measured pixels
        float[] ones = new float[n];
        for (int v = 0; v < n; v++) ones[v] = support == null || support[v] ? 1f : 0f;
        float[][] rowSum = p.newProjections();
        p.forward(ones, rowSum);
        float[][] onesP = p.newProjections();
        for (float[] r : onesP) java.util.Arrays.fill(r, 1f);
        float[] colSum = new float[n];
        p.back(onesP, colSum);
        int inside = 0;
        for (float o : ones) if (o > 0) inside++;

        double[] rho = new double[e];
        float[][] x = new float[e][], xOld = new float[e][], xBar = new float[e][];
        for (int c = 0; c < e; c++) {
            Channel ch = channels.get(c);
            double total = 0;
            for (float[] t : ch.b()) for (float v : t) total += ch.data() == Data.POISSON ? Math.max(v, 0) : Math.abs(v);
            double mean = Math.max(total / tilts / Math.max(1, inside), 1e-12);
            double dualSize = ch.data() == Data.POISSON ? 1.0 : 1.0 / Math.sqrt(ch.variance());
            rho[c] = mean / dualSize;
            x[c] = new float[n];
            // count channels start from their mean density in the support, signed maps from zero
            if (ch.data() == Data.POISSON) for (int v = 0; v < n; v++) x[c][v] = (float) (mean * ones[v]);
            xOld[c] = x[c].clone();
            xBar[c] = x[c].clone();
        }
        double sqW = link == null ? 0 : Math.sqrt(link.weight());
        double linkRowScale = 0;
        for (int c = 0; c < e; c++) linkRowScale += Math.abs(channels.get(c).linkCoefficient()) * rho[c];
        linkRowScale *= sqW;

        float[][][] y = new float[e][][];
        float[][][] z = new float[e][][];
        for (int c = 0; c < e; c++) {
            y[c] = p.newProjections();
            z[c] = channels.get(c).tvWeight() > 0 ? new float[3][n] : null;
        }
        float[][] yH = link == null ? null : p.newProjections();
        float[][] qBar = p.newProjections(), lin = link == null ? null : p.newProjections();
        float[][] g3 = new float[3][n];
        float[] back = new float[n], backH = link == null ? null : new float[n], tvBack = new float[n];
        double[][] dataCost = new double[iterations][e], tvCost = new double[iterations][e];
        double[] linkCost = new double[iterations];
        float[][][] ax = new float[e][][];
        progress.start("reconstructing (primal-dual, " + e + " channel" + (e == 1 ? "" : "s") + ")", iterations);
        for (int it = 0; it < iterations; it++) {
            progress.checkCancelled();
            if (lin != null) for (float[] r : lin) java.util.Arrays.fill(r, 0f);
            // dual steps on the data terms; A x̄ kept for the link and (by linearity) for A x
            for (int c = 0; c < e; c++) {
                Channel ch = channels.get(c);
                p.forward(xBar[c], qBar);
                if (ax[c] == null) {
                    ax[c] = p.newProjections();
                    for (int t = 0; t < tilts; t++) System.arraycopy(qBar[t], 0, ax[c][t], 0, px);
                } else {
                    // x̄ = 2x_k − x_{k−1}  ⇒  A x_k = (A x̄ + A x_{k−1}) / 2
                    for (int t = 0; t < tilts; t++) for (int i = 0; i < px; i++) ax[c][t][i] = 0.5f * (qBar[t][i] + ax[c][t][i]);
                }
                dataCost[it][c] = dataCost(ch, ax[c]);
                double s = ch.linkCoefficient();
                for (int t = 0; t < tilts; t++) {
                    float[] yt = y[c][t], qt = qBar[t], bt = ch.b()[t], rs = rowSum[t];
                    for (int i = 0; i < px; i++) {
                        if (rs[i] <= 0) { yt[i] = 0; continue; }
                        double sig = 1.0 / (rho[c] * rs[i]);
                        double yt1 = yt[i] + sig * qt[i];
                        double b = bt[i];
                        if (ch.data() == Data.POISSON) {
                            // shifted Poisson: f(q) = f₀(q + s) ⇒ prox of f* at v is prox of f₀* at v + σs
                            b = Math.max(b + ch.shift(), 0);
                            yt1 += sig * ch.shift();
                            double d = yt1 - 1;
                            yt[i] = (float) (0.5 * (yt1 + 1 - Math.sqrt(d * d + 4 * sig * b)));
                        } else {
                            yt[i] = (float) ((yt1 - sig * b) / (1 + sig * ch.variance()));
                        }
                    }
                    if (lin != null && s != 0) {
                        float[] lt = lin[t];
                        for (int i = 0; i < px; i++) lt[i] += (float) (s * qt[i]);
                    }
                }
            }
            if (link != null) {
                double lc = 0;
                for (int t = 0; t < tilts; t++) {
                    float[] yt = yH[t], lt = lin[t], bt = link.b()[t], rs = rowSum[t];
                    for (int i = 0; i < px; i++) {
                        if (rs[i] <= 0 || linkRowScale <= 0) { yt[i] = 0; continue; }
                        double sig = 1.0 / (linkRowScale * rs[i]);
                        double yt1 = yt[i] + sig * sqW * lt[i];
                        yt[i] = (float) ((yt1 - sig * sqW * bt[i]) / (1 + sig));
                    }
                }
                linkCost[it] = linkCost(channels, ax, link);
                p.back(yH, backH);
            }
            // dual step on TV, then the primal step
            for (int c = 0; c < e; c++) {
                Channel ch = channels.get(c);
                double mu = ch.tvWeight();
                if (mu > 0) {
                    grad.gradient(xBar[c], g3);
                    double sig = 1.0 / (2 * rho[c]);
                    float[][] zc = z[c];
                    for (int v = 0; v < n; v++) {
                        double a = zc[0][v] + sig * g3[0][v], b = zc[1][v] + sig * g3[1][v], d = zc[2][v] + sig * g3[2][v];
                        double norm = Math.sqrt(a * a + b * b + d * d);
                        double f = norm > mu ? mu / norm : 1.0;
                        zc[0][v] = (float) (a * f);
                        zc[1][v] = (float) (b * f);
                        zc[2][v] = (float) (d * f);
                    }
                    grad.adjoint(zc, tvBack);
                    tvCost[it][c] = mu * grad.tv(x[c], g3);
                }
                p.back(y[c], back);
                double s = ch.linkCoefficient() * sqW;
                float[] xc = x[c], xo = xOld[c], xb = xBar[c];
                double floor = ch.nonNegative() ? 0 : Double.NEGATIVE_INFINITY;
                System.arraycopy(xc, 0, xo, 0, n);
                for (int v = 0; v < n; v++) {
                    if (ones[v] == 0) { xc[v] = 0; xb[v] = 0; continue; }
                    double colK = colSum[v] * (1 + Math.abs(ch.linkCoefficient()) * sqW) + (mu > 0 ? 6 : 0);
                    double tau = rho[c] / Math.max(colK, 1e-12);
                    double gsum = back[v] + (backH != null ? s * backH[v] : 0) + (mu > 0 ? tvBack[v] : 0);
                    float nv = (float) Math.max(floor, xc[v] - tau * gsum);
                    xc[v] = nv;
                    xb[v] = 2 * nv - xo[v];
                }
            }
            if (listener != null) listener.onIteration(it + 1, iterations, dataCost[it], linkCost[it], tvCost[it]);
            progress.advance(1);
            if (progress != Progress.NONE) progress.message(String.format(Locale.ROOT, "iteration %d/%d, data %.6g, link %.6g",
                    it + 1, iterations, sum(dataCost[it]), linkCost[it]));
        }
        double[][] dc = new double[e][iterations], tc = new double[e][iterations];
        for (int it = 0; it < iterations; it++) for (int c = 0; c < e; c++) { dc[c][it] = dataCost[it][c]; tc[c][it] = tvCost[it][c]; }
        return new Result(x, dc, linkCost, tc, iterations);
    }

    /** Poisson: deviance-style NLL Σ (q − b + b·log(b/q)) ≥ 0 (q and b shifted by s); Gaussian: ½ Σ (q − b)²/σ². Both at the current x. */
    private static double dataCost(Channel ch, float[][] q) {
        double s = 0;
        for (int t = 0; t < q.length; t++) {
            float[] qt = q[t], bt = ch.b()[t];
            for (int i = 0; i < qt.length; i++) {
                double qi = qt[i], b = bt[i];
                if (ch.data() == Data.POISSON) {
                    b = Math.max(b + ch.shift(), 0);
                    qi = Math.max(qi + ch.shift(), 1e-12);
                    s += qi - b + (b > 0 ? b * Math.log(b / qi) : 0);
                } else {
                    s += 0.5 * (qi - b) * (qi - b) / ch.variance();
                }
            }
        }
        return s;
    }

    private static double linkCost(List<Channel> channels, float[][][] ax, Link link) {
        double s = 0;
        for (int t = 0; t < link.b().length; t++) {
            float[] bt = link.b()[t];
            for (int i = 0; i < bt.length; i++) {
                double m = 0;
                for (int c = 0; c < channels.size(); c++) {
                    double k = channels.get(c).linkCoefficient();
                    if (k != 0) m += k * ax[c][t][i];
                }
                s += (m - bt[i]) * (m - bt[i]);
            }
        }
        return 0.5 * link.weight() * s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }

    /** Hands each iteration's costs to a {@link CostSink} under the term names it documents. */
    private static CostListener toSink(CostSink sink, List<Channel> channels, boolean linked) {
        boolean one = channels.size() == 1 && !linked;
        return (it, its, data, link, tv) -> {
            java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
            for (int c = 0; c < data.length; c++) m.put(one ? "data" : "data:" + channels.get(c).name(), data[c]);
            if (linked) m.put("haadf link", link);
            for (int c = 0; c < tv.length; c++) if (channels.get(c).tvWeight() > 0) m.put(one ? "tv" : "tv:" + channels.get(c).name(), tv[c]);
            sink.costs("", it, its, m);
        };
    }
}
