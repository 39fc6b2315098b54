package org.trident.ui;

import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.Slices;
import org.trident.render.Slices.Plane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * State of the linked orthoslice viewer for one dataset: which volume, colour map and contrast
 * limits, and the shared cursor in nm. Produces ARGB sections and the readout of every volume
 * under the cursor. Toolkit-free, so tests drive it without JavaFX.
 */
public final class OrthoViewModel {
    private final SharedCursor cursor;
    private Dataset dataset;
    private Dataset.VolumeItem item;
    private ColorMap map = ColorMap.VIRIDIS;
    private double lo = 0, hi = 1;
    private boolean rgb;

    public OrthoViewModel(SharedCursor cursor) {
        this.cursor = cursor;
    }

    public SharedCursor cursor() { return cursor; }
    public Dataset dataset() { return dataset; }
    public Dataset.VolumeItem item() { return item; }
    public ColorMap map() { return map; }
    public double lo() { return lo; }
    public double hi() { return hi; }
    public boolean rgb() { return rgb; }

    public void setDataset(Dataset d) { setDataset(d, true); }

    /** Shows the dataset's first volume; without {@code contrastNow} its contrast is left to {@link #stats}. */
    public void setDataset(Dataset d, boolean contrastNow) {
        dataset = d;
        item = null;
        if (d != null && !d.volumes().isEmpty()) {
            if (contrastNow) select(d.volumes().get(0).name());
            else selectWithoutContrast(d.volumes().get(0).name());
        }
    }

    /** Shows volume {@code name}, with its default map and contrast from its histogram. */
    public void select(String name) {
        selectWithoutContrast(name);
        if (item != null) autoContrast();
    }

    /**
     * Shows volume {@code name} with its default map, leaving the contrast to {@link #stats} run on
     * a worker and {@link #applyStats} (large volumes: the percentiles and histogram take too long
     * for the FX thread). Until then the histogram is null and the limits are the previous ones.
     */
    public void selectWithoutContrast(String name) {
        item = dataset == null ? null : dataset.volume(name);
        rgb = false;
        if (item != null) map = Quantities.defaultMap(item.baseName());
    }

    /** Volumes above this many voxels get their contrast computed off the FX thread (about 160³; tests lower it). */
    static volatile long largeVoxels = 1L << 22;

    public boolean largeVolume() { return item != null && item.volume().data().length > largeVoxels; }

    /** Histogram and automatic limits of a volume, computed off the FX thread. */
    public record Stats(Dataset.VolumeItem item, Contrast.Histogram histogram, double[] limits) {}

    /** Computes the histogram and the 0.5–99.5 % (or symmetric, for a diverging map) limits of {@code it}; blocking. */
    public static Stats stats(Dataset.VolumeItem it, boolean diverging) {
        float[] v = it.volume().data();
        double[] l = diverging ? Contrast.symmetric(v, 99.5) : Contrast.percentiles(v, 0.5, 99.5);
        return new Stats(it, Contrast.histogram(v, 128), l);
    }

    /** Takes stats computed for the volume still shown (else ignores them: a later request wins); true when taken. */
    public boolean applyStats(Stats s, boolean setLimits) {
        if (s == null || s.item() != item) return false;
        histogram = s.histogram();
        histogramOf = item;
        if (setLimits) setLimits(s.limits()[0], s.limits()[1]);
        return true;
    }

    /** The histogram if already computed for the shown volume, else null (never computes). */
    public Contrast.Histogram histogramIfReady() {
        return item != null && histogramOf == item ? histogram : null;
    }

    public void setMap(ColorMap m) { map = m; }

    public void setLimits(double l, double h) {
        lo = l;
        hi = h > l ? h : l + Math.max(1e-12, Math.abs(l) * 1e-6);
    }

    /** 0.5–99.5 % of the finite values (symmetric about 0 for differences); mask-like 0/1 data gets [0, 1]. */
    public void autoContrast() {
        if (item == null) return;
        float[] v = item.volume().data();
        double[] l = map.diverging() ? Contrast.symmetric(v, 99.5) : Contrast.percentiles(v, 0.5, 99.5);
        setLimits(l[0], l[1]);
    }

    private Contrast.Histogram histogram;
    private Dataset.VolumeItem histogramOf;

    /** Histogram of the shown volume's finite values (128 bins), computed once per volume. */
    public Contrast.Histogram histogram() {
        if (item == null) return null;
        if (histogramOf != item) {
            histogram = Contrast.histogram(item.volume().data(), 128);
            histogramOf = item;
        }
        return histogram;
    }

    /** True when the dataset has the three fractions needed for the Ni/Co/Mn overlay. */
    public boolean rgbAvailable() {
        return dataset != null && rgbItems().size() == 3;
    }

    public void setRgb(boolean on) { rgb = on && rgbAvailable(); }

