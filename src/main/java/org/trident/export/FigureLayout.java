package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.ExportRecord;
import org.trident.render.Figure;
import org.trident.render.ProfileChart;
import org.trident.render.FigurePdf;
import org.trident.render.ImageExport;
import org.trident.render.Slices;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import org.trident.analysis.ProfileSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A multi-panel slice figure from a JSON layout ({@code trident figure}, docs/figures.md): rows of
 * volume sections, each row sharing one colour bar, with panel letters and scale bars, composed by
 * {@link Figure} and written as PNG or TIFF with its resolution stored. Volume paths are relative
 * to the layout file.
 */
public final class FigureLayout {
    private FigureLayout() {}

    public static final String FORMAT = "trident.figure/1";
    /** Defaults: single-column width, print resolution, colour map and contrast percentiles. */
    public static final double WIDTH_MM = 85, DPI = 600, LOW_PCT = 1, HIGH_PCT = 99;
    public static final String COLOR_MAP = "viridis";

    /** Reads {@code layout}, composes and writes {@code out} (.pdf/.png/.tif) and its provenance record; returns the panel count. */
    public static int write(Path layout, Path out) {
        return write(layout, out, null);
    }

    /**
     * As {@link #write(Path, Path)}, with the depth profiles of every profile panel that names an
     * analysis table and has no {@code "source"} of its own taken as {@code profiles} says (voxel,
     * fit, auto; null: the table named).
     */
    public static int write(Path layout, Path out, ProfileSource profiles) {
        return write(Json.readObject(layout), layout.toAbsolutePath().getParent(), layout, out, profiles);
    }

    /**
     * The same for a layout held in memory (the workstation's figure composer): paths are relative
     * to {@code base} (or absolute); {@code layout} names the layout in messages and, when it is a
     * file, in the provenance record, which also holds the layout itself. Returns the panel count.
     */
    public static int write(JsonNode root, Path base, Path layout, Path out) {
        return write(root, base, layout, out, null);
    }

