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
 * L-family weights are approximate). Users with better numbers pass their own line lists.
 */
public final class XrayLines {
    private XrayLines() {}

    /** One line: its family ("K" or "L"), name, energy in keV and weight relative to the family's main line. */
    public record Line(String element, String family, String name, double energyKeV, double weight) {}

    /** Atomic numbers for the elements Trident knows. */
    public static final Map<String, Integer> Z = Map.ofEntries(
            Map.entry("Li", 3), Map.entry("C", 6), Map.entry("N", 7), Map.entry("O", 8), Map.entry("F", 9),
            Map.entry("Na", 11), Map.entry("Mg", 12), Map.entry("Al", 13), Map.entry("Si", 14), Map.entry("P", 15), Map.entry("S", 16),
            Map.entry("Mn", 25), Map.entry("Fe", 26), Map.entry("Co", 27), Map.entry("Ni", 28), Map.entry("Cu", 29));

    private static final Map<String, List<Line>> LINES = new LinkedHashMap<>();

    private static void add(String el, String fam, String name, double e, double w) {
        LINES.computeIfAbsent(el, k -> new ArrayList<>()).add(new Line(el, fam, name, e, w));
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
