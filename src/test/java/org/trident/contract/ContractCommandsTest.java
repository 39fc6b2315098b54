package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Mrc;
import org.trident.io.Npy;
import org.trident.model.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trident.contract.Cli.json;
import static org.trident.contract.Cli.lines;
import static org.trident.contract.Cli.ok;
import static org.trident.contract.Cli.refused;

/**
 * Contract sections 2, 4, 5, 6 and 7 checked from outside, through the CLI only, on one tiny
 * simulated series (24³ voxels, 7 tilts) run once through quantify, align, reconstruct and pipeline.
 */
class ContractCommandsTest {
    @TempDir
    static Path dir;
    static Path sim, bundle, q, al, rec, pipe, pipeB;
    static Map<Path, String> inputHashes;

    @BeforeAll
    static void simulateAndRun() throws Exception {
        sim = dir.resolve("sim");
        ok("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "24", "--angles", "-60:60:20",
                "--seed", "3", "--misalign", "--threads", "2");
        bundle = sim.resolve("bundle");
        // unknown fields, top level and per channel, must survive every rewrite
        ObjectNode root = (ObjectNode) json(bundle.resolve("tiltseries.json"));
        root.putObject("labNotebook").put("page", 42);
        ((ObjectNode) root.get("sample")).put("operator", "Ada");
        ((ObjectNode) root.get("acquisition")).put("holder", "single-tilt tomography");
        for (JsonNode c : root.get("channels")) ((ObjectNode) c).put("detectorSerial", "X-" + c.get("name").asText());
        Files.writeString(bundle.resolve("tiltseries.json"), Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        inputHashes = hashes(bundle);
        String refs = sim.resolve("references/references.json").toString();
        q = dir.resolve("q");
        ok("quantify", bundle.toString(), "--out", q.toString(), "--references", refs, "--threads", "2");
        al = dir.resolve("al");
        ok("align", q.resolve("tiltseries.json").toString(), "--out", al.toString(), "--threads", "2");
        rec = dir.resolve("rec");
        ok("reconstruct", al.toString(), "--out", rec.toString(), "--half-sets", "--iterations", "10",
                "--channel", "HAADF", "--channel", "EDS:Ni", "--channel", "EDS:Co", "--channel", "EDS:Mn",
                "--channel", "EELS:Mn-Mn2+", "--channel", "EELS:Mn-Mn3+", "--channel", "EELS:Mn-Mn4+", "--threads", "2");
        pipe = dir.resolve("pipe");
        ok("pipeline", bundle.resolve("tiltseries.json").toString(), "--references", refs, "--out", pipe.toString(), "--threads", "2");
        Path simB = dir.resolve("simB");
        ok("simulate", "--stage", "pristine", "--out", simB.toString(), "--size", "24", "--angles", "-60:60:30",
                "--no-eds", "--no-eels", "--threads", "2");
        // no sample.stage: compare must label this dataset by its name
        ObjectNode b = (ObjectNode) json(simB.resolve("bundle/tiltseries.json"));
        b.remove("sample");
        b.put("name", "unstaged particle");
        Files.writeString(simB.resolve("bundle/tiltseries.json"), b.toString());
        pipeB = dir.resolve("pipeB");
        ok("pipeline", simB.resolve("bundle").toString(), "--out", pipeB.toString(), "--threads", "2");
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
            ok("reconstruct", al.toString(), "--out", o.toString(), "--channel", "HAADF", "--algorithm", a, "--iterations", "2");
            assertEquals(a, json(o.resolve("reconstruction.json")).get("channels").get("HAADF").path("parameters").path("algorithm").asText(a));
            assertEquals(2, Cli.mrc(o.resolve("HAADF.mrc")).mode());
        }
        String out = ok("bench", "recon", "--width", "16", "--tilts", "5", "--slices", "4", "--iterations", "2").out();
        assertTrue(out.contains("GUPS") && out.contains("ratio"), out);
    }

