package org.trident.sei.xps;

import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens the spectrum a study names: a two-column CSV, or one block of a VAMAS file (by "channel", else by region, else the only one). */
public final class SpectrumFiles {
    private SpectrumFiles() {}

    public static Spectrum read(Path file, String region, String channel) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") || n.endsWith(".txt")) return SpectrumCsv.read(file, region);
        if (!n.endsWith(".vms") && !n.endsWith(".npl")) throw TridentException.file(file, "unknown spectrum format; use .csv or VAMAS .vms");
        List<VamasReader.Block> blocks = VamasReader.read(file);
        String want = channel != null && !channel.isBlank() ? channel : region;
        for (VamasReader.Block b : blocks) {
            if (b.region().equalsIgnoreCase(want) || b.id().equalsIgnoreCase(want)) return b.spectrum();
        }
        if (channel != null) {
            try {
                int i = Integer.parseInt(channel.trim());
                if (i >= 0 && i < blocks.size()) return blocks.get(i).spectrum();
            } catch (NumberFormatException ignored) {
                // not an index
            }
        }
        if (blocks.size() == 1 && channel == null) return blocks.get(0).spectrum();
        throw TridentException.file(file, "no block '" + want + "'; it holds " + String.join(", ", blocks.stream().map(VamasReader.Block::region).toList()));
    }
}
