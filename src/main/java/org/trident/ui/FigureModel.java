package org.trident.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.ExportRecord;
import org.trident.render.Figure;
import org.trident.render.ImageExport;
import org.trident.render.Slices;
import org.trident.render.Slices.Plane;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A comparison figure, toolkit-free: datasets as columns, quantities as rows, one plane, the
 * same colour map and limits across each row, and slices linked by position relative to each
 * particle's centre of mass (so particles that sit differently in their grids are cut at the
 * same place). Both the Compare view and the figure export draw exactly this.
 */
public final class FigureModel {
    private final List<Dataset> datasets = new ArrayList<>();
    private final List<String> quantities = new ArrayList<>();
    private Plane plane = Plane.XY;
    /** Offset from each particle's centre of mass, nm, centred coordinates. */
    private double dxNm, dyNm, dzNm;
    private boolean relativeToCentre = true;
    private ColorMap map = ColorMap.VIRIDIS;
    /** Depth from the surface (nm) whose iso-depth line is drawn in every panel; NaN for none. */
    private double contourDepthNm = Double.NaN;
    /** Drawn on top of the data: magenta is in none of the colour maps. */
    static final int CONTOUR_ARGB = 0xFFFF00FF;
    static final String DEPTH = "depth-nm";
    private Map<String, double[]> fixedLimits = Map.of();

    public List<Dataset> datasets() { return datasets; }
    public List<String> quantities() { return quantities; }
    public Plane plane() { return plane; }
    public void setPlane(Plane p) { plane = p; }
    public void setMap(ColorMap m) { map = m; }
    public ColorMap map() { return map; }
    public void setOffset(double dx, double dy, double dz) { dxNm = dx; dyNm = dy; dzNm = dz; }
    public void setRelativeToCentre(boolean b) { relativeToCentre = b; }
    public boolean relativeToCentre() { return relativeToCentre; }
    public void setContourDepthNm(double nm) { contourDepthNm = nm; }
    public double contourDepthNm() { return contourDepthNm; }
    /** Limits per quantity that override the shared automatic ones. */
    public void setFixedLimits(Map<String, double[]> l) { fixedLimits = l; }

    /** Quantities present in at least one of the datasets, in viewer order. */
    public static List<String> available(List<Dataset> ds) {
        Set<String> s = new LinkedHashSet<>();
        for (Dataset d : ds) for (var v : d.volumes()) if (!v.name().contains("/")) s.add(v.name());
        return new ArrayList<>(s);
    }

    /** The particle's centre of mass in nm: of the mask if there is one, else of the first volume's positive values. */
    public static double[] centreNm(Dataset d) {
        var item = d.volume("mask");
        if (item == null && !d.volumes().isEmpty()) item = d.volumes().get(0);
        if (item == null) return new double[3];
        Volume v = item.volume();
        double sx = 0, sy = 0, sz = 0, sw = 0;
        for (int k = 0; k < v.nz(); k++) for (int j = 0; j < v.ny(); j++) for (int i = 0; i < v.nx(); i++) {
            float f = v.get(i, j, k);
            if (!(f > 0)) continue;
            sx += f * i; sy += f * j; sz += f * k; sw += f;
        }
        if (sw == 0) return new double[3];
        double vs = v.voxelSizeNm();
        return new double[]{SharedCursor.nm(sx / sw, v.nx(), vs), SharedCursor.nm(sy / sw, v.ny(), vs), SharedCursor.nm(sz / sw, v.nz(), vs)};
    }

    /**
     * Linking by depth from the surface: every dataset is cut through its own centre of mass, and
     * the iso-depth line at the cursor's depth in the first dataset is drawn in every panel (each
     * through its own depth-nm volume). Returns that depth, NaN when the first dataset has no
     * depth-nm volume or the cursor is outside its particle (then no line is drawn).
     */
    public double linkByDepth(double cursorXNm, double cursorYNm, double cursorZNm) {
        relativeToCentre = true;
        setOffset(0, 0, 0);
        contourDepthNm = datasets.isEmpty() ? Double.NaN : depthAtNm(datasets.get(0), cursorXNm, cursorYNm, cursorZNm);
        return contourDepthNm;
    }

    /** The dataset's depth from the surface (nm) at a centred position, NaN without a depth-nm volume or outside the particle. */
    public static double depthAtNm(Dataset d, double xNm, double yNm, double zNm) {
        var item = d.volume(DEPTH);
        if (item == null) return Double.NaN;
        Volume v = item.volume();
        double vs = v.voxelSizeNm();
        return v.get(SharedCursor.index(xNm, v.nx(), vs), SharedCursor.index(yNm, v.ny(), vs), SharedCursor.index(zNm, v.nz(), vs));
    }

