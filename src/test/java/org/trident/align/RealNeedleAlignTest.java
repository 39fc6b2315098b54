package org.trident.align;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.trident.io.ArrayFiles;
import org.trident.job.Progress;
import org.trident.model.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real needle series (shared data, NIST/etspy): its tilt axis lies along the needle, i.e. at
 * 90° in the contract's convention. Neighbour cross-correlation with that axis must make
 * consecutive tilts more alike than they are raw.
 */
class RealNeedleAlignTest {
    @Test
    void crossCorrelationMakesNeighbouringTiltsMoreAlike() throws Exception {
        Path dir = Path.of("..", "shared", "data", "needle_haadf_tilt_etspy");
        Assumptions.assumeTrue(Files.exists(dir.resolve("haadf_needle_tiltseries_91x64x64_uint16.tif")));
        ImageStack all = ArrayFiles.readImages(dir.resolve("haadf_needle_tiltseries_91x64x64_uint16.tif"));
        List<Double> a = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("tilt_angles_deg.csv"))) if (!l.isBlank() && !l.startsWith("#")) a.add(Double.parseDouble(l.trim()));
        // every second tilt within ±60° keeps the test quick
        List<float[]> im = new ArrayList<>();
        List<Double> ang = new ArrayList<>();
        for (int t = 0; t < a.size(); t += 2) {
            if (Math.abs(a.get(t)) <= 60) {
                im.add(all.tilt(t));
                ang.add(a.get(t));
            }
        }
        ImageStack raw = new ImageStack(all.width(), all.height(), im.toArray(new float[0][]));
        double[] angles = ang.stream().mapToDouble(Double::doubleValue).toArray();
        AlignParams p = AlignParams.defaults().withMethods(List.of(AlignMethod.XCORR)).withRotationSearch(90, 0);
        Alignment start = Alignment.identity(angles.length).withRotation(90);
        Aligner.Result r = Aligner.estimate(raw, angles, p, start, 2, Progress.NONE);
        ImageStack aligned = Alignments.apply(raw, r.alignment(), Interpolation.CUBIC, 2, Progress.NONE);
        ImageStack rotatedOnly = Alignments.apply(raw, start, Interpolation.CUBIC, 2, Progress.NONE);
        double before = meanNeighbourDifference(rotatedOnly), after = meanNeighbourDifference(aligned);
        System.out.printf("needle: neighbour difference %.4f raw, %.4f aligned%n", before, after);
        assertTrue(after < 0.8 * before, "neighbour difference " + before + " -> " + after);
    }

    /**
     * Without a hand-given rotation: the common line alone cannot tell the needle's axis from the
     * perpendicular one, so the rotation step must test both (0° and 90° hypotheses) and keep 90°.
     * Read from the original DM3 stack, as {@code import} would.
     */
    @Test
    void automaticRotationPicksTheHorizontalAxis() {
        Path dm = Path.of("..", "shared", "data", "needle_haadf_tilt_etspy", "HAADF_needle_rebin16.dm3");
        Assumptions.assumeTrue(Files.exists(dm));
        org.trident.model.TiltSeries ts = org.trident.formats.Datasets.open(dm).series();
        // every third tilt within ±60° keeps the test quick
        List<float[]> im = new ArrayList<>();
        List<Double> ang = new ArrayList<>();
        ImageStack all = ts.channels().get(0).images();
        for (int t = 0; t < ts.tilts(); t += 3) {
            if (Math.abs(ts.tiltAnglesDeg()[t]) <= 60) {
                im.add(all.tilt(t));
                ang.add(ts.tiltAnglesDeg()[t]);
            }
        }
        ImageStack raw = new ImageStack(all.width(), all.height(), im.toArray(new float[0][]));
        double[] angles = ang.stream().mapToDouble(Double::doubleValue).toArray();
        AlignParams p = AlignParams.defaults().withMethods(List.of(AlignMethod.ROTATION));
        Aligner.Result r = Aligner.estimate(raw, angles, p, null, 2, Progress.NONE);
        r.notes().forEach(System.out::println);
        double rot = r.alignment().tiltAxisRotationDeg();
        System.out.printf("needle: automatic rotation %.2f°%n", rot);
        // (−90°, 90°]: an axis near 90° may come out as −89.x°
        assertTrue(Math.abs(Math.abs(rot) - 90) < 10, "rotation " + rot + "°, the needle's axis is at 90°");
    }

    /** Mean relative squared difference of consecutive tilts (central region). */
    static double meanNeighbourDifference(ImageStack s) {
        int w = s.width(), h = s.height();
        double sum = 0;
        for (int t = 1; t < s.tilts(); t++) {
            double d = 0, n = 0;
            for (int y = 8; y < h - 8; y++) for (int x = 8; x < w - 8; x++) {
                double u = s.get(t, x, y), v = s.get(t - 1, x, y);
                d += (u - v) * (u - v);
                n += v * v;
            }
            sum += d / n;
        }
        return sum / (s.tilts() - 1);
    }
}
