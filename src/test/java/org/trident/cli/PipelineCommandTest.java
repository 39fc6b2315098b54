package org.trident.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.Comparison;
import org.trident.analysis.TruthScores;
import org.trident.io.Json;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: simulate a small cycled-100 particle (32³, 13 tilts, high dose, misaligned), run
 * {@code pipeline} on the raw bundle with its defaults, and check the result against the
 * simulator's truth and against the numbers this chain gave when the test was written.
 */
class PipelineCommandTest {
    @TempDir
    static Path tmp;
    static Path sim, out;

    @BeforeAll
    static void runOnce() {
        sim = tmp.resolve("sim");
        out = tmp.resolve("pipeline");
        assertEquals(0, TridentCommand.run("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "32",
                "--angles", "-60:60:10", "--dose", "high", "--misalign", "--seed", "3", "--threads", "2"));
        // the particle's radius is ~38 nm, so the bulk starts at 16 nm here
        JsonOutputTest.Run r = JsonOutputTest.run("pipeline", sim.resolve("bundle").toString(), "--out", out.toString(),
                "--references", sim.resolve("references").resolve("references.json").toString(),
                "--bulk-nm", "16", "--threads", "2", "--figures", "--json");
        assertEquals(0, r.code());
        stdout = r.stdout();
    }

    static String stdout;

