package org.trident.analysis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.Signal;
import org.trident.model.Volume;

import java.util.List;
import java.util.Map;

/**
 * What {@link Analyzer} works on: reconstructed channels with their meaning, the bundle's
 * top-level {@code quantification} (kFactors, transitionMetals, references, calibration) and,
 * optionally, the same channels reconstructed from two disjoint halves of the tilts.
 *
 * @param label          the dataset's name for tables (sample stage, else bundle name)
 * @param quantification may be empty: defaults then apply and are reported in the notes
 * @param halfA          channel name → volume from one half of the tilts (may be empty)
 * @param halfB          the other half, same keys
 */
public record AnalysisInputs(String label, List<ReconChannel> channels, ObjectNode quantification,
                             Map<String, Volume> halfA, Map<String, Volume> halfB) {
    public AnalysisInputs {
        channels = List.copyOf(channels);
        if (quantification == null) quantification = JsonNodeFactory.instance.objectNode();
        halfA = halfA == null ? Map.of() : Map.copyOf(halfA);
        halfB = halfB == null ? Map.of() : Map.copyOf(halfB);
    }

    /**
     * One reconstructed channel. {@code element} and the reference are null when they do not
     * apply; {@code referenceValence} is NaN unless the channel is an MLLS weight.
     */
    public record ReconChannel(String name, Signal signal, String element, String referenceName,
                               double referenceValence, Volume volume) {
        public boolean isMllsWeight() {
            return element != null && Double.isFinite(referenceValence);
        }
    }

    public ReconChannel channel(String name) {
        for (ReconChannel c : channels) if (c.name().equals(name)) return c;
        return null;
    }

    public boolean hasHalves() {
        return !halfA.isEmpty() && !halfB.isEmpty();
    }
}
