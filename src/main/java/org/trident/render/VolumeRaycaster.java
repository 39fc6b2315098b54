package org.trident.render;

import org.trident.job.Parallel;
import org.trident.job.Progress;
import org.trident.model.Volume;

/**
 * Direct volume rendering for the 3-D view: for each pixel, a ray from a perspective camera
 * through the volume, sampled (trilinear) every {@code stepVoxels}, each sample's colour and
 * opacity from a {@link TransferFunction}, composited front to back (emission–absorption) and
 * optionally lit by its gradient (a head light). The camera is the 3-D view's: the volume
 * turned by {@code rotYDeg} about y, then {@code rotXDeg} about x, then panned, seen from
 * {@code distanceNm} along −z with a vertical field of view (JavaFX's PerspectiveCamera
 * convention, y down), so the rendering lines up with the lit surfaces and the scale cube.
 * A clip keeps the part at or below a coordinate, as {@link IsoSurface.Clip} does for meshes.
 * NaN voxels are empty space. Rows run in parallel; results do not depend on the thread count.
 */
public final class VolumeRaycaster {
    private VolumeRaycaster() {}

    /** Where the volume is seen from; angles in degrees, lengths in nm. */
    public record Camera(double rotXDeg, double rotYDeg, double panXNm, double panYNm, double distanceNm, double fovDeg) {}

    private static final int LUT = 4096;