    @Test
    void simulateWritesBundleReferencesAndTruth() {
        JsonNode ts = json(bundle.resolve("tiltseries.json"));
        assertEquals("trident.tiltseries/1", ts.get("format").asText());
        assertFalse(ts.has("tiltAxis"), "the raw bundle records no tiltAxis");
        assertEquals(7, ts.get("tiltAnglesDeg").size());
        assertEquals(4.0, ts.get("pixelSizeNm").asDouble());
        JsonNode refs = json(sim.resolve("references/references.json"));
        assertEquals("trident.references/1", refs.get("format").asText());
        assertTrue(refs.get("references").size() >= 2);
        for (JsonNode r : refs.get("references")) {
            assertTrue(r.has("name") && r.has("element") && r.has("valence"), r.toString());
            assertTrue(Files.exists(sim.resolve("references").resolve(r.get("file").asText())), r.toString());
        }
        Path truth = sim.resolve("truth");
        for (String f : List.of("HAADF.mrc", "mask.mrc", "depth-nm.mrc", "depth-profiles.csv", "truth.json"))
            assertTrue(Files.exists(truth.resolve(f)), f);
        for (String el : List.of("Ni", "Co", "Mn")) {
            for (String v : List.of("density-", "fraction-", "valence-")) {
                Path p = truth.resolve(v + el + ".mrc");
                assertTrue(Files.exists(p), p.toString());
                Cli.MrcInfo m = Cli.mrc(p);
                assertEquals(List.of(24, 24, 24, 2), List.of(m.nx(), m.ny(), m.nz(), m.mode()), p.toString());
                assertEquals(40.0, m.voxelAngstrom(), 1e-3, p + ": voxel size in Å");
            }
        }
        assertTrue(lines(truth.resolve("depth-profiles.csv")).get(0).startsWith("quantity,depth_nm,mean,std,voxels"));
        JsonNode a = json(truth.resolve("truth.json")).get("alignment");
        assertEquals("trident.alignment/1", a.get("format").asText());
        assertTrue(a.get("tiltAxisRotationDeg").isNumber());
        assertEquals(7, a.get("shiftsPx").size());
        for (JsonNode s : a.get("shiftsPx")) assertEquals(2, s.size());
        Cli.assertNoLeftovers(sim);
    }

    @Test
    void simulateDefaultsAreDocumentedInHelp() {
        String help = Cli.run("simulate", "--help").ok().out().replaceAll("\\s+", " ");
        assertTrue(help.contains("default 64"), help);
        assertTrue(help.contains("default 4.0"), help);
        assertTrue(help.contains("default -70:70:5"), help);
        assertTrue(help.contains("default low"), help);
        for (String o : List.of("--stage", "--out", "--size", "--pixel-nm", "--angles", "--seed", "--misalign", "--dose"))
            assertTrue(help.contains(o), o);
    }

