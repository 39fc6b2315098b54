package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.analysis.Comparison;
import org.trident.model.TridentException;
import org.trident.render.Figure;
import org.trident.render.ProfileFigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile panel of a figure layout: {@code {"profiles": CSV, "quantity": Q, "datasets": [...],
 * "band": "halfset", "title", "xLabel", "yLabel"}}. The CSV is a {@code compare} output (a "dataset" column, one
 * curve per dataset) or one analysis's depth-profiles.csv (one curve, labelled by "label" or the
 * folder). Curves are built and drawn exactly as {@code compare} draws them ({@link Comparison#figureProfile},
 * {@link ProfileFigure#chart}).
 */
final class ProfilePanels {
    private ProfilePanels() {}

    static Figure.Panel panel(Path layout, Path base, JsonNode p, List<Path> inputs) {
        String rel = p.path("profiles").asText("");
        Path csv = base.resolve(rel);
        if (!Files.isRegularFile(csv)) throw TridentException.file(layout, "profile table not found: " + rel);
        inputs.add(csv.normalize());
        String q = p.path("quantity").asText("");
        if (q.isBlank()) throw TridentException.file(layout, "profile panel " + rel + " needs \"quantity\" (e.g. fraction-Ni)");
        Comparison.Table t = Comparison.readCsv(csv);
        Map<String, List<Map<String, String>>> byDataset = new LinkedHashMap<>();
        if (t.header().contains("dataset")) {
            for (var r : t.rows()) byDataset.computeIfAbsent(r.get("dataset"), k -> new ArrayList<>()).add(r);
        } else {
            Path dir = csv.toAbsolutePath().getParent();
            String label = p.path("label").asText(dir == null || dir.getFileName() == null ? "dataset" : dir.getFileName().toString());
            byDataset.put(label, t.rows());
        }
        List<String> wanted = new ArrayList<>();
        p.path("datasets").forEach(d -> wanted.add(d.asText()));
        for (String w : wanted) if (!byDataset.containsKey(w)) throw TridentException.file(layout, "dataset '" + w + "' is not in " + rel + " (has " + byDataset.keySet() + ")");
        List<ProfileFigure.Profile> profiles = new ArrayList<>();
        for (var e : byDataset.entrySet()) {
            if (!wanted.isEmpty() && !wanted.contains(e.getKey())) continue;
            ProfileFigure.Profile pr = Comparison.figureProfile(e.getKey(), e.getValue(), q);
            if (pr != null) profiles.add(pr);
        }
        if (profiles.isEmpty()) throw TridentException.file(layout, rel + " has no profile of '" + q + "'");
        ProfileFigure.Options o = ProfileFigure.Options.DEFAULT.withBand(band(layout, p.path("band").asText("halfset")));
        String x = p.path("xLabel").asText(X_LABEL), y = p.path("yLabel").asText(yLabel(q));
        return Figure.Panel.chart(ProfileFigure.chart(profiles, x, y, o), p.path("title").asText(""));
    }

    /** Axis labels short enough for a panel a fraction of a column wide (compare's full labels are for a whole figure). */
    static final String X_LABEL = "depth (nm)";

    static String yLabel(String q) {
        if (q.startsWith("fraction-")) return q.substring(9) + " fraction";
        if (q.startsWith("valence-")) return q.substring(8) + " valence";
        if (q.equals("inhomogeneity")) return "local CV of Ni fraction";
        return q + " (a.u.)";
    }

    private static ProfileFigure.Band band(Path layout, String s) {
        try {
            return ProfileFigure.Band.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TridentException.file(layout, "band must be halfset, sem, spread or none, got '" + s + "'");
        }
    }
}
