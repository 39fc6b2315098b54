package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleReader;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.io.Npy;
import org.trident.model.TiltSeries;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = TridentCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[]{Integer.toString(code), err.toString()};
    }

    @Test
    void writesBundleReferencesAndTruthInTheContractLayout() throws Exception {
        Path out = dir.resolve("sim");
        String[] r = run("simulate", "--stage", "cycled-10", "--out", out.toString(), "--size", "16", "--pixel-nm", "12",
                "--angles", "-60,0,30", "--eds-channels", "64", "--eels-channels", "80", "--misalign", "--seed", "4", "--threads", "2");
        assertEquals("0", r[0], r[1]);
        TiltSeries ts = BundleReader.read(out.resolve("bundle"));
        assertEquals(3, ts.tilts());
        assertEquals("cycled-10", ts.label());
        assertEquals(List.of("HAADF", "EDS", "EELS"), ts.channels().stream().map(c -> c.name()).toList());
        assertFalse(ts.extra().has("tiltAxis"), "the bundle records no tilt axis");
        assertEquals("uint16", ts.channel("EDS").spectra().sourceType(), "Poisson counts are stored as uint16");
        assertEquals("uint16", ts.channel("EELS").spectra().sourceType());
        double total = 0;
        for (float v : ts.channel("EDS").spectra().readTilt(1)) total += v;
        assertTrue(total > 0);
        assertEquals(1.16, ts.channel("EDS").extra().path("quantification").path("kFactors").path("Ni").asDouble());
        assertEquals(1.16, ts.extra().path("quantification").path("kFactors").path("Ni").asDouble());
        var refs = Json.readObject(out.resolve("references/references.json"));
        assertEquals("trident.references/1", refs.path("format").asText());
        assertEquals(7, refs.path("references").size());
        for (var e : refs.path("references")) {
            assertEquals(80, Npy.readVector(out.resolve("references").resolve(e.path("file").asText())).length);
        }
        Path truth = out.resolve("truth");
        for (String f : List.of("HAADF", "density-Ni", "density-Co", "density-Mn", "density-O", "mask", "depth-nm",
                "fraction-Ni", "fraction-Co", "fraction-Mn", "valence-Ni", "valence-Co", "valence-Mn", "inhomogeneity")) {
            assertEquals(16, Mrc.readVolume(truth.resolve(f + ".mrc")).nz(), f);
        }
        assertTrue(Files.readString(truth.resolve("depth-profiles.csv")).startsWith("quantity,depth_nm,mean,std,voxels\n"));
        var tj = Json.readObject(truth.resolve("truth.json"));
        assertEquals(3, tj.path("alignment").path("shiftsPx").size());
        assertTrue(tj.path("misalignment").has("jumpsPx"));
        // a non-empty folder is refused without --force
        r = run("simulate", "--stage", "pristine", "--out", out.toString(), "--size", "16");
        assertNotEquals("0", r[0]);
        assertTrue(r[1].contains("not empty"), r[1]);
    }

    @Test
    void theSameSeedWritesTheSameBytesWhateverTheThreads() throws Exception {
        List<Path> outs = List.of(dir.resolve("t1"), dir.resolve("t2"));
        for (int i = 0; i < 2; i++) {
            String[] r = run("simulate", "--stage", "cycled-100", "--out", outs.get(i).toString(), "--size", "16", "--pixel-nm", "12",
                    "--angles", "-50:50:25", "--eds-channels", "64", "--eels-channels", "80", "--misalign", "--seed", "9",
                    "--threads", Integer.toString(i + 1));
            assertEquals("0", r[0], r[1]);
        }
        List<Path> files;
        try (var w = Files.walk(outs.get(0))) {
            files = w.filter(Files::isRegularFile).map(outs.get(0)::relativize).sorted().toList();
        }
        assertTrue(files.size() > 25, files.toString());
        for (Path f : files) {
            assertArrayEquals(withoutMrcLabels(f, Files.readAllBytes(outs.get(0).resolve(f))),
                    withoutMrcLabels(f, Files.readAllBytes(outs.get(1).resolve(f))), f.toString());
        }
    }

    /** MRC labels (bytes 224..1023) carry the wall-clock time of writing, which may tick between the two runs. */
    private static byte[] withoutMrcLabels(Path f, byte[] b) {
        if (f.toString().endsWith(".mrc") && b.length >= 1024) {
            assertTrue(new String(b, 224, 18, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("Written by Trident"), f.toString());
            java.util.Arrays.fill(b, 224, 1024, (byte) 0);
        }
        return b;
    }

    @Test
    void badParametersGiveOneLine() {
        String[][] cases = {
                {"simulate", "--stage", "toasted", "--out", dir.resolve("a").toString()},
                {"simulate", "--stage", "pristine", "--size", "100000", "--out", dir.resolve("b").toString()},
                {"simulate", "--stage", "pristine", "--angles", "1:2", "--out", dir.resolve("c").toString()},
                {"simulate", "--stage", "pristine", "--dose", "-5", "--out", dir.resolve("d").toString()},
                {"simulate", "--stage", "pristine", "--spec", dir.resolve("missing.json").toString(), "--out", dir.resolve("e").toString()},
        };
        for (String[] c : cases) {
            String[] r = run(c);
            assertNotEquals("0", r[0], String.join(" ", c));
            assertEquals(1, r[1].strip().lines().count(), r[1]);
            assertTrue(r[1].startsWith("trident simulate: "), r[1]);
        }
        assertFalse(Files.exists(dir.resolve("a")), "nothing is written for bad input");
    }

    @Test
    void aUserSpecIsSimulated() throws Exception {
        Path spec = dir.resolve("p.json");
        String[] r = run("simulate", "--stage", "cycled-100", "--size", "16", "--pixel-nm", "12", "--print-spec");
        assertEquals("0", r[0], r[1]);
        Files.writeString(spec, """
                {"format": "trident.particle/1", "name": "my particle", "stage": "custom",
                 "shape": {"type": "ellipsoid", "semiAxesNm": [50, 40, 30]},
                 "bulk": {"fractions": {"Ni": 0.6, "Co": 0.2, "Mn": 0.2}, "valences": {"Ni": 2.5, "Co": 3, "Mn": 4}},
                 "surface": {"fractions": {"Ni": 0.6, "Co": 0.2, "Mn": 0.2}, "valences": {"Ni": 2, "Co": 2, "Mn": 2}},
                 "surfaceDepthNm": 10, "surfaceWidthNm": 2}
                """);
        Path out = dir.resolve("u");
        r = run("simulate", "--spec", spec.toString(), "--out", out.toString(), "--size", "16", "--pixel-nm", "8",
                "--angles", "0", "--no-eds", "--no-eels");
        assertEquals("0", r[0], r[1]);
        var fr = Mrc.readVolume(out.resolve("truth/fraction-Ni.mrc"));
        assertEquals(0.6, fr.get(8, 8, 8), 1e-5);
        assertFalse(Files.exists(out.resolve("references")));
        Files.writeString(spec, """
                {"shape": {"type": "ellipsoid", "semiAxesNm": [40, 40, 40]},
                 "bulk": {"fractions": {"Ni": 0.8, "Co": 0.1, "Mn": 0.1}, "valences": {"Ni": 2, "Co": 3, "Mn": 4}},
                 "surfaceWidthNm": 1}
                """);
        r = run("simulate", "--spec", spec.toString(), "--out", dir.resolve("u2").toString(), "--size", "12", "--pixel-nm", "10",
                "--angles", "0", "--no-eds", "--no-eels");
        assertEquals("0", r[0], r[1]);
        assertEquals(0.8, Mrc.readVolume(dir.resolve("u2/truth/fraction-Ni.mrc")).get(6, 6, 6), 1e-5, "no surface layer: uniform");
        Files.writeString(spec, "{\"format\": \"trident.particle/2\"}");
        r = run("simulate", "--spec", spec.toString(), "--out", dir.resolve("w").toString());
        assertTrue(r[1].contains("newer"), r[1]);
        Files.writeString(spec, "{\"shape\": {\"type\": \"cube\"}}");
        r = run("simulate", "--spec", spec.toString(), "--out", dir.resolve("v").toString());
        assertNotEquals("0", r[0]);
        assertTrue(r[1].contains("p.json") && r[1].contains("shape.type"), r[1]);
    }
}
