package org.trident.recon;

import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A uniform disc (value 1, radius R) centred in an odd-sized N × N slice, with exact strip
 * integrals: each detector bin holds the mean over its width of the disc's chord lengths,
 * integrated in closed form (∫ 2√(R² − s²) ds = s√(R² − s²) + R² asin(s/R)), so no projector
 * of ours makes the data. Every detector row is the same slice (a cylinder along y).
 *
 * <p>{@code main(dir)} exports the data for the scikit-image comparison
 * (docs/scripts/skimage_sart_disc.py): {@code sinogram.npy} (tilts × N), {@code angles.npy},
 * {@code truth.npy} (N × N, z rows, x columns).
 */
final class DiscPhantom {
    static final int N = 129;
    static final double R = 40;
    static final double[] ANGLES = AnalyticPhantom.range(-60, 60, 5); // 25 tilts

    private DiscPhantom() {}

    /** Exact strip-integral projections of the disc, {@code rows} identical detector rows. */
    static ImageStack project(int n, int rows, double r, double[] angles) {
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
    static float[] truth(int n, double r) {
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
     * centre, where the truth is exactly uniform. A smooth volume scores 0; a pixel-scale
     * checkerboard of amplitude a scores about a.
     */
    static double texture(float[] s, int n, double r) {
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

    /** Slice row 0 of the volume as N × N (z rows, x columns). */
    static float[] slice(Volume v) {
        float[] s = new float[v.nx() * v.nz()];
        for (int k = 0; k < v.nz(); k++) for (int i = 0; i < v.nx(); i++) s[k * v.nx() + i] = v.get(i, 0, k);
        return s;
    }

    /** SIRT with the defaults (50 iterations, λ 1.9, non-negative) on {@code model}. */
    static float[] sirt(ImageStack p, ProjectorModel model) {
        Reconstructor r = new Reconstructor(p.width(), p.width(), ANGLES, model);
        return slice(r.run(p, 0, p.height(), 1.0, ReconParams.defaults(Algorithm.SIRT), null, 2, Progress.NONE, null).volume());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        ImageStack p = project(N, 1, R, ANGLES);
        float[] sino = new float[ANGLES.length * N];
        for (int t = 0; t < ANGLES.length; t++) System.arraycopy(p.tilt(t), 0, sino, t * N, N);
        Npy.write(dir.resolve("sinogram.npy"), sino, ANGLES.length, N);
        float[] a = new float[ANGLES.length];
        for (int t = 0; t < a.length; t++) a[t] = (float) ANGLES[t];
        Npy.write(dir.resolve("angles.npy"), a, a.length);
        float[] truth = truth(N, R);
        Npy.write(dir.resolve("truth.npy"), truth, N, N);
        for (ProjectorModel m : ProjectorModel.values()) {
            float[] s = sirt(project(N, 2, R, ANGLES), m);
            Npy.write(dir.resolve("sirt50-" + m.label() + ".npy"), s, N, N);
            System.out.printf("%s SIRT 50: texture %.5f, RMSE %.5f%n", m.label(), texture(s, N, R), AnalyticPhantom.rmse(s, truth));
            Reconstructor rc = new Reconstructor(N, N, ANGLES, m);
            for (ReconParams rp : new ReconParams[]{ReconParams.defaults(Algorithm.SART), ReconParams.defaults(Algorithm.SIRT).withIterations(200),
                    ReconParams.defaults(Algorithm.CGLS), ReconParams.defaults(Algorithm.WBP)}) {
                float[] q = slice(rc.run(project(N, 2, R, ANGLES), 0, 2, 1.0, rp, null, 2, Progress.NONE, null).volume());
                System.out.printf("  %s %s %d it: texture %.5f, RMSE %.5f%n", m.label(), rp.algorithm().label(), rp.iterations(), texture(q, N, R), AnalyticPhantom.rmse(q, truth));
            }
        }
    }
}
