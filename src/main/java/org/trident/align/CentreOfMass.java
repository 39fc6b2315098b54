package org.trident.align;

/**
 * Centre of mass of an isolated object in one image. For a linear projection the projected
 * centre of mass of an object with centroid (x0, y0, z0) lies at (x0·cosθ + z0·sinθ, y0) in the
 * aligned frame, so with the object's centroid put at the volume centre the raw centre of mass
 * of tilt t is the shift (dx, dy) itself.
 */
final class CentreOfMass {
    private CentreOfMass() {}

    /** Centroid in centred pixel coordinates and how much signal touches the border (0 = isolated). */
    record Result(double x, double y, double borderFraction, double mass) {}

    static Result of(float[] im, int w, int h) {
        double bg = ImageOps.borderMedian(im, w, h, 2);
        float[] s = ImageOps.gaussian(ImageOps.minus(im, bg), w, h, 1.5);
        double max = 0;
        for (float v : s) max = Math.max(max, v);
        if (!(max > 0)) return new Result(0, 0, 1, 0);
        double thr = 0.05 * max;
        boolean[] mask = new boolean[w * h];
        for (int i = 0; i < mask.length; i++) mask[i] = s[i] > thr;
        mask = dilate(mask, w, h, 4);
        double sx = 0, sy = 0, sm = 0;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!mask[i]) continue;
                double v = im[i] - bg;
                sm += v;
                sx += v * (x - cx);
                sy += v * (y - cy);
            }
        }
        double border = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y < 2 || y >= h - 2 || x < 2 || x >= w - 2) border = Math.max(border, s[y * w + x]);
            }
        }
        if (!(sm > 0)) return new Result(0, 0, 1, 0);
        return new Result(sx / sm, sy / sm, border / max, sm);
    }

    /** Square dilation by {@code r} pixels (separable). */
    private static boolean[] dilate(boolean[] m, int w, int h, int r) {
        boolean[] t = new boolean[m.length], o = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean any = false;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r) && !any; k++) any = m[y * w + k];
                t[y * w + x] = any;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean any = false;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r) && !any; k++) any = t[k * w + x];
                o[y * w + x] = any;
            }
        }
        return o;
    }
}
