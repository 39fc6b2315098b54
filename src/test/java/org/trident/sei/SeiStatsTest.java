package org.trident.sei;

import org.junit.jupiter.api.Test;
import org.trident.sei.metrics.MapStats;
import org.trident.sei.maps.SeiMap;
import org.trident.sei.stats.Correlation;
import org.trident.sei.stats.QuadraticOptimum;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Statistics and metrics against values computed by hand or by a textbook. */
class SeiStatsTest {
    @Test
    void pearsonSpearmanFisherAndP() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1, 18.0, 19.9};
        Correlation.Result r = Correlation.of(x, y);
        assertEquals(10, r.n());
        assertTrue(r.r() > 0.999);
        assertEquals(1.0, r.rho(), 1e-12);
        // r = 0.6, n = 10: t = 0.6·√8/0.8 = 2.1213, two-sided p = 0.0667 (Student t, 8 df)
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] b = new double[10];
        double[] e = {0.3, -1.1, 0.8, -0.4, 1.2, -0.9, 0.1, -0.6, 0.7, -0.1};
        for (int i = 0; i < 10; i++) b[i] = a[i] + 3 * e[i];
        Correlation.Result c = Correlation.of(a, b);
        double t = c.r() * Math.sqrt(8 / (1 - c.r() * c.r()));
        assertTrue(c.p() > 0 && c.p() < 1);
        // Fisher z interval brackets r and is inside (−1, 1)
        assertTrue(c.ciLow() < c.r() && c.r() < c.ciHigh() && c.ciLow() > -1 && c.ciHigh() < 1);
        Correlation.Result six = Correlation.of(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new double[]{1, 3, 2, 5, 4, 7, 6, 9, 8, 10});
        assertTrue(six.p() < 0.001, "strong correlation, p " + six.p() + " (t " + t + ")");
        // a textbook value: r = 0.6, n = 10 gives p = 0.0667
        double[] u = {-1.5, -1.5, -0.5, -0.5, 0.5, 0.5, 1.5, 1.5, 0, 0};
        double[] v = new double[10];
        for (int i = 0; i < 10; i++) v[i] = u[i];
        assertEquals(1.0, Correlation.of(u, v).r(), 1e-12);
        assertEquals(0.0, Correlation.of(u, v).p(), 1e-12);
    }

    @Test
    void pValueMatchesStudentT() {
        // two points per x with symmetric noise so that r is known exactly: r = 0.6 when var(noise) = var(x)·(1/0.36 − 1)
        double[] x = {-2, -1, 0, 1, 2, -2, -1, 0, 1, 2};
        double s = Math.sqrt(2 * (1 / 0.36 - 1));
        double[] y = new double[10];
        for (int i = 0; i < 5; i++) { y[i] = x[i] + s; y[i + 5] = x[i + 5] - s; }
        // make the noise uncorrelated with x: alternate signs per pair
        Correlation.Result r = Correlation.of(x, y);
        assertEquals(0.6, r.r(), 1e-9);
        assertEquals(0.06666, r.p(), 2e-4); // scipy.stats.pearsonr gives 0.0667 for r = 0.6, n = 10
        // Fisher: tanh(atanh(0.6) ± 1.96/√7) = tanh(0.6931 ± 0.7408) = (−0.0476, 0.8921)
        assertEquals(-0.0476, r.ciLow(), 5e-4);
        assertEquals(0.8921, r.ciHigh(), 5e-4);
    }

    @Test
    void quadraticOptimumExactAndAtEdge() {
        double[] x = {0, 10, 20, 30, 40};
        double[] y = new double[5], rising = new double[5];
        for (int i = 0; i < 5; i++) { y[i] = 90 - 0.01 * (x[i] - 17) * (x[i] - 17); rising[i] = 80 + 0.2 * x[i]; }
        QuadraticOptimum.Result r = QuadraticOptimum.find(x, y, true, 200, 1);
        assertEquals(17, r.x(), 1e-9);
        assertFalse(r.atEdge());
        QuadraticOptimum.Result e = QuadraticOptimum.find(x, rising, true, 200, 1);
        assertEquals(40, e.x(), 1e-9);
        assertTrue(e.atEdge());
        assertTrue(Double.isNaN(QuadraticOptimum.find(new double[]{1, 2}, new double[]{3, 4}, true, 10, 1).x()));
    }

    @Test
    void mapStatsOnAKnownMap() {
        // a plane plus ±1 checkerboard: levelled std = 1 exactly; cv of 10 + checkerboard = 0.1
        int n = 64;
        float[] plane = new float[n * n], offset = new float[n * n];
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            int c = (x + y) % 2 == 0 ? 1 : -1;
            plane[y * n + x] = 5 + 0.3f * x - 0.2f * y + c;
            offset[y * n + x] = 10 + c;
        }
        offset[5] = Float.NaN; // a masked pixel: excluded
        MapStats.Result t = MapStats.of(new SeiMap(n, n, plane, 2.0, "nm", List.of()), true, Double.NaN, Double.NaN);
        assertEquals(1.0, t.std(), 1e-3);
        assertTrue(Double.isNaN(t.cv()));
        MapStats.Result o = MapStats.of(new SeiMap(n, n, offset, 2.0, "pm", List.of()), false, 10.5, 9.5);
        assertEquals(0.1, o.cv(), 1e-3);
        assertEquals(n * n - 1, o.validPixels());
        assertEquals(0.5, o.areaAbove(), 1e-3);
        assertEquals(9.0, o.p05(), 0);
        assertEquals(11.0, o.p95(), 0);
        // a checkerboard decorrelates within one pixel: its correlation length is below one pixel (2 nm)
        assertTrue(o.correlationLengthNm() < 2.0, "corr " + o.correlationLengthNm());
    }
}
