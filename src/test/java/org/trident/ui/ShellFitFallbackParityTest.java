package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.ShellFitParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.pipeline.Pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code trident pipeline} and the workstation's Process decide the shell fit by one rule: for the
 * same bundle and settings they record the same {@code profileSource} and give the same warning.
 * Data: simulated 16³ cycled particles, 7 tilts; one with EDS spectra (the fit runs), one with
 * the ADF only (mode on asks for a fit that has nothing to fit: the voxel profiles stand, with a warning).
 */
class ShellFitFallbackParityTest {
    record Cli(int code, String out, String err) {}

    static Cli pipeline(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = System.out, e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = TridentCommand.run(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Process in the workstation with mode {@code m}; the steps recorded as the window does, so provenance.json is written. */
    static ProcessRunner.Outcome process(Path bundle, Project proj, ShellFitParams.Mode m) {
        Dataset d = DatasetLoader.load(bundle, Progress.NONE);
        Pipeline.Params p = Pipeline.Params.defaults();
        p = p.withAnalyze(p.analyze().withShellFit(p.analyze().shellFit().withMode(m)));
        var out = ProcessRunner.run(d, ProcessRunner.remaining(d), new ProcessRunner.Settings(p, null), proj, 1, Progress.NONE);
        out.records().forEach((step, rec) -> proj.note(d, step, rec));
        return out;
    }

    @Test
    void modeOnWithNothingToFitWarnsTheSameInBoth(@TempDir Path dir) throws Exception {
        Path bundle = org.trident.pipeline.SmallSeries.write(dir.resolve("sim"), false);
        Project proj = new Project(dir.resolve("results"));
        var out = process(bundle, proj, ShellFitParams.Mode.ON);
        assertNotNull(out.analysis());
        Path gui = proj.root().resolve(out.dataset().folder());

        // the CLI replays the workstation's saved settings (mode on)
        Path cli = dir.resolve("cli");
        Cli r = pipeline("pipeline", bundle.toString(), "--out", cli.toString(), "--params", gui.resolve(ProcessRunner.PARAMS).toString(),
                "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode cliSource = Json.readObject(cli.resolve("provenance.json")).path("profileSource");
        assertEquals("voxel", cliSource.path("summary").asText(), cliSource.toString());
        assertEquals("on", cliSource.path("mode").asText());
        JsonNode json = Json.MAPPER.readTree(r.out());
        List<String> cliWarnings = new ArrayList<>();
        json.path("warnings").forEach(w -> cliWarnings.add(w.asText()));
        String warning = cliWarnings.stream().filter(w -> w.contains("shell fit")).findFirst().orElse(null);
        assertNotNull(warning, "--json warnings: " + cliWarnings);
        assertTrue(warning.contains("no element (EDS:<El>) or MLLS maps"), warning);
        assertTrue(r.err().contains("trident pipeline: warning: " + warning), r.err());
        assertEquals(cliSource, json.path("profileSource"));

        assertEquals(List.of(warning), out.warnings().stream().filter(w -> w.contains("shell fit")).toList(), "the same one-line warning");
        assertEquals(cliSource, Json.readObject(gui.resolve("provenance.json")).path("profileSource"), "the same profileSource");
        assertFalse(Files.exists(gui.resolve("analysis").resolve(ShellFitWriter.PROFILES)));
        // and in mode auto neither warns
        var quiet = process(bundle, new Project(dir.resolve("results-auto")), ShellFitParams.Mode.AUTO);
        assertTrue(quiet.warnings().stream().noneMatch(w -> w.contains("shell fit")), quiet.warnings().toString());
    }

    @Test
    void withElementMapsBothFitAndRecordTheSameSource(@TempDir Path dir) throws Exception {
        Path bundle = org.trident.pipeline.SmallSeries.write(dir.resolve("sim"), true);
        Project proj = new Project(dir.resolve("results"));
        var out = process(bundle, proj, ShellFitParams.Mode.ON);
        assertTrue(out.warnings().stream().noneMatch(w -> w.contains("shell fit")), out.warnings().toString());
        Path gui = proj.root().resolve(out.dataset().folder());

        Path cli = dir.resolve("cli");
        Cli r = pipeline("pipeline", bundle.toString(), "--out", cli.toString(), "--params", gui.resolve(ProcessRunner.PARAMS).toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode cliSource = Json.readObject(cli.resolve("provenance.json")).path("profileSource");
        assertEquals("shell-fit", cliSource.path("summary").asText(), cliSource.toString());
        assertFalse(r.err().contains("warning: the shell fit"), r.err());

        JsonNode guiSource = Json.readObject(gui.resolve("provenance.json")).path("profileSource");
        assertEquals(cliSource, guiSource, "the same summary, reason and counts");
        assertEquals(Files.readString(cli.resolve("analysis").resolve(ShellFitWriter.SUMMARY)),
                Files.readString(gui.resolve("analysis").resolve(ShellFitWriter.SUMMARY)), "the same fitted summary");
        // the workstation folder reads as a pipeline output: auto takes the fit
        assertEquals(org.trident.analysis.ProfileSource.FIT, org.trident.analysis.ProfileSource.AUTO.resolve(gui, gui.resolve("analysis")));
    }
}
