package org.trident.spectra;

import java.util.List;
import java.util.Map;

/**
 * One spectrum (a pixel or a region's sum) with what quantification made of it, for display:
 * the energies (keV for EDS, eV for EELS), the data, the fitted background, the whole model,
 * the residual (data − model), named component curves, the windows used and the values
 * written for it (the same numbers the maps hold).
 */
public record SpectrumFit(String unit, double[] energy, double[] data, double[] background, double[] model,
                          double[] residual, Map<String, double[]> components, List<Window> windows,
                          Map<String, Double> values) {
    /** A named energy window [from, to]. */
    public record Window(String name, double from, double to) {}
}
