package org.trident.analysis;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DistanceTransformTest {
    @Test
    void matchesBruteForceExactly() {
        int nx = 11, ny = 7, nz = 6;
        Random rnd = new Random(7);
        boolean[] f = new boolean[nx * ny * nz];
        for (int i = 0; i < f.length; i++) f[i] = rnd.nextDouble() < 0.04;
        f[5] = true;
        for (int threads : new int[]{1, 3}) {
            float[] d = DistanceTransform.squared(f, nx, ny, nz, threads, Progress.NONE);
            for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
                double best = Double.MAX_VALUE;
                for (int c = 0; c < nz; c++) for (int b = 0; b < ny; b++) for (int a = 0; a < nx; a++) {
                    if (f[(c * ny + b) * nx + a]) best = Math.min(best, (i - a) * (i - a) + (j - b) * (j - b) + (k - c) * (k - c));
                }
                assertEquals(best, d[(k * ny + j) * nx + i], 0.0, "voxel " + i + "," + j + "," + k);
            }
        }
    }

    @Test
    void noFeatureStaysFar() {
        float[] d = DistanceTransform.squared(new boolean[8], 2, 2, 2, 1, Progress.NONE);
        for (float v : d) assertEquals(DistanceTransform.FAR, v);
    }
}
