package org.trident.render;

import org.trident.model.TridentException;

import java.util.List;
import java.util.Locale;

/**
 * A colour map: 256 opaque ARGB colours from low to high. The sequential maps (viridis, magma,
 * cividis) are perceptually uniform and serve every quantity, valence included; the diverging
 * one (coolwarm) is meant only for differences between datasets, centred on zero.
 */
public final class ColorMap {
    public static final ColorMap VIRIDIS = new ColorMap("viridis", false, ColorMapTables.VIRIDIS);
    public static final ColorMap MAGMA = new ColorMap("magma", false, ColorMapTables.MAGMA);
    public static final ColorMap CIVIDIS = new ColorMap("cividis", false, ColorMapTables.CIVIDIS);
    public static final ColorMap COOLWARM = new ColorMap("coolwarm", true, ColorMapTables.COOLWARM);
    /** Grey ramp for raw detector images (HAADF tilts), where microscopists expect grey. */
    public static final ColorMap GRAY = grey();

    private final String name;
    private final boolean diverging;
    private final int[] lut;

    private ColorMap(String name, boolean diverging, String hex) {
        this.name = name;
        this.diverging = diverging;
        this.lut = new int[256];
        for (int i = 0; i < 256; i++) lut[i] = 0xff000000 | Integer.parseInt(hex.substring(6 * i, 6 * i + 6), 16);
    }

    private ColorMap(String name, int[] lut) {
        this.name = name;
        this.diverging = false;
        this.lut = lut;
    }

    private static ColorMap grey() {
        int[] l = new int[256];
        for (int i = 0; i < 256; i++) l[i] = 0xff000000 | i << 16 | i << 8 | i;
        return new ColorMap("gray", l);
    }

    public String name() { return name; }
    public boolean diverging() { return diverging; }

    /** Colour of {@code t} in [0, 1] (clamped); NaN gives the low end. */
    public int argb(double t) {
        if (!(t > 0)) return lut[0];
        if (t >= 1) return lut[255];
        return lut[(int) (t * 255.0 + 0.5)];
    }

    /** Colour of table entry {@code i} (0–255). */
    public int entry(int i) { return lut[i]; }

    /** The maps for ordinary quantities, default first. */
    public static List<ColorMap> sequential() {
        return List.of(VIRIDIS, MAGMA, CIVIDIS, GRAY);
    }

    public static List<ColorMap> all() {
        return List.of(VIRIDIS, MAGMA, CIVIDIS, GRAY, COOLWARM);
    }

    public static ColorMap byName(String n) {
        for (ColorMap m : all()) if (m.name.equals(n.toLowerCase(Locale.ROOT).trim())) return m;
        throw new TridentException("unknown colour map '" + n + "' (viridis, magma, cividis, gray or coolwarm)");
    }

    @Override
    public String toString() { return name; }
}
