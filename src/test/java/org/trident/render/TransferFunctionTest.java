package org.trident.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The volume rendering's transfer function: a piecewise-linear opacity ramp that edits keep in order. */
class TransferFunctionTest {
    @Test
    void opacityIsPiecewiseLinearAndConstantBeyondTheEnds() {
        TransferFunction tf = new TransferFunction(new double[]{0, 1, 3}, new double[]{0, 0.2, 0.6}, ColorMap.VIRIDIS, 0, 3);
        assertEquals(0, tf.opacity(-5), 1e-12);
        assertEquals(0.1, tf.opacity(0.5), 1e-12);
        assertEquals(0.4, tf.opacity(2), 1e-12);
        assertEquals(0.6, tf.opacity(9), 1e-12);
        assertEquals(0, tf.opacity(Double.NaN), "NaN is empty space");
        assertEquals(ColorMap.VIRIDIS.argb(0), tf.argb(-1), "colours clamp at the range");
        assertEquals(ColorMap.VIRIDIS.argb(1), tf.argb(3));
    }

    @Test
    void editsKeepThePointsInValueOrder() {
        TransferFunction tf = TransferFunction.ramp(0, 4, ColorMap.MAGMA, 0.3);
        assertEquals(3, tf.points());
        assertEquals(0, tf.opacity(1), 1e-12, "transparent up to a quarter of the range");
        assertEquals(0.3, tf.opacity(4), 1e-12);
        TransferFunction added = tf.withPoint(2, 0.9);
        assertEquals(4, added.points());
        assertEquals(2, added.value(2), 1e-12);
        assertEquals(0.9, added.opacity(2), 1e-12);
        TransferFunction moved = added.moved(2, 100, 1.5);
        assertEquals(4, moved.value(2), 1e-12, "cannot pass its right neighbour");
        assertEquals(1, moved.opacityAt(2), 1e-12, "opacity clamps to 1");
        assertEquals(3, added.removed(2).points());
        TransferFunction two = new TransferFunction(new double[]{0, 1}, new double[]{0, 1}, ColorMap.GRAY, 0, 1);
        assertEquals(2, two.removed(0).points(), "a ramp keeps two points");
        assertEquals(2, added.nearest(2.2));
        assertThrows(IllegalArgumentException.class, () -> new TransferFunction(new double[]{1, 0}, new double[]{0, 0}, ColorMap.GRAY, 0, 1));
    }
}
