package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.trident.cli.TridentCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI in-process as a user would, and reads its outputs without Trident's own readers where that is cheap. */
final class Cli {
    private Cli() {}

    record Result(int code, String out, String err) {
        Result ok() {
            assertEquals(0, code, "exit code; stderr: " + err);
            return this;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = TridentCommand.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Result ok(String... args) {
        return run(args).ok();
    }

    /** A refused command: non-zero exit, exactly one line on stderr, no stack trace. */
    static String refused(String... args) {
        Result r = run(args);
        assertNotEquals(0, r.code(), "should refuse: " + String.join(" ", args));
        List<String> lines = r.err().strip().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr for " + String.join(" ", args) + ":\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), "no stack trace: " + r.err());
        return lines.get(0);
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No temporary or hidden file is left anywhere under an output folder. */
    static void assertNoLeftovers(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> bad = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(".") || n.endsWith(".part") || n.endsWith(".tmp") || n.endsWith("~");
            }).toList();
            assertTrue(bad.isEmpty(), "temporary files left behind: " + bad);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MRC header words the contract fixes, read straight from the file. */
    record MrcInfo(int nx, int ny, int nz, int mode, double voxelAngstrom) {}

    static MrcInfo mrc(Path file) {
        try (var ch = Files.newByteChannel(file)) {
            ByteBuffer b = ByteBuffer.allocate(1024);
            while (b.hasRemaining() && ch.read(b) >= 0) { }
            b.flip();
            // machine stamp 0x44 0x44 (or 0x44 0x41) is little-endian; 0x11 0x11 big-endian
            b.order(b.get(212) == 0x11 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int nx = b.getInt(0), ny = b.getInt(4), nz = b.getInt(8), mode = b.getInt(12);
            int mx = b.getInt(28), my = b.getInt(32), mz = b.getInt(36);
            float xlen = b.getFloat(40);
            assertEquals(xlen / mx, b.getFloat(44) / my, 1e-4, file + ": cubic voxels (y)");
            assertEquals(xlen / mx, b.getFloat(48) / mz, 1e-4, file + ": cubic voxels (z)");
            assertEquals(List.of(1, 2, 3), List.of(b.getInt(64), b.getInt(68), b.getInt(72)), file + ": x fastest (mapc, mapr, maps)");
            long expected = 1024L + b.getInt(92) + 4L * nx * ny * nz;
            assertEquals(expected, Files.size(file), file + ": size = header + extended header + float32 data");
            return new MrcInfo(nx, ny, nz, mode, xlen / mx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A little-endian float32 C-order .npy read here, so that geometry checks do not rely on Trident's reader. */
    static float[] npyFloats(Path file, int... shape) {
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int major = all[6];
            int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
            int start = (major == 1 ? 10 : 12) + headerLen;
            String header = new String(all, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("'<f4'") && header.contains("False"), file + ": float32 C order expected, header " + header);
            StringBuilder dims = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) dims.append(i > 0 ? ", " : "").append(shape[i]);
            assertTrue(header.replace(",)", ")").contains(dims + ")"), file + ": shape " + dims + ") expected, header " + header);
            float[] v = new float[(all.length - start) / 4];
            b.position(start);
            b.asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float32 data of an MRC file, x fastest, read here. */
    static float[] mrcFloats(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(all[212] == 0x11 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            assertEquals(2, b.getInt(12), file + ": mode 2");
            int n = b.getInt(0) * b.getInt(4) * b.getInt(8);
            float[] v = new float[n];
            b.position(1024 + b.getInt(92));
            b.asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
