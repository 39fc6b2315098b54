package org.trident.spectra;

import java.util.List;

/**
 * Core-loss edges Trident models, onsets in eV for a reference valence. Values are typical
 * literature numbers as summarised in the team's science primer (O K ~532 eV; Mn L3 ~640–643,
 * L2 ~11 eV higher; Co L3 ~779–781, L2 ~15 eV higher; Ni L3 ~853–855, L2 ~17 eV higher); Fe, Cu,
 * C, F and La from the EELS Atlas (Ahn &amp; Krivanek, 1983). They are defaults, never hidden
 * constants: every window and position is settable where it is used.
 */
public final class EelsEdges {
    private EelsEdges() {}

    /**
     * A white-line (L2,3) edge: L3 peak at {@code l3Ev} for {@code refValence}, L2 at
     * {@code l3Ev + splitEv}, L3 moving by {@code shiftPerValenceEv} per valence unit.
     */
    public record WhiteLine(String element, double l3Ev, double splitEv, int refValence, double shiftPerValenceEv) {
        public double l3At(double valence) {
            return l3Ev + shiftPerValenceEv * (valence - refValence);
        }
    }

    /** A K edge (no white lines), onset in eV. */
    public record KEdge(String element, double onsetEv) {}

    public static final List<WhiteLine> WHITE_LINES = List.of(
            new WhiteLine("Mn", 642.0, 11.0, 3, 1.2),
            new WhiteLine("Fe", 708.5, 13.0, 3, 1.2),
            new WhiteLine("Co", 780.0, 15.0, 3, 1.2),
            new WhiteLine("Ni", 854.0, 17.3, 2, 1.2),
            new WhiteLine("Cu", 931.0, 20.0, 2, 1.0));

    public static final List<KEdge> K_EDGES = List.of(
            new KEdge("C", 284.0), new KEdge("N", 401.0), new KEdge("O", 532.0), new KEdge("F", 685.0));

    public static WhiteLine whiteLine(String element) {
        return WHITE_LINES.stream().filter(w -> w.element().equals(element)).findFirst().orElse(null);
    }

    public static KEdge kEdge(String element) {
        return K_EDGES.stream().filter(k -> k.element().equals(element)).findFirst().orElse(null);
    }
}
