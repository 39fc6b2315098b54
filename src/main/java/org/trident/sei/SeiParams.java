package org.trident.sei;

import org.trident.model.TridentException;
import org.trident.sei.xps.XpsParams;

/**
 * Every default of {@code trident sei}, in one place. The figure of merit is the mean Coulomb
 * efficiency of cycles {@code cycleFrom}…{@code cycleTo} (1-based; default the first cycle, SEI
 * formation). Area fractions count pixels beyond mean·(1 ± {@code thresholdRelative}) (not
 * defined for levelled topography, whose mean is zero). The optimum's interval uses
 * {@code bootstrap} residual resamples from {@code seed}.
 */
public record SeiParams(int cycleFrom, int cycleTo, double thresholdRelative, int bootstrap, long seed, int histogramBins, XpsParams xps) {
    public SeiParams {
        if (cycleFrom < 1 || cycleTo < cycleFrom) throw new TridentException("cycles must be K or K-L with 1 ≤ K ≤ L, got " + cycleFrom + "-" + cycleTo);
        if (!(thresholdRelative > 0)) throw new TridentException("the area threshold must be a positive fraction of the mean, got " + thresholdRelative);
        if (bootstrap < 0) throw new TridentException("bootstrap resamples must be ≥ 0");
    }

    public static SeiParams defaults() {
        return new SeiParams(1, 1, 0.25, 2000, 20220908L, 64, XpsParams.defaults());
    }

    /** "K" or "K-L" (1-based). */
    public SeiParams withCycles(String spec) {
        String s = spec.trim();
        try {
            int dash = s.indexOf('-');
            int k = Integer.parseInt(dash < 0 ? s : s.substring(0, dash).trim());
            int l = dash < 0 ? k : Integer.parseInt(s.substring(dash + 1).trim());
            return new SeiParams(k, l, thresholdRelative, bootstrap, seed, histogramBins, xps);
        } catch (NumberFormatException e) {
            throw new TridentException("--cycles takes K or K-L (1-based cycle numbers), got '" + spec + "'");
        }
    }

    public SeiParams withXps(XpsParams x) {
        return new SeiParams(cycleFrom, cycleTo, thresholdRelative, bootstrap, seed, histogramBins, x);
    }

    public String cyclesText() {
        return cycleFrom == cycleTo ? Integer.toString(cycleFrom) : cycleFrom + "-" + cycleTo;
    }
}
