package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.BundleReader;
import org.trident.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The folder name of each dataset in a batch ({@code DIR/<dataset>/}): the series' stage (or
 * name) from its tiltseries.json, else the file or folder name; safe characters only, and unique
 * within the batch (a second "cycled-100" becomes "cycled-100-2"), in the order given.
 */
final class BatchNames {
    private BatchNames() {}

    static List<String> of(List<Path> inputs) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>(Set.of("comparison"));
        for (Path p : inputs) {
            String base = safe(label(p));
            String n = base;
            for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) n = base + "-" + i;
            out.add(n);
        }
        return out;
    }

    private static String label(Path p) {
        if (BundleReader.isBundle(p)) {
            try {
                ObjectNode root = Json.readObject(BundleReader.jsonFile(p));
                String stage = root.path("sample").path("stage").asText("");
                if (!stage.isBlank()) return stage;
                String name = root.path("name").asText("");
                if (!name.isBlank()) return name;
            } catch (RuntimeException e) {
                // an unreadable bundle fails in its own task with its own sentence; name it by its folder here
            }
            Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
            return dir == null ? "dataset" : dir.getFileName().toString();
        }
        String f = p.getFileName() == null ? "dataset" : p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        return t.isEmpty() ? "dataset" : t.length() > 80 ? t.substring(0, 80) : t;
    }
}