    @Test
    void quantifyCopiesImagesAndNamesMapsPerSection5() {
        ImageStack in = Npy.readImages(bundle.resolve("HAADF.npy"));
        JsonNode ts = json(q.resolve("tiltseries.json"));
        JsonNode haadf = channel(ts, "HAADF");
        ImageStack out = readImages(q.resolve(haadf.get("file").asText()));
        for (int t = 0; t < in.tilts(); t++) assertArrayEquals(in.tilt(t), out.tilt(t), "HAADF tilt " + t + " bit-identical");
        assertTrue(Files.exists(q.resolve("quantification.json")));
        Set<String> names = new HashSet<>();
        for (JsonNode c : ts.get("channels")) {
            String n = c.get("name").asText();
            names.add(n);
            if (n.equals("HAADF")) continue;
            assertEquals("map", c.get("signal").asText(), n);
            assertEquals("image", c.get("kind").asText(), n);
            assertTrue(c.hasNonNull("derivedFrom") && c.hasNonNull("element"), n + " records derivedFrom and element");
            assertTrue(n.matches("(EDS:[A-Z][a-z]?|EELS:O-K|EELS:(Mn|Co|Ni)-(L3|L2|L23|L3E)|EELS:[A-Z][a-z]?-.+)"), n);
            if (n.startsWith("EDS:")) assertEquals(n.substring(4), c.get("element").asText());
        }
        for (String n : List.of("EDS:Ni", "EDS:Co", "EDS:Mn", "EDS:O", "EELS:O-K", "EELS:Mn-L3", "EELS:Mn-L2", "EELS:Mn-L23",
                "EELS:Mn-L3E", "EELS:Co-L3", "EELS:Ni-L3", "EELS:Mn-Mn2+", "EELS:Mn-Mn4+"))
            assertTrue(names.contains(n), "channel " + n + " in " + names);
        JsonNode refs = json(sim.resolve("references/references.json")).get("references");
        for (JsonNode r : refs) {
            JsonNode c = channel(ts, "EELS:" + r.get("element").asText() + "-" + r.get("name").asText());
            assertEquals(r.get("element").asText(), c.get("reference").get("element").asText());
            assertEquals(r.get("valence").asDouble(), c.get("reference").get("valence").asDouble());
        }
        JsonNode qn = ts.get("quantification");
        assertTrue(qn.get("kFactors").has("Ni"), qn.toString());
        assertEquals(Set.of("Ni", "Co", "Mn"), texts(qn.get("transitionMetals")));
        assertTrue(qn.has("calibration"), "top-level calibration");
        assertEquals(refs.size(), qn.get("references").size());
        for (JsonNode r : qn.get("references"))
            assertTrue(r.has("name") && r.has("element") && r.has("valence") && r.get("scale").isNumber(), r.toString());
        Cli.assertNoLeftovers(q);
    }

    @Test
    void unknownFieldsSurviveQuantifyAndAlign() {
        for (Path p : List.of(q, al, pipe.resolve("quantified"), pipe.resolve("aligned"))) {
            JsonNode ts = json(p.resolve("tiltseries.json"));
            assertEquals(42, ts.path("labNotebook").path("page").asInt(), p + ": top-level unknown field kept");
            assertEquals("X-HAADF", channel(ts, "HAADF").path("detectorSerial").asText(), p + ": per-channel unknown field kept");
            assertEquals("Ada", ts.path("sample").path("operator").asText(), p + ": unknown field inside sample kept");
            assertEquals("single-tilt tomography", ts.path("acquisition").path("holder").asText(), p + ": unknown field inside acquisition kept");
        }
    }

    @Test
    void alignWritesAlignedBundleAlignmentAndReport() {
        JsonNode in = json(q.resolve("tiltseries.json")), out = json(al.resolve("tiltseries.json"));
        assertEquals(texts(in.get("channels"), "name"), texts(out.get("channels"), "name"), "all channels aligned");
        for (JsonNode c : out.get("channels")) assertTrue(Files.exists(al.resolve(c.get("file").asText())), c.toString());
        JsonNode a = json(al.resolve("alignment.json"));
        assertEquals("trident.alignment/1", a.get("format").asText());
        double r = a.get("tiltAxisRotationDeg").asDouble();
        assertTrue(r > -90 && r <= 90, "rotation in (-90, 90]: " + r);
        assertEquals(7, a.get("shiftsPx").size(), "one pair per tilt");
        for (JsonNode s : a.get("shiftsPx")) assertTrue(s.size() == 2 && s.get(0).isNumber() && s.get(1).isNumber());
        List<String> report = lines(al.resolve("alignment-report.csv"));
        assertEquals(8, report.size(), "a header and one row per tilt");
        Cli.assertNoLeftovers(al);
    }

