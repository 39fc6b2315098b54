package org.trident.sim;

import org.trident.spectra.Special;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.EnergyAxis;
import org.trident.spectra.XrayLines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * EDS forward model. Each element contributes, per atom and per unit fluence (1 e⁻/nm²):
 * its K family (Kα, Kβ with the weights of {@link XrayLines}) with a detected yield
 * {@code sensitivity} (σ_K·ω_K·Ω/4π·efficiency), its L family at {@code L_TO_K} of that, and a
 * thin-target bremsstrahlung continuum ∝ Z²/E shaped by the detector-window efficiency.
 * Lines are Gaussians whose FWHM follows the Fano relation
 * FWHM² = FWHM_noise² + 2.355²·ε·F·E (ε = 3.8 eV per pair in Si, F = 0.115) with the noise
 * term set so that Mn Kα (5.899 keV) has 130 eV. The k-factors recorded in the bundle are
 * sensitivity(Mn)/sensitivity(A), so that amount_A ∝ k_A · I_A (Cliff–Lorimer).
 */
final class EdsModel {
    static final double TAKE_OFF_DEG = 18.0;
    static final double SOLID_ANGLE_SR = 0.7;
    static final double FWHM_MN_KA_EV = 130.0;
    static final double FANO = 0.115;
    static final double PAIR_EV = 3.8;
    /** Detected K-family X-rays per atom at 1 e⁻/nm² (nm²): σ_K ≈ 2.3e-22 cm², ω_K ≈ 0.31, Ω/4π ≈ 0.056 for Mn. */
    static final double MN_SENSITIVITY_NM2 = 4.0e-10;
    /** Cliff–Lorimer k-factors relative to Mn (typical 200 kV values; O includes its low yield and absorption). */
    static final Map<String, Double> K_FACTORS = Map.of("Ni", 1.16, "Co", 1.08, "Mn", 1.0, "O", 2.9);
    static final double L_TO_K = 0.25;
    /** Bremsstrahlung per atom: BREMS·Z²·efficiency(E)/E counts per keV at 1 e⁻/nm². */
    static final double BREMS_NM2 = 2.8e-14;
    static final List<String> ELEMENTS = List.of("Li", "O", "Mn", "Co", "Ni");

    private final EnergyAxis axis;
    private final int channels;
    private final double[][] templates;   // [element][channel] counts per atom at 1 e⁻/nm²
    private final double[] totals;        // sum of each template
    private final Noise.Alias[] alias;
    private final int[][] speciesOf;      // species ordinals of each element

    EdsModel(int channels, double offsetKeV, double scaleKeV) {
        this.channels = channels;
        this.axis = new EnergyAxis(offsetKeV, scaleKeV, "keV");
        templates = new double[ELEMENTS.size()][];
        totals = new double[ELEMENTS.size()];
        alias = new Noise.Alias[ELEMENTS.size()];
        speciesOf = new int[ELEMENTS.size()][];
        for (int e = 0; e < ELEMENTS.size(); e++) {
            String el = ELEMENTS.get(e);
            templates[e] = template(el);
            for (double v : templates[e]) totals[e] += v;
            alias[e] = totals[e] > 0 ? new Noise.Alias(templates[e]) : null;
            speciesOf[e] = Species.ofElement(el).stream().mapToInt(Enum::ordinal).toArray();
        }
    }

    EnergyAxis axis() { return axis; }
    int channels() { return channels; }

    /** FWHM in eV of the detector at energy {@code eV}. */
    static double fwhmEv(double eV) {
        double intrinsic = 2.355 * 2.355 * PAIR_EV * FANO;
        double noise2 = FWHM_MN_KA_EV * FWHM_MN_KA_EV - intrinsic * 5899.0;
        return Math.sqrt(noise2 + intrinsic * eV);
    }

    /** Fraction of X-rays of energy E (keV) that the detector window lets through. */
    static double efficiency(double keV) {
        return Math.exp(-Math.pow(0.3 / keV, 3));
    }

    static double sensitivity(String el) {
        Double k = K_FACTORS.get(el);
        return k == null ? 0 : MN_SENSITIVITY_NM2 / k;
    }

    /** Counts per channel per atom of element {@code el} at 1 e⁻/nm². */
    double[] template(String el) {
        double[] t = new double[channels];
        double s = sensitivity(el);
        for (String fam : List.of("K", "L")) {
            List<XrayLines.Line> lines = XrayLines.family(el, fam);
            double wsum = 0;
            for (XrayLines.Line l : lines) wsum += l.weight();
            double famYield = fam.equals("K") ? s : s * L_TO_K;
            for (XrayLines.Line l : lines) {
                double area = famYield * l.weight() / wsum;
                double sigma = fwhmEv(l.energyKeV() * 1000) / 2.355 / 1000; // keV
                for (int c = 0; c < channels; c++) {
                    double e = axis.energy(c);
                    if (Math.abs(e - l.energyKeV()) > 8 * sigma) continue;
                    t[c] += area * Special.gaussianIn(l.energyKeV(), sigma, e - axis.scale() / 2, e + axis.scale() / 2);
                }
            }
        }
        int z = XrayLines.Z.get(el);
        for (int c = 0; c < channels; c++) {
            double e = axis.energy(c);
            if (e <= 0.05) continue;
            t[c] += BREMS_NM2 * z * z * efficiency(e) / e * axis.scale();
        }
        return t;
    }

    /** Expected counts per channel of every element at 1 e⁻/nm², for tests and docs. */
    double[] template(int elementIndex) {
        return templates[elementIndex].clone();
    }

    /**
     * The EDS spectra of one tilt {@code [y][x][energy]}: projected amounts {@code maps[species][pixel]},
     * fluence in e⁻/nm². With noise each element's counts are Poisson and each count lands in a
     * channel drawn from that element's spectrum (a Poisson process is the sum of its parts), so the
     * cost grows with the counts, not with the channels.
     */
    float[] tilt(float[][] maps, int n, double fluence, boolean noise, long seed, int t) {
        float[] out = new float[n * n * channels];
        for (int row = 0; row < n; row++) {
            SplittableRandom r = noise ? Noise.random(seed, 2, t, row) : null;
            for (int col = 0; col < n; col++) {
                int px = row * n + col;
                int base = px * channels;
                for (int e = 0; e < templates.length; e++) {
                    double amount = 0;
                    for (int s : speciesOf[e]) amount += maps[s][px];
                    if (!(amount > 0) || alias[e] == null) continue;
                    if (noise) {
                        long k = Noise.poisson(r, fluence * amount * totals[e]);
                        for (long i = 0; i < k; i++) out[base + alias[e].sample(r)] += 1f;
                    } else {
                        double[] tp = templates[e];
                        for (int c = 0; c < channels; c++) out[base + c] += (float) (fluence * amount * tp[c]);
                    }
                }
            }
        }
        return out;
    }

    /** The EDS channel's {@code quantification} (contract section 2). */
    ObjectNode quantificationJson() {
        ObjectNode q = Json.object();
        q.putArray("elements").add("Ni").add("Co").add("Mn").add("O");
        ObjectNode k = q.putObject("kFactors");
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String el : List.of("Ni", "Co", "Mn", "O")) ordered.put(el, K_FACTORS.get(el));
        ordered.forEach(k::put);
        return q;
    }
}