    /**
     * Renders {@code width × height} non-premultiplied ARGB pixels (transparent background).
     * {@code stepVoxels} is the sampling step (0.5 for a full view, 1–2 while dragging).
     */
    public static int[] render(Volume v, TransferFunction tf, Camera cam, IsoSurface.Clip clip, int width, int height,
                               double stepVoxels, boolean lit, int threads, Progress progress) {
        if (width < 1 || height < 1 || !(stepVoxels > 0)) throw new IllegalArgumentException("image size and step must be positive");
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        double vs = v.voxelSizeNm();
        float[] d = v.data();
        // the value range the look-up table spans: every control point and the colour range
        double lo = Math.min(tf.value(0), tf.colourLo()), hi = Math.max(tf.value(tf.points() - 1), tf.colourHi());
        if (!(hi > lo)) hi = lo + 1;
        float[] alpha = new float[LUT];
        int[] colour = new int[LUT];
        for (int i = 0; i < LUT; i++) {
            double val = lo + (hi - lo) * i / (LUT - 1);
            alpha[i] = (float) (1 - Math.pow(1 - Math.min(1, tf.opacity(val)), stepVoxels));
            colour[i] = tf.argb(val);
        }
        double lutScale = (LUT - 1) / (hi - lo);
        float below = (float) tf.value(0) - 1;  // NaN neighbours of a gradient count as empty
        double ax = Math.toRadians(cam.rotXDeg()), ay = Math.toRadians(cam.rotYDeg());
        double cx = Math.cos(ax), sx = Math.sin(ax), cyy = Math.cos(ay), syy = Math.sin(ay);
        double tanHalf = Math.tan(Math.toRadians(cam.fovDeg()) / 2);
        double ox = (nx - 1) / 2.0, oy = (ny - 1) / 2.0, oz = (nz - 1) / 2.0;
        int[] dims = {nx, ny, nz};
        double limit = clip.axis() < 0 ? Double.POSITIVE_INFINITY : clip.atNm() / vs + (dims[clip.axis()] - 1) / 2.0;
        int[] out = new int[width * height];
        progress.start("volume rendering", height);
        Parallel.forEachCounted(height, threads, progress, r -> {
            double py = (r + 0.5 - height / 2.0) / (height / 2.0) * tanHalf;
            for (int c = 0; c < width; c++) {
                double px = (c + 0.5 - width / 2.0) / (height / 2.0) * tanHalf;
                // view space: eye at (0, 0, −D), ray (px, py, 1); to the volume's frame: undo pan, then Rx, then Ry
                double[] o = toVolume(-cam.panXNm(), -cam.panYNm(), -cam.distanceNm(), cx, sx, cyy, syy);
                double[] dir = toVolume(px, py, 1, cx, sx, cyy, syy);
                double[] oi = {o[0] / vs + ox, o[1] / vs + oy, o[2] / vs + oz};
                double len = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]) / vs;
                double[] di = {dir[0] / vs / len, dir[1] / vs / len, dir[2] / vs / len};
                double t0 = 0, t1 = Double.POSITIVE_INFINITY;
                for (int a = 0; a < 3 && t0 <= t1; a++) {
                    double top = a == clip.axis() ? Math.min(dims[a] - 0.5, limit) : dims[a] - 0.5;
                    if (Math.abs(di[a]) < 1e-12) { if (oi[a] < -0.5 || oi[a] > top) t1 = -1; continue; }
                    double ta = (-0.5 - oi[a]) / di[a], tb = (top - oi[a]) / di[a];
                    t0 = Math.max(t0, Math.min(ta, tb));
                    t1 = Math.min(t1, Math.max(ta, tb));
                }
                double ar = 0, ag = 0, ab = 0, aa = 0;
                for (double t = t0 + stepVoxels / 2; t < t1 && aa < 0.995; t += stepVoxels) {
                    double x = oi[0] + t * di[0], y = oi[1] + t * di[1], z = oi[2] + t * di[2];
                    double val = sample(d, nx, ny, nz, x, y, z);
                    if (!(val == val)) continue;
                    int li = (int) ((val - lo) * lutScale);
                    li = li < 0 ? 0 : li >= LUT ? LUT - 1 : li;
                    double a = alpha[li];
                    if (a <= 0) continue;
                    double light = lit ? light(d, nx, ny, nz, x, y, z, di, below) : 1;
                    int col = colour[li];
                    double w = (1 - aa) * a;
                    ar += w * light * (col >> 16 & 255);
                    ag += w * light * (col >> 8 & 255);
                    ab += w * light * (col & 255);
                    aa += w;
                }
                if (aa > 0) {
                    int a8 = (int) Math.round(Math.min(1, aa) * 255);
                    out[r * width + c] = a8 << 24 | clamp255(ar / aa) << 16 | clamp255(ag / aa) << 8 | clamp255(ab / aa);
                }
            }
        });
        return out;
    }

    /** A view-space vector (x, y, z) in the volume's frame: Rx⁻¹ then Ry⁻¹ (the view applies Ry first, then Rx). */
    private static double[] toVolume(double x, double y, double z, double cx, double sx, double cy, double sy) {
        double y1 = cx * y + sx * z, z1 = -sx * y + cx * z;
        return new double[]{cy * x - sy * z1, y1, sy * x + cy * z1};
    }

    /** Trilinear value at index coordinates; where a neighbour is NaN, the nearest voxel's value (NaN outside a mask). */
    static double sample(float[] d, int nx, int ny, int nz, double x, double y, double z) {
        int i = (int) Math.floor(x), j = (int) Math.floor(y), k = (int) Math.floor(z);
        double fx = x - i, fy = y - j, fz = z - k;
        int i0 = clamp(i, nx), i1 = clamp(i + 1, nx), j0 = clamp(j, ny), j1 = clamp(j + 1, ny), k0 = clamp(k, nz), k1 = clamp(k + 1, nz);
        float a = d[(k0 * ny + j0) * nx + i0], b = d[(k0 * ny + j0) * nx + i1], c = d[(k0 * ny + j1) * nx + i0], e = d[(k0 * ny + j1) * nx + i1];
        float f = d[(k1 * ny + j0) * nx + i0], g = d[(k1 * ny + j0) * nx + i1], h = d[(k1 * ny + j1) * nx + i0], m = d[(k1 * ny + j1) * nx + i1];
        double s = a + b + c + e + f + g + h + m;
        if (!(s == s) || Double.isInfinite(s)) {
            int ni = clamp((int) Math.round(x), nx), nj = clamp((int) Math.round(y), ny), nk = clamp((int) Math.round(z), nz);
            float n = d[(nk * ny + nj) * nx + ni];
            return Float.isFinite(n) ? n : Double.NaN;
        }
        double x00 = a + fx * (b - a), x10 = c + fx * (e - c), x01 = f + fx * (g - f), x11 = h + fx * (m - h);
        double y0 = x00 + fy * (x10 - x00), y1 = x01 + fy * (x11 - x01);
        return y0 + fz * (y1 - y0);
    }

    /** Head-light shading 0.3 + 0.7·|n·ray| from the central-difference gradient at the nearest voxel (1 where it is flat). */
    private static double light(float[] d, int nx, int ny, int nz, double x, double y, double z, double[] ray, float below) {
        int i = clamp((int) Math.round(x), nx), j = clamp((int) Math.round(y), ny), k = clamp((int) Math.round(z), nz);
        double gx = at(d, nx, ny, nz, i + 1, j, k, below) - at(d, nx, ny, nz, i - 1, j, k, below);
        double gy = at(d, nx, ny, nz, i, j + 1, k, below) - at(d, nx, ny, nz, i, j - 1, k, below);
        double gz = at(d, nx, ny, nz, i, j, k + 1, below) - at(d, nx, ny, nz, i, j, k - 1, below);
        double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
        if (n == 0) return 1;
        return 0.3 + 0.7 * Math.abs(gx * ray[0] + gy * ray[1] + gz * ray[2]) / n;
    }

    private static double at(float[] d, int nx, int ny, int nz, int i, int j, int k, float below) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return below;
        float f = d[(k * ny + j) * nx + i];
        return Float.isFinite(f) ? f : below;
    }

    private static int clamp(int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; }

    private static int clamp255(double x) { return (int) Math.max(0, Math.min(255, Math.round(x))); }
}
