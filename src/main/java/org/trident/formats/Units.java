package org.trident.formats;

import java.util.Locale;

/** Length and energy unit conversions for the calibrations microscope files carry. */
public final class Units {
    private Units() {}

    /** Factor from {@code unit} to nm, or NaN when it is not a length unit. */
    public static double toNm(String unit) {
        if (unit == null) return Double.NaN;
        String u = plain(unit).replace('\u03bc', '\u00b5');
        return switch (u) {
            case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> 1.0;
            case "\u00b5m", "um", "micron", "microns", "micrometer", "micrometre" -> 1e3;
            case "mm" -> 1e6;
            case "m", "meter", "metre" -> 1e9;
            case "pm" -> 1e-3;
            case "\u00e5", "a", "angstrom", "angstroms", "\u212b" -> 0.1;
            default -> Double.NaN;
        };
    }

    /** Factor from {@code unit} to eV, or NaN when it is not an energy unit. */
    public static double toEv(String unit) {
        if (unit == null) return Double.NaN;
        return switch (plain(unit)) {
            case "ev" -> 1.0;
            case "kev" -> 1e3;
            case "mev" -> 1e6;
            default -> Double.NaN;
        };
    }

    /** True for angle units in degrees ("deg", "°", "degree(s)"). */
    public static boolean isDegrees(String unit) {
        if (unit == null) return false;
        String u = plain(unit);
        return u.equals("deg") || u.equals("\u00b0") || u.equals("degree") || u.equals("degrees");
    }

    public static boolean isRadians(String unit) {
        if (unit == null) return false;
        String u = plain(unit);
        return u.equals("rad") || u.equals("radian") || u.equals("radians");
    }

    /**
     * Lower case without brackets or underscores: Tomviz writes "[n_m]" for nm, and HyperSpy's
     * NCEM EMD writer spells every unit letter by letter in brackets ("[k_e_V]", "[d_e_g]").
     */
    static String plain(String unit) {
        return unit.trim().replace("[", "").replace("]", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
