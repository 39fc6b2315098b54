package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.io.Mrc;
import org.trident.io.Npy;
import org.trident.model.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trident.contract.Cli.json;
import static org.trident.contract.Cli.lines;
import static org.trident.contract.Cli.ok;
import static org.trident.contract.Cli.refused;
import static org.trident.contract.SimulatedRun.*;

/**
 * Contract section 4 from outside, through the CLI only: help, one-line refusals, the --out rules,
 * untouched inputs, both bundle forms, import, bench and every reconstruction algorithm.
 */
class ContractCommandsTest {
    @BeforeAll
    static void shared() throws Exception {
        SimulatedRun.ensure();
    }

    static final List<String> COMMANDS = List.of("info", "import", "bench", "simulate", "quantify", "align",
            "reconstruct", "analyze", "pipeline", "compare", "gui");

    @Test
    void everyCommandPrintsHelp() {
        for (String c : COMMANDS) {
            Cli.Result r = Cli.run(c, "--help").ok();
            assertTrue(r.out().contains("Usage:") && r.out().contains(c), c + " --help: " + r.out());
            assertTrue(r.err().isBlank(), c + " --help writes nothing on stderr: " + r.err());
        }
        Cli.Result bench = Cli.run("bench", "recon", "--help").ok();
        assertTrue(bench.out().contains("Usage:") && bench.err().isBlank(), bench.err());
        assertTrue(Cli.run("gui", "--help").ok().out().contains("gui"));
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() throws Exception {
        Path missing = dir.resolve("nothing-here");
        Path fresh = dir.resolve("fresh-out");
        refused("info", missing.toString());
        refused("quantify", missing.toString(), "--out", fresh.toString());
        refused("align", missing.toString(), "--out", fresh.toString());
        refused("reconstruct", missing.toString(), "--out", fresh.toString());
        refused("analyze", missing.toString(), "--out", fresh.toString());
        refused("pipeline", missing.toString(), "--out", fresh.toString());
        refused("compare", missing.toString(), "--out", fresh.toString());
        refused("simulate", "--stage", "no-such-stage", "--out", fresh.toString());
        refused("simulate", "--stage", "pristine", "--size", "24", "--angles", "nonsense", "--out", fresh.toString());
        refused("import", missing.toString(), "--out", fresh.toString());
        assertTrue(refused("info", "--no-such-option", bundle.toString()).contains("--no-such-option"));
        refused("quantify", bundle.toString());
        refused("reconstruct", al.toString(), "--out", fresh.toString(), "--iterations", "many");
        refused("reconstruct", al.toString(), "--out", fresh.toString(), "--channel", "NoSuchChannel");
        refused("bench", "no-such-target");
        assertFalse(Files.exists(fresh) && Files.list(fresh).findAny().isPresent(), "a refused command leaves no output");
        Cli.Result v = Cli.run("info", "--verbose", missing.toString());
        assertTrue(v.code() != 0 && v.err().lines().count() > 1, "--verbose adds the stack trace");
    }

    @Test
    void outRefusesNonEmptyFolderWithoutForceAndNeverItsInput() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        refused("quantify", bundle.toString(), "--out", full.toString());
        refused("align", bundle.toString(), "--out", full.toString());
        refused("reconstruct", al.toString(), "--out", full.toString(), "--channel", "HAADF");
        refused("analyze", rec.toString(), "--out", full.toString());
        refused("pipeline", bundle.toString(), "--out", full.toString());
        refused("compare", pipe.toString(), pipeB.toString(), "--out", full.toString());
        refused("simulate", "--stage", "pristine", "--size", "24", "--out", full.toString());
        refused("import", bundle.resolve("HAADF.npy").toString(), "--out", full.toString());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
        assertEquals(List.of(full.resolve("keep.txt")), list(full));
        // an existing empty folder is fine without --force
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ok("reconstruct", al.toString(), "--out", empty.toString(), "--channel", "HAADF", "--algorithm", "wbp");
        assertTrue(Files.exists(empty.resolve("reconstruction.json")));
        // quantify needs spectrum channels
        refused("quantify", pipeB.resolve("aligned").toString(), "--out", dir.resolve("nothing-to-quantify").toString());
        // --force writes into it
        ok("reconstruct", al.toString(), "--out", full.toString(), "--channel", "HAADF", "--algorithm", "wbp", "--force");
        assertTrue(Files.exists(full.resolve("HAADF.mrc")));
        // the input folder itself is never an output, even with --force
        byte[] before = Files.readAllBytes(al.resolve("tiltseries.json"));
        refused("reconstruct", al.toString(), "--out", al.toString(), "--channel", "HAADF", "--force");
        refused("align", al.toString(), "--out", al.toString(), "--force");
        refused("quantify", bundle.toString(), "--out", sim.toString(), "--force");
        refused("analyze", rec.toString(), "--out", rec.toString(), "--force");
        refused("pipeline", bundle.toString(), "--out", sim.toString(), "--force");
        assertArrayEquals(before, Files.readAllBytes(al.resolve("tiltseries.json")));
    }

