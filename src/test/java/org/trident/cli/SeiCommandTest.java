package org.trident.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.job.Checksums;
import org.trident.render.ImageExport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code simulate-sei} then {@code sei}: the contract's files, columns, figures and refusals. */
class SeiCommandTest {
    @TempDir static Path dir;
    static Path study, out;

    @BeforeAll
    static void run() {
        study = dir.resolve("study");
        out = dir.resolve("out");
        assertEquals(0, TridentCommand.run("simulate-sei", "--out", study.toString(), "--size", "48"));
        assertEquals(0, TridentCommand.run("sei", study.toString(), "--out", out.toString(), "--bootstrap", "300"));
    }

    static List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p);
    }

    @Test
    void csvColumnsAreTheContracts() throws Exception {
        assertTrue(lines(out.resolve("metrics.csv")).get(0).startsWith("sample,composition,technique,quantity,mean,std,cv,p05,p95,correlation_length_nm"));
        assertEquals(1 + 9 * 5, lines(out.resolve("metrics.csv")).size());
        assertTrue(lines(out.resolve("spectra.csv")).get(0).startsWith("sample,composition,region,component,position_ev,fraction,fraction_err"));
        assertEquals("technique,quantity,metric,against,n,pearson_r,ci_low,ci_high,spearman_rho,p_value", lines(out.resolve("correlations.csv")).get(0));
        List<String> corr = lines(out.resolve("correlations.csv"));
        assertTrue(corr.stream().anyMatch(l -> l.startsWith("XPS,F 1s LiF,fraction,coulombEfficiency,9,")), "a fraction row");
        assertTrue(corr.stream().anyMatch(l -> l.startsWith("ESM,amplitude,cv,composition,9,")));
    }

    @Test
    void optimumAndProvenance() {
        JsonNode o = Json.readObject(out.resolve("optimum.json"));
        JsonNode ce = o.get("coulombEfficiency");
        assertEquals("quadratic", ce.get("model").asText());
        assertFalse(ce.get("atEdge").asBoolean());
        assertTrue(ce.get("ciLow").asDouble() <= ce.get("composition").asDouble() && ce.get("composition").asDouble() <= ce.get("ciHigh").asDouble());
        assertEquals("cv", o.path("uniformity").path("ESM amplitude").path("metric").asText());
        assertEquals("std", o.path("uniformity").path("AFM height").path("metric").asText());
        JsonNode p = Json.readObject(out.resolve("provenance.json"));
        assertEquals(Checksums.sha256(study.resolve("study.json")), p.path("inputs").path("study.json").asText());
        assertEquals(Checksums.sha256(study.resolve("se05/esm.ibw")), p.path("inputs").path("se05/esm.ibw").asText());
        assertEquals("1", p.path("params").path("cycles").asText());
        assertTrue(p.has("started") && p.has("tridentVersion") && p.has("threads"));
        JsonNode sim = Json.readObject(study.resolve("provenance.json"));
        assertEquals(Checksums.sha256(study.resolve("study.json")), sim.path("outputs").path("study.json").asText());
        assertEquals(48, sim.path("params").path("size").asInt());
    }

    @Test
    void figuresInThreeFormatsWithTheirResolution() throws Exception {
        Path f = out.resolve("figures");
        for (String stem : List.of("ce-vs-composition", "cv-vs-composition-ESM_amplitude", "cv-vs-ce-ESM_amplitude", "std-vs-composition-AFM_height", "fraction-vs-composition-F_1s_LiF")) {
            assertTrue(ImageExport.readDpi(f.resolve(stem + ".png")) >= 299.9, stem);
            assertTrue(Files.readString(f.resolve(stem + ".svg")).contains("<svg"), stem);
            assertEquals("%PDF", new String(Files.readAllBytes(f.resolve(stem + ".pdf")), 0, 4), stem);
        }
        assertTrue(ImageExport.readDpi(f.resolve("map-gallery.png")) >= 299.9);
    }

    @Test
    void helpOfBothCommands() {
        for (String c : List.of("sei", "simulate-sei")) {
            var out = new java.io.StringWriter();
            var cl = TridentCommand.commandLine();
            cl.setOut(new java.io.PrintWriter(out, true));
            var err = new java.io.ByteArrayOutputStream();
            var old = System.err;
            System.setErr(new java.io.PrintStream(err, true));
            try {
                assertEquals(0, cl.execute(c, "--help"));
            } finally {
                System.setErr(old);
            }
            assertTrue(err.toString().isBlank(), c + " --help writes nothing on stderr: " + err);
            assertTrue(out.toString().contains("Usage:") && out.toString().contains(c), out.toString());
        }
    }

    @Test
    void cyclesAreRecordedAndBadInputRefused() throws Exception {
        Path o2 = dir.resolve("out2");
        assertEquals(0, TridentCommand.run("sei", study.toString(), "--out", o2.toString(), "--cycles", "2-4", "--bootstrap", "50", "--background", "linear", "--no-figures"));
        assertFalse(Files.exists(o2.resolve("figures")));
        assertEquals("2-4", Json.readObject(o2.resolve("optimum.json")).path("coulombEfficiency").path("cycles").asText());
        assertNotEquals(0, TridentCommand.run("sei", study.toString(), "--out", out.toString()), "non-empty --out");
        assertNotEquals(0, TridentCommand.run("sei", study.toString(), "--out", dir.resolve("o3").toString(), "--cycles", "x"));
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("study.json"), "{\"format\": \"trident.sei-study/1\", \"samples\": [{\"id\": \"a\", \"composition\": 1, "
                + "\"coulombEfficiencyPct\": [90], \"maps\": [{\"technique\": \"ESM\", \"quantity\": \"amplitude\", \"file\": \"../../etc/passwd\"}]}]}");
        var err = new java.io.ByteArrayOutputStream();
        var cl = TridentCommand.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertNotEquals(0, cl.execute("sei", bad.toString(), "--out", dir.resolve("o4").toString()));
        String msg = err.toString().strip();
        assertTrue(msg.contains("outside the study folder") && msg.contains("study.json") && !msg.contains("\n"), msg);
        assertFalse(Files.exists(dir.resolve("o4")), "nothing written for a refused study");
    }
}
