package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.analysis.Comparison;
import org.trident.analysis.ProfileSource;
import org.trident.analysis.ShellFitWriter;
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
 * A profile panel of a figure layout: {@code {"profiles": CSV or [CSV, ...], "labels": [...], "quantity": Q,
 * "datasets": [...], "band": "halfset", "title", "xLabel", "yLabel"}}. Each CSV is a {@code compare}
 * output (a "dataset" column, one curve per dataset) or one analysis's depth-profiles.csv (one
 * curve, labelled by its entry in "labels", else "label", else the folder). Curves are built and drawn exactly as {@code compare} draws them ({@link Comparison#figureProfile},
 * {@link ProfileFigure#chart}). {@code "source"}: auto, voxel or fit: which profiles of an analysis table to draw
 * (the voxel ones, the shell fit's profiles-fit.csv beside them with its ± 1 σ as the band, or what the pipeline reported);
 * without it, {@code figure --profiles}'s choice, else the table named.
 */
final class ProfilePanels {
    private ProfilePanels() {}

    /** @param profiles which profiles of an analysis table to draw when the panel has no "source" (null: the table named) */
    static Figure.Panel panel(Path layout, Path base, JsonNode p, List<Path> inputs, ProfileSource chosen) {
        ProfileSource source = chosen;
        if (p.has("source")) {
            source = ProfileSource.parse(p.get("source").asText(""));
            if (source == null) throw TridentException.file(layout, "a profile panel's \"source\" must be auto, voxel or fit, got '" + p.get("source").asText() + "'");
        }
        // "profiles": one table, or a list of tables (one per dataset, e.g. each analysis's own) labelled by "labels"
        List<String> rels = new ArrayList<>();
        if (p.path("profiles").isArray()) p.path("profiles").forEach(t -> rels.add(t.asText("")));
        else rels.add(p.path("profiles").asText(""));
        if (rels.isEmpty()) throw TridentException.file(layout, "a profile panel needs \"profiles\": a depth-profiles.csv or a list of them");
        JsonNode labels = p.path("labels");
        if (labels.isArray() && labels.size() != rels.size())
            throw TridentException.file(layout, "\"labels\" has " + labels.size() + " names for " + rels.size() + " profile tables");
        String rel = String.join(", ", rels);
        String q = p.path("quantity").asText("");
        if (q.isBlank()) throw TridentException.file(layout, "profile panel " + rel + " needs \"quantity\" (e.g. fraction-Ni)");
        Map<String, List<Map<String, String>>> byDataset = new LinkedHashMap<>();
        for (int i = 0; i < rels.size(); i++) {
            Path csv = base.resolve(rels.get(i));
            if (!Files.isRegularFile(csv)) throw TridentException.file(layout, "profile table not found: " + rels.get(i));
            boolean fit = csv.getFileName().toString().equals(ShellFitWriter.PROFILES);
            if (source != null && isAnalysisTable(csv)) {
                // an analysis's table: the voxel or the fitted profiles beside it, as asked (auto: what the pipeline reported)
                Path analysis = csv.toAbsolutePath().normalize().getParent();
                Path dir = analysis.getFileName() != null && analysis.getFileName().toString().equals("analysis") ? analysis.getParent() : analysis;
                ProfileSource s = source.resolve(dir, analysis);
                csv = s.profiles(analysis);
                fit = s == ProfileSource.FIT;
            }
            inputs.add(csv.normalize());
            Comparison.Table t = Comparison.readCsv(csv);
            if (t.header().contains("dataset")) {
                for (var r : t.rows()) byDataset.computeIfAbsent(r.get("dataset"), k -> new ArrayList<>()).add(r);
            } else {
                Path dir = csv.toAbsolutePath().getParent();
                String folder = dir == null || dir.getFileName() == null ? "dataset" : dir.getFileName().toString();
                String label = (labels.isArray() ? labels.get(i).asText(folder) : p.path("label").asText(folder)) + (fit ? Comparison.FIT_LABEL : "");
                if (byDataset.containsKey(label)) throw TridentException.file(layout, "two profile tables are both labelled '" + label + "'");
                byDataset.put(label, t.rows());
            }
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

    /** An analysis's own profile table (depth-profiles.csv or profiles-fit.csv without a dataset column), not a compare output. */
    private static boolean isAnalysisTable(Path csv) {
        String n = csv.getFileName().toString();
        if (!n.equals("depth-profiles.csv") && !n.equals(ShellFitWriter.PROFILES)) return false;
        return !Comparison.readCsv(csv).header().contains("dataset");
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
