package org.trident.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** --out by real path: links to the input are refused, --force replaces only Trident's own files, temporaries are cleaned. */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private Path bundle(String name) {
        int w = 16, h = 16, tilts = 3, ch = 3;
        float[][] im = new float[tilts][w * h];
        float[][] sp = new float[tilts][w * h * ch];
        for (int t = 0; t < tilts; t++) for (int i = 0; i < w * h; i++) {
            im[t][i] = (i * 7 + t) % 13;
            for (int e = 0; e < ch; e++) sp[t][i * ch + e] = (i + e + t) % 5;
        }
        TiltSeries ts = new TiltSeries("raw", 2.0, new double[]{-30, 0, 30}, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, im)),
                Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(w, h, ch, sp), new EnergyAxis(0, 0.01, "keV"))), null);
        Path b = dir.resolve(name);
        BundleWriter.write(ts, b);
        return b;
    }

    static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return m;
    }

    static void assertSame(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
    }

    @Test
    void anOutThatLinksToTheInputIsRefusedAndTheRawDataStaysByteIdentical() throws Exception {
        Path raw = bundle("raw");
        Map<String, byte[]> before = snapshot(raw);
        Path link = Files.createSymbolicLink(dir.resolve("link"), raw);
        assertNotEquals(0, TridentCommand.run("align", raw.toString(), "--out", link.toString(), "--force", "--method", "none"));
        // through a linked parent, and a link into the bundle's JSON
        Path parentLink = Files.createSymbolicLink(dir.resolve("plink"), dir);
        assertNotEquals(0, TridentCommand.run("align", raw.toString(), "--out", parentLink.resolve("raw").toString(), "--force", "--method", "none"));
        Path jsonLink = Files.createSymbolicLink(dir.resolve("json-link.json"), raw.resolve("tiltseries.json"));
        assertNotEquals(0, TridentCommand.run("align", jsonLink.toString(), "--out", link.toString(), "--force", "--method", "none"));
        assertNotEquals(0, TridentCommand.run("reconstruct", raw.toString(), "--out", link.toString(), "--force", "--channel", "HAADF"));
        assertNotEquals(0, TridentCommand.run("pipeline", raw.toString(), "--out", link.toString(), "--force"));
        // a pipeline whose step folder is a link to the raw bundle
        Path pipe = Files.createDirectories(dir.resolve("pipe"));
        Files.createSymbolicLink(pipe.resolve("aligned"), raw);
        assertNotEquals(0, TridentCommand.run("pipeline", raw.toString(), "--out", pipe.toString(), "--force"));
        assertSame(before, snapshot(raw));
    }

    @Test
    void forceReplacesTridentsOwnOutputsButNeverAUsersFile() throws Exception {
        Path raw = bundle("raw");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(0, TridentCommand.run("align", raw.toString(), "--out", out.toString(), "--force", "--method", "none"));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        // again with --force: its own files are replaced
        assertEquals(0, TridentCommand.run("align", raw.toString(), "--out", out.toString(), "--force", "--method", "none"));
        // a user's file under a name Trident writes is not replaced
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("alignment.json"), "my own notes");
        assertNotEquals(0, TridentCommand.run("align", raw.toString(), "--out", other.toString(), "--force", "--method", "none"));
        assertEquals("my own notes", Files.readString(other.resolve("alignment.json")));
        TridentException e = assertThrows(TridentException.class, () -> AtomicFiles.write(other.resolve("alignment.json"), new byte[]{1}));
        assertTrue(e.getMessage().contains("not written by Trident"), e.getMessage());
    }

    @Test
    void staleTemporariesAreRemovedAndDoNotMakeTheFolderNonEmpty() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path stale = Files.writeString(out.resolve(".HAADF.npy.123456789.part"), "half");
        OutputDirs.prepare(out, false);
        assertFalse(Files.exists(stale));
        // a failed write leaves nothing behind
        assertThrows(TridentException.class, () -> AtomicFiles.write(out.resolve("x.bin"), o -> {
            o.write(1);
            throw new TridentException("cancelled");
        }));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void outputsHonourTheUmaskInsteadOfForcedPermissions() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> expected;
        try {
            expected = Files.getPosixFilePermissions(probe); // what the process umask gives a new file
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system
        }
        Path f = dir.resolve("written.bin");
        AtomicFiles.write(f, new byte[]{1, 2, 3});
        assertEquals(expected, Files.getPosixFilePermissions(f));
    }
}
