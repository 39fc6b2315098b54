package org.trident.render;

import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.awt.image.BufferedImage;

/**
 * Turns float data into colours, and cuts 2-D sections out of volumes. Section axes follow the
 * contract: XY at voxel k (rows = y), XZ at voxel j (rows = z), YZ at voxel i (columns = y, rows = z).
 */
public final class Slices {
    /** The colour NaN (no data, outside the mask) gets: fully transparent. */
    public static final int TRANSPARENT = 0x00000000;

    private Slices() {}

    public enum Plane { XY, XZ, YZ }

    /**
     * Colours {@code values} with {@code map} so that {@code lo} maps to the first colour and
     * {@code hi} to the last (clamped); non-finite values get {@code nanArgb}.
     */
    public static int[] render(float[] values, ColorMap map, double lo, double hi, int nanArgb) {
        int[] out = new int[values.length];
        double span = hi - lo;
        double inv = span != 0 && Double.isFinite(span) ? 1.0 / span : 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            out[i] = Float.isFinite(v) ? map.argb((v - lo) * inv) : nanArgb;
        }
        return out;
    }

    public static BufferedImage toImage(int[] argb, int width, int height) {
        if (argb.length != width * height) throw new TridentException("an image of " + width + "x" + height + " needs " + width * height + " pixels, got " + argb.length);
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        im.setRGB(0, 0, width, height, argb, 0, width);
        return im;
    }

    /** Colours and wraps in one step. */
    public static BufferedImage image(float[] values, int width, int height, ColorMap map, double lo, double hi, int nanArgb) {
        return toImage(render(values, map, lo, hi, nanArgb), width, height);
    }

    /** Width of a section of {@code v} in {@code plane} (its columns). */
    public static int width(Volume v, Plane plane) {
        return plane == Plane.YZ ? v.ny() : v.nx();
    }

    /** Height of a section (its rows). */
    public static int height(Volume v, Plane plane) {
        return plane == Plane.XY ? v.ny() : v.nz();
    }

    /** Number of sections along the plane's normal. */
    public static int depth(Volume v, Plane plane) {
        return switch (plane) { case XY -> v.nz(); case XZ -> v.ny(); case YZ -> v.nx(); };
    }

    /** The section at voxel index {@code index} along the plane's normal, row-major. */
    public static float[] section(Volume v, Plane plane, int index) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] d = v.data();
        int idx = Math.max(0, Math.min(depth(v, plane) - 1, index));
        switch (plane) {
            case XY -> {
                float[] out = new float[nx * ny];
                System.arraycopy(d, idx * nx * ny, out, 0, nx * ny);
                return out;
            }
            case XZ -> {
                float[] out = new float[nx * nz];
                for (int k = 0; k < nz; k++) System.arraycopy(d, (k * ny + idx) * nx, out, k * nx, nx);
                return out;
            }
            default -> {
                float[] out = new float[ny * nz];
                for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) out[k * ny + j] = d[(k * ny + j) * nx + idx];
                return out;
            }
        }
    }
}
