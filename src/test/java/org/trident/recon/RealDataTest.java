package org.trident.recon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.trident.io.Tiff;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real needle HAADF series (NIST etspy test data, 91 tilts −90°…+90°, 64 × 64, unaligned):
 * the engine runs on it, treats −90° and +90° as the same line (mirrored), and SIRT reduces
 * the residual. Skipped when ../shared/data is absent.
 */
class RealDataTest {
    @Test
    void needleSeriesReconstructs() throws Exception {
        Path dir = Path.of("..", "shared", "data", "needle_haadf_tilt_etspy");
        Path tif = dir.resolve("haadf_needle_tiltseries_91x64x64_uint16.tif");
        Assumptions.assumeTrue(Files.exists(tif), "real data not present");
        ImageStack raw = Tiff.readImages(tif);
        double[] angles = Files.readAllLines(dir.resolve("tilt_angles_deg.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        assertEquals(raw.tilts(), angles.length);
        // the needle's tilt axis runs along x in these images: transpose so it is the y axis
        // (contract section 1), and remove the vacuum level
        int w = raw.height(), h = raw.width();
        float[][] d = new float[raw.tilts()][w * h];
        for (int t = 0; t < raw.tilts(); t++) {
            float min = Float.MAX_VALUE;
            for (float v : raw.tilt(t)) min = Math.min(min, v);
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) d[t][y * w + x] = raw.get(t, y, x) - min;
        }
        ImageStack p = new ImageStack(w, h, d);
        assertEquals(90, AngleWeights.distinct(angles), "−90° and +90° are one line");
        Reconstructor r = new Reconstructor(w, w, angles);
        Reconstructor.Result sirt = r.run(p, 0, h, 18.0, ReconParams.defaults(Algorithm.SIRT).withIterations(20), null, 2, Progress.NONE, null);
        double[] res = sirt.residuals();
        System.out.printf("needle SIRT: relative residual %.3f after 1 iteration, %.3f after 20%n", res[0], res[res.length - 1]);
        assertTrue(res[res.length - 1] < 0.6 * res[0], "SIRT reduces the residual on real data");
        Volume wbp = r.reconstruct(p, 18.0, ReconParams.defaults(Algorithm.WBP), 2, Progress.NONE, null);
        double c = AnalyticPhantom.correlation(wbp.data(), sirt.volume().data());
        System.out.printf("needle: WBP vs SIRT correlation %.3f%n", c);
        assertTrue(c > 0.6, "WBP and SIRT agree on the real object");
        for (float v : sirt.volume().data()) assertTrue(Float.isFinite(v) && v >= 0);
    }
}
