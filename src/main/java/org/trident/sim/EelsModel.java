package org.trident.sim;

import org.trident.spectra.Special;

import org.trident.model.EnergyAxis;
import org.trident.spectra.EelsEdges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * EELS core-loss forward model, per atom of each species at a fluence of 1 e⁻/nm² (counts per
 * channel):
 * <ul>
 * <li>background: {@code BACKGROUND·Z·(E/640 eV)^-r}, r = 3, so any mixture is one power law A·E^-r;</li>
 * <li>O K: an error-function step at 532 eV decaying as (E/532)^-2.5, with two near-edge peaks;</li>
 * <li>Mn/Co/Ni L2,3: Gaussian L3 and L2 white lines at the valence-dependent positions of
 * {@link EelsEdges}, total white-line area proportional to the number of 3d holes (Pearson et
 * al., Phys. Rev. B 47, 1993) split by the valence's L3/L2 ratio, on a Pearson double-step
 * continuum (2/3 at L3, 1/3 at L2) whose tail (E/E_L3,ref)^-2.5 does not depend on valence, so
 * the post-edge window far above L2 is identical for every valence of an element.</li>
 * </ul>
 */
final class EelsModel {
    static final double BACKGROUND_EXPONENT = 3.0;
    /** Background per electron of the atom (per eV, at 640 eV). */
    static final double BACKGROUND_PER_Z = 1.74e-10;
    static final double O_STEP = 1.2e-8;
    /** Continuum step height per atom per eV of each metal's L2,3 edge. */
    static final Map<String, Double> L_STEP = Map.of("Mn", 1.2e-8, "Co", 1.05e-8, "Ni", 9e-9);
    /** White-line area per 3d hole, in units of step height × eV. */
    static final Map<String, Double> WL_PER_HOLE = Map.of("Mn", 3.0, "Co", 5.0, "Ni", 7.0);
    /** L3/L2 white-line ratio of each state (SCIENCE.md for Mn; typical values for Co, Ni). */
    static final Map<String, Double> L3_L2 = Map.of("Mn2+", 4.0, "Mn3+", 2.6, "Mn4+", 1.9,
            "Co2+", 4.0, "Co3+", 2.6, "Ni2+", 3.0, "Ni3+", 2.5);
    static final double SIGMA_L3_EV = 1.3, SIGMA_L2_EV = 1.7, STEP_WIDTH_EV = 1.5;
    /** Post-edge windows start this far above the reference L2 line and are this wide. */
    static final double WINDOW_START_EV = 15.0, WINDOW_WIDTH_EV = 35.0;

    private final EnergyAxis axis;
    private final int channels;
    private final double[][] total;   // [species][channel] background + core loss
    private final double[][] core;    // [species][channel] core loss only

    EelsModel(int channels, double offsetEv, double scaleEv) {
        this.channels = channels;
        this.axis = new EnergyAxis(offsetEv, scaleEv, "eV");
        int ns = Species.ALL.size();
        total = new double[ns][];
        core = new double[ns][];
        for (Species s : Species.ALL) {
            core[s.ordinal()] = coreLoss(s);
            double[] t = background(s.z);
            for (int c = 0; c < channels; c++) t[c] += core[s.ordinal()][c];
            total[s.ordinal()] = t;
        }
    }

    EnergyAxis axis() { return axis; }
    int channels() { return channels; }

    double[] background(int z) {
        double[] b = new double[channels];
        for (int c = 0; c < channels; c++) {
            double e = axis.energy(c);
            b[c] = BACKGROUND_PER_Z * z * Math.pow(e / 640.0, -BACKGROUND_EXPONENT) * axis.scale();
        }
        return b;
    }

    /** Number of empty 3d states of a transition-metal ion. */
    static int holes(Species s) {
        int d = switch (s.element) {
            case "Mn" -> 7 - s.valence;
            case "Co" -> 9 - s.valence;
            case "Ni" -> 10 - s.valence;
            default -> 10;
        };
        return 10 - d;
    }

