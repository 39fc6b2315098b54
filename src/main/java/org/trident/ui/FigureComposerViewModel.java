package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.export.FigureLayout;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.Slices;
import org.trident.render.Slices.Plane;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figure composer, toolkit-free: what the user put together is held as a {@code trident
 * figure} layout (trident.figure/1, docs/figures.md) — panels in grid order, filled row by row
 * into {@link #columns()} columns, each row with its colour map and limits — and everything the
 * composer shows or writes goes through the CLI's engine ({@link FigureLayout#render},
 * {@link FigureLayout#write}), so a saved layout replayed by {@code trident figure} gives the
 * same figure. Panels name files (volumes, depth-profiles.csv): paths are absolute here and made
 * relative to the layout file when it is saved.
 */
public final class FigureComposerViewModel {
    /** Columns of the grid until the user changes them: a slice beside a profile. */
    public static final int COLUMNS = 2;
    /** Names the layout in messages while it has no file. */
    static final Path UNSAVED = Path.of("composed figure");

    private double widthMm = FigureLayout.WIDTH_MM, dpi = FigureLayout.DPI;
    private boolean letters = true;
    private int columns = COLUMNS;
    private final List<ObjectNode> panels = new ArrayList<>();
    /** Per row index: colorMap, lo, hi (absent = automatic, the engine's 1–99 % of the row's sections). */
    private final Map<Integer, ObjectNode> rowStyles = new HashMap<>();
    private Path layoutFile;

    public double widthMm() { return widthMm; }
    public void setWidthMm(double mm) { widthMm = mm; }
    public double dpi() { return dpi; }
    public void setDpi(double d) { dpi = d; }
    public boolean letters() { return letters; }
    public void setLetters(boolean b) { letters = b; }
    public int columns() { return columns; }
    public void setColumns(int c) { columns = Math.max(1, c); }
    public int size() { return panels.size(); }
    /** The layout file last loaded or saved, null before. */
    public Path layoutFile() { return layoutFile; }

    /**
     * Adds a section of one of a dataset's volumes. The volume must be on disk (opened, or written
     * to the results folder) since a layout names files; {@code index} outside the volume is refused.
     */
    public void addSlice(Dataset d, String quantity, Plane plane, int index, String title) {
        var item = d.volume(quantity);
        if (item == null) throw new TridentException(d.label() + " has no volume " + quantity);
        Path f = volumeFile(d, item);
        if (f == null) throw new TridentException(d.label() + "'s " + quantity + " exists only in memory: run or save it to the results folder first (a layout names files)");
        int n = Slices.depth(item.volume(), plane);
        if (index < 0 || index >= n) throw new TridentException("slice " + index + " is outside " + quantity + " (0 to " + (n - 1) + " along " + plane + ")");
        ObjectNode p = Json.object().put("volume", f.toAbsolutePath().normalize().toString()).put("plane", plane.name()).put("index", index);
        if (title != null && !title.isBlank()) p.put("title", title.strip());
        panels.add(p);
    }

    /** The section through the particle's centre of mass (as Compare cuts it), the grid's middle without a particle. */
    public static int centreIndex(Dataset d, String quantity, Plane plane) {
        var item = d.volume(quantity);
        if (item == null) return 0;
        Volume v = item.volume();
        double[] c = FigureModel.centreNm(d);
        double vs = v.voxelSizeNm();
        if (!(vs > 0)) return Slices.depth(v, plane) / 2;
        return switch (plane) {
            case XY -> SharedCursor.index(c[2], v.nz(), vs);
            case XZ -> SharedCursor.index(c[1], v.ny(), vs);
            case YZ -> SharedCursor.index(c[0], v.nx(), vs);
        };
    }

    /**
     * Adds a depth-profile panel of {@code quantity} with one curve per dataset, each from its own
     * depth-profiles.csv, drawn by compare's chart builder ({@code band}: halfset, sem, spread, none;
     * halfset falls back to s.e.m. where a table has no half sets).
     */
    public void addProfile(List<Dataset> datasets, String quantity, String band, String title) {
        addProfile(datasets, quantity, band, null, title);
    }

    /**
     * As {@link #addProfile(List, String, String, String)}, drawing {@code source}'s profiles of each
     * analysis (auto: what the pipeline reported, by its provenance profileSource; voxel; fit: the
     * shell fit's profiles-fit.csv, its ± 1 σ as the band), saved in the panel as {@code "source"}
     * so {@code trident figure} draws the same; null: the voxel table named, no "source".
     */
    public void addProfile(List<Dataset> datasets, String quantity, String band, org.trident.analysis.ProfileSource source, String title) {
        if (quantity == null || quantity.isBlank()) throw new TridentException("choose the quantity of the profile panel");
        ArrayNode tables = Json.MAPPER.createArrayNode(), labels = Json.MAPPER.createArrayNode();
        for (Dataset d : datasets) {
            Path csv = profileTable(d);
            if (csv == null) throw new TridentException(d.label() + " has no depth-profiles.csv: run Analyze first");
            tables.add(csv.toAbsolutePath().normalize().toString());
            labels.add(d.label());
        }
        if (tables.isEmpty()) throw new TridentException("choose at least one dataset for the profile panel");
        ObjectNode p = Json.object();
        p.set("profiles", tables);
        p.set("labels", labels);
        p.put("quantity", quantity).put("band", band == null ? "halfset" : band);
        if (source != null) {
            // refuse now, not at the preview: fit needs every dataset's shell fit
            for (Dataset d : datasets) {
                Path analysis = profileTable(d).toAbsolutePath().normalize().getParent();
                source.resolve(analysis.getParent(), analysis);
            }
            p.put("source", source.label());
        }
        if (title != null && !title.isBlank()) p.put("title", title.strip());
        panels.add(p);
    }

    /** The dataset's analysis table: its results folder's (made here) first, else the one it was opened with. */
    static Path profileTable(Dataset d) {
        List<Path> candidates = new ArrayList<>();
        if (d.resultsDir() != null) candidates.add(d.resultsDir().resolve("analysis/depth-profiles.csv"));
        if (d.source() != null) {
            candidates.add(d.source().resolve("analysis/depth-profiles.csv"));
            candidates.add(d.source().resolve("depth-profiles.csv"));
        }
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        return null;
    }

    /** The volume's file: where it was opened from, else its copy in the results folder (volumes/, analysis/). */
    static Path volumeFile(Dataset d, Dataset.VolumeItem item) {
        if (item.file() != null) return item.file();
        if (d.resultsDir() == null || item.name().contains("/")) return null;
        for (String sub : List.of("volumes", "analysis")) {
            Path dir = d.resultsDir().resolve(sub);
            if (!Files.isDirectory(dir)) continue;
            try (var s = Files.list(dir)) {
                var hit = s.filter(p -> DatasetLoader.isMrc(p) && DatasetLoader.volumeName(p).equals(item.name())).findFirst();
                if (hit.isPresent()) return hit.get();
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    public void remove(int i) {
        panels.remove(i);
    }

    /** Moves panel {@code i} by {@code delta} places in grid order; returns its new place. */
    public int move(int i, int delta) {
        int j = Math.max(0, Math.min(panels.size() - 1, i + delta));
        if (j != i) panels.add(j, panels.remove(i));
        return j;
    }

    public int rowOf(int panel) { return panel / columns; }

    /** Colour map and limits of a row's slices ({@code lo}/{@code hi} NaN: automatic). */
    public void setRowStyle(int row, ColorMap map, double lo, double hi) {
        ObjectNode s = Json.object().put("colorMap", map.name());
        if (Double.isFinite(lo) && Double.isFinite(hi)) s.put("lo", lo).put("hi", hi);
        var old = rowStyles.get(row);
        if (old != null && old.has("label")) s.put("label", old.get("label").asText()); // a loaded layout's own colour-bar label
        rowStyles.put(row, s);
    }

    public ColorMap rowMap(int row) {
        var s = rowStyles.get(row);
        return ColorMap.byName(s == null ? FigureLayout.COLOR_MAP : s.path("colorMap").asText(FigureLayout.COLOR_MAP));
    }

    /** {lo, hi} of a row, NaN when automatic. */
    public double[] rowLimits(int row) {
        var s = rowStyles.get(row);
        return s == null || !s.has("lo") ? new double[]{Double.NaN, Double.NaN} : new double[]{s.get("lo").asDouble(), s.get("hi").asDouble()};
    }

    /** One line per panel for the list: "a · slice fraction-Ni XZ 12 · pristine". */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            ObjectNode p = panels.get(i);
            String what = p.has("volume")
                    ? "slice " + stem(p.path("volume").asText()) + " " + p.path("plane").asText("XY") + " " + (p.has("index") ? p.get("index").asInt() : "middle")
                    : "profile " + p.path("quantity").asText() + " (" + String.join(", ", texts(p.path("labels"))) + ", ± " + p.path("band").asText("halfset")
                    + (p.has("source") ? ", " + p.get("source").asText() + " profiles" : "") + ")";
            out.add(String.format(Locale.ROOT, "%s · row %d · %s%s", letters ? String.valueOf((char) ('a' + i % 26)) : "" + (i + 1),
                    rowOf(i) + 1, what, p.path("title").asText("").isBlank() ? "" : " · " + p.get("title").asText()));
        }
        return out;
    }

    /**
     * The layout (trident.figure/1): width, dpi, letters, rows of {@link #columns()} panels with
     * each row's colour map, limits and colour-bar label (the quantity of its first slice, with its
     * unit). Paths relative to {@code base}, or absolute when it is null.
     */
    public ObjectNode layout(Path base) {
        if (panels.isEmpty()) throw new TridentException("the figure has no panels yet: add a slice or a profile");
        ObjectNode root = Json.object().put("format", FigureLayout.FORMAT).put("widthMm", widthMm).put("dpi", dpi).put("letters", letters);
        ArrayNode rows = root.putArray("rows");
        for (int start = 0, r = 0; start < panels.size(); start += columns, r++) {
            ObjectNode row = rows.addObject();
            var style = rowStyles.get(r);
            row.put("colorMap", style == null ? FigureLayout.COLOR_MAP : style.path("colorMap").asText(FigureLayout.COLOR_MAP));
            if (style != null && style.has("lo")) row.put("lo", style.get("lo").asDouble()).put("hi", style.get("hi").asDouble());
            ArrayNode ps = row.putArray("panels");
            String label = null;
            for (int i = start; i < Math.min(panels.size(), start + columns); i++) {
                ObjectNode p = panels.get(i).deepCopy();
                if (p.has("volume")) {
                    if (label == null) label = Quantities.label(stem(p.get("volume").asText()));
                    p.put("volume", rel(base, p.get("volume").asText()));
                } else if (p.has("profiles")) {
                    ArrayNode t = Json.MAPPER.createArrayNode();
                    for (String s : texts(p.get("profiles"))) t.add(rel(base, s));
                    p.set("profiles", t);
                }
                ps.add(p);
            }
            if (style != null && style.has("label")) label = style.get("label").asText();
            if (label != null) row.put("label", label);
        }
        return root;
    }

    /** The figure's raster, rendered by the engine of {@code trident figure} (call off the FX thread). */
    public static BufferedImage render(JsonNode layout, Path layoutFile) {
        return FigureLayout.render(layout, Path.of("").toAbsolutePath(), layoutFile == null ? UNSAVED : layoutFile);
    }

    /** Writes the figure (.png/.tif/.pdf by extension) and its provenance through the CLI's engine; returns the panel count. */
    public static int writeFigure(JsonNode layout, Path layoutFile, Path out) {
        return FigureLayout.write(layout, Path.of("").toAbsolutePath(), layoutFile == null ? UNSAVED : layoutFile, out);
    }

    /** Writes the layout with paths relative to its folder (atomically), for {@code trident figure FILE}. */
    public Path saveLayout(Path file) {
        Path base = file.toAbsolutePath().getParent();
        Json.write(file, layout(base));
        layoutFile = file;
        return file;
    }

    /**
     * Replaces this composition by a saved layout (paths resolved against its folder). Rows longer
     * than the others set the column count; returns a note when rows of unequal length were
     * re-flowed into the grid, else null.
     */
    public String load(Path file) {
        JsonNode root = Json.readObject(file);
        if (!FigureLayout.FORMAT.equals(root.path("format").asText(FigureLayout.FORMAT))) throw TridentException.file(file, "not a " + FigureLayout.FORMAT + " layout");
        JsonNode rows = root.path("rows");
        if (!rows.isArray() || rows.isEmpty()) throw TridentException.file(file, "needs \"rows\": a list of rows of panels");
        Path base = file.toAbsolutePath().getParent();
        int cols = 1;
        for (JsonNode r : rows) cols = Math.max(cols, r.path("panels").size());
        List<ObjectNode> ps = new ArrayList<>();
        Map<Integer, ObjectNode> styles = new HashMap<>();
        boolean reflowed = false;
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (!row.path("panels").isArray()) throw TridentException.file(file, "every row needs \"panels\"");
            if (row.path("panels").size() < cols && r < rows.size() - 1) reflowed = true;
            ObjectNode s = Json.object().put("colorMap", row.path("colorMap").asText(FigureLayout.COLOR_MAP));
            if (row.has("lo") && row.has("hi")) s.put("lo", row.get("lo").asDouble()).put("hi", row.get("hi").asDouble());
            if (row.has("label")) s.put("label", row.get("label").asText());
            styles.put(r, s);
            for (JsonNode p : row.path("panels")) {
                if (!(p instanceof ObjectNode o)) throw TridentException.file(file, "a panel must be an object");
                ObjectNode c = o.deepCopy();
                if (c.has("volume")) c.put("volume", base.resolve(c.get("volume").asText()).normalize().toString());
                if (c.has("profiles")) {
                    ArrayNode t = Json.MAPPER.createArrayNode();
                    List<String> ts = c.get("profiles").isArray() ? texts(c.get("profiles")) : List.of(c.get("profiles").asText());
                    for (String s2 : ts) t.add(base.resolve(s2).normalize().toString());
                    c.set("profiles", t);
                }
                ps.add(c);
            }
        }
        panels.clear();
        panels.addAll(ps);
        rowStyles.clear();
        rowStyles.putAll(styles);
        columns = cols;
        widthMm = root.path("widthMm").asDouble(FigureLayout.WIDTH_MM);
        dpi = root.path("dpi").asDouble(FigureLayout.DPI);
        letters = root.path("letters").asBoolean(true);
        layoutFile = file;
        return reflowed ? "rows of unequal length were filled into a grid of " + cols + " columns" : null;
    }

    private static String rel(Path base, String p) {
        return base == null ? p : base.relativize(Path.of(p).toAbsolutePath()).toString().replace('\\', '/');
    }

    private static String stem(String path) {
        String n = Path.of(path).getFileName().toString();
        return n.replaceFirst("(?i)\\.(mrc|rec)$", "");
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
