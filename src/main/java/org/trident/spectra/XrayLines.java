package org.trident.spectra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Characteristic X-ray lines used by the EDS simulator and quantification. Energies (keV) are
 * from the X-ray Data Booklet (LBNL, section 1.2, Table 1-2); relative weights within a family
 * are typical values (Kβ/Kα ~0.12–0.14 for the 3d metals as the team's science primer states;
 * L- and M-family weights are approximate). Families are K, L and M; {@code EDS:<El>} counts the
 * K family up to Zn and the L family beyond (contract section 5). Users with better numbers pass their own line lists.
 */
public final class XrayLines {
    private XrayLines() {}

    /** One line: its family ("K" or "L"), name, energy in keV and weight relative to the family's main line. */
    public record Line(String element, String family, String name, double energyKeV, double weight) {}

    /** Atomic numbers for the elements Trident knows. */
    public static final Map<String, Integer> Z = Map.ofEntries(
            Map.entry("Li", 3), Map.entry("C", 6), Map.entry("N", 7), Map.entry("O", 8), Map.entry("F", 9),
            Map.entry("Na", 11), Map.entry("Mg", 12), Map.entry("Al", 13), Map.entry("Si", 14), Map.entry("P", 15), Map.entry("S", 16),
            Map.entry("Mn", 25), Map.entry("Fe", 26), Map.entry("Co", 27), Map.entry("Ni", 28), Map.entry("Cu", 29),
            Map.entry("Cl", 17), Map.entry("K", 19), Map.entry("Ca", 20), Map.entry("Ti", 22), Map.entry("V", 23),
            Map.entry("Cr", 24), Map.entry("Zn", 30), Map.entry("Ga", 31), Map.entry("Ge", 32), Map.entry("Y", 39),
            Map.entry("Zr", 40), Map.entry("Nb", 41), Map.entry("Mo", 42), Map.entry("Pd", 46), Map.entry("Ag", 47),
            Map.entry("Sn", 50), Map.entry("Ba", 56), Map.entry("La", 57), Map.entry("Ce", 58), Map.entry("Hf", 72),
            Map.entry("Ta", 73), Map.entry("W", 74), Map.entry("Pt", 78), Map.entry("Au", 79), Map.entry("Pb", 82));

    private static final Map<String, List<Line>> LINES = new LinkedHashMap<>();

    private static void add(String el, String fam, String name, double e, double w) {
        LINES.computeIfAbsent(el, k -> new ArrayList<>()).add(new Line(el, fam, name, e, w));
    }

    /** A K family: Kα at 1, Kβ at {@code kbRatio}. */
    private static void k(String el, double ka, double kb, double kbRatio) {
        add(el, "K", "Ka", ka, 1.0);
        add(el, "K", "Kb", kb, kbRatio);
    }

    /** An L family: Lα1, Lβ1, Lβ2, Lγ1 (a zero energy leaves that line out) with typical relative weights. */
    private static void l(String el, double la, double lb1, double lb2, double lg1) {
        add(el, "L", "La", la, 1.0);
        add(el, "L", "Lb1", lb1, 0.5);
        if (lb2 > 0) add(el, "L", "Lb2", lb2, 0.2);
        if (lg1 > 0) add(el, "L", "Lg1", lg1, 0.08);
    }

