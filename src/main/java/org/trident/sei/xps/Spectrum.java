package org.trident.sei.xps;

import java.util.List;

/**
 * One XPS region: binding energies in eV (ascending) and intensities (counts or counts per
 * second, as the file gives them). {@code label} is what the file calls the region.
 */
public record Spectrum(String label, double[] bindingEv, double[] counts, List<String> notes) {
    public Spectrum {
        if (bindingEv.length != counts.length) throw new IllegalArgumentException("energy and count arrays differ in length");
        notes = List.copyOf(notes);
    }

    public int size() {
        return bindingEv.length;
    }

    /** The same spectrum sorted by ascending binding energy. */
    static Spectrum ascending(String label, double[] e, double[] c, List<String> notes) {
        Integer[] idx = new Integer[e.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(e[a], e[b]));
        double[] e2 = new double[e.length], c2 = new double[e.length];
        for (int i = 0; i < idx.length; i++) {
            e2[i] = e[idx[i]];
            c2[i] = c[idx[i]];
        }
        return new Spectrum(label, e2, c2, notes);
    }
}