    /**
     * The iso-depth line at {@code t} nm in a section of depth values: the pixels at depth ≥ t with
     * a 4-neighbour shallower than t or outside the particle (NaN, or beyond the section's edge).
     */
    static boolean[] contour(float[] depth, int w, int h, double t) {
        boolean[] on = new boolean[depth.length];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            if (!(depth[y * w + x] >= t)) continue;
            on[y * w + x] = x == 0 || y == 0 || x == w - 1 || y == h - 1
                    || !(depth[y * w + x - 1] >= t) || !(depth[y * w + x + 1] >= t) || !(depth[(y - 1) * w + x] >= t) || !(depth[(y + 1) * w + x] >= t);
        }
        return on;
    }

    /** Voxel index of the section for {@code v} of dataset {@code d}. */
    int sliceIndex(Dataset d, Volume v) {
        double[] c = relativeToCentre ? centreNm(d) : new double[3];
        double vs = v.voxelSizeNm();
        return switch (plane) {
            case XY -> SharedCursor.index(c[2] + dzNm, v.nz(), vs);
            case XZ -> SharedCursor.index(c[1] + dyNm, v.ny(), vs);
            case YZ -> SharedCursor.index(c[0] + dxNm, v.nx(), vs);
        };
    }

    /** Shared limits of a row: 0.5–99.5 % of all datasets' sections pooled (symmetric for differences). */
    double[] rowLimits(String q, ColorMap m) {
        if (fixedLimits.containsKey(q)) return fixedLimits.get(q);
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (Dataset d : datasets) {
            var it = d.volume(q);
            if (it == null) continue;
            float[] s = Slices.section(it.volume(), plane, sliceIndex(d, it.volume())).clone();
            // a few wild voxels of one dataset (ratios over weak denominators) must not set the whole
            // row's scale: values further than 6 robust standard deviations (1.4826 × MAD) from
            // their own dataset's median are left out of the limits (they still show, saturated)
            if (!m.diverging()) dropOutliers(s);
            parts.add(s);
            n += s.length;
        }
        float[] all = new float[n];
        int o = 0;
        for (float[] p : parts) { System.arraycopy(p, 0, all, o, p.length); o += p.length; }
        if (m.diverging()) return Contrast.symmetric(all, 99.5);
        double[] lim = Contrast.percentiles(all, 0.5, 99.5);
        double[] phys = Quantities.physicalRange(q);
        if (phys != null) {
            // a fraction's scale never needs to leave 0–1, whatever the noise
            double lo = Math.max(lim[0], phys[0]), hi = Math.min(lim[1], phys[1]);
            lim = hi > lo ? new double[]{lo, hi} : phys;
        }
        return lim;
    }

    public List<Figure.Row> rows() {
        if (datasets.isEmpty() || quantities.isEmpty()) throw new TridentException("choose at least one dataset and one quantity for the figure");
        List<Figure.Row> rows = new ArrayList<>();
        for (String q : quantities) {
            ColorMap m = Quantities.isDifference(q) ? ColorMap.COOLWARM : map;
            double[] lim = rowLimits(q, m);
            List<Figure.Panel> panels = new ArrayList<>();
            for (Dataset d : datasets) {
                var it = d.volume(q);
                BufferedImage im;
                double px = Double.NaN;
                if (it == null) {
                    im = Slices.toImage(new int[64 * 64], 64, 64);
                } else {
                    Volume v = it.volume();
                    float[] s = Slices.section(v, plane, sliceIndex(d, v));
                    int w = Slices.width(v, plane), h = Slices.height(v, plane);
                    im = Slices.image(s, w, h, m, lim[0], lim[1], Slices.TRANSPARENT);
                    px = v.voxelSizeNm();
                    var depth = d.volume(DEPTH);
                    if (Double.isFinite(contourDepthNm) && depth != null && depth.volume().nx() == v.nx() && depth.volume().ny() == v.ny() && depth.volume().nz() == v.nz()) {
                        boolean[] on = contour(Slices.section(depth.volume(), plane, sliceIndex(d, v)), w, h, contourDepthNm);
                        for (int p = 0; p < on.length; p++) if (on[p]) im.setRGB(p % w, p / w, CONTOUR_ARGB);
                    }
                }
                // the quantity is named on the row's colour bar: the panel title names the dataset only
                panels.add(new Figure.Panel(im, px, d.label() + (it == null ? " (no " + q + ")" : "")));
            }
            rows.add(new Figure.Row(panels, new Figure.ColourScale(m, lim[0], lim[1], Quantities.label(q))));
        }
        return rows;
    }

    public BufferedImage compose(Figure.Options o) {
        return Figure.compose(rows(), o);
    }

    /** Writes the figure (PNG or TIFF by extension) and its provenance JSON; returns the provenance path. */
    public Path export(Path file, Figure.Options o) {
        ImageExport.write(file, compose(o), o.dpi());
        List<Path> inputs = new ArrayList<>();
        for (Dataset d : datasets) for (String q : quantities) { var it = d.volume(q); if (it != null && it.file() != null) inputs.add(it.file()); }
        return ExportRecord.write(file, "figure", inputs, viewState(o));
    }

    /**
     * This grid as a {@code trident figure} layout (trident.figure/1) that replays it from the CLI:
     * one row per quantity with its colour map and the limits shown here, one panel per dataset
     * with the slice index chosen here, volume paths relative to {@code layoutFile}'s folder. The
     * iso-depth line is not part of the layout format and is left out. Written atomically.
     */
    public Path saveLayout(Path layoutFile, Figure.Options o) {
        if (datasets.isEmpty() || quantities.isEmpty()) throw new TridentException("choose at least one dataset and one quantity for the figure");
        Path base = layoutFile.toAbsolutePath().getParent();
        ObjectNode root = Json.object().put("format", "trident.figure/1").put("widthMm", o.widthMm()).put("dpi", o.dpi());
        ArrayNode rows = root.putArray("rows");
        for (String q : quantities) {
            ColorMap m = Quantities.isDifference(q) ? ColorMap.COOLWARM : map;
            double[] lim = rowLimits(q, m);
            ObjectNode row = rows.addObject().put("colorMap", m.name()).put("lo", lim[0]).put("hi", lim[1]).put("label", Quantities.label(q));
            ArrayNode panels = row.putArray("panels");
            for (Dataset d : datasets) {
                var it = d.volume(q);
                if (it == null || it.file() == null)
                    throw new TridentException(d.label() + " has no saved " + q + " volume: a layout can only name volumes on disk");
                panels.addObject().put("volume", base.relativize(it.file().toAbsolutePath()).toString().replace('\\', '/'))
                        .put("plane", plane.name()).put("index", sliceIndex(d, it.volume())).put("title", d.label());
            }
        }
        Json.write(layoutFile, root);
        return layoutFile;
    }

    public ObjectNode viewState(Figure.Options o) {
        ObjectNode v = Json.object();
        v.put("plane", plane.name());
        v.put("colourMap", map.name());
        v.put("slicesRelativeTo", relativeToCentre ? "centre of mass of each particle" : "grid centre");
        if (Double.isFinite(contourDepthNm)) v.put("isoDepthContourNm", contourDepthNm);
        ArrayNode off = v.putArray("offsetNm");
        off.add(dxNm).add(dyNm).add(dzNm);
        ArrayNode ds = v.putArray("datasets");
        for (Dataset d : datasets) {
            ObjectNode n = ds.addObject();
            n.put("label", d.label());
            n.put("source", d.source() == null ? "" : d.source().toString());
            double[] c = centreNm(d);
            n.putArray("centreOfMassNm").add(c[0]).add(c[1]).add(c[2]);
        }
        ObjectNode lim = v.putObject("limits");
        for (String q : quantities) {
            double[] l = rowLimits(q, Quantities.isDifference(q) ? ColorMap.COOLWARM : map);
            lim.putArray(q).add(l[0]).add(l[1]);
        }
        if (o != null) {
            v.put("widthMm", o.widthMm());
            v.put("dpi", o.dpi());
        }
        return v;
    }

    /** Sets to NaN the values beyond median ± 6 × 1.4826 × MAD of the finite ones (nothing when MAD is 0). */
    static void dropOutliers(float[] s) {
        double[] f = java.util.stream.IntStream.range(0, s.length).mapToDouble(i -> s[i]).filter(Double::isFinite).sorted().toArray();
        if (f.length < 8) return;
        double med = f[f.length / 2];
        double[] dev = java.util.Arrays.stream(f).map(x -> Math.abs(x - med)).sorted().toArray();
        double mad = dev[dev.length / 2];
        if (!(mad > 0)) return;
        double lim = 6 * 1.4826 * mad;
        for (int i = 0; i < s.length; i++) if (Float.isFinite(s[i]) && Math.abs(s[i] - med) > lim) s[i] = Float.NaN;
    }
}
