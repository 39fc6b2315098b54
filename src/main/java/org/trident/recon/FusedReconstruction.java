package org.trident.recon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;
import org.trident.spectra.XrayLines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fused multi-modal reconstruction (after Schwartz et al., Nat. Commun. 2024): the element count
 * channels x_e (EDS net counts) are reconstructed together, with
 * <pre>
 *   ½ w_H ‖A Σ_e s_e x_e − b_HAADF‖²  +  Σ_e Poisson NLL(A x_e; b_e)  +  Σ_e μ_e TV(x_e),  x_e ≥ 0,
 * </pre>
 * s_e = α·k_e·Z_e^γ. The link is linear in the amounts: the HAADF of a column is the sum over its
 * atoms of Z^γ (incoherent scattering; SCIENCE.md), and atoms of e ∝ k_e·(counts of e)
 * (Cliff–Lorimer), so one scale α converts EDS counts into HAADF units; α is fitted as the ratio
 * of the series' totals (both sides are linear, so a ratio of sums is unbiased by counting noise).
 * The weights come from the data: w_H = 1 / (σ_H² + (ε·H̄)²), σ_H² the HAADF's white-noise variance
 * measured on the projections, H̄ its mean in the particle's shadow, ε the model's relative accuracy;
 * one μ for all channels (the rms of {@link LowDose#tvWeight} over them), so that every channel is
 * smoothed by the same relative amount and ratios of channels are not biased by the smoothing.
 */
public final class FusedReconstruction {
    private FusedReconstruction() {}

    /** One count channel: name, element and its projections. */
    public record Input(String name, String element, ImageStack images) {}

    /** The volumes (in the order of the inputs) and the record of weights and costs. */
    public record Outcome(List<float[]> volumes, ObjectNode details, double seconds) {}

    public static Outcome run(ImageStack haadf, List<Input> inputs, Map<String, Double> kFactors, double[] anglesDeg, int thickness,
                              ReconParams p, LowDoseParams lp, boolean[] support, int threads, Progress progress) {
        long t0 = System.nanoTime();
        if (inputs.isEmpty()) throw new TridentException("the fused method needs at least one element count channel (EDS:<El>)");
        VolumeProjector proj = new VolumeProjector(haadf.width(), haadf.height(), thickness, anglesDeg, threads);
        float[][] bH = proj.measured(haadf, 0);
        boolean[][] shadow = LowDose.shadow(proj, support);
        ObjectNode d = Json.object();
        ObjectNode ks = d.putObject("linkCoefficients");
        List<String> notes = new ArrayList<>();
        double[] zg = new double[inputs.size()];
        float[][][] b = new float[inputs.size()][][];
        double predicted = 0, haadfTotal = 0;
        for (float[] t : bH) for (float v : t) haadfTotal += v;
        for (int c = 0; c < inputs.size(); c++) {
            Input in = inputs.get(c);
            Integer z = XrayLines.Z.get(in.element());
            if (z == null) throw new TridentException("the fused method needs the atomic number of " + in.element() + " (channel " + in.name() + ")");
            Double k = kFactors.get(in.element());
            if (k == null || !(k > 0)) {
                notes.add("no k-factor for " + in.element() + "; 1.0 used");
                k = 1.0;
            }
            zg[c] = k * Math.pow(z, lp.gamma());
            b[c] = proj.measured(in.images(), 0);
            double tot = 0;
            for (float[] t : b[c]) for (float v : t) tot += v;
            predicted += zg[c] * tot;
        }
        if (!(predicted > 0) || !(haadfTotal > 0)) throw new TridentException("the fused method needs positive total HAADF and element counts");
        double alpha = haadfTotal / predicted;
        double noise = LowDose.noiseVariance(bH, shadow);
        double sum = 0;
        long n = 0;
        for (int t = 0; t < bH.length; t++) for (int i = 0; i < bH[t].length; i++) if (shadow[t][i]) { sum += bH[t][i]; n++; }
        double meanH = sum / Math.max(1, n);
        double var = (Double.isFinite(noise) ? noise : 0) + Math.pow(lp.haadfModelError() * meanH, 2);
        double wH = var > 0 ? 1 / var : 0;
        List<PrimalDual.Channel> chs = new ArrayList<>();
        ObjectNode tvw = d.putObject("tvWeights");
        ObjectNode shifts = d.putObject("poissonShifts");
        // One TV weight for every channel: with x in counts the TV-to-data balance of a channel is
        // μ / (⅔T), independent of its count level, so a common μ smooths every channel by the same
        // relative amount and the fractions formed from them are not pushed towards the strongest
        // channel (per-channel μ ∝ 1/√counts smoothed the weak channels more: noise-free 48³ case,
        // bulk Ni +0.036 and Ni enrichment 0.70 of the truth). μ is the root-mean-square of the
        // per-channel weights (the weight of a channel of average information).
        double[] shift = new double[inputs.size()];
        double mu2 = 0;
        for (int c = 0; c < inputs.size(); c++) {
            shift[c] = LowDose.poissonShift(b[c], shadow);
            double m = LowDose.tvWeight(proj, b[c], support, true, Double.NaN, shift[c], lp.tvStrength());
            mu2 += m * m / inputs.size();
        }
        double mu = Math.sqrt(mu2);
        for (int c = 0; c < inputs.size(); c++) {
            double s = alpha * zg[c];
            chs.add(new PrimalDual.Channel(inputs.get(c).name(), b[c], PrimalDual.Data.POISSON, Double.NaN, shift[c], mu, s, true));
            ks.put(inputs.get(c).name(), s);
            tvw.put(inputs.get(c).name(), mu);
            shifts.put(inputs.get(c).name(), shift[c]);
        }
        d.put("gamma", lp.gamma());
        d.put("alpha", alpha);
        d.put("haadfNoiseVariance", noise);
        d.put("haadfMeanInShadow", meanH);
        d.put("haadfModelError", lp.haadfModelError());
        d.put("linkWeight", wH);
        d.put("poissonWeight", 1.0);
        d.put("tvStrength", lp.tvStrength());
        d.put("support", support != null);
        if (!notes.isEmpty()) d.put("notes", String.join("; ", notes));
        PrimalDual.Result r = PrimalDual.solve(proj, chs, new PrimalDual.Link(bH, wH), support, p.iterations(), progress, null);
        ObjectNode cost = d.putObject("costPerIteration");
        LowDose.array(cost, "haadfLink", r.linkCost());
        for (int c = 0; c < inputs.size(); c++) {
            LowDose.array(cost, "poissonDeviance:" + inputs.get(c).name(), r.dataCost()[c]);
            LowDose.array(cost, "tv:" + inputs.get(c).name(), r.tvCost()[c]);
        }
        List<float[]> vols = new ArrayList<>();
        for (float[] x : r.x()) vols.add(x);
        return new Outcome(vols, d, (System.nanoTime() - t0) / 1e9);
    }
}
