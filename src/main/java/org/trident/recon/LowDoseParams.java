package org.trident.recon;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the low-dose methods ({@code em}, {@code os-em}, {@code em-tv}, {@code sirt-tv},
 * {@code fused}); the one home of their defaults (docs/reconstruction.md, "Low dose").
 *
 * @param tvStrength      β: the TV weight of a channel is μ = β·√(⅔·T·I), I its Fisher information
 *                        per projection value (1 / mean count in the particle's shadow for counts,
 *                        1 / noise variance for signed maps), T the number of tilts
 * @param gamma           HAADF exponent γ of the fused link (intensity per atom ∝ Z^γ)
 * @param haadfModelError relative accuracy of the Z^γ model of the HAADF signal (unmeasured Li,
 *                        γ, k-factors); with the HAADF's own noise it sets the link weight
 * @param subsets         ordered subsets for {@code os-em}
 * @param supportDilation voxels the HAADF support is grown by (fused and the pipeline's series)
 */
public record LowDoseParams(double tvStrength, double gamma, double haadfModelError, int subsets, int supportDilation) {
    public static LowDoseParams defaults() {
        return new LowDoseParams(0.4, 1.7, 0.10, 8, 2);
    }

    public LowDoseParams withTvStrength(double b) { return new LowDoseParams(b, gamma, haadfModelError, subsets, supportDilation); }
    public LowDoseParams withGamma(double g) { return new LowDoseParams(tvStrength, g, haadfModelError, subsets, supportDilation); }

    /** Problems, one plain sentence each; empty when they can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (!(tvStrength >= 0 && tvStrength < 1e6)) p.add("the TV strength must be zero (off) or positive, got " + tvStrength + ".");
        if (!(gamma >= 1 && gamma <= 2.5)) p.add("the HAADF exponent gamma must lie in [1, 2.5] (typically 1.6-1.8), got " + gamma + ".");
        if (!(haadfModelError >= 0 && haadfModelError < 1)) p.add("the HAADF model error must lie in [0, 1), got " + haadfModelError + ".");
        if (subsets < 1) p.add("OS-EM needs at least one subset, got " + subsets + ".");
        if (supportDilation < 0 || supportDilation > 20) p.add("the support dilation must be 0 to 20 voxels, got " + supportDilation + ".");
        return p;
    }
}
