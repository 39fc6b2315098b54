package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.render.ProfileChart;
import org.trident.render.ProfileFigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Several analysed datasets side by side ({@code compare}): one summary table and one profile
 * table with a first {@code dataset} column, and one overlaid depth-profile figure per quantity
 * (mean ± std band per dataset) as SVG, PNG and PDF. A dataset's tables are its voxel profiles or
 * its shell fit's ({@link ProfileSource}); when any is a fit, a last column {@code profiles}
 * says which (voxel, fit) and the fit's curves are labelled "(shell fit)" with ± 1 σ bands.
 */
public final class Comparison {
    private Comparison() {}

    /** Shells with fewer finite voxels than this are left out of the figures (not the tables). */
    public static final int MIN_FIGURE_VOXELS = 20;

    /** A CSV table: header and rows of cells (by column name). */
    public record Table(List<String> header, List<Map<String, String>> rows) {}

    /** One dataset: its label, its analysis tables and which profiles they are (VOXEL or FIT). */
    public record Dataset(String label, Path analysisDir, Table summary, Table profiles, ProfileSource source) {
        public Dataset(String label, Path analysisDir, Table summary, Table profiles) {
            this(label, analysisDir, summary, profiles, ProfileSource.VOXEL);
        }
    }

    /**
     * Loads a {@code pipeline} output (its {@code analysis/} folder) or an {@code analyze} output.
     * The label is {@code provenance.json}'s "dataset", else the bundle's sample.stage or name
     * (from the aligned or quantified bundle), else analysis.json's label, else the folder name.
     */
    public static Dataset load(Path dir) {
        return load(dir, ProfileSource.VOXEL);
    }

    /** As {@link #load(Path)}, with the profiles {@code source} names (AUTO: what the pipeline reported). */
    public static Dataset load(Path dir, ProfileSource source) {
        Path analysis = Files.isRegularFile(dir.resolve("analysis").resolve("summary.csv")) ? dir.resolve("analysis") : dir;
        if (!Files.isRegularFile(analysis.resolve("summary.csv"))) {
            throw TridentException.file(dir, "neither a pipeline output (analysis/summary.csv) nor an analyze output (summary.csv)");
        }
        ProfileSource s = source.resolve(dir, analysis);
        return new Dataset(label(dir, analysis), analysis, readCsv(s.summary(analysis)), readCsv(s.profiles(analysis)), s);
    }

