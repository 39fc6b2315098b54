package org.trident.render;

import java.awt.Color;

/**
 * Colours for categories (datasets, series): the Okabe–Ito palette (M. Okabe and K. Ito,
 * "Color Universal Design", 2008), distinguishable with the common colour-vision deficiencies.
 * Ordered for white paper: the low-contrast yellow comes last.
 */
public final class CategoricalColors {
    private CategoricalColors() {}

    private static final Color[] OKABE_ITO = {
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0x009E73), // bluish green
            new Color(0xCC79A7), // reddish purple
            new Color(0xE69F00), // orange
            new Color(0x56B4E9), // sky blue
            new Color(0x000000), // black
            new Color(0xF0E442), // yellow
    };

    /** The colour of category {@code i} (cycles after eight). */
    public static Color get(int i) {
        return OKABE_ITO[Math.floorMod(i, OKABE_ITO.length)];
    }

    public static int size() {
        return OKABE_ITO.length;
    }

    /** "#rrggbb". */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
