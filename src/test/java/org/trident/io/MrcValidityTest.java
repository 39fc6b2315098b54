package org.trident.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.Volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** MRC header statistics and labels: NaN-free, MRC2014's "undetermined" flags with NaN voxels, and mrcfile's validate. */
class MrcValidityTest {
    @TempDir
    Path dir;

    static Volume withNaN() {
        float[] d = new float[4 * 3 * 2];
        for (int i = 0; i < d.length; i++) d[i] = i + 0.5f;
        d[3] = Float.NaN;
        return new Volume(4, 3, 2, d, 1.5);
    }

    @Test
    void nanVoxelsMakeStatisticsUndeterminedAndLabelsNameTheQuantity() throws Exception {
        Path f = dir.resolve("v.mrc");
        Mrc.write(f, withNaN(), "fraction-Ni", "Ni atomic fraction");
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(h.getFloat(80) < h.getFloat(76), "dmax < dmin");
        assertTrue(h.getFloat(84) < Math.min(h.getFloat(76), h.getFloat(80)), "dmean below both");
        assertTrue(h.getFloat(216) < 0, "rms < 0");
        assertEquals(2, h.getInt(220));
        String l0 = new String(Files.readAllBytes(f), 224, 80, StandardCharsets.ISO_8859_1).trim();
        String l1 = new String(Files.readAllBytes(f), 304, 80, StandardCharsets.ISO_8859_1).trim();
        assertTrue(l0.matches("Written by Trident \\S+ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"), l0);
        assertEquals("quantity: fraction-Ni; unit: Ni atomic fraction", l1);
        // the values themselves are unchanged
        assertTrue(Float.isNaN(Mrc.readVolume(f).data()[3]));
        assertEquals(4.5f, Mrc.readVolume(f).data()[4]);
    }

    @Test
    void finiteVolumesKeepExactStatistics() throws Exception {
        Path f = dir.resolve("w.mrc");
        float[] d = {1, 2, 3, 4, 5, 6};
        Mrc.write(f, new Volume(3, 2, 1, d, 1));
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, h.getFloat(76));
        assertEquals(6f, h.getFloat(80));
        assertEquals(3.5f, h.getFloat(84), 1e-6);
    }

    @Test
    void mrcfileValidatesWhatTridentWrites() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no system python3");
        Path f = dir.resolve("v.mrc"), g = dir.resolve("w.mrc");
        Mrc.write(f, withNaN(), "fraction-Ni", "Ni atomic fraction");
        Mrc.write(g, new Volume(3, 2, 1, new float[]{1, 2, 3, 4, 5, 6}, 1));
        Process p = new ProcessBuilder(py.toString(), "-c", "import sys, mrcfile; sys.exit(0 if all(mrcfile.validate(a) for a in sys.argv[1:]) else 1)",
                f.toString(), g.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(!out.contains("No module named"), "mrcfile not installed");
        assertEquals(0, p.exitValue(), out);
    }
}
