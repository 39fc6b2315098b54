package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a Python snippet with the system's python3 (the Debian packages hyperspy, h5py, tifffile,
 * mrcfile); skips the test (assumeTrue) when python3 or a module is absent. The snippet prints
 * one JSON object on its last line.
 */
final class Python {
    private Python() {}

    static JsonNode run(List<String> modules, String script, String... args) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no system python3");
        for (String m : modules) {
            Process p = new ProcessBuilder(py.toString(), "-c", "import " + m).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "python module " + m + " not installed");
        }
        List<String> cmd = new ArrayList<>(List.of(py.toString(), "-c", script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MPLBACKEND", "Agg");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }
}
