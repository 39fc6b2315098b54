package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.io.Npy;
import org.trident.model.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * Contract sections 2, 5, 6 and 7 from outside: what simulate, quantify, align, reconstruct,
 * analyze, pipeline and compare write, checked on the shared tiny simulated run.
 */
class ContractOutputsTest {
    @BeforeAll
    static void shared() throws Exception {
        SimulatedRun.ensure();
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
        JsonNode eels = channel(ts, "EELS");
        assertEquals(eels.get("energyAxis").get("offset").asDouble(), refs.get("energyAxis").get("offset").asDouble(), 1e-9);
        assertEquals(eels.get("energyAxis").get("scale").asDouble(), refs.get("energyAxis").get("scale").asDouble(), 1e-12);
        int channels = parse(ok("info", "--json", bundle.toString()).out()).get("channels").get(2).get("shape").get(3).asInt();
        for (JsonNode r : refs.get("references")) {
            assertTrue(r.has("name") && r.has("element") && r.has("valence"), r.toString());
            Path f = sim.resolve("references").resolve(r.get("file").asText());
            assertTrue(Files.exists(f), r.toString());
            assertEquals(channels, Npy.readVector(f).length, f + ": a 1-D array on the references' energy axis");
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
        checkDerived(sim.resolve("truth"), Files.exists(sim.resolve("truth/inhomogeneity.mrc")));
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
        List<String> rows = lines(d.resolve("depth-profiles.csv"));
        Map<String, Map<Double, double[]>> byQuantity = new java.util.HashMap<>();
        Map<String, Integer> seenRows = new java.util.HashMap<>();
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            Path vol = d.resolve(c[0] + ".mrc");
            if (!Files.exists(vol)) continue;
            Map<Double, double[]> shells = byQuantity.computeIfAbsent(c[0], k -> Definitions.shells(Cli.mrcFloats(vol), depth, w));
            seenRows.merge(c[0], 1, Integer::sum);
            double[] e = shells.get(Double.parseDouble(c[1]));
            assertTrue(e != null, d + ": unexpected shell centre in " + r);
            assertEquals(e[0], Double.parseDouble(c[2]), 1e-5 * Math.max(1, Math.abs(e[0])), d + ": mean in " + r);
            assertEquals(e[1], Double.parseDouble(c[3]), 1e-5 * Math.max(1, e[1]), d + ": population std in " + r);
            assertEquals((int) e[2], Integer.parseInt(c[4]), d + ": finite voxels in " + r);
        }
        assertTrue(byQuantity.keySet().containsAll(List.of("fraction-Ni", "fraction-Co", "fraction-Mn", "valence-Mn")), byQuantity.keySet().toString());
        for (var e : byQuantity.entrySet())
            assertEquals(e.getValue().size(), (int) seenRows.get(e.getKey()), d + ": one row per non-empty shell of " + e.getKey());
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
        // without references: the edge maps still come, no MLLS weights
        Path plain = dir.resolve("no-refs-q");
        ok("quantify", eels.toString(), "--out", plain.toString(), "--threads", "2");
        List<String> names = texts(json(plain.resolve("tiltseries.json")).get("channels"), "name");
        assertTrue(names.containsAll(List.of("HAADF", "EELS:O-K", "EELS:Mn-L3", "EELS:Mn-L2", "EELS:Mn-L23", "EELS:Mn-L3E")), names.toString());
        assertFalse(names.contains("EELS:Mn-Mn2+"), names.toString());
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
}