    static {
        add("C", "K", "Ka", 0.277, 1.0);
        add("N", "K", "Ka", 0.392, 1.0);
        add("O", "K", "Ka", 0.525, 1.0);
        add("F", "K", "Ka", 0.677, 1.0);
        add("Na", "K", "Ka", 1.041, 1.0);
        add("Na", "K", "Kb", 1.071, 0.01);
        add("Mg", "K", "Ka", 1.254, 1.0);
        add("Mg", "K", "Kb", 1.302, 0.01);
        add("Al", "K", "Ka", 1.487, 1.0);
        add("Al", "K", "Kb", 1.557, 0.02);
        add("Si", "K", "Ka", 1.740, 1.0);
        add("Si", "K", "Kb", 1.836, 0.03);
        add("P", "K", "Ka", 2.013, 1.0);
        add("P", "K", "Kb", 2.139, 0.04);
        add("S", "K", "Ka", 2.307, 1.0);
        add("S", "K", "Kb", 2.464, 0.06);
        add("Mn", "K", "Ka", 5.899, 1.0);
        add("Mn", "K", "Kb", 6.490, 0.13);
        add("Mn", "L", "La", 0.637, 1.0);
        add("Mn", "L", "Lb1", 0.649, 0.10);
        add("Fe", "K", "Ka", 6.404, 1.0);
        add("Fe", "K", "Kb", 7.058, 0.13);
        add("Fe", "L", "La", 0.705, 1.0);
        add("Fe", "L", "Lb1", 0.718, 0.12);
        add("Co", "K", "Ka", 6.930, 1.0);
        add("Co", "K", "Kb", 7.649, 0.13);
        add("Co", "L", "La", 0.776, 1.0);
        add("Co", "L", "Lb1", 0.791, 0.14);
        add("Ni", "K", "Ka", 7.478, 1.0);
        add("Ni", "K", "Kb", 8.265, 0.135);
        add("Ni", "L", "La", 0.851, 1.0);
        add("Ni", "L", "Lb1", 0.869, 0.16);
        add("Cu", "K", "Ka", 8.048, 1.0);
        add("Cu", "K", "Kb", 8.905, 0.135);
        add("Cu", "L", "La", 0.930, 1.0);
        add("Cu", "L", "Lb1", 0.950, 0.18);
        // Beyond NCM: common specimen, support and catalyst elements, so that quantify does not refuse
        // other samples. K up to Zn, L (and M where it matters) beyond; weights are typical values.
        k("Cl", 2.622, 2.816, 0.08);
        k("K", 3.314, 3.590, 0.10);
        k("Ca", 3.692, 4.013, 0.11);
        k("Ti", 4.511, 4.932, 0.12);
        add("Ti", "L", "La", 0.452, 1.0);
        k("V", 4.952, 5.427, 0.12);
        add("V", "L", "La", 0.511, 1.0);
        k("Cr", 5.415, 5.947, 0.12);
        add("Cr", "L", "La", 0.573, 1.0);
        k("Zn", 8.639, 9.572, 0.14);
        add("Zn", "L", "La", 1.012, 1.0);
        add("Zn", "L", "Lb1", 1.035, 0.2);
        k("Ga", 9.252, 10.264, 0.14);
        l("Ga", 1.098, 1.125, 0, 0);
        k("Ge", 9.886, 10.982, 0.15);
        l("Ge", 1.188, 1.218, 0, 0);
        k("Y", 14.958, 16.738, 0.16);
        l("Y", 1.922, 1.996, 0, 0);
        k("Zr", 15.775, 17.668, 0.17);
        l("Zr", 2.042, 2.124, 2.219, 0);
        k("Nb", 16.615, 18.623, 0.17);
        l("Nb", 2.166, 2.257, 2.367, 0);
        k("Mo", 17.479, 19.608, 0.18);
        l("Mo", 2.293, 2.395, 2.518, 2.623);
        k("Pd", 21.177, 23.819, 0.19);
        l("Pd", 2.839, 2.990, 3.172, 3.328);
        k("Ag", 22.163, 24.942, 0.20);
        l("Ag", 2.984, 3.151, 3.348, 3.519);
        k("Sn", 25.271, 28.486, 0.21);
        l("Sn", 3.444, 3.663, 3.905, 4.131);
        l("Ba", 4.466, 4.828, 5.157, 5.531);
        l("La", 4.651, 5.042, 5.384, 5.789);
        add("La", "M", "Ma", 0.833, 1.0);
        l("Ce", 4.840, 5.262, 5.613, 6.052);
        add("Ce", "M", "Ma", 0.883, 1.0);
        l("Hf", 7.899, 9.023, 9.347, 10.516);
        add("Hf", "M", "Ma", 1.645, 1.0);
        l("Ta", 8.146, 9.343, 9.652, 10.895);
        add("Ta", "M", "Ma", 1.710, 1.0);
        l("W", 8.398, 9.672, 9.962, 11.286);
        add("W", "M", "Ma", 1.775, 1.0);
        l("Pt", 9.442, 11.071, 11.251, 12.942);
        add("Pt", "M", "Ma", 2.048, 1.0);
        l("Au", 9.713, 11.443, 11.585, 13.382);
        add("Au", "M", "Ma", 2.123, 1.0);
        l("Pb", 10.551, 12.614, 12.623, 14.765);
        add("Pb", "M", "Ma", 2.342, 1.0);
    }

    public static boolean known(String element) {
        return LINES.containsKey(element);
    }

    public static List<String> elements() {
        return List.copyOf(LINES.keySet());
    }

    /** All lines of an element (empty when unknown). */
    public static List<Line> lines(String element) {
        return LINES.getOrDefault(element, List.of());
    }

    /** The family whose net counts name {@code EDS:<El>} (contract section 5): K up to Zn, L beyond. */
    public static String quantFamily(String element) {
        Integer z = Z.get(element);
        return z == null || z <= 30 ? "K" : "L";
    }

    /** Lines of one family of an element. */
    public static List<Line> family(String element, String family) {
        return lines(element).stream().filter(l -> l.family().equals(family.toUpperCase(Locale.ROOT))).toList();
    }
}