    static int write(JsonNode root, Path base, Path layout, Path out, ProfileSource profiles) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".png") || name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".pdf")))
            throw TridentException.file(out, "figure output must be .pdf, .png, .tif or .tiff");
        Built b = build(root, base, layout, profiles);
        Figure.Options o = b.options();
        if (name.endsWith(".pdf")) FigurePdf.write(out, Figure.compose(b.rows(), o, false), o);
        else ImageExport.write(out, Figure.compose(b.rows(), o), b.dpi());
        var sources = new java.util.LinkedHashSet<Path>();
        if (Files.isRegularFile(layout)) sources.add(layout);
        sources.addAll(b.inputs());
        int panels = b.rows().stream().mapToInt(r -> r.panels().size()).sum();
        ExportRecord.write(out, "figure", List.copyOf(sources), Json.object().put("panels", panels).put("rows", b.rows().size())
                .put("widthMm", b.widthMm()).put("dpi", b.dpi()).set("layout", root.deepCopy()));
        return panels;
    }

    /**
     * The figure's raster exactly as {@link #write} puts it into a PNG or TIFF (the composer's live
     * preview: one renderer for the GUI and the CLI).
     */
    public static BufferedImage render(JsonNode root, Path base, Path layout) {
        Built b = build(root, base, layout);
        return Figure.compose(b.rows(), b.options());
    }

    /**
     * The profile charts of a layout in reading order, built as {@link #write} draws them (each
     * panel's {@code "source"} honoured, else {@code profiles}; null: the tables named): what
     * {@code trident figure} and the composer's preview draw, for checks against the tables.
     */
    public static List<ProfileChart> profileCharts(JsonNode root, Path base, Path layout, ProfileSource profiles) {
        List<ProfileChart> out = new ArrayList<>();
        for (Figure.Row r : build(root, base, layout, profiles).rows()) for (Figure.Panel p : r.panels()) if (p.chart() != null) out.add(p.chart());
        return out;
    }

    /** A layout read and its panels built, ready to compose. */
    record Built(List<Figure.Row> rows, List<Path> inputs, double widthMm, double dpi, boolean letters) {
        Figure.Options options() {
            return new Figure.Options(widthMm, dpi, 8, letters, true);
        }
    }

    static Built build(Path layout) {
        return build(Json.readObject(layout), layout.toAbsolutePath().getParent(), layout);
    }

    static Built build(JsonNode root, Path base, Path layout) {
        return build(root, base, layout, null);
    }

    static Built build(JsonNode root, Path base, Path layout, ProfileSource profiles) {
        if (!FORMAT.equals(root.path("format").asText(FORMAT))) throw TridentException.file(layout, "not a " + FORMAT + " layout");
        double width = root.path("widthMm").asDouble(WIDTH_MM), dpi = root.path("dpi").asDouble(DPI);
        if (!(dpi >= 300)) throw TridentException.file(layout, "dpi " + dpi + " is below the 300 journals ask for");
        if (!(width > 0)) throw TridentException.file(layout, "widthMm must be positive, got " + width);
        JsonNode rows = root.path("rows");
        if (!rows.isArray() || rows.isEmpty()) throw TridentException.file(layout, "needs \"rows\": a list of rows of panels");
        List<Figure.Row> built = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (JsonNode row : rows) {
            JsonNode ps = row.path("panels");
            if (!ps.isArray() || ps.isEmpty()) throw TridentException.file(layout, "every row needs \"panels\"");
            List<float[]> sections = new ArrayList<>();
            List<int[]> sizes = new ArrayList<>();
            List<Double> pixel = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            List<Figure.Panel> charts = new ArrayList<>();
            List<Integer> chartAt = new ArrayList<>();
            for (JsonNode p : ps) {
                if (p.has("profiles")) {
                    chartAt.add(sections.size() + charts.size());
                    charts.add(ProfilePanels.panel(layout, base, p, inputs, profiles));
                    continue;
                }
                Path f = base.resolve(p.path("volume").asText(""));
                if (!Files.isRegularFile(f)) throw TridentException.file(layout, "panel volume not found: " + p.path("volume").asText(""));
                inputs.add(f.normalize());
                Volume v = Mrc.readVolume(f);
                Slices.Plane plane = plane(layout, p.path("plane").asText("XY"));
                int index = p.has("index") ? p.get("index").asInt() : Slices.depth(v, plane) / 2;
                if (index < 0 || index >= Slices.depth(v, plane))
                    throw TridentException.file(layout, "slice " + index + " is outside " + f.getFileName() + " (0 to " + (Slices.depth(v, plane) - 1) + ")");
                sections.add(Slices.section(v, plane, index));
                sizes.add(new int[]{Slices.width(v, plane), Slices.height(v, plane)});
                pixel.add(v.voxelSizeNm());
                titles.add(p.path("title").asText(""));
            }
            ColorMap map = ColorMap.byName(row.path("colorMap").asText(COLOR_MAP));
            List<Figure.Panel> panelList = new ArrayList<>();
            Figure.ColourScale scale = null;
            if (!sections.isEmpty()) {
                double[] lim = limits(row, sections);
                for (int i = 0; i < sections.size(); i++) {
                    BufferedImage img = Slices.image(sections.get(i), sizes.get(i)[0], sizes.get(i)[1], map, lim[0], lim[1], 0xFFFFFFFF);
                    panelList.add(new Figure.Panel(img, pixel.get(i), titles.get(i)));
                }
                scale = new Figure.ColourScale(map, lim[0], lim[1], row.path("label").asText(""));
            }
            for (int i = 0; i < charts.size(); i++) panelList.add(chartAt.get(i), charts.get(i)); // layout order
            built.add(new Figure.Row(panelList, scale));
        }
        return new Built(built, inputs, width, dpi, root.path("letters").asBoolean(true));
    }

    private static Slices.Plane plane(Path layout, String s) {
        try {
            return Slices.Plane.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TridentException.file(layout, "plane must be XY, XZ or YZ, got '" + s + "'");
        }
    }

    /** The row's "lo"/"hi", else the 1st and 99th percentiles of all its sections together. */
    private static double[] limits(JsonNode row, List<float[]> sections) {
        int n = sections.stream().mapToInt(s -> s.length).sum(), at = 0;
        float[] all = new float[n];
        for (float[] s : sections) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        double[] p = Contrast.percentiles(all, LOW_PCT, HIGH_PCT);
        double lo = row.path("lo").asDouble(p[0]), hi = row.path("hi").asDouble(p[1]);
        if (!(hi > lo)) hi = lo + 1;
        return new double[]{lo, hi};
    }
}
