package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.BundleWriter;
import org.trident.io.Mrc;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A tiny pipeline-like output for GUI tests: a bundle (HAADF + a small EDS spectrum channel),
 * volumes of a ball whose centre is shifted by {@code shiftVox} along x, derived fractions and a
 * depth-profiles.csv, laid out as {@code pipeline} writes them.
 */
final class TinyData {
    static final int N = 16;
    static final double VOXEL_NM = 4.0;

    private TinyData() {}

    static Path pipeline(Path dir, String stage, int shiftVox, double niBulk) throws IOException {
        Files.createDirectories(dir);
        double[] angles = {-60, -30, 0, 30, 60};
        int tilts = angles.length;
        // HAADF tilts are the exact projections (contract section 1) of a ball of value 100, radius 5 voxels
        float[][] haadf = new float[tilts][N * N];
        for (int t = 0; t < tilts; t++) {
            double u0 = shiftVox * Math.cos(Math.toRadians(angles[t]));
            for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
                double r2 = Math.pow(x - 7.5 - u0, 2) + Math.pow(y - 7.5, 2);
                haadf[t][y * N + x] = (float) (r2 < 25 ? 100 * 2 * Math.sqrt(25 - r2) : 0);
            }
        }
        int ch = 32;
        float[][] eds = new float[tilts][N * N * ch];
        for (int t = 0; t < tilts; t++) for (int p = 0; p < N * N; p++) for (int e = 0; e < ch; e++) eds[t][p * ch + e] = e == 20 ? 5 : 1;
        Channel h = Channel.image("HAADF", Signal.ADF, new ImageStack(N, N, haadf));
        Channel s = Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(N, N, ch, eds), new EnergyAxis(0, 0.5, "keV"));
        ObjectNode extra = org.trident.io.Json.object();
        extra.putObject("sample").put("material", "NCM111").put("stage", stage);
        TiltSeries ts = new TiltSeries("tiny " + stage, VOXEL_NM, angles, List.of(h, s), extra);
        BundleWriter.write(ts, dir.resolve("aligned"));
        Volume ball = Volume.zeros(N, N, N, VOXEL_NM), mask = Volume.zeros(N, N, N, VOXEL_NM);
        Volume ni = Volume.zeros(N, N, N, VOXEL_NM), co = Volume.zeros(N, N, N, VOXEL_NM), mn = Volume.zeros(N, N, N, VOXEL_NM);
        for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) {
            double r = Math.sqrt(Math.pow(i - 7.5 - shiftVox, 2) + Math.pow(j - 7.5, 2) + Math.pow(k - 7.5, 2));
            boolean in = r < 5;
            ball.set(i, j, k, in ? 100 : 0);
            mask.set(i, j, k, in ? 1 : 0);
            float f = in ? (float) (niBulk - 0.02 * (5 - r)) : Float.NaN;
            ni.set(i, j, k, f);
            co.set(i, j, k, in ? 1f / 3 : Float.NaN);
            mn.set(i, j, k, in ? (float) (1 - 1.0 / 3 - f) : Float.NaN);
        }
        Mrc.write(dir.resolve("volumes/HAADF.mrc"), ball);
        Mrc.write(dir.resolve("analysis/mask.mrc"), mask);
        Mrc.write(dir.resolve("analysis/fraction-Ni.mrc"), ni);
        Mrc.write(dir.resolve("analysis/fraction-Co.mrc"), co);
        Mrc.write(dir.resolve("analysis/fraction-Mn.mrc"), mn);
        StringBuilder csv = new StringBuilder("quantity,depth_nm,mean,std,voxels\n");
        for (int k = 0; k < 5; k++) csv.append(String.format(Locale.ROOT, "fraction-Ni,%.1f,%.4f,%.4f,%d%n", 2 + 4.0 * k, niBulk - 0.02 * (5 - k), 0.01, 10 + k));
        Files.writeString(dir.resolve("analysis/depth-profiles.csv"), csv);
        return dir;
    }
}
