package org.trident.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code batch} on the embedded local master against {@code pipeline} and {@code compare} run one
 * by one on the same three small simulated particles (docs/scaleout.md), with a fourth, broken
 * bundle that must fail alone.
 */
class BatchTest {
    @TempDir
    static Path tmp;
    static final String[] STAGES = {"pristine", "cycled-10", "cycled-100"};
    static final String[] OPTIONS = {"--iterations", "10", "--bulk-nm", "16"};
    static Path refs, single, batch, broken;
    static List<Path> bundles = new ArrayList<>();
    static int batchCode;

    @BeforeAll
    static void runOnce() throws IOException {
        for (int i = 0; i < STAGES.length; i++) {
            Path sim = tmp.resolve("sim-" + STAGES[i]);
            assertEquals(0, TridentCommand.run("simulate", "--stage", STAGES[i], "--out", sim.toString(), "--size", "32",
                    "--angles", "-60:60:15", "--dose", "high", "--seed", String.valueOf(11 + i), "--threads", "2"));
            bundles.add(sim.resolve("bundle"));
        }
        refs = tmp.resolve("sim-pristine").resolve("references").resolve("references.json");
        single = tmp.resolve("single");
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < STAGES.length; i++) {
            Path o = single.resolve(STAGES[i]);
            outs.add(o.toString());
            List<String> a = new ArrayList<>(List.of("pipeline", bundles.get(i).toString(), "--out", o.toString(), "--references", refs.toString(), "--threads", "2"));
            a.addAll(List.of(OPTIONS));
            assertEquals(0, TridentCommand.run(a.toArray(String[]::new)));
        }
        List<String> c = new ArrayList<>(List.of("compare"));
        c.addAll(outs);
        c.addAll(List.of("--out", single.resolve("comparison").toString()));
        assertEquals(0, TridentCommand.run(c.toArray(String[]::new)));

        broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("tiltseries.json"), "{\"format\": \"trident.tiltseries/1\", \"channels\": [");
        batch = tmp.resolve("batch");
        List<String> b = new ArrayList<>(List.of("batch"));
        for (Path p : bundles) b.add(p.toString());
        b.addAll(List.of(broken.toString(), "--references", refs.toString(), "--out", batch.toString(), "--master", "local[2]"));
        b.addAll(List.of(OPTIONS));
        batchCode = TridentCommand.run(b.toArray(String[]::new));
    }

    @Test
    void depthProfilesEqualPipelineOnEachBundle() {
        for (String s : STAGES) {
            assertTableEquals(single.resolve(s).resolve("analysis/depth-profiles.csv"), batch.resolve(s).resolve("analysis/depth-profiles.csv"));
            assertTableEquals(single.resolve(s).resolve("analysis/summary.csv"), batch.resolve(s).resolve("analysis/summary.csv"));
            for (String f : List.of("quantified/tiltseries.json", "aligned/alignment.json", "volumes/reconstruction.json", "provenance.json")) {
                assertTrue(Files.isRegularFile(batch.resolve(s).resolve(f)), s + "/" + f);
            }
        }
    }

    @Test
    void comparisonEqualsCompare() {
        assertTableEquals(single.resolve("comparison/summary.csv"), batch.resolve("comparison/summary.csv"));
        assertTableEquals(single.resolve("comparison/depth-profiles.csv"), batch.resolve("comparison/depth-profiles.csv"));
    }

    @Test
    void aBrokenBundleFailsAloneAndIsRecorded() {
        assertEquals(1, batchCode);
        ObjectNode rec = Json.readObject(batch.resolve("batch.json"));
        assertEquals("trident.batch/1", rec.path("format").asText());
        assertEquals("local[2]", rec.path("spark").path("master").asText());
        JsonNode ds = rec.path("datasets");
        assertEquals(4, ds.size());
        for (int i = 0; i < 3; i++) assertEquals("ok", ds.get(i).path("status").asText(), ds.get(i).toString());
        assertEquals("failed", ds.get(3).path("status").asText());
        assertTrue(ds.get(3).path("error").asText().contains("tiltseries.json"), ds.get(3).toString());
        assertFalse(Files.exists(batch.resolve("broken")), "a failed dataset leaves no folder that looks finished");
        try (var s = Files.list(batch)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no hidden .part folder is left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // each dataset's provenance says where it ran
        ObjectNode p = Json.readObject(batch.resolve("cycled-10/provenance.json"));
        assertEquals("local[2]", p.path("spark").path("master").asText());
        assertTrue(p.path("spark").path("taskSeconds").asDouble() > 0);
    }

    @Test
    void resumeSkipsFinishedDatasetsAndRefusesWithout() throws IOException {
        Path copy = tmp.resolve("batch-resume");
        // a rerun without --resume or --force refuses the non-empty folder before any work
        List<String> base = new ArrayList<>(List.of("batch"));
        for (Path p : bundles) base.add(p.toString());
        base.addAll(List.of("--references", refs.toString(), "--master", "local[1]"));
        base.addAll(List.of(OPTIONS));
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of("--out", batch.toString()));
        assertEquals(2, TridentCommand.run(a.toArray(String[]::new)));
        // --resume on a folder where one dataset already finished runs only the others
        Files.createDirectories(copy);
        copyTree(batch.resolve("pristine"), copy.resolve("pristine"));
        byte[] before = Files.readAllBytes(copy.resolve("pristine/provenance.json"));
        a = new ArrayList<>(base);
        a.addAll(List.of("--out", copy.toString(), "--resume"));
        assertEquals(0, TridentCommand.run(a.toArray(String[]::new)));
        JsonNode ds = Json.readObject(copy.resolve("batch.json")).path("datasets");
        assertEquals("skipped", ds.get(0).path("status").asText());
        assertEquals("ok", ds.get(1).path("status").asText());
        assertEquals("ok", ds.get(2).path("status").asText());
        assertEquals(new String(before), Files.readString(copy.resolve("pristine/provenance.json")), "a skipped dataset is not touched");
        assertTableEquals(single.resolve("comparison/depth-profiles.csv"), copy.resolve("comparison/depth-profiles.csv"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    /** Same header and text cells; numbers equal within 1e-4 relative (NaN equals NaN). */
    static void assertTableEquals(Path expected, Path actual) {
        try {
            List<String> e = Files.readAllLines(expected), a = Files.readAllLines(actual);
            assertEquals(e.size(), a.size(), actual + ": rows");
            assertEquals(e.get(0), a.get(0), actual + ": header");
            for (int r = 1; r < e.size(); r++) {
                String[] ec = e.get(r).split(",", -1), ac = a.get(r).split(",", -1);
                assertEquals(ec.length, ac.length, actual + " row " + r);
                for (int c = 0; c < ec.length; c++) {
                    Double x = number(ec[c]), y = number(ac[c]);
                    if (x == null || y == null) {
                        assertEquals(ec[c], ac[c], actual + " row " + r + " column " + c);
                    } else if (!(x.isNaN() && y.isNaN())) {
                        assertEquals(x, y, 1e-4 * Math.max(Math.abs(x), 1e-6), actual + " row " + r + " column " + c);
                    }
                }
            }
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