    private List<Dataset.VolumeItem> rgbItems() {
        List<Dataset.VolumeItem> out = new ArrayList<>();
        for (String el : List.of("Ni", "Co", "Mn")) {
            var v = dataset.volume("fraction-" + el);
            if (v != null) out.add(v);
        }
        return out;
    }

    public int width(Plane p) { return item == null ? 0 : Slices.width(item.volume(), p); }
    public int height(Plane p) { return item == null ? 0 : Slices.height(item.volume(), p); }

    /** Voxel index of the cursor along the plane's normal. */
    public int sliceIndex(Plane p) {
        var v = item.volume();
        double vs = v.voxelSizeNm();
        return switch (p) {
            case XY -> SharedCursor.index(cursor.zNm(), v.nz(), vs);
            case XZ -> SharedCursor.index(cursor.yNm(), v.ny(), vs);
            case YZ -> SharedCursor.index(cursor.xNm(), v.nx(), vs);
        };
    }

    /** The section through the cursor, coloured; NaN transparent. */
    public int[] render(Plane p) {
        if (item == null) return new int[0];
        if (rgb) return renderRgb(p);
        return Slices.render(Slices.section(item.volume(), p, sliceIndex(p)), map, lo, hi, Slices.TRANSPARENT);
    }

    /** Ni red, Co green, Mn blue, each fraction 0–1 at full scale. */
    private int[] renderRgb(Plane p) {
        var items = rgbItems();
        float[][] s = new float[3][];
        for (int c = 0; c < 3; c++) s[c] = Slices.section(items.get(c).volume(), p, sliceIndex(p));
        int[] out = new int[s[0].length];
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(s[0][i]) || !Float.isFinite(s[1][i]) || !Float.isFinite(s[2][i])) continue;
            int r = clamp255(s[0][i]), g = clamp255(s[1][i]), b = clamp255(s[2][i]);
            out[i] = 0xff000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    private static int clamp255(float f) {
        return (int) Math.max(0, Math.min(255, Math.round(f * 255)));
    }

    /** Column and row of the cursor in a section of plane {@code p}. */
    public int[] cursorPixel(Plane p) {
        var v = item.volume();
        double vs = v.voxelSizeNm();
        int i = SharedCursor.index(cursor.xNm(), v.nx(), vs), j = SharedCursor.index(cursor.yNm(), v.ny(), vs),
                k = SharedCursor.index(cursor.zNm(), v.nz(), vs);
        return switch (p) { case XY -> new int[]{i, j}; case XZ -> new int[]{i, k}; case YZ -> new int[]{j, k}; };
    }

    /** Moves the cursor to pixel (col, row) of plane {@code p}; the third coordinate stays. */
    public void moveTo(Plane p, double col, double row) {
        var v = item.volume();
        double vs = v.voxelSizeNm();
        switch (p) {
            case XY -> cursor.set(SharedCursor.nm(col, v.nx(), vs), SharedCursor.nm(row, v.ny(), vs), cursor.zNm());
            case XZ -> cursor.set(SharedCursor.nm(col, v.nx(), vs), cursor.yNm(), SharedCursor.nm(row, v.nz(), vs));
            case YZ -> cursor.set(cursor.xNm(), SharedCursor.nm(col, v.ny(), vs), SharedCursor.nm(row, v.nz(), vs));
        }
    }

    /** Value of a volume at the cursor (nearest voxel); NaN outside its grid. */
    public double valueAt(Dataset.VolumeItem it) {
        var v = it.volume();
        double vs = v.voxelSizeNm();
        double fi = cursor.xNm() / vs + (v.nx() - 1) / 2.0, fj = cursor.yNm() / vs + (v.ny() - 1) / 2.0, fk = cursor.zNm() / vs + (v.nz() - 1) / 2.0;
        if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > v.nx() - 0.5 || fj > v.ny() - 0.5 || fk > v.nz() - 0.5) return Double.NaN;
        return v.get(SharedCursor.index(cursor.xNm(), v.nx(), vs), SharedCursor.index(cursor.yNm(), v.ny(), vs), SharedCursor.index(cursor.zNm(), v.nz(), vs));
    }

    /** "x −52 nm  y 40 nm  z 8 nm · HAADF 812 a.u./voxel · fraction-Ni 0.38 at. frac. · …". */
    public String readout() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "x %.1f nm  y %.1f nm  z %.1f nm", cursor.xNm(), cursor.yNm(), cursor.zNm()));
        if (dataset == null) return b.toString();
        for (var it : dataset.volumes()) {
            if (it.name().contains("/")) continue;
            String u = it.unit();
            b.append(" · ").append(it.name()).append(' ').append(Quantities.format(valueAt(it)));
            if (!u.isEmpty() && !u.startsWith("at.") && !u.startsWith("ox")) b.append(' ').append(u);
        }
        return b.toString();
    }
}
