package org.trident.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.align.Alignment;
import org.trident.align.Alignments;
import org.trident.align.Interpolation;
import org.trident.formats.Datasets;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IMOD .xf written from an alignment. IMOD's convention (xf2rotmagstr and newstack man pages,
 * bio3d.colorado.edu/imod/doc/man): a line "a11 a12 a21 a22 dx dy" maps (x, y) to
 * x' = a11·x + a12·y + dx, y' = a21·x + a22·y + dy, coordinates about the image centre, from the
 * raw image to the aligned one.
 */
class ImodExportTest {
    static final double ROT = 30;
    static final double[] DX = {4, -2.5, 0}, DY = {-3, 1, 0};

    @Test
    void transformIsTheInverseOfTheContractsSampling() {
        double[][] xf = ImodExport.transforms(new Alignment(ROT, DX, DY));
        double c = Math.sqrt(3) / 2, s = 0.5;
        // A = R(30°)ᵀ, D = −A·d: tilt 0 by hand, tilt 1 computed independently in Python
        assertArrayEquals(new double[]{c, s, -s, c, -(4 * c - 3 * s), -(-4 * s - 3 * c)}, xf[0], 1e-12);
        assertArrayEquals(new double[]{0.8660254037844387, 0.5, -0.5, 0.8660254037844387, 1.6650635094610964, -2.1160254037844384}, xf[1], 1e-12);
        assertArrayEquals(new double[]{c, s, -s, c, 0, 0}, xf[2], 1e-12);
    }

    /** A spot at raw position p, aligned by Trident's own resampler, lands where the .xf sends p. */
    @Test
    void xfMapsARawSpotToWhereTheAlignerPutsIt() {
        int w = 64, h = 64;
        double px = 10.3, py = -7.6;
        float[] raw = new float[w * h];
        for (int row = 0; row < h; row++)
            for (int col = 0; col < w; col++) {
                double x = col - (w - 1) / 2.0 - px, y = row - (h - 1) / 2.0 - py;
                raw[row * w + col] = (float) Math.exp(-(x * x + y * y) / (2 * 1.5 * 1.5));
            }
        Alignment a = new Alignment(ROT, DX, DY);
        float[] aligned = Alignments.image(raw, w, h, a, 0, Interpolation.CUBIC);
        double sw = 0, sx = 0, sy = 0;
        for (int row = 0; row < h; row++)
            for (int col = 0; col < w; col++) {
                double v = aligned[row * w + col];
                if (v < 0.01) continue;
                sw += v;
                sx += v * (col - (w - 1) / 2.0);
                sy += v * (row - (h - 1) / 2.0);
            }
        double[] m = ImodExport.transforms(a)[0];
        double qx = m[0] * px + m[1] * py + m[4], qy = m[2] * px + m[3] * py + m[5];
        assertTrue(Math.hypot(qx - px, qy - py) > 5, "the test transform must move the spot");
        assertEquals(qx, sx / sw, 0.05);
        assertEquals(qy, sy / sw, 0.05);
    }

    @Test
    void writtenXfHoldsTheTransformsAndRefusesAMismatchedSeries(@TempDir Path tmp) throws Exception {
        TiltSeries ts = Datasets.open(Path.of("src/test/resources/fixtures/mrc_with_tlt.mrc")).series();
        assertEquals(3, ts.tilts());
        Alignment a = new Alignment(ROT, DX, DY);
        List<Path> out = ImodExport.write(ts, null, a, tmp, "s", List.of());
        List<String> lines = Files.readAllLines(out.get(2));
        assertEquals(3, lines.size());
        double[][] xf = ImodExport.transforms(a);
        for (int t = 0; t < 3; t++) {
            String[] f = lines.get(t).trim().split("\\s+");
            for (int k = 0; k < 6; k++) assertEquals(xf[t][k], Double.parseDouble(f[k]), k < 4 ? 1e-7 : 1e-3);
        }
        Alignment two = new Alignment(ROT, new double[2], new double[2]);
        assertThrows(TridentException.class, () -> ImodExport.write(ts, null, two, tmp.resolve("x"), "s", List.of()));
    }
}