    double[] coreLoss(Species s) {
        double[] t = new double[channels];
        double h = axis.scale();
        if (s == Species.O) {
            double onset = EelsEdges.kEdge("O").onsetEv();
            for (int c = 0; c < channels; c++) {
                double e = axis.energy(c);
                double step = Special.phi((e - onset) / STEP_WIDTH_EV) * Math.pow(Math.max(e, onset) / onset, -2.5);
                double nes = 0.8 * Special.gaussianIn(onset + 6, 2.0, e - h / 2, e + h / 2) / h
                        + 0.6 * Special.gaussianIn(onset + 13, 3.0, e - h / 2, e + h / 2) / h;
                t[c] = O_STEP * (step + 3.0 * nes) * h;
            }
            return t;
        }
        if (!s.isTransitionMetal()) return t;
        EelsEdges.WhiteLine wl = EelsEdges.whiteLine(s.element);
        double e3 = wl.l3At(s.valence), e2 = e3 + wl.splitEv();
        double step = L_STEP.get(s.element);
        double area = WL_PER_HOLE.get(s.element) * holes(s);
        double ratio = L3_L2.get(s.label());
        double a3 = area * ratio / (1 + ratio), a2 = area / (1 + ratio);
        for (int c = 0; c < channels; c++) {
            double e = axis.energy(c), lo = e - h / 2, hi = e + h / 2;
            double cont = (2.0 / 3.0 * Special.phi((e - e3) / STEP_WIDTH_EV) + 1.0 / 3.0 * Special.phi((e - e2) / STEP_WIDTH_EV))
                    * Math.pow(Math.max(e, wl.l3Ev()) / wl.l3Ev(), -2.5);
            double lines = a3 * Special.gaussianIn(e3, SIGMA_L3_EV, lo, hi) + a2 * Special.gaussianIn(e2, SIGMA_L2_EV, lo, hi);
            t[c] = step * (cont * h + lines);
        }
        return t;
    }

    /** The documented post-edge window of an element's L2,3 edge, eV. */
    static double[] window(String element) {
        EelsEdges.WhiteLine wl = EelsEdges.whiteLine(element);
        double from = wl.l3Ev() + wl.splitEv() + WINDOW_START_EV;
        return new double[]{from, from + WINDOW_WIDTH_EV};
    }

    /** Per-atom core-loss spectrum of a species (no background), counts per channel at 1 e⁻/nm². */
    double[] coreTemplate(Species s) {
        return core[s.ordinal()].clone();
    }

    /** Background + core loss per atom of a species. */
    double[] fullTemplate(Species s) {
        return total[s.ordinal()].clone();
    }

    /** Reference spectra of every transition-metal valence state, unit area (Σ value·channel width) in the post-edge window. */
    References references() {
        List<References.Entry> list = new ArrayList<>();
        for (Species s : Species.ALL) {
            if (!s.isTransitionMetal()) continue;
            double[] w = window(s.element);
            double[] t = core[s.ordinal()];
            double area = 0; // ∫ counts dE over the window, eV
            for (int c = 0; c < channels; c++) {
                double e = axis.energy(c);
                if (e >= w[0] && e < w[1]) area += t[c] * axis.scale();
            }
            float[] spec = new float[channels];
            if (area > 0) for (int c = 0; c < channels; c++) spec[c] = (float) (t[c] / area);
            list.add(new References.Entry(s.label(), s.element, s.valence, spec, area, w[0], w[1]));
        }
        return new References(axis, list);
    }

    /** EELS spectra of one tilt {@code [y][x][energy]}; Poisson per channel with noise. */
    float[] tilt(float[][] maps, int n, double fluence, boolean noise, long seed, int t) {
        float[] out = new float[n * n * channels];
        double[] expected = new double[channels];
        int ns = maps.length;
        for (int row = 0; row < n; row++) {
            SplittableRandom r = noise ? Noise.random(seed, 3, t, row) : null;
            for (int col = 0; col < n; col++) {
                int px = row * n + col;
                boolean any = false;
                java.util.Arrays.fill(expected, 0);
                for (int s = 0; s < ns; s++) {
                    double a = maps[s][px] * fluence;
                    if (!(a > 0)) continue;
                    any = true;
                    double[] tp = total[s];
                    for (int c = 0; c < channels; c++) expected[c] += a * tp[c];
                }
                if (!any) continue;
                int base = px * channels;
                for (int c = 0; c < channels; c++) out[base + c] = noise ? Noise.poisson(r, expected[c]) : (float) expected[c];
            }
        }
        return out;
    }
}
