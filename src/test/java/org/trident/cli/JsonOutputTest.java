package org.trident.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.Comparison;
import org.trident.formats.Datasets;
import org.trident.io.OutputDirs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --json} on import and compare (pipeline's is checked in PipelineCommandTest): stdout
 * holds exactly one JSON document, parsed here with a plain Jackson mapper, and what it says is
 * checked against the files actually written and their numbers.
 */
class JsonOutputTest {
    /** Exit code and stdout of one command. */
    record Run(int code, String stdout) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(stdout);
        }
    }

    static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = TridentCommand.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    /** Every regular file under {@code dir} but the manifests, relative and '/'-separated. */
    static Set<String> filesUnder(Path dir) throws Exception {
        Set<String> s = new TreeSet<>();
        try (var w = Files.walk(dir)) {
            w.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(OutputDirs.MANIFEST))
                    .forEach(p -> s.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return s;
    }

    static Set<String> strings(JsonNode a) {
        Set<String> s = new TreeSet<>();
        a.forEach(x -> s.add(x.asText()));
        return s;
    }

    @Test
    void importJsonListsTheBundleItWrote(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("bundle");
        Run r = run("import", ExportCommandTest.FIX.resolve("mrc_with_tlt.mrc").toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code());
        JsonNode j = r.json();
        assertEquals("trident.cli-result/1", j.path("format").asText());
        assertEquals("ok", j.path("status").asText());
        assertEquals(0, j.path("exitCode").asInt());
        assertEquals(out.toAbsolutePath().normalize().toString(), j.path("out").asText());
        assertEquals(filesUnder(out), strings(j.path("written")));
        assertTrue(strings(j.path("written")).contains("tiltseries.json"));
        var back = Datasets.open(out).series();
        assertEquals(back.tilts(), j.path("bundle").path("angles").path("count").asInt());
        assertEquals(back.width(), j.path("bundle").path("width").asInt());
        assertEquals(back.pixelSizeNm(), j.path("bundle").path("pixelSizeNm").asDouble(), 0);
    }

    @Test
    void compareJsonGivesTheSummaryNumbersAndTheEmptyBulkWarning(@TempDir Path tmp) throws Exception {
        Path recon = AnalyzeCommandTest.reconDir(Files.createDirectories(tmp.resolve("recon")));
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        // a 12-voxel cube of 3-nm voxels is nowhere 40 nm deep: a has no bulk; b asks for a 10-nm bulk
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", a.toString(), "--threads", "1"));
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", b.toString(), "--threads", "1", "--bulk-nm", "10"));
        Path out = tmp.resolve("cmp");
        Run r = run("compare", a.toString(), b.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code());
        JsonNode j = r.json();
        assertEquals("compare", j.path("command").asText());
        assertEquals(filesUnder(out), strings(j.path("written")));
        assertTrue(strings(j.path("written")).containsAll(Set.of("summary.csv", "depth-profiles.csv", "provenance.json", "profile-fraction-Ni.svg")));
        // every number against compare's own summary.csv
        var csv = Comparison.readCsv(out.resolve("summary.csv")).rows();
        int checked = 0;
        for (JsonNode d : j.path("datasets")) {
            for (JsonNode row : d.path("summary")) {
                Map<String, String> line = csv.stream().filter(m -> m.get("quantity").equals(row.path("quantity").asText())
                        && m.get("bulk_depth_nm").equals(org.trident.analysis.AnalysisWriter.num(row.path("bulk_depth_nm").asDouble()))).findFirst().orElseThrow();
                for (String col : new String[]{"surface_mean", "bulk_mean", "surface_voxels", "bulk_voxels"}) {
                    double want = Double.parseDouble(line.get(col));
                    if (Double.isNaN(want)) assertTrue(row.path(col).isNull(), col);
                    else assertEquals(want, row.path(col).asDouble(), Math.abs(want) * 1e-6, col);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 2 * 4 * 4, "rows of both datasets: " + checked);
        JsonNode ni = j.path("datasets").get(0).path("summary").get(0);
        assertTrue(ni.path("bulk_mean").isNull() && ni.path("bulk_voxels").asInt() == 0, "a has no bulk: " + ni);
        assertEquals(1, j.path("warnings").size(), j.path("warnings").toString());
        String w = j.path("warnings").get(0).asText();
        assertTrue(w.contains("the bulk shell is empty") && w.contains("40 nm") && w.contains("16.5 nm"), w);
        assertEquals(w, org.trident.io.Json.readObject(a.resolve("analysis.json")).path("warnings").get(0).asText());
    }

    @Test
    void aFailureStillGivesJson(@TempDir Path tmp) throws Exception {
        Run r = run("compare", tmp.toString(), "--out", tmp.resolve("o").toString(), "--json");
        assertEquals(2, r.code());
        JsonNode j = r.json();
        assertEquals("failed", j.path("status").asText());
        assertEquals(2, j.path("exitCode").asInt());
        assertTrue(j.path("error").asText().contains("summary.csv"), j.toString());
        // a bad command line too (here: no --out)
        Run bad = run("import", tmp.toString(), "--json");
        assertEquals(2, bad.code());
        assertEquals("failed", bad.json().path("status").asText());
        assertEquals(2, bad.json().path("exitCode").asInt());
        assertTrue(bad.json().path("error").asText().contains("--out"), bad.stdout());
    }
}
