package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HyperSpy readings that TiaReaderTest and BcfReaderTest compare with (truth.json) are what the
 * installed HyperSpy reads now: the script is run again and its output must equal the committed
 * file. Skipped when the Debian python3-hyperspy package is not installed.
 */
class RsciioTruthTest {
    @Test
    void committedTruthIsWhatHyperSpyReads(@TempDir Path tmp) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no system python3");
        Path dir = TiaReaderTest.DIR.toAbsolutePath();
        Path out = tmp.resolve("truth.json");
        Process p = new ProcessBuilder(py.toString(), "make_rsciio_truth.py", out.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assumeTrue(p.waitFor(300, TimeUnit.SECONDS), "HyperSpy took longer than 5 minutes");
        String log = Files.readString(tmp.resolve("log.txt"));
        assumeTrue(!log.contains("No module named"), "HyperSpy not installed");
        assertEquals(0, p.exitValue(), log);
        JsonNode want = Json.MAPPER.readTree(dir.resolve("truth.json").toFile()), got = Json.MAPPER.readTree(out.toFile());
        assertEquals(want, got);
    }
}
