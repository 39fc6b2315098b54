package org.trident.ui;

import org.trident.model.TiltSeries;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names that tell datasets apart: by default the cycling stage and the particle (the bundle's
 * {@code sample.particle}, else the folder it came from when that says more than the stage), and
 * never two alike in one workspace ("cycled-100 (2)"). Toolkit-free.
 */
public final class DatasetNames {
    /** Folder names that say how a dataset was stored, not which particle it is. */
    private static final Set<String> GENERIC = Set.of("bundle", "aligned", "quantified", "volumes", "analysis", "pipeline", "out", "output", "data");

    private DatasetNames() {}

    /** Stage + particle for a series opened from {@code source}; the file or folder name when there is no series. */
    public static String defaultName(TiltSeries ts, Path source) {
        String folder = folderName(source);
        if (ts == null) return folder;
        String stage = ts.label().isBlank() ? folder : ts.label();
        var particle = ts.extra().path("sample").path("particle");
        if (particle.isValueNode() && !particle.asText().isBlank()) return stage + " · particle " + particle.asText();
        if (folder.isBlank() || stage.toLowerCase(Locale.ROOT).contains(folder.toLowerCase(Locale.ROOT))) return stage;
        if (folder.toLowerCase(Locale.ROOT).contains(stage.toLowerCase(Locale.ROOT))) return folder;
        return stage + " · " + folder;
    }

    /** The file or folder name, skipping generic ones (".../c100-p3/bundle" gives "c100-p3"). */
    static String folderName(Path source) {
        Path p = source;
        while (p != null && p.getFileName() != null) {
            String n = p.getFileName().toString();
            if (n.equals("tiltseries.json") || GENERIC.contains(n.toLowerCase(Locale.ROOT))) { p = p.getParent(); continue; }
            return DatasetLoader.isMrc(p) ? n.substring(0, n.lastIndexOf('.')) : n;
        }
        return "";
    }

    /** {@code wanted}, or {@code wanted (2)}, {@code (3)}… so that no other dataset has it. */
    public static String unique(String wanted, Dataset self, Collection<Dataset> all) {
        String base = wanted == null || wanted.isBlank() ? "dataset" : wanted.strip();
        List<String> taken = all.stream().filter(d -> d != self).map(Dataset::label).toList();
        if (!taken.contains(base)) return base;
        for (int i = 2; ; i++) {
            String n = base + " (" + i + ")";
            if (!taken.contains(n)) return n;
        }
    }
}
