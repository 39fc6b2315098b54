package org.trident.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.Comparison;
import org.trident.analysis.ShellFitWriter;
import org.trident.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell fit's settings from a parameters file and options, end to end through {@code pipeline},
 * and {@code compare}/{@code figure} taking the fitted or the voxel profiles. Data: a simulated 32³
 * cycled particle, 13 tilts, high dose (10.4 counts per particle pixel per tilt: not sparse, so
 * mode auto would report the voxel summary and mode on must report the fit).
 */
class ShellFitSettingsTest {
    @TempDir
    static Path tmp;
    static Path sim, on, off, params;

    @BeforeAll
    static void runOnce() throws Exception {
        sim = tmp.resolve("sim");
        on = tmp.resolve("run-on");
        off = tmp.resolve("run-off");
        assertEquals(0, TridentCommand.run("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "32",
                "--angles", "-60:60:10", "--dose", "high", "--seed", "3", "--threads", "2"));
        params = Files.writeString(tmp.resolve("fit.json"), """
                {"format": "trident.params/1",
                 "analyze": {"bulkDepthNm": 16, "shellFit": {"mode": "on", "penalty": "fixed", "penaltyWeight": 0.5}}}
                """);
        String refs = sim.resolve("references").resolve("references.json").toString();
        assertEquals(0, TridentCommand.run("pipeline", sim.resolve("bundle").toString(), "--out", on.toString(), "--references", refs,
                "--params", params.toString(), "--threads", "2"));
        // the option overrides the file's mode
        assertEquals(0, TridentCommand.run("pipeline", sim.resolve("bundle").toString(), "--out", off.toString(), "--references", refs,
                "--params", params.toString(), "--shell-fit", "off", "--threads", "2"));
    }

    @Test
    void theParamsFileSetsTheFitAndProvenanceShowsIt() {
        JsonNode prov = Json.readObject(on.resolve("provenance.json"));
        JsonNode src = prov.path("profileSource");
        assertEquals("on", src.path("mode").asText(), src.toString());
        assertEquals("shell-fit", src.path("summary").asText(), "mode on reports the fit although the counts are not sparse");
        assertTrue(src.path("meanCountsPerParticlePixelPerTilt").asDouble() >= src.path("sparseBelow").asDouble(), src.toString());
        JsonNode fitStep = prov.path("extraSteps").get(0);
        assertEquals("shell-fit", fitStep.path("step").asText());
        assertEquals("FIXED", fitStep.path("parameters").path("penalty").asText(), fitStep.path("parameters").toString());
        assertEquals(0.5, fitStep.path("parameters").path("penaltyWeight").asDouble());
        assertEquals(16, fitStep.path("parameters").path("bulkDepthNm").asDouble());
        JsonNode record = Json.readObject(on.resolve("analysis").resolve(ShellFitWriter.RECORD));
        assertEquals("fixed", record.path("parameters").path("penalty").asText());
        assertEquals(0.5, record.path("parameters").path("penaltyWeight").asDouble());
        // the analyze step's own parameters carry the settings too (one record for the analysis and its fit)
        JsonNode analyze = prov.path("steps").get(3);
        assertEquals("analyze", analyze.path("step").asText());
        assertEquals("ON", analyze.path("parameters").path("shellFit").path("mode").asText(), analyze.path("parameters").toString());
    }

    @Test
    void offOnTheCommandLineOverridesTheFileAndNoFitIsWritten() {
        assertFalse(Files.exists(off.resolve("analysis").resolve(ShellFitWriter.PROFILES)));
        JsonNode src = Json.readObject(off.resolve("provenance.json")).path("profileSource");
        assertEquals("off", src.path("mode").asText(), src.toString());
        assertEquals("voxel", src.path("summary").asText());
        assertFalse(Json.readObject(off.resolve("provenance.json")).has("extraSteps"));
    }

