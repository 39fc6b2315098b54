package org.trident.scaleout;

import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting one channel into slabs of detector rows and putting the solved slabs back together.
 * A slab of rows [y0, y1) is the volume slices Y = y0 … y1−1 (contract section 1: the tilt axis is
 * the image y axis), solved independently of every other slab.
 */
public final class Slabs {
    private Slabs() {}

    /** Row ranges {y0, y1} covering {@code height} rows in {@code parts} nearly equal slabs (at least one row each). */
    public static List<int[]> plan(int height, int parts) {
        int n = Math.max(1, Math.min(parts, height));
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int y0 = (int) ((long) height * i / n), y1 = (int) ((long) height * (i + 1) / n);
            out.add(new int[]{y0, y1});
        }
        return out;
    }

    /** Rows [y0, y1) of every tilt, as a stack of images {@code y1 − y0} rows high (copies). */
    public static float[][] rows(ImageStack s, int y0, int y1) {
        int w = s.width();
        float[][] d = new float[s.tilts()][];
        for (int t = 0; t < d.length; t++) {
            d[t] = new float[(y1 - y0) * w];
            System.arraycopy(s.tilt(t), y0 * w, d[t], 0, d[t].length);
        }
        return d;
    }

    /** The part of a support ({@code nx·ny·nz}, x fastest, then y, then z) over slices [y0, y1), or null. */
    public static boolean[] support(boolean[] support, int nx, int ny, int nz, int y0, int y1) {
        if (support == null) return null;
        int n = y1 - y0;
        boolean[] out = new boolean[nx * n * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < n; j++) {
                System.arraycopy(support, (k * ny + y0 + j) * nx, out, (k * n + j) * nx, nx);
            }
        }
        return out;
    }

    /** Copies a solved slab ({@code nx × (y1 − y0) × nz}) into slices [y0, y1) of {@code into}. */
    public static void place(float[] slab, int y0, int y1, Volume into) {
        int nx = into.nx(), ny = into.ny(), nz = into.nz(), n = y1 - y0;
        if (slab.length != (long) nx * n * nz) {
            throw new IllegalArgumentException("slab holds " + slab.length + " voxels, expected " + nx + "x" + n + "x" + nz);
        }
        float[] d = into.data();
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < n; j++) System.arraycopy(slab, (k * n + j) * nx, d, (k * ny + y0 + j) * nx, nx);
        }
    }

    /** Σ of squared values over rows [y0, y1) of every tilt: the slab's share of ‖b‖². */
    public static double norm2(float[][] rows) {
        double s = 0;
        for (float[] r : rows) for (float v : r) s += (double) v * v;
        return s;
    }
}
