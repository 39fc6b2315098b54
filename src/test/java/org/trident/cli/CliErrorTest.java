package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad input gives a non-zero exit and one line on stderr, with no stack trace unless --verbose. */
class CliErrorTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = TridentCommand.commandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void infoOnBadBundlesIsOneLine() throws Exception {
        Path b = Files.createDirectories(dir.resolve("b"));
        String[] bad = {
                "{\"format\": \"trident.tiltseries/1\", ",
                "{\"format\": \"trident.tiltseries/1\", \"pixelSizeNm\": 1, \"tiltAnglesDeg\": [0], \"channels\": [{\"name\": \"A\", \"kind\": \"image\", \"file\": \"gone.npy\"}]}",
                "{\"format\": \"trident.tiltseries/7\", \"pixelSizeNm\": 1, \"tiltAnglesDeg\": [0], \"channels\": []}",
        };
        for (String json : bad) {
            Files.writeString(b.resolve("tiltseries.json"), json);
            Result r = run("info", b.toString());
            assertNotEquals(0, r.code(), json);
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertTrue(err.startsWith("trident info: "), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        }
        Result v = run("info", "--verbose", b.toString());
        assertNotEquals(0, v.code());
        assertTrue(v.err().lines().count() > 1, "--verbose prints the stack");
    }

    @Test
    void infoOnCorruptMicroscopeFileIsOneLine() throws Exception {
        Path f = dir.resolve("broken.dm3");
        Files.write(f, new byte[]{0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 9, 21});
        Result r = run("info", f.toString());
        assertNotEquals(0, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("broken.dm3"), r.err());
    }
}
