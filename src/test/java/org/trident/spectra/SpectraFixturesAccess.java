package org.trident.spectra;

import org.trident.model.TiltSeries;

/** Lets tests in other packages build the synthetic series. */
public final class SpectraFixturesAccess {
    private SpectraFixturesAccess() {}

    public static TiltSeries edsSeries(int w, int h, int tilts, double dose, long seed) {
        return SpectraFixtures.edsSeries(w, h, tilts, dose, seed);
    }
}
