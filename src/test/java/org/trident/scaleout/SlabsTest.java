package org.trident.scaleout;

import org.junit.jupiter.api.Test;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SlabsTest {
    @Test
    void planCoversEveryRowOnceInOrder() {
        for (int h : new int[]{1, 7, 64, 101}) {
            for (int parts : new int[]{1, 3, 8, 200}) {
                List<int[]> p = Slabs.plan(h, parts);
                assertEquals(Math.min(parts, h), p.size());
                int next = 0;
                for (int[] s : p) {
                    assertEquals(next, s[0]);
                    assertEquals(true, s[1] > s[0]);
                    next = s[1];
                }
                assertEquals(h, next);
            }
        }
    }

    @Test
    void slabsPlacedBackRebuildTheVolumeAndItsSupport() {
        int nx = 5, ny = 9, nz = 4;
        Random rnd = new Random(3);
        Volume whole = Volume.zeros(nx, ny, nz, 2.0);
        boolean[] support = new boolean[nx * ny * nz];
        for (int i = 0; i < support.length; i++) {
            whole.data()[i] = rnd.nextFloat();
            support[i] = rnd.nextBoolean();
        }
        Volume rebuilt = Volume.zeros(nx, ny, nz, 2.0);
        boolean[] supportBack = new boolean[support.length];
        for (int[] s : Slabs.plan(ny, 4)) {
            int n = s[1] - s[0];
            float[] slab = new float[nx * n * nz];
            boolean[] sup = Slabs.support(support, nx, ny, nz, s[0], s[1]);
            for (int k = 0; k < nz; k++) for (int j = 0; j < n; j++) for (int i = 0; i < nx; i++) {
                slab[(k * n + j) * nx + i] = whole.get(i, s[0] + j, k);
                if (sup[(k * n + j) * nx + i]) supportBack[whole.index(i, s[0] + j, k)] = true;
            }
            Slabs.place(slab, s[0], s[1], rebuilt);
        }
        assertArrayEquals(whole.data(), rebuilt.data());
        assertArrayEquals(support, supportBack);
    }

    @Test
    void rowsCopyTheSlabOfEveryTilt() {
        float[][] d = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
        float[][] r = Slabs.rows(new ImageStack(2, 3, d), 1, 3);
        assertArrayEquals(new float[]{3, 4, 5, 6}, r[0]);
        assertArrayEquals(new float[]{9, 10, 11, 12}, r[1]);
        assertEquals(9 + 16 + 25 + 36 + 81 + 100 + 121 + 144, Slabs.norm2(r), 1e-9);
    }
}