    /** {@code --json}: stdout is one JSON document naming every file written and the summary.csv numbers. */
    @Test
    void jsonResultMatchesTheFilesAndSummaryWritten() throws Exception {
        var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout);
        assertEquals("pipeline", j.path("command").asText());
        assertEquals("ok", j.path("status").asText());
        assertEquals(0, j.path("exitCode").asInt());
        assertEquals(JsonOutputTest.filesUnder(out), JsonOutputTest.strings(j.path("written")));
        assertTrue(JsonOutputTest.strings(j.path("written")).containsAll(List.of("provenance.json", "analysis/summary.csv",
                "volumes/reconstruction.json", "aligned/alignment.json", "figures/profile-fraction-Ni.pdf")));
        var d = j.path("datasets").get(0);
        assertEquals("cycled-100", d.path("dataset").asText());
        var csv = org.trident.analysis.Comparison.readCsv(out.resolve("analysis").resolve("summary.csv")).rows();
        assertEquals(csv.size(), d.path("summary").size());
        for (int i = 0; i < csv.size(); i++) {
            var row = d.path("summary").get(i);
            assertEquals(csv.get(i).get("quantity"), row.path("quantity").asText());
            for (String col : List.of("surface_mean", "bulk_mean", "bulk_depth_nm", "surface_voxels", "bulk_voxels", "bulk_halfset_err")) {
                double want = Double.parseDouble(csv.get(i).get(col));
                if (Double.isNaN(want)) assertTrue(row.path(col).isNull(), col);
                else assertEquals(want, row.path(col).asDouble(), Math.abs(want) * 1e-6, row.path("quantity").asText() + " " + col);
            }
        }
        assertEquals(0, j.path("warnings").size(), "a 16-nm bulk exists in this particle: " + j.path("warnings"));
    }

    /** The empty-shell warnings of a run reach the --json result and provenance.json. */
    @Test
    void warningsOfTheRunAreInTheJson() {
        var prov = org.trident.io.Json.object();
        var r = new org.trident.pipeline.Pipeline.Result(out, null, null, null, null, prov, List.of(), List.of("dataset x: the bulk shell is empty"));
        var j = PipelineCommand.json(r, "x", 1.0, List.of(out.resolve("provenance.json")));
        assertEquals("dataset x: the bulk shell is empty", j.path("warnings").get(0).asText());
        assertEquals("provenance.json", j.path("written").get(0).asText());
    }

    /** {@code --figures}: the compare figures of this dataset, journal-ready (fonts embedded, 600 dpi, half-set bands). */
    @Test
    void figuresAreTheCompareFiguresOfThisDataset() throws Exception {
        Path fig = out.resolve("figures");
        for (String f : List.of("profile-fraction-Ni.svg", "profile-fraction-Ni.png", "profile-fraction-Ni.pdf", "depth-profiles.csv", "provenance.json")) {
            assertTrue(Files.isRegularFile(fig.resolve(f)), f);
        }
        assertEquals(600, org.trident.render.ImageExport.readDpi(fig.resolve("profile-fraction-Ni.png")), 0.5);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(fig.resolve("profile-fraction-Ni.pdf").toFile())) {
            var res = doc.getPage(0).getResources();
            int fonts = 0;
            for (var name : res.getFontNames()) {
                assertTrue(res.getFont(name).isEmbedded(), res.getFont(name).getName());
                fonts++;
            }
            assertTrue(fonts >= 1);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("half-set error"), text);
            assertTrue(text.contains("cycled-100"), "the dataset's label in the legend: " + text);
        }
    }

    @Test
    void writesTheLayoutAndProvenance() {
        for (String f : List.of("quantified/tiltseries.json", "quantified/quantification.json", "aligned/alignment.json",
                "volumes/reconstruction.json", "analysis/summary.csv", "analysis/depth-profiles.csv", "analysis/valence-Mn.mrc",
                "analysis/fraction-Ni.mrc", "analysis/mask.mrc", "analysis/depth-nm.mrc", "provenance.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        ObjectNode p = Json.readObject(out.resolve("provenance.json"));
        assertEquals("cycled-100", p.path("dataset").asText());
        assertEquals(Version.get(), p.path("version").asText());
        ArrayNode steps = (ArrayNode) p.get("steps");
        assertEquals(List.of("quantify", "align", "reconstruct", "analyze"), steps.findValuesAsText("step"));
        for (JsonNode s : steps) {
            assertTrue(s.path("seconds").asDouble() > 0, s.path("step").asText());
            assertFalse(s.path("inputs").isEmpty(), "checksums of " + s.path("step").asText());
            s.path("inputs").forEach(h -> assertEquals(64, h.asText().length()));
        }
        assertTrue(steps.get(2).path("parameters").path("halfSets").asBoolean(), "reconstruct runs with half sets");
        assertTrue(Json.readObject(out.resolve("volumes/reconstruction.json")).has("halfSets"));
        // the bundle has EDS and EELS references: fractions come from the element amounts, and the run says so
        assertTrue(p.path("fractionAmounts").asText().contains("EELS share Ni"), p.path("fractionAmounts").toString());
        assertTrue(Json.readObject(out.resolve("analysis/analysis.json")).path("methods").path("fraction-Ni").asText()
                .contains("EELS:Ni-Ni2+"), "analysis methods name the EELS terms");
        // every JSON a step writes carries the same provenance: version, inputs with SHA-256, parameters, threads, time
        for (String f : List.of("quantified/quantification.json", "aligned/alignment.json", "volumes/reconstruction.json", "analysis/analysis.json")) {
            JsonNode pv = Json.readObject(out.resolve(f)).path("provenance");
            assertEquals("trident.provenance/1", pv.path("format").asText(), f);
            assertEquals(Version.get(), pv.path("version").asText(), f);
            assertEquals(2, pv.path("threads").asInt(), f);
            assertTrue(pv.path("parameters").isObject() && !pv.path("parameters").isEmpty(), f);
            assertTrue(pv.path("inputs").size() > 0, f);
            pv.path("inputs").forEach(i -> assertEquals(64, i.path("sha256").asText().length(), f));
            assertTrue(pv.path("seconds").asDouble() > 0, f);
        }
    }

    @Test
    void agreesWithTheTruth() {
        Path truth = sim.resolve("truth"), analysis = out.resolve("analysis");
        double mae = TruthScores.profileMae(truth, analysis, "valence-Mn", 10, "mean");
        assertTrue(mae < 0.15, "Mn valence profile MAE " + mae);
        for (String el : List.of("Ni", "Co", "Mn")) {
            double[] t = TruthScores.truthSurfaceBulk(truth, "fraction-" + el, 10, 16);
            double[] m = TruthScores.measuredSurfaceBulk(analysis, "fraction-" + el, "");
            assertEquals(t[1], m[1], 0.03, "bulk fraction of " + el);
            if (el.equals("Ni")) {
                double ratio = (m[0] - m[1]) / (t[0] - t[1]);
                assertTrue(t[0] - t[1] > 0.03 && ratio > 0.7 && ratio < 1.3, "Ni surface enrichment " + (m[0] - m[1]) + " vs " + (t[0] - t[1]));
            }
        }
    }

    /** Regression: the summary this chain produced when the test was written, with tolerances per kind of quantity. */
    @Test
    void matchesTheExpectedSummary() throws Exception {
        Map<String, double[]> expected = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("pipeline-expected-summary.csv")) {
            Path f = tmp.resolve("expected.csv");
            Files.copy(in, f);
            for (var r : Comparison.readCsv(f).rows()) {
                expected.put(r.get("quantity"), new double[]{Double.parseDouble(r.get("surface_mean")), Double.parseDouble(r.get("bulk_mean"))});
            }
        }
        var got = Comparison.readCsv(out.resolve("analysis/summary.csv")).rows();
        assertEquals(expected.size(), got.size(), "quantities");
        for (var r : got) {
            String q = r.get("quantity");
            double[] e = expected.get(q);
            double tol = q.startsWith("fraction-") ? 0.02 : q.startsWith("valence-") ? 0.1 : q.equals("inhomogeneity") ? 0.06 : 0.05 * Math.abs(e[0]);
            assertEquals(e[0], Double.parseDouble(r.get("surface_mean")), tol, q + " surface");
            assertEquals(e[1], Double.parseDouble(r.get("bulk_mean")), tol, q + " bulk");
        }
    }

    @Test
    void adfOnlyBundleSkipsQuantify() throws Exception {
        Path b = Files.createDirectories(tmp.resolve("adf-only"));
        ObjectNode ts = Json.readObject(sim.resolve("bundle/tiltseries.json"));
        ArrayNode chs = ts.putArray("channels");
        chs.addObject().put("name", "HAADF").put("signal", "ADF").put("kind", "image").put("file", "HAADF.npy");
        Files.copy(sim.resolve("bundle/HAADF.npy"), b.resolve("HAADF.npy"));
        Json.write(b.resolve("tiltseries.json"), ts);
        Path o = tmp.resolve("adf-pipeline");
        assertEquals(0, TridentCommand.run("pipeline", b.toString(), "--out", o.toString(), "--threads", "2"));
        assertFalse(Files.exists(o.resolve("quantified")));
        assertTrue(Files.isRegularFile(o.resolve("analysis/depth-nm.mrc")));
        var rows = Comparison.readCsv(o.resolve("analysis/summary.csv")).rows();
        assertEquals(List.of("HAADF"), rows.stream().map(r -> r.get("quantity")).toList());
        ObjectNode p = Json.readObject(o.resolve("provenance.json"));
        assertTrue(p.path("steps").get(0).has("skipped"));
    }

    @Test
    void aFailedStepIsRecorded() throws Exception {
        Path b = Files.createDirectories(tmp.resolve("empty"));
        org.trident.io.Npy.write(b.resolve("HAADF.npy"), new float[5 * 16 * 16], 5, 16, 16);
        ObjectNode ts = Json.object().put("format", "trident.tiltseries/1").put("name", "nothing").put("pixelSizeNm", 2.0);
        ts.putArray("tiltAnglesDeg").add(-40).add(-20).add(0).add(20).add(40);
        ts.putArray("channels").addObject().put("name", "HAADF").put("signal", "ADF").put("kind", "image").put("file", "HAADF.npy");
        Json.write(b.resolve("tiltseries.json"), ts);
        Path o = tmp.resolve("empty-pipeline");
        assertEquals(2, TridentCommand.run("pipeline", b.toString(), "--out", o.toString(), "--threads", "1"));
        ObjectNode p = Json.readObject(o.resolve("provenance.json"));
        // an all-blank series now stops at align, naming the unusable tilts (not 49 s later in analyze)
        assertTrue(p.path("failed").asText().contains("tilts are unusable"), p.toString());
    }
}