    static String label(Path dir, Path analysis) {
        Path prov = dir.resolve("provenance.json");
        if (Files.isRegularFile(prov)) {
            String s = Json.readObject(prov).path("dataset").asText("");
            if (!s.isBlank()) return s;
        }
        for (String sub : List.of("aligned", "quantified")) {
            Path ts = dir.resolve(sub).resolve("tiltseries.json");
            if (Files.isRegularFile(ts)) {
                JsonNode root = Json.readObject(ts);
                String st = root.path("sample").path("stage").asText("");
                if (!st.isBlank()) return st;
                if (!root.path("name").asText("").isBlank()) return root.get("name").asText();
            }
        }
        Path aj = analysis.resolve("analysis.json");
        if (Files.isRegularFile(aj)) {
            String s = Json.readObject(aj).path("label").asText("");
            if (!s.isBlank()) return s;
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "dataset" : name.toString();
    }

    /** Writes summary.csv, depth-profiles.csv and profile-&lt;quantity&gt;.svg/.png/.pdf into {@code out}. */
    public static List<Path> write(List<Dataset> sets, Path out) {
        return write(sets, out, ProfileFigure.Options.DEFAULT);
    }

    /** As {@link #write(List, Path)} with the figures sized and banded as {@code figure} says. */
    public static List<Path> write(List<Dataset> sets, Path out, ProfileFigure.Options figure) {
        List<Dataset> ds = uniqueLabels(sets);
        List<Path> written = new ArrayList<>();
        written.add(writeJoined(out.resolve("summary.csv"), ds, true));
        written.add(writeJoined(out.resolve("depth-profiles.csv"), ds, false));
        LinkedHashSet<String> quantities = new LinkedHashSet<>();
        for (Dataset d : ds) for (var r : d.profiles().rows()) quantities.add(r.get("quantity"));
        for (String q : quantities) {
            List<ProfileFigure.Profile> profiles = new ArrayList<>();
            for (Dataset d : ds) {
                // shells of a few voxels (the very centre) are noise in a figure; the CSV keeps them
                ProfileFigure.Profile p = figureProfile(d.source() == ProfileSource.FIT ? d.label() + FIT_LABEL : d.label(), d.profiles().rows(), q);
                if (p != null) profiles.add(p);
            }
            ProfileChart chart = ProfileFigure.chart(profiles, "depth below the surface (nm)", axisLabel(q), figure);
            String base = "profile-" + AnalysisWriter.fileName(q);
            for (String ext : new String[]{".svg", ".png", ".pdf"}) {
                ProfileFigure.write(out.resolve(base + ext), chart, figure);
                written.add(out.resolve(base + ext));
            }
        }
        return written;
    }

    /**
     * The figure's profile of quantity {@code q} from depth-profile rows (one dataset's), without
     * shells of fewer than {@link #MIN_FIGURE_VOXELS} voxels; null when there is none. Shared by
     * {@code compare} and the figure composer so both plot the same points.
     */
    public static ProfileFigure.Profile figureProfile(String label, List<Map<String, String>> profileRows, String q) {
        List<Map<String, String>> rows = profileRows.stream().filter(r -> q.equals(r.get("quantity"))
                && !(num(r.get("voxels")) < MIN_FIGURE_VOXELS)).toList();
        if (rows.isEmpty()) return null;
        // a shell fit's rows (profiles-fit.csv) carry the fit's 1 σ in "err" and no voxel spread
        boolean fitted = rows.get(0).containsKey("err");
        return new ProfileFigure.Profile(label, column(rows, "depth_nm"), column(rows, "mean"), column(rows, "std"),
                column(rows, "sem"), column(rows, fitted ? "err" : "halfset_err"), fitted);
    }

    /** Added to a dataset's label where its curve is the shell fit. */
    public static final String FIT_LABEL = " (shell fit)";

    /** A numeric column of profile rows (NaN where absent, e.g. sem/halfset_err in older analyses). */
    private static double[] column(List<Map<String, String>> rows, String name) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) v[i] = num(rows.get(i).getOrDefault(name, "NaN"));
        return v;
    }

    public static String axisLabel(String q) {
        if (q.startsWith("fraction-")) return q.substring(9) + " atomic fraction among the transition metals";
        if (q.startsWith("valence-")) return q.substring(8) + " valence (oxidation state)";
        if (q.equals("inhomogeneity")) return "local CV of the Ni fraction (std / mean, 3×3×3)";
        return q + " (reconstructed intensity, a.u.)";
    }

    private static List<Dataset> uniqueLabels(List<Dataset> sets) {
        Map<String, Integer> seen = new HashMap<>();
        List<Dataset> out = new ArrayList<>();
        for (Dataset d : sets) {
            int k = seen.merge(d.label(), 1, Integer::sum);
            out.add(k == 1 ? d : new Dataset(d.label() + " (" + k + ")", d.analysisDir(), d.summary(), d.profiles(), d.source()));
        }
        return out;
    }

    private static Path writeJoined(Path file, List<Dataset> ds, boolean summary) {
        LinkedHashSet<String> cols = new LinkedHashSet<>();
        for (Dataset d : ds) cols.addAll((summary ? d.summary() : d.profiles()).header());
        // a last column "profiles" (voxel or fit) only when some dataset's rows are the shell fit's, so voxel-only tables keep their layout
        boolean tagged = ds.stream().anyMatch(d -> d.source() == ProfileSource.FIT);
        StringBuilder b = new StringBuilder("dataset");
        for (String c : cols) b.append(',').append(AnalysisWriter.csv(c));
        if (tagged) b.append(",profiles");
        b.append('\n');
        for (Dataset d : ds) {
            for (var r : (summary ? d.summary() : d.profiles()).rows()) {
                b.append(AnalysisWriter.csv(d.label()));
                for (String c : cols) b.append(',').append(AnalysisWriter.csv(r.getOrDefault(c, "NaN")));
                if (tagged) b.append(',').append(d.source().label());
                b.append('\n');
            }
        }
        AnalysisWriter.writeText(file, b.toString());
        return file;
    }

    static double num(String s) {
        if (s == null || s.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Reads a simple CSV (quoted cells with doubled quotes allowed) with a header line. */
    public static Table readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) throw TridentException.file(file, "is empty; expected a header line");
        List<String> header = split(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            List<String> cells = split(lines.get(i));
            if (cells.size() != header.size()) throw TridentException.file(file, "line " + (i + 1) + " has " + cells.size()
                    + " cells but the header has " + header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) row.put(header.get(c), cells.get(c));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
