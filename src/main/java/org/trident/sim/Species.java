package org.trident.sim;

import java.util.List;

/**
 * The chemical species the simulator tracks per voxel. Every signal (HAADF, EDS, EELS) is
 * linear in the projected amount of each species, so spectra are built as sums of per-species
 * templates. Transition metals are split by valence; Li and O have one species each.
 */
public enum Species {
    LI("Li", 3, 1), O("O", 8, -2),
    MN2("Mn", 25, 2), MN3("Mn", 25, 3), MN4("Mn", 25, 4),
    CO2("Co", 27, 2), CO3("Co", 27, 3),
    NI2("Ni", 28, 2), NI3("Ni", 28, 3);

    public static final List<Species> ALL = List.of(values());
    /** Transition metals the fractions are taken over (contract: NCM → Ni, Co, Mn). */
    public static final List<String> TRANSITION_METALS = List.of("Ni", "Co", "Mn");
    /** Elements whose density the truth records. */
    public static final List<String> ELEMENTS = List.of("Ni", "Co", "Mn", "O", "Li");

    public final String element;
    public final int z;
    public final int valence;

    Species(String element, int z, int valence) {
        this.element = element;
        this.z = z;
        this.valence = valence;
    }

    /** Reference-style name, e.g. "Mn4+". */
    public String label() {
        return isTransitionMetal() ? element + valence + "+" : element;
    }

    public boolean isTransitionMetal() {
        return TRANSITION_METALS.contains(element);
    }

    private static final java.util.Map<String, List<Species>> BY_ELEMENT = new java.util.HashMap<>();
    static {
        for (Species s : values()) BY_ELEMENT.computeIfAbsent(s.element, k -> new java.util.ArrayList<>()).add(s);
        BY_ELEMENT.replaceAll((k, v) -> List.copyOf(v));
    }

    /** The species of an element (valence states ascending for a transition metal); empty when unknown. */
    public static List<Species> ofElement(String element) {
        return BY_ELEMENT.getOrDefault(element, List.of());
    }
}
