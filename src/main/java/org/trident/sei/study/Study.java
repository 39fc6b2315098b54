package org.trident.sei.study;

import java.nio.file.Path;
import java.util.List;

/**
 * A correlative SEI study {@code trident.sei-study/1} (contract section 8): samples of a
 * composition series with their maps, spectra and Coulomb efficiency per cycle. Paths are
 * resolved against {@link #dir} and confined to it.
 */
public record Study(Path dir, String name, String compositionName, String compositionUnit, List<Sample> samples) {
    public static final String FORMAT = "trident.sei-study/1";

    public record Sample(String id, double composition, double[] coulombEfficiencyPct, List<MapEntry> maps, List<SpectrumEntry> spectra) {}

    /** {@code pixelSizeNm} NaN when absent; {@code channel} null when absent. */
    public record MapEntry(String technique, String quantity, String unit, Path file, String relative, double pixelSizeNm, String channel) {
        public String key() {
            return technique + " " + quantity;
        }

        public boolean isTopography() {
            return quantity.equalsIgnoreCase("height");
        }
    }

    /** {@code channel} picks a block of a VAMAS file (null: by region, or the only one). */
    public record SpectrumEntry(String technique, String region, Path file, String relative, String channel) {}

    public Study {
        samples = List.copyOf(samples);
    }
}