    @Test
    void alignKeepsSpectrumChannels() {
        Path out = dir.resolve("al-raw");
        ok("align", bundle.toString(), "--out", out.toString(), "--threads", "2");
        JsonNode in = json(bundle.resolve("tiltseries.json")), ts = json(out.resolve("tiltseries.json"));
        assertEquals(texts(in.get("channels"), "name"), texts(ts.get("channels"), "name"), "every channel, spectra included");
        JsonNode info = parse(ok("info", "--json", out.toString()).out());
        JsonNode before = parse(ok("info", "--json", bundle.toString()).out());
        for (int c = 0; c < info.get("channels").size(); c++) {
            assertEquals(before.get("channels").get(c).get("kind"), info.get("channels").get(c).get("kind"));
            assertEquals(before.get("channels").get(c).get("shape"), info.get("channels").get(c).get("shape"));
        }
        assertEquals(in.get("channels").get(1).get("energyAxis"), channel(ts, "EDS").get("energyAxis"));
        Cli.assertNoLeftovers(out);
    }

    @Test
    void reconstructWritesOneMrcPerChannelAndItsRecord() {
        JsonNode rj = json(rec.resolve("reconstruction.json"));
        JsonNode chs = rj.get("channels");
        assertEquals(7, chs.size());
        assertEquals("EDS_Ni.mrc", chs.get("EDS:Ni").get("file").asText());
        assertEquals("EELS_Mn-Mn2+.mrc", chs.get("EELS:Mn-Mn2+").get("file").asText());
        for (var it = chs.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode c = e.getValue();
            String file = c.get("file").asText();
            assertEquals(e.getKey().replaceAll("[^A-Za-z0-9._+-]", "_") + ".mrc", file);
            assertTrue(c.has("signal") && c.has("element") && c.has("reference"), e.getKey() + ": " + c);
            Cli.MrcInfo m = Cli.mrc(rec.resolve(file));
            assertEquals(List.of(24, 24, 24, 2), List.of(m.nx(), m.ny(), m.nz(), m.mode()), file);
            assertEquals(40.0, m.voxelAngstrom(), 1e-3, file + ": voxel size in Å");
        }
        assertEquals("Ni", chs.get("EDS:Ni").get("element").asText());
        assertEquals("Mn", chs.get("EELS:Mn-Mn4+").get("reference").get("element").asText());
        assertEquals(4.0, chs.get("EELS:Mn-Mn4+").get("reference").get("valence").asDouble());
        assertTrue(rj.has("parameters"));
        assertEquals(json(al.resolve("tiltseries.json")).get("quantification"), rj.get("quantification"), "quantification copied");
        JsonNode hs = rj.get("halfSets");
        assertTrue(hs != null && !hs.isEmpty(), "halfSets listed");
        // every channel from the odd and from the even tilts: two more volumes per channel, all present
        List<String> halfFiles = new ArrayList<>();
        hs.findValues("file").forEach(f -> halfFiles.add(f.asText()));
        collectMrcNames(hs, halfFiles);
        for (var it = chs.fieldNames(); it.hasNext(); ) {
            String stem = it.next().replaceAll("[^A-Za-z0-9._+-]", "_");
            long n = halfFiles.stream().distinct().filter(f -> f.startsWith(stem + ".") || f.startsWith(stem + "_")).filter(f -> !f.equals(stem + ".mrc")).count();
            assertTrue(n >= 2, stem + " has two half-set volumes in " + hs);
        }
        for (String f : halfFiles) {
            Cli.MrcInfo m = Cli.mrc(rec.resolve(f));
            assertEquals(List.of(24, 24, 24, 2), List.of(m.nx(), m.ny(), m.nz(), m.mode()), f);
        }
        Cli.assertNoLeftovers(rec);
    }

    @Test
    void reconstructThicknessAndSpectrumRefusal() {
        Path thin = dir.resolve("thin");
        ok("reconstruct", al.toString(), "--out", thin.toString(), "--channel", "HAADF", "--algorithm", "wbp", "--thickness", "10");
        Cli.MrcInfo m = Cli.mrc(thin.resolve("HAADF.mrc"));
        assertEquals(List.of(24, 24, 10), List.of(m.nx(), m.ny(), m.nz()));
        String line = refused("reconstruct", bundle.toString(), "--out", dir.resolve("spec").toString(), "--channel", "EDS");
        assertTrue(line.contains("quantify"), "points to quantify: " + line);
    }

