package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleWriter;
import org.trident.formats.Datasets;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Bad options and unworkable series stop a command with one line before any work or any output. */
class EarlyRefusalTest {
    @TempDir
    Path dir;

    Path bundle(String name, int tilts, int size) {
        float[][] im = new float[tilts][size * size];
        float[][] sp = new float[tilts][size * size * 4];
        double[] ang = new double[tilts];
        for (int t = 0; t < tilts; t++) {
            ang[t] = -30 + 60.0 * t / Math.max(1, tilts - 1);
            for (int i = 0; i < size * size; i++) {
                im[t][i] = i % 7;
                for (int e = 0; e < 4; e++) sp[t][i * 4 + e] = (i + e) % 3;
            }
        }
        Path b = dir.resolve(name);
        BundleWriter.write(new TiltSeries(name, 2.0, ang, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(size, size, im)),
                Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(size, size, 4, sp), new EnergyAxis(0, 0.5, "keV"))), null), b);
        return b;
    }

    static void oneLineRefusal(CliErrorTest.Result r, String... fragments) {
        assertNotEquals(0, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        for (String f : fragments) assertTrue(last.contains(f), "'" + f + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void invalidOptionValuesAreRefusedAtParseTime() {
        Path b = bundle("b", 5, 16);
        Path out = dir.resolve("out");
        oneLineRefusal(CliErrorTest.run("align", b.toString(), "--out", out.toString(), "--threads", "0"), "--threads", "at least 1");
        oneLineRefusal(CliErrorTest.run("reconstruct", b.toString(), "--out", out.toString(), "--thickness", "0"), "--thickness", "at least 1");
        oneLineRefusal(CliErrorTest.run("analyze", b.toString(), "--out", out.toString(), "--threshold", "NaN"), "--threshold", "not a finite number");
        assertFalse(Files.exists(out));
    }

    @Test
    void theReconstructionRefusesWhatItCannotDoBeforeWriting() {
        Path tiny = bundle("tiny", 3, 1);
        Path out = dir.resolve("out");
        oneLineRefusal(CliErrorTest.run("reconstruct", tiny.toString(), "--out", out.toString()), "at least 2 pixels wide");
        Path b = bundle("b", 5, 16);
        oneLineRefusal(CliErrorTest.run("reconstruct", b.toString(), "--out", out.toString(), "--thickness", "100000000"),
                "needs about", "GB", "-Xmx", "--thickness");
        assertFalse(Files.exists(out));
    }

    @Test
    void thePipelineRefusesBeforeItsFirstStep() {
        Path out = dir.resolve("out");
        oneLineRefusal(CliErrorTest.run("pipeline", bundle("two", 2, 16).toString(), "--out", out.toString()), "at least 3 tilts");
        oneLineRefusal(CliErrorTest.run("pipeline", bundle("one", 3, 1).toString(), "--out", out.toString()), "16 x 16");
        Path b = bundle("b", 5, 16);
        oneLineRefusal(CliErrorTest.run("pipeline", b.toString(), "--out", out.toString(), "--iterations", "-1"), "iterations");
        oneLineRefusal(CliErrorTest.run("pipeline", b.toString(), "--out", out.toString(), "--analyze-option=--threshold=NaN"), "--threshold");
        assertFalse(Files.exists(out), "nothing quantified or aligned first");
    }

    @Test
    void deepJsonIsOneLineNamingTheFile() throws Exception {
        Path b = bundle("deep", 3, 16);
        Path json = b.resolve("tiltseries.json");
        Files.writeString(json, "[".repeat(200_000) + "]".repeat(200_000));
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(b));
        assertTrue(e.getMessage().startsWith(json.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("limits"), e.getMessage());
        Files.writeString(json, "{\"name\": \"a\u0001\nb\", \"format\": \"x\n\u0000y\"}");
        e = assertThrows(TridentException.class, () -> Datasets.open(b));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0000"), e.getMessage());
    }

    @Test
    void anEnergyAxisErrorFromASpectrumFileNamesIt() throws Exception {
        String msa = "#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n#TITLE       : t\n#NPOINTS     : 3\n#NCOLUMNS    : 1\n"
                + "#XUNITS      : eV\n#XPERCHAN    : 10\n#OFFSET      : 1e400\n#DATATYPE    : Y\n#SPECTRUM    :\n1\n2\n3\n#ENDOFDATA   :\n";
        Path f = Files.writeString(dir.resolve("s.msa"), msa);
        TridentException e = assertThrows(TridentException.class, () -> Datasets.open(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void messagesAreAlwaysOneLine() {
        String m = new TridentException("a\nb\r\n\tc\u0000d\u001b[31m" + "x".repeat(5000)).getMessage();
        assertFalse(m.contains("\n") || m.contains("\r") || m.contains("\u0000") || m.contains("\u001b"), m);
        assertTrue(m.startsWith("a b c?d?[31m"), m);
        assertTrue(m.length() < 700);
    }
}