    @Test
    void aBadValueIsRefusedInOneLineNamingTheFile() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad-fit.json"), "{\"analyze\": {\"shellFit\": {\"penaltyWeight\": -2}}}");
        for (String cmd : new String[]{"pipeline", "analyze"}) {
            String in = cmd.equals("pipeline") ? sim.resolve("bundle").toString() : on.resolve("volumes").toString();
            var r = CliErrorTest.run(cmd, in, "--out", tmp.resolve("never-" + cmd).toString(), "--params", bad.toString());
            assertNotEquals(0, r.code());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), err);
            assertTrue(err.contains("bad-fit.json") && err.contains("penalty weight"), err);
        }
        var r = CliErrorTest.run("analyze", on.resolve("volumes").toString(), "--out", tmp.resolve("never").toString(), "--fit-penalty", "often");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--fit-penalty must be gcv or a positive number"), r.err());
    }

    /** Bulk mean of fraction-Ni in a summary table (with or without a dataset column). */
    static double bulkNi(Path csv) {
        for (Map<String, String> row : Comparison.readCsv(csv).rows()) if (row.get("quantity").equals("fraction-Ni")) return Double.parseDouble(row.get("bulk_mean"));
        throw new AssertionError("no fraction-Ni in " + csv);
    }

    @Test
    void compareTakesTheFittedOrTheVoxelProfiles() throws Exception {
        double fit = bulkNi(on.resolve("analysis").resolve(ShellFitWriter.SUMMARY)), voxel = bulkNi(on.resolve("analysis").resolve("summary.csv"));
        assertNotEquals(fit, voxel, 1e-6);
        assertEquals(0, TridentCommand.run("compare", on.toString(), "--out", tmp.resolve("cmp-fit").toString(), "--profiles", "fit"));
        assertEquals(0, TridentCommand.run("compare", on.toString(), "--out", tmp.resolve("cmp-voxel").toString(), "--profiles", "voxel"));
        assertEquals(0, TridentCommand.run("compare", on.toString(), off.toString(), "--out", tmp.resolve("cmp-auto").toString()));
        var fitRows = Comparison.readCsv(tmp.resolve("cmp-fit").resolve("summary.csv"));
        assertEquals("profiles", fitRows.header().get(fitRows.header().size() - 1));
        assertEquals("quantity", fitRows.header().get(1), "the contract's columns first");
        assertTrue(fitRows.header().contains("bulk_err"), "the fit's errors come along: " + fitRows.header());
        var first = fitRows.rows().stream().filter(r -> r.get("quantity").equals("fraction-Ni")).findFirst().orElseThrow();
        assertEquals("fit", first.get("profiles"));
        assertEquals(fit, Double.parseDouble(first.get("bulk_mean")), 1e-9);
        assertTrue(Double.parseDouble(first.get("bulk_err")) > 0);
        assertEquals(voxel, bulkNi(tmp.resolve("cmp-voxel").resolve("summary.csv")), 1e-9);
        assertFalse(Comparison.readCsv(tmp.resolve("cmp-voxel").resolve("summary.csv")).header().contains("profiles"), "voxel only: layout unchanged");
        // auto (the default): the fit for the run that reported it, the voxel profiles for the one that did not
        var auto = Comparison.readCsv(tmp.resolve("cmp-auto").resolve("summary.csv")).rows().stream()
                .filter(r -> r.get("quantity").equals("fraction-Ni")).toList();
        assertEquals(2, auto.size());
        assertEquals("fit", auto.get(0).get("profiles"));
        assertEquals(fit, Double.parseDouble(auto.get(0).get("bulk_mean")), 1e-9);
        assertEquals("voxel", auto.get(1).get("profiles"));
        assertEquals(bulkNi(off.resolve("analysis").resolve("summary.csv")), Double.parseDouble(auto.get(1).get("bulk_mean")), 1e-9);
        JsonNode used = Json.readObject(tmp.resolve("cmp-auto").resolve("provenance.json")).path("parameters").path("profileSources");
        assertEquals("fit", used.path(on.toAbsolutePath().normalize().toString()).asText(), used.toString());
        // fit asked of a run without one: refused, naming the folder
        var r = CliErrorTest.run("compare", off.toString(), "--out", tmp.resolve("cmp-none").toString(), "--profiles", "fit");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("has no shell fit") && r.err().strip().lines().count() == 1, r.err());
    }

    @Test
    void figureDrawsTheFitFromThePipelineOutput() throws Exception {
        Path layout = Files.writeString(tmp.resolve("layout.json"), """
                {"format": "trident.figure/1", "rows": [{"panels": [{"profiles": "run-on/analysis/depth-profiles.csv", "quantity": "fraction-Ni"}]}]}
                """);
        Path png = tmp.resolve("fig.png");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", png.toString(), "--profiles", "auto"));
        JsonNode rec = Json.readObject(org.trident.render.ExportRecord.pathFor(png));
        assertTrue(rec.toString().contains(ShellFitWriter.PROFILES), "the fit's table is the figure's input: " + rec.path("inputs"));
    }
}
