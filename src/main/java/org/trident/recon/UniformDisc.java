package org.trident.recon;

import org.trident.model.ImageStack;

/**
 * A uniform disc (value 1, radius R) centred in an odd-sized N × N slice, with exact strip
 * integrals: each detector bin holds the mean over its width of the disc's chord lengths,
 * integrated in closed form (∫ 2√(R² − s²) ds = s√(R² − s²) + R² asin(s/R)), so no projector
 * makes the data. With the texture measure below it is the yardstick of issue 12 (pixel-scale
 * checkerboard in SIRT volumes), used by {@code bench recon} and the tests.
 */
public final class UniformDisc {
    private UniformDisc() {}

    /** Exact strip-integral projections ({@code rows} identical detector rows, a cylinder along y). */
    public static ImageStack project(int n, int rows, double r, double[] angles) {
        float[][] d = new float[angles.length][n * rows];
        double cu = (n - 1) / 2.0;
        for (int t = 0; t < angles.length; t++) {
            for (int col = 0; col < n; col++) {
                double u = col - cu;
                float v = (float) (chordIntegral(u + 0.5, r) - chordIntegral(u - 0.5, r));
                for (int row = 0; row < rows; row++) d[t][row * n + col] = v;
            }
        }
        return new ImageStack(n, rows, d);
    }

    /** ∫_{−R}^{s} 2√(R² − σ²) dσ. */
    private static double chordIntegral(double s, double r) {
        if (s <= -r) return 0;
        if (s >= r) return Math.PI * r * r;
        return s * Math.sqrt(r * r - s * s) + r * r * Math.asin(s / r) + Math.PI * r * r / 2;
    }

    /** The voxel truth: area fraction of each pixel inside the disc (32 × 32 samples), z rows, x columns. */
    public static float[] truth(int n, double r) {
        float[] t = new float[n * n];
        double c = (n - 1) / 2.0;
        int sub = 32;
        for (int k = 0; k < n; k++) for (int i = 0; i < n; i++) {
            int in = 0;
            for (int a = 0; a < sub; a++) for (int b = 0; b < sub; b++) {
                double x = i - c - 0.5 + (a + 0.5) / sub, z = k - c - 0.5 + (b + 0.5) / sub;
                if (x * x + z * z <= r * r) in++;
            }
            t[k * n + i] = in / (float) (sub * sub);
        }
        return t;
    }

    /**
     * High-pass texture: RMS of (x − its 3 × 3 box mean) over pixels within 0.6 R of the
     * centre, where the truth is exactly uniform. A smooth slice scores 0; a pixel-scale
     * checkerboard of amplitude a scores about a.
     */
    public static double texture(float[] s, int n, double r) {
        double c = (n - 1) / 2.0, sum = 0;
        int cnt = 0;
        for (int k = 1; k < n - 1; k++) for (int i = 1; i < n - 1; i++) {
            double x = i - c, z = k - c;
            if (x * x + z * z > 0.36 * r * r) continue;
            double m = 0;
            for (int dk = -1; dk <= 1; dk++) for (int di = -1; di <= 1; di++) m += s[(k + dk) * n + i + di];
            double h = s[k * n + i] - m / 9;
            sum += h * h;
            cnt++;
        }
        return Math.sqrt(sum / cnt);
    }

    /** Root-mean-square difference. */
    public static double rmse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }
}
