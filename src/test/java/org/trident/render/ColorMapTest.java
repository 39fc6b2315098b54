package org.trident.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ColorMapTest {
    static double luminance(int argb) {
        double r = (argb >> 16 & 255) / 255.0, g = (argb >> 8 & 255) / 255.0, b = (argb & 255) / 255.0;
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    }

    static double lin(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Test
    void endpointsMatchPublishedValues() {
        // matplotlib: viridis(0) = #440154, viridis(1) = #fde725; magma(1) = #fcfdbf; cividis(0) = #00224e
        assertEquals(0xff440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xfffde725, ColorMap.VIRIDIS.argb(1));
        assertEquals(0xfffcfdbf, ColorMap.MAGMA.argb(1));
        assertEquals(0xff00224e, ColorMap.CIVIDIS.argb(0));
        assertEquals(0xff3b4cc0, ColorMap.COOLWARM.argb(0));
    }

    @Test
    void sequentialMapsGrowInLuminance() {
        for (ColorMap m : ColorMap.sequential()) {
            double prev = -1;
            for (int i = 0; i < 256; i += 8) {
                double l = luminance(m.entry(i));
                assertTrue(l > prev - 1e-3, m.name() + " luminance falls at entry " + i);
                prev = l;
            }
            assertFalse(m.diverging());
        }
    }

    @Test
    void divergingMapIsLightestInTheMiddle() {
        double mid = luminance(ColorMap.COOLWARM.argb(0.5));
        assertTrue(mid > luminance(ColorMap.COOLWARM.argb(0)));
        assertTrue(mid > luminance(ColorMap.COOLWARM.argb(1)));
        assertTrue(ColorMap.COOLWARM.diverging());
    }

    @Test
    void clampsAndNamesRoundTrip() {
        assertEquals(ColorMap.VIRIDIS.argb(0), ColorMap.VIRIDIS.argb(-3));
        assertEquals(ColorMap.VIRIDIS.argb(1), ColorMap.VIRIDIS.argb(7));
        for (ColorMap m : ColorMap.all()) assertSame(m, ColorMap.byName(m.name()));
        assertThrows(org.trident.model.TridentException.class, () -> ColorMap.byName("jet"));
    }
}