    @Test
    void pipelineWritesEveryStage() {
        for (String d : List.of("quantified", "aligned", "volumes", "analysis"))
            assertTrue(Files.isDirectory(pipe.resolve(d)), d);
        assertTrue(Files.exists(pipe.resolve("provenance.json")));
        assertTrue(Files.exists(pipe.resolve("quantified/quantification.json")));
        assertTrue(Files.exists(pipe.resolve("volumes/reconstruction.json")));
        List<String> summary = lines(pipe.resolve("analysis/summary.csv"));
        for (String r : summary.subList(1, summary.size())) {
            String[] c = r.split(",");
            assertEquals(10.0, Double.parseDouble(c[3]), "default surface depth: " + r);
            assertEquals(40.0, Double.parseDouble(c[4]), "default bulk depth: " + r);
        }
        assertFalse(Files.exists(pipeB.resolve("quantified")), "no spectrum channels: quantify skipped");
        for (String d : List.of("aligned", "volumes", "analysis")) assertTrue(Files.isDirectory(pipeB.resolve(d)), d);
        assertTrue(Files.exists(pipeB.resolve("provenance.json")));
        Cli.assertNoLeftovers(pipe);
        Cli.assertNoLeftovers(pipeB);
    }

    @Test
    void analyzeWritesDerivedVolumesAndTables() {
        Path an = pipe.resolve("analysis");
        for (String v : List.of("mask", "depth-nm", "fraction-Ni", "fraction-Co", "fraction-Mn", "valence-Mn", "inhomogeneity")) {
            Cli.MrcInfo m = Cli.mrc(an.resolve(v + ".mrc"));
            assertEquals(List.of(24, 24, 24, 2), List.of(m.nx(), m.ny(), m.nz(), m.mode()), v);
        }
        assertTrue(lines(an.resolve("depth-profiles.csv")).get(0).startsWith("quantity,depth_nm,mean,std,voxels"));
        assertTrue(List.of(lines(an.resolve("depth-profiles-by-particle.csv")).get(0).split(",")).contains("particle"));
        assertTrue(lines(an.resolve("summary.csv")).get(0).startsWith("quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm"));
        Set<String> quantities = new HashSet<>();
        for (String l : lines(an.resolve("depth-profiles.csv")).subList(1, lines(an.resolve("depth-profiles.csv")).size()))
            quantities.add(l.split(",")[0]);
        assertTrue(quantities.containsAll(List.of("fraction-Ni", "fraction-Co", "fraction-Mn", "valence-Mn", "valence-Co",
                "valence-Ni", "inhomogeneity")), quantities.toString());
    }

    @Test
    void truthAndAnalysisFollowSection6OnRealisticMasks() {
        // simulate's truth (section 7: computed as in section 6) and analyze's output on a reconstructed particle
        checkDerived(sim.resolve("truth"), false);
        checkDerived(pipe.resolve("analysis"), true);
    }

