package org.trident.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.io.Npy;
import org.trident.model.EnergyAxis;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Background-free EELS spectra of each pure valence state ({@code trident.references/1},
 * contract section 3). Each spectrum is the simulator's per-atom core-loss template divided by
 * its area in the element's post-edge window, so every reference of one element has unit area
 * there; {@code scale} is that area (counts per atom at a fluence of 1 e⁻/nm²), so a fitted
 * MLLS weight divided by scale and fluence is an amount in atoms.
 */
public record References(EnergyAxis axis, List<Entry> entries) {
    public record Entry(String name, String element, int valence, float[] spectrum, double scale,
                        double windowFromEv, double windowToEv) {
        public String fileName() {
            return name.toLowerCase(Locale.ROOT).replace("+", "") + ".npy";
        }
    }

    public Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", "trident.references/1");
        root.put("channel", "EELS");
        ObjectNode ax = root.putObject("energyAxis");
        ax.put("offset", axis.offset());
        ax.put("scale", axis.scale());
        ax.put("unit", axis.unit());
        root.put("backgroundRemoved", true);
        root.put("normalisation", "unit area in the element's post-edge window; scale = that area per atom at 1 e-/nm^2");
        ArrayNode refs = root.putArray("references");
        for (Entry e : entries) {
            ObjectNode r = refs.addObject();
            r.put("name", e.name());
            r.put("element", e.element());
            r.put("valence", e.valence());
            r.put("file", e.fileName());
            r.put("scale", e.scale());
            r.putArray("postEdgeWindowEv").add(e.windowFromEv()).add(e.windowToEv());
        }
        return root;
    }

    /** Writes references.json and one .npy per state into {@code dir}. */
    public void write(Path dir) {
        for (Entry e : entries) Npy.writeVector(dir.resolve(e.fileName()), e.spectrum());
        Json.write(dir.resolve("references.json"), toJson());
    }
}
