package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trident gui --smoke}, the check the packaged app runs (docs/install.md), started as its
 * own process exactly as a user would (the toolkit can start only once per JVM): it must open a
 * real pipeline output, say so in one line and exit 0, and exit 1 naming the file when it cannot.
 * The full check on the sample runs in the dist profile.
 */
class SmokeCheckTest {
    @TempDir Path dir;

    @Test
    void opensAPipelineOutputAndExitsZero() throws Exception {
        Path out = TinyData.pipeline(dir.resolve("pristine"), "pristine", 0, 0.33);
        Run r = smoke(out.toString());
        assertEquals(0, r.code, r.all());
        List<String> lines = r.stdout.lines().toList();
        assertEquals(1, lines.size(), r.all());
        assertTrue(lines.get(0).startsWith("trident gui --smoke: ok, 1 datasets opened"), r.all());
        assertTrue(lines.get(0).contains("(5 tilts, "), r.all()); // TinyData's five tilts arrived
        assertFalse(r.stderr.contains("Exception"), r.all()); // a clean exit: no job rejected on the way out
    }

    @Test
    void aBrokenBundleFailsWithItsName() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(bad.resolve("tiltseries.json"), "{\"format\": \"trident.tiltseries/1\", \"tilts\": ");
        Run r = smoke(bad.toString());
        assertEquals(1, r.code, r.all());
        assertTrue(r.stdout.startsWith("trident gui --smoke: FAILED"), r.all());
    }

    @Test
    void verdictCountsMissingDatasetsAndTimeouts() {
        assertEquals(1, SmokeCheck.verdict(List.of(), List.of(), 3, 1, false).code());
        assertTrue(SmokeCheck.verdict(List.of(), List.of(), 3, 1, false).line().contains("0 of 3 datasets"));
        assertEquals(1, SmokeCheck.verdict(List.of(), List.of(), 0, 5, true).code());
        assertEquals(0, SmokeCheck.verdict(List.of(), List.of(), 0, 5, false).code());
    }

    private record Run(int code, String stdout, String stderr) {
        String all() { return "exit " + code + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr; }
    }

    private Run smoke(String... paths) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.trident.Main", "gui", "--smoke", "--smoke-timeout=240"));
        cmd.addAll(List.of(paths));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("TRIDENT_CACHE", dir.resolve("cache").toString()); // never the user's session or sample cache
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gui --smoke did not exit");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
