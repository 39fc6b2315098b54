package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.formats.Datasets;
import org.trident.model.TiltSeries;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void alignmentGivesTheRealXfAndVolumesNeedNoAlignment(@TempDir Path tmp) throws Exception {
        Path in = FIX.resolve("mrc_with_tlt.mrc");
        org.trident.align.Alignment a = new org.trident.align.Alignment(12, new double[]{1, 2, 3}, new double[]{-1, 0, 1});
        Path json = tmp.resolve("alignment.json");
        a.write(json);
        Path out = tmp.resolve("imod");
        assertEquals(0, TridentCommand.run("export", in.toString(), "--to", "imod", "--alignment", json.toString(), "--out", out.toString()));
        String stem = Datasets.open(in).series().name();
        List<String> xf = Files.readAllLines(out.resolve(stem + ".xf"));
        double[] want = org.trident.export.ImodExport.transforms(a)[2];
        String[] f = xf.get(2).trim().split("\\s+");
        for (int k = 0; k < 6; k++) assertEquals(want[k], Double.parseDouble(f[k]), 1e-3);
        assertTrue(Files.readString(out.resolve(stem + ".mrc.provenance.json")).contains("alignment.json"));
        assertTrue(TridentCommand.run("export", in.toString(), "--to", "hspy", "--alignment", json.toString(), "--out", tmp.resolve("v").toString()) != 0);
    }

    @Test
    void volumeFolderExportsEveryMrcWithItsQuantity(@TempDir Path tmp) throws Exception {
        Path rec = Files.createDirectories(tmp.resolve("rec"));
        org.trident.model.Volume v = org.trident.model.Volume.zeros(4, 3, 2, 2.0);
        v.set(1, 2, 1, 7.5f);
        org.trident.io.Mrc.write(rec.resolve("fraction-Ni.mrc"), v, "Ni fraction", "none");
        org.trident.io.Mrc.write(rec.resolve("depth-nm.mrc"), v, "depth", "nm");
        for (String to : List.of("hspy", "emd", "imagej")) {
            Path out = tmp.resolve(to);
            assertEquals(0, TridentCommand.run("export", rec.toString(), "--to", to, "--out", out.toString()));
            String ext = to.equals("imagej") ? ".tif" : "." + to;
            for (String stem : List.of("fraction-Ni", "depth-nm")) {
                assertTrue(Files.isRegularFile(out.resolve(stem + ext)), to + ": " + stem);
                assertTrue(Files.isRegularFile(out.resolve(stem + ext + ".provenance.json")), to + ": provenance of " + stem);
            }
        }
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(tmp.resolve("hspy/depth-nm.hspy"))) {
            assertEquals("depth (nm)", ((io.jhdf.api.Group) h.getByPath("Experiments/depth-nm/metadata/Signal")).getAttribute("quantity").getData());
            float[][][] d = (float[][][]) ((io.jhdf.api.Dataset) h.getByPath("Experiments/depth-nm/data")).getData();
            assertEquals(7.5f, d[1][2][1], 0);
        }
    }

    /** The alignment file is an input: --out may not be its folder, directly, with --force, or through a link. */
    @Test
    void imodExportNeverWritesOverTheAlignmentOrTheBundle(@TempDir Path tmp) throws Exception {
        Path in = FIX.resolve("mrc_with_tlt.mrc");
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        TridentCommand.run("import", in.toString(), "--out", bundle.toString());
        Path alDir = Files.createDirectories(tmp.resolve("al"));
        Path json = alDir.resolve("alignment.json");
        new org.trident.align.Alignment(12, new double[]{1, 2, 3}, new double[]{-1, 0, 1}).write(json);
        Path linkToAl = Files.createSymbolicLink(tmp.resolve("out-link"), alDir);
        Path linkToBundle = Files.createSymbolicLink(tmp.resolve("bundle-link"), bundle);
        Path jsonLink = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("elsewhere")).resolve("a.json"), json);
        Map<String, byte[]> before = snapshot(tmp.resolve("al"), bundle);
        for (Path out : List.of(alDir, linkToAl, bundle, linkToBundle, tmp.resolve("elsewhere"))) {
            Path al = out.equals(tmp.resolve("elsewhere")) ? jsonLink : json;
            assertEquals(2, TridentCommand.run("export", bundle.toString(), "--to", "imod", "--alignment", al.toString(),
                    "--out", out.toString(), "--force"), "--out " + out);
        }
        Map<String, byte[]> after = snapshot(tmp.resolve("al"), bundle);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), k);
        // a fresh folder beside them is fine
        assertEquals(0, TridentCommand.run("export", bundle.toString(), "--to", "imod", "--alignment", json.toString(),
                "--out", tmp.resolve("fresh").toString()));
    }

    private static Map<String, byte[]> snapshot(Path... dirs) throws Exception {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        for (Path d : dirs) {
            try (var s = Files.walk(d)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) m.put(p.toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