    @Test
    void everyAlgorithmReconstructsAndBenchReportsRatios() {
        for (String a : List.of("wbp", "art", "sart", "sirt")) {
            Path o = dir.resolve("algo-" + a);
            // the bundle as a folder or as its tiltseries.json, alternately
            String in = a.equals("wbp") || a.equals("sart") ? al.resolve("tiltseries.json").toString() : al.toString();
            ok("reconstruct", in, "--out", o.toString(), "--channel", "HAADF", "--algorithm", a, "--iterations", "2");
            assertEquals(a, json(o.resolve("reconstruction.json")).get("channels").get("HAADF").path("parameters").path("algorithm").asText(a));
            assertEquals(2, Cli.mrc(o.resolve("HAADF.mrc")).mode());
        }
        String out = ok("bench", "recon", "--width", "16", "--tilts", "5", "--slices", "4", "--iterations", "2").out();
        assertTrue(out.contains("GUPS") && out.contains("ratio"), out);
    }

    @Test
    void bundleFolderAndJsonAcceptedAlike() {
        String a = Cli.run("info", "--json", bundle.toString()).ok().out();
        String b = Cli.run("info", "--json", bundle.resolve("tiltseries.json").toString()).ok().out();
        assertEquals(a, b);
        JsonNode info = parse(a);
        assertTrue(info.has("channels"), a);
        assertTrue(a.contains("HAADF") && a.contains("EDS") && a.contains("EELS"));
        String text = Cli.run("info", bundle.toString()).ok().out();
        for (String s : List.of("ADF", "EDS", "EELS", "keV", "eV", "24", "-60", "60"))
            assertTrue(text.contains(s), "info names channels, signals, shapes, angles and energy ranges: " + s + " in\n" + text);
        assertTrue(Cli.run("info", q.toString()).ok().out().contains("EDS:Ni"));
    }

    @Test
    void importTurnsAFolderOfTiltsIntoABundle() throws Exception {
        ImageStack haadf = Npy.readImages(bundle.resolve("HAADF.npy"));
        double[] angles = {-60, -40, -20, 0, 20, 40, 60};
        Path tilts = Files.createDirectories(dir.resolve("tilts"));
        for (int t = 0; t < angles.length; t++)
            Npy.write(tilts.resolve("tilt_" + (int) angles[t] + ".npy"), haadf.tilt(t), haadf.height(), haadf.width());
        Path imp = dir.resolve("imported");
        ok("import", tilts.toString(), "--out", imp.toString(), "--pixel-nm", "4");
        JsonNode ts = json(imp.resolve("tiltseries.json"));
        assertEquals("trident.tiltseries/1", ts.get("format").asText());
        assertEquals(7, ts.get("tiltAnglesDeg").size());
        assertEquals(-60.0, ts.get("tiltAnglesDeg").get(0).asDouble(), 1e-6);
        ImageStack back = readImages(imp.resolve(ts.get("channels").get(0).get("file").asText()));
        for (int t = 0; t < angles.length; t++) assertArrayEquals(haadf.tilt(t), back.tilt(t), "tilt " + t + " unflipped");
        Cli.assertNoLeftovers(imp);
    }

    @Test
    void commandsNeverTouchTheirInput() throws Exception {
        assertEquals(inputHashes, hashes(bundle), "quantify, align and pipeline left the raw bundle byte for byte");
    }

    @Test
    void quantifyWithoutKFactorsSaysItUsesDefaults() throws Exception {
        Path nok = dir.resolve("nok");
        Files.createDirectories(nok);
        ObjectNode root = (ObjectNode) json(bundle.resolve("tiltseries.json"));
        root.remove("quantification");
        var chs = root.withArray("channels");
        for (int i = chs.size() - 1; i >= 0; i--) {
            String n = chs.get(i).get("name").asText();
            if (n.equals("EELS")) chs.remove(i);
            else if (n.equals("EDS")) ((ObjectNode) chs.get(i)).remove("quantification");
        }
        for (JsonNode c : chs) Files.copy(bundle.resolve(c.get("file").asText()), nok.resolve(c.get("file").asText()));
        Files.writeString(nok.resolve("tiltseries.json"), root.toString());
        Path out = dir.resolve("nok-q");
        Cli.Result r = ok("quantify", nok.toString(), "--out", out.toString(), "--threads", "2");
        String said = (r.out() + r.err()).toLowerCase();
        assertTrue(said.contains("default") && said.contains("k-factor"), "says it used default k-factors: " + r.out() + r.err());
        JsonNode k = json(out.resolve("tiltseries.json")).get("quantification").get("kFactors");
        for (String el : List.of("Ni", "Co", "Mn")) assertTrue(k.get(el).asDouble() > 0, "default k-factor for " + el);
    }

    @Test
    void importTakesAnMrcStackWithAnAngleFile() throws Exception {
        ImageStack haadf = Npy.readImages(bundle.resolve("HAADF.npy"));
        Path src = Files.createDirectories(dir.resolve("mrc-src"));
        Mrc.write(src.resolve("series.mrc"), haadf, 4.0);
        Files.writeString(src.resolve("series.tlt"), "-60\n-40\n-20\n0\n20\n40\n60\n");
        Path imp = dir.resolve("mrc-imported");
        ok("import", src.resolve("series.mrc").toString(), "--angles", src.resolve("series.tlt").toString(), "--out", imp.toString());
        JsonNode ts = json(imp.resolve("tiltseries.json"));
        assertEquals(7, ts.get("tiltAnglesDeg").size());
        assertEquals(20.0, ts.get("tiltAnglesDeg").get(4).asDouble(), 1e-6);
        assertEquals(4.0, ts.get("pixelSizeNm").asDouble(), 1e-4, "pixel size from the MRC header");
        ImageStack back = readImages(imp.resolve(ts.get("channels").get(0).get("file").asText()));
        for (int t = 0; t < 7; t++) assertArrayEquals(haadf.tilt(t), back.tilt(t), "tilt " + t + " unflipped");
    }
}
