package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.formats.Datasets;
import org.trident.model.TiltSeries;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code trident export --to imod}: read back by Trident's own readers and, when installed, by mrcfile. */
class ExportCommandTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    @Test
    void imodStackTltAndXfReadBackExactly(@TempDir Path tmp) throws Exception {
        Path in = FIX.resolve("mrc_with_tlt.mrc");
        TiltSeries src = Datasets.open(in).series();
        Path out = tmp.resolve("imod");
        assertEquals(0, TridentCommand.run("export", in.toString(), "--to", "imod", "--out", out.toString()));
        String stem = src.name();
        Path mrc = out.resolve(stem + ".mrc");
        TiltSeries back = Datasets.open(mrc).series(); // angles from the .tlt beside it
        assertArrayEquals(src.tiltAnglesDeg(), back.tiltAnglesDeg(), 1e-9);
        assertEquals(src.pixelSizeNm(), back.pixelSizeNm(), 1e-6);
        for (int t = 0; t < src.tilts(); t++) assertArrayEquals(src.adf().images().tilt(t), back.adf().images().tilt(t), 0);
        List<String> xf = Files.readAllLines(out.resolve(stem + ".xf"));
        assertEquals(src.tilts(), xf.size());
        String[] f = xf.get(0).trim().split("\\s+");
        assertEquals(6, f.length);
        assertEquals(1.0, Double.parseDouble(f[0]), 0);
        assertEquals(0.0, Double.parseDouble(f[4]), 0);
        assertTrue(Files.isRegularFile(out.resolve(stem + ".mrc.provenance.json")));

        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no system python3");
        Process p = new ProcessBuilder(py.toString(), "-c", "import sys, mrcfile; sys.exit(0 if mrcfile.validate(sys.argv[1]) else 1)", mrc.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(!msg.contains("No module named"), "mrcfile not installed");
        assertEquals(0, p.exitValue(), msg);
    }
}
