package org.trident.ui;

import org.trident.render.ColorMap;

import java.util.Locale;

/** What the viewers know about a quantity by its name: unit, default colour map, value format. */
public final class Quantities {
    private Quantities() {}

    /** The unit shown after a value; empty for dimensionless quantities. */
    public static String unit(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("depth")) return "nm";
        if (n.startsWith("fraction")) return "at. frac.";
        if (n.startsWith("valence")) return "oxidation state";
        if (n.startsWith("inhomogeneity")) return "std/mean";
        if (n.equals("mask")) return "";
        if (n.startsWith("eds:") || n.startsWith("eds_")) return "counts/voxel";
        if (n.startsWith("eels")) return "a.u./voxel";
        if (n.contains("haadf") || n.contains("adf")) return "a.u./voxel";
        return "";
    }

    /** Label for a colour bar: "fraction-Ni (at. frac.)". */
    public static String label(String name) {
        String u = unit(name);
        return u.isEmpty() ? name : name + " (" + u + ")";
    }

    public static boolean isDifference(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("difference") || name.startsWith("Δ");
    }

    public static ColorMap defaultMap(String name) {
        return isDifference(name) ? ColorMap.COOLWARM : ColorMap.VIRIDIS;
    }

    /** A value with three significant digits, or "—" for NaN (no data / outside the particle). */
    public static String format(double v) {
        if (Double.isNaN(v)) return "—";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Order in which viewers list volumes: chemistry first, helpers last. */
    public static int rank(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("haadf") || n.contains("adf")) return 0;
        if (n.startsWith("fraction")) return 1;
        if (n.startsWith("valence")) return 2;
        if (n.startsWith("inhomogeneity")) return 3;
        if (n.startsWith("eds") || n.startsWith("eels")) return 4;
        if (n.startsWith("depth")) return 6;
        if (n.equals("mask")) return 7;
        return 5;
    }

    /** The values a quantity can physically take, or null when unbounded: fractions and the mask 0–1, depths and inhomogeneity ≥ 0. */
    public static double[] physicalRange(String name) {
        String b = name.substring(name.lastIndexOf('/') + 1);
        if (b.startsWith("fraction-") || b.equals("mask")) return new double[]{0, 1};
        if (b.equals("depth-nm") || b.equals("inhomogeneity")) return new double[]{0, Double.POSITIVE_INFINITY};
        return null;
    }
}
