package org.trident.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthsTest {
    @Test
    void depthMatchesBruteForceWithVoidsFilled() {
        int nx = 13, ny = 11, nz = 9;
        boolean[] mask = new boolean[nx * ny * nz];
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            double dx = (i - 6) / 5.5, dy = (j - 5) / 4.5, dz = (k - 4) / 3.6;
            mask[(k * ny + j) * nx + i] = dx * dx + dy * dy + dz * dz <= 1 || r.nextDouble() < 0.05;
        }
        int centre = (4 * ny + 5) * nx + 6;
        mask[centre] = false; // an internal void
        boolean[] filled = Depths.fillHoles(mask, nx, ny, nz);
        assertTrue(filled[centre], "a void is filled");
        float[] d = Depths.depthNm(filled, nx, ny, nz, 2.0);
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            int idx = (k * ny + j) * nx + i;
            if (!filled[idx]) { assertTrue(Float.isNaN(d[idx])); continue; }
            double best = Double.MAX_VALUE;
            for (int c = -1; c <= nz; c++) for (int b = -1; b <= ny; b++) for (int a = -1; a <= nx; a++) {
                boolean inGrid = a >= 0 && b >= 0 && c >= 0 && a < nx && b < ny && c < nz;
                if (inGrid && filled[(c * ny + b) * nx + a]) continue;
                best = Math.min(best, (a - i) * (a - i) + (b - j) * (b - j) + (c - k) * (c - k));
            }
            assertEquals((Math.sqrt(best) - 0.5) * 2.0, d[idx], 1e-4, "voxel " + i + "," + j + "," + k);
        }
        assertFalse(Float.isNaN(d[centre]));
    }
}