    static void checkDerived(Path d, boolean withInhomogeneity) {
        Cli.MrcInfo m = Cli.mrc(d.resolve("mask.mrc"));
        int nx = m.nx(), ny = m.ny(), nz = m.nz();
        double w = m.voxelAngstrom() / 10;
        float[] maskF = Cli.mrcFloats(d.resolve("mask.mrc")), depth = Cli.mrcFloats(d.resolve("depth-nm.mrc"));
        float[] frac = Cli.mrcFloats(d.resolve("fraction-Ni.mrc"));
        boolean[] mask = new boolean[maskF.length];
        for (int x = 0; x < mask.length; x++) mask[x] = maskF[x] > 0;
        double[] expected = Definitions.depth(mask, nx, ny, nz, w);
        for (int x = 0; x < mask.length; x++) {
            if (!mask[x]) {
                assertTrue(Float.isNaN(depth[x]) && Float.isNaN(frac[x]), d + ": NaN outside the mask at voxel " + x);
            } else {
                assertEquals(expected[x], depth[x], 1e-3, d + ": depth-nm at voxel " + x);
            }
        }
        Map<Double, double[]> shells = Definitions.shells(frac, depth, w);
        List<String> rows = lines(d.resolve("depth-profiles.csv"));
        int seen = 0;
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            if (!c[0].equals("fraction-Ni")) continue;
            double[] e = shells.get(Double.parseDouble(c[1]));
            assertTrue(e != null, d + ": unexpected shell centre in " + r);
            assertEquals(e[0], Double.parseDouble(c[2]), 1e-5 * Math.max(1, Math.abs(e[0])), d + ": mean in " + r);
            assertEquals(e[1], Double.parseDouble(c[3]), 1e-5 * Math.max(1, e[1]), d + ": population std in " + r);
            assertEquals((int) e[2], Integer.parseInt(c[4]), d + ": finite voxels in " + r);
            seen++;
        }
        assertEquals(shells.size(), seen, d + ": one row per non-empty shell");
        if (!withInhomogeneity) return;
        float[] h = Cli.mrcFloats(d.resolve("inhomogeneity.mrc"));
        int finite = 0;
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            int x = (k * ny + j) * nx + i;
            if (!mask[x]) continue;
            double e = Definitions.inhomogeneity(frac, mask, nx, ny, nz, i, j, k);
            if (Double.isNaN(e)) assertTrue(Float.isNaN(h[x]), d + ": inhomogeneity NaN at " + i + "," + j + "," + k + ", got " + h[x]);
            else assertEquals(e, h[x], 1e-4 * Math.max(1, Math.abs(e)), d + ": inhomogeneity at " + i + "," + j + "," + k);
            if (!Double.isNaN(e)) finite++;
        }
        assertTrue(finite > 100, d + ": inhomogeneity defined inside the particle");
    }

    @Test
    void compareAddsDatasetColumnAndFigures() throws Exception {
        Path cmp = dir.resolve("cmp");
        ok("compare", pipe.toString(), pipeB.toString(), "--out", cmp.toString());
        List<String> summary = lines(cmp.resolve("summary.csv"));
        assertTrue(summary.get(0).startsWith("dataset,quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm"), summary.get(0));
        List<String> prof = lines(cmp.resolve("depth-profiles.csv"));
        assertTrue(prof.get(0).startsWith("dataset,quantity,depth_nm,mean,std,voxels"), prof.get(0));
        Set<String> datasets = new HashSet<>();
        for (String l : summary.subList(1, summary.size())) datasets.add(l.split(",")[0]);
        assertEquals(Set.of("cycled-100", "unstaged particle"), datasets, "dataset = sample.stage, else the bundle's name");
        List<Path> files = list(cmp);
        assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".png")), files.toString());
        assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".svg")), files.toString());
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 8);
                assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, head, f + " is a PNG");
            } else if (f.toString().endsWith(".svg")) {
                String svg = Files.readString(f);
                assertTrue(svg.contains("<svg") && svg.strip().endsWith("</svg>"), f + " is a whole SVG");
            }
        }
        Cli.assertNoLeftovers(cmp);
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
    void msaReferencesWorkLikeNpyOnes() throws Exception {
        Path eels = Files.createDirectories(dir.resolve("eels-only"));
        ObjectNode root = (ObjectNode) json(bundle.resolve("tiltseries.json"));
        var chs = root.withArray("channels");
        for (int i = chs.size() - 1; i >= 0; i--) if (chs.get(i).get("name").asText().equals("EDS")) chs.remove(i);
        for (JsonNode c : chs) Files.copy(bundle.resolve(c.get("file").asText()), eels.resolve(c.get("file").asText()));
        Files.writeString(eels.resolve("tiltseries.json"), root.toString());
        Path refDir = sim.resolve("references"), msaDir = Files.createDirectories(dir.resolve("msa-refs"));
        ObjectNode refs = (ObjectNode) json(refDir.resolve("references.json"));
        double offset = refs.get("energyAxis").get("offset").asDouble(), scale = refs.get("energyAxis").get("scale").asDouble();
        for (JsonNode r : refs.get("references")) {
            float[] y = Npy.readVector(refDir.resolve(r.get("file").asText()));
            StringBuilder b = new StringBuilder("#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n#TITLE       : "
                    + r.get("name").asText() + "\n#NPOINTS     : " + y.length + "\n#NCOLUMNS    : 1\n#XUNITS      : eV\n#YUNITS      : counts\n"
                    + "#DATATYPE    : XY\n#XPERCHAN    : " + scale + "\n#OFFSET      : " + offset + "\n#SPECTRUM    :\n");
            for (int c = 0; c < y.length; c++) b.append(offset + c * scale).append(", ").append(y[c]).append('\n');
            b.append("#ENDOFDATA   :\n");
            String name = r.get("file").asText().replace(".npy", ".msa");
            Files.writeString(msaDir.resolve(name), b.toString());
            ((ObjectNode) r).put("file", name);
        }
        Files.writeString(msaDir.resolve("references.json"), refs.toString());
        Path out = dir.resolve("msa-q");
        ok("quantify", eels.toString(), "--out", out.toString(), "--references", msaDir.resolve("references.json").toString(), "--threads", "2");
        JsonNode a = json(q.resolve("tiltseries.json")), b = json(out.resolve("tiltseries.json"));
        for (String n : List.of("EELS:Mn-Mn2+", "EELS:Ni-Ni3+")) {
            float[] x = readImages(q.resolve(channel(a, n).get("file").asText())).tilt(3);
            float[] z = readImages(out.resolve(channel(b, n).get("file").asText())).tilt(3);
            double max = 0, diff = 0;
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i]));
                diff = Math.max(diff, Math.abs(x[i] - z[i]));
            }
            assertTrue(diff <= 1e-3 * max, n + ": MSA references give the NPY result, max difference " + diff + " of " + max);
        }
    }

    @Test
    void quantifiedMapsAreNotClippedAtZero() {
        // low dose: unconstrained least squares must leave some negative net counts (section 5)
        for (String el : List.of("Ni", "Co", "Mn")) {
            ImageStack m = readImages(q.resolve(channel(json(q.resolve("tiltseries.json")), "EDS:" + el).get("file").asText()));
            float min = Float.MAX_VALUE;
            for (int t = 0; t < m.tilts(); t++) for (float v : m.tilt(t)) min = Math.min(min, v);
            assertTrue(min < 0, "EDS:" + el + " has no negative pixel: clipped at zero?");
        }
    }

    static Map<Path, String> hashes(Path d) throws Exception {
        Map<Path, String> h = new TreeMap<>();
        for (Path p : list(d)) {
            if (Files.isRegularFile(p)) h.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
        return h;
    }

    static void collectMrcNames(JsonNode n, List<String> out) {
        if (n.isTextual() && n.asText().endsWith(".mrc")) out.add(n.asText());
        n.forEach(c -> collectMrcNames(c, out));
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

    static ImageStack readImages(Path p) {
        return p.toString().endsWith(".mrc") ? Mrc.readImages(p) : Npy.readImages(p);
    }

    static JsonNode parse(String s) {
        try {
            return Cli.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    static JsonNode channel(JsonNode ts, String name) {
        for (JsonNode c : ts.get("channels")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no channel " + name);
    }

    static Set<String> texts(JsonNode arr) {
        Set<String> s = new HashSet<>();
        arr.forEach(x -> s.add(x.asText()));
        return s;
    }

    static List<String> texts(JsonNode arr, String field) {
        List<String> s = new ArrayList<>();
        arr.forEach(x -> s.add(x.get(field).asText()));
        return s;
    }

    static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
