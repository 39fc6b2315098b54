package org.trident.recon;

import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The issue-12 disc test case: {@link UniformDisc} (exact strip integrals) with N = 129, R = 40,
 * 25 tilts over ±60°.
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

    static ImageStack project(int n, int rows, double r, double[] angles) {
        return UniformDisc.project(n, rows, r, angles);
    }

    static float[] truth(int n, double r) {
        return UniformDisc.truth(n, r);
    }

    static double texture(float[] s, int n, double r) {
        return UniformDisc.texture(s, n, r);
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

    /**
     * docs/reconstruction-texture.png: the same SIRT-50 slice of the disc under both models, grey
     * window 0.85–1.15 so a few-percent texture shows, each panel scaled 3× with nearest neighbours.
     */
    static void figure(Path file, float[] strip, float[] linear, String[] labels) {
        int z = 3, pad = 12, top = 44, side = N * z;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2 * side + 3 * pad, side + top + pad, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
        float[][] panels = {strip, linear};
        for (int q = 0; q < 2; q++) {
            int x0 = pad + q * (side + pad);
            for (int k = 0; k < N; k++) for (int i = 0; i < N; i++) {
                double v = (panels[q][k * N + i] - 0.85) / 0.3;
                int grey = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int a = 0; a < z; a++) for (int b = 0; b < z; b++) img.setRGB(x0 + i * z + a, top + k * z + b, rgb);
            }
            g.setColor(java.awt.Color.BLACK);
            String[] lines = labels[q].split("\n");
            for (int l = 0; l < lines.length; l++) g.drawString(lines[l], x0, 17 + 16 * l);
        }
        g.dispose();
        org.trident.render.ImageExport.writePng(file, img, 96);
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
        float[][] both = new float[2][];
        String[] labels = new String[2];
        for (ProjectorModel m : ProjectorModel.values()) {
            float[] s = sirt(project(N, 2, R, ANGLES), m);
            both[m.ordinal()] = s;
            labels[m.ordinal()] = String.format(java.util.Locale.ROOT, "%s: SIRT 50, 25 tilts ±60°%ntexture %.4f, RMSE %.4f (grey 0.85–1.15)",
                    m.label(), texture(s, N, R), AnalyticPhantom.rmse(s, truth));
            Npy.write(dir.resolve("sirt50-" + m.label() + ".npy"), s, N, N);
            System.out.printf("%s SIRT 50: texture %.5f, RMSE %.5f%n", m.label(), texture(s, N, R), AnalyticPhantom.rmse(s, truth));
            Reconstructor rc = new Reconstructor(N, N, ANGLES, m);
            for (ReconParams rp : new ReconParams[]{ReconParams.defaults(Algorithm.SART), ReconParams.defaults(Algorithm.SIRT).withIterations(200),
                    ReconParams.defaults(Algorithm.CGLS), ReconParams.defaults(Algorithm.WBP)}) {
                float[] q = slice(rc.run(project(N, 2, R, ANGLES), 0, 2, 1.0, rp, null, 2, Progress.NONE, null).volume());
                System.out.printf("  %s %s %d it: texture %.5f, RMSE %.5f%n", m.label(), rp.algorithm().label(), rp.iterations(), texture(q, N, R), AnalyticPhantom.rmse(q, truth));
            }
        }
        if (args.length > 1) figure(Path.of(args[1]), both[0], both[1], labels);
    }
}
