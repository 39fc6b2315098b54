package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconstructCommandTest {
    @TempDir
    Path dir;

    private Path bundle() {
        double[] ang = new double[15];
        for (int t = 0; t < ang.length; t++) ang[t] = -70 + 10 * t;
        ImageStack adf = BenchReconCommand.ellipsoidProjections(24, 6, ang);
        // a map that is half the ADF minus a small offset: negative outside the object
        float[][] m = new float[ang.length][];
        for (int t = 0; t < ang.length; t++) {
            m[t] = adf.tilt(t).clone();
            for (int i = 0; i < m[t].length; i++) m[t][i] = 0.5f * m[t][i] - 0.2f;
        }
        ObjectNode ni = Json.object();
        ni.put("element", "Ni");
        ni.put("derivedFrom", "EDS");
        Channel map = Channel.image("EDS:Ni", Signal.MAP, new ImageStack(24, 6, m)).withExtra(ni);
        ObjectNode extra = Json.object();
        extra.putObject("sample").put("stage", "pristine");
        extra.putObject("quantification").putObject("kFactors").put("Ni", 1.16);
        TiltSeries ts = new TiltSeries("blob", 4.0, ang, List.of(
                Channel.image("HAADF", Signal.ADF, adf), map,
                Channel.spectrum("EDS", Signal.EDS, MemorySpectrumStack.zeros(ang.length, 24, 6, 3), new EnergyAxis(0, 0.01, "keV"))), extra);
        Path b = dir.resolve("aligned");
        BundleWriter.write(ts, b);
        return b;
    }

    @Test
    void writesOneMrcPerImageChannelAndTheRecord() {
        Path b = bundle();
        Path out = dir.resolve("volumes");
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", out.toString(), "--threads", "2", "--half-sets", "--iterations", "20"));
        ObjectNode r = Json.readObject(out.resolve("reconstruction.json"));
        assertEquals("trident.reconstruction/1", r.path("format").asText());
        assertEquals("HAADF.mrc", r.path("channels").path("HAADF").path("file").asText());
        assertEquals("EDS_Ni.mrc", r.path("channels").path("EDS:Ni").path("file").asText());
        assertEquals("Ni", r.path("channels").path("EDS:Ni").path("element").asText());
        assertEquals("map", r.path("channels").path("EDS:Ni").path("signal").asText());
        assertEquals("EDS", r.path("channels").path("EDS:Ni").path("derivedFrom").asText());
        assertTrue(r.path("channels").path("HAADF").path("parameters").path("nonNegative").asBoolean());
        assertFalse(r.path("channels").path("EDS:Ni").path("parameters").path("nonNegative").asBoolean(true));
        assertFalse(r.path("channels").has("EDS"), "spectra are not reconstructed");
        assertEquals(1.16, r.path("quantification").path("kFactors").path("Ni").asDouble());
        assertEquals("pristine", r.path("sample").path("stage").asText());
        assertEquals(4.0, r.path("pixelSizeNm").asDouble());
        assertEquals(15, r.path("tiltAnglesDeg").size());
        assertEquals(2, r.path("threads").asInt());
        assertTrue(r.path("inputs").size() >= 3 && r.path("inputs").get(0).path("sha256").asText().length() == 64);
        assertEquals("HAADF.odd.mrc", r.path("halfSets").path("odd").path("HAADF").asText());
        assertEquals("EDS_Ni.even.mrc", r.path("halfSets").path("even").path("EDS:Ni").asText());
        Volume v = Mrc.readVolume(out.resolve("HAADF.mrc"));
        assertEquals(24, v.nx());
        assertEquals(6, v.ny());
        assertEquals(24, v.nz());
        assertEquals(4.0, v.voxelSizeNm(), 1e-4);
        Volume nim = Mrc.readVolume(out.resolve("EDS_Ni.mrc"));
        float min = Float.MAX_VALUE;
        for (float f : nim.data()) min = Math.min(min, f);
        assertTrue(min < 0, "maps are not clipped at zero by default");
        assertTrue(Files.exists(out.resolve("EDS_Ni.odd.mrc")));
        // the analysis reader understands the record
        var in = org.trident.analysis.ReconstructionReader.read(out);
        assertEquals(2, in.channels().size());
        assertTrue(in.hasHalves());
    }

    @Test
    void refusesSpectraAndUnknownChannelsWithASentence() {
        Path b = bundle();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err));
        int code;
        try {
            var cl = TridentCommand.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true));
            code = cl.execute("reconstruct", b.toString(), "--out", dir.resolve("x").toString(), "--channel", "EDS");
        } finally {
            System.setErr(old);
        }
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("trident quantify"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on refusal");
        assertNotEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", dir.resolve("y").toString(), "--channel", "nope"));
        assertNotEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", dir.resolve("z").toString(), "--relaxation", "3"));
    }

    @Test
    void projectorIsSelectableAndRecorded() throws Exception {
        Path b = bundle();
        Path strip = dir.resolve("strip"), linear = dir.resolve("linear");
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", strip.toString(), "--channel", "HAADF", "--iterations", "5"));
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", linear.toString(), "--channel", "HAADF", "--iterations", "5",
                "--projector", "linear"));
        var rs = Json.MAPPER.readTree(strip.resolve("reconstruction.json").toFile());
        var rl = Json.MAPPER.readTree(linear.resolve("reconstruction.json").toFile());
        assertEquals("strip-area", rs.path("geometry").path("projectorModel").asText());
        assertEquals("linear", rl.path("geometry").path("projectorModel").asText());
        float[] a = Mrc.readVolume(strip.resolve("HAADF.mrc")).data(), c = Mrc.readVolume(linear.resolve("HAADF.mrc")).data();
        double diff = 0;
        for (int q = 0; q < a.length; q++) diff = Math.max(diff, Math.abs(a[q] - c[q]));
        assertTrue(diff > 1e-3, "the linear model must give a different volume, max difference " + diff);
        assertNotEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", dir.resolve("p1").toString(), "--projector", "joseph"));
        assertNotEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", dir.resolve("p2").toString(), "--projector", "linear",
                "--algorithm", "em-tv"));
        assertFalse(Files.exists(dir.resolve("p1")) || Files.exists(dir.resolve("p2")), "nothing written on refusal");
    }

    @Test
    void supportMaskKeepsOutsideAtZero() {
        Path b = bundle();
        float[] m = new float[24 * 6 * 24];
        for (int k = 0; k < 24; k++) for (int j = 0; j < 6; j++) for (int i = 0; i < 24; i++) {
            if (Math.abs(i - 11.5) < 9 && Math.abs(k - 11.5) < 7) m[(k * 6 + j) * 24 + i] = 1;
        }
        Path mask = dir.resolve("mask.mrc");
        Mrc.write(mask, new Volume(24, 6, 24, m, 4.0));
        Path out = dir.resolve("masked");
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", out.toString(), "--channel", "HAADF", "--support", mask.toString()));
        Volume v = Mrc.readVolume(out.resolve("HAADF.mrc"));
        double inside = 0;
        for (int q = 0; q < m.length; q++) {
            if (m[q] == 0) assertEquals(0f, v.data()[q]);
            else inside += v.data()[q];
        }
        assertTrue(inside > 0);
        assertTrue(Json.readObject(out.resolve("reconstruction.json")).path("supportVoxels").asInt() > 0);
        Path wrong = dir.resolve("wrong.mrc");
        Mrc.write(wrong, new Volume(24, 6, 23, new float[24 * 6 * 23], 4.0));
        assertNotEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", dir.resolve("w").toString(), "--support", wrong.toString()));
    }

    @Test
    void benchRunsOnATinyProblem() {
        assertEquals(0, TridentCommand.run("bench", "recon", "--width", "16", "--tilts", "5", "--slices", "4", "--iterations", "2"));
    }

    /** Settings come from the record's defaults, then --params FILE, then the options typed. */
    @Test
    void paramsFileThenOptions() throws Exception {
        Path b = bundle();
        Path f = Files.writeString(dir.resolve("params.json"), "{\"reconstruct\": {\"base\": {\"iterations\": 7, \"relaxation\": 1.2}, \"halfSets\": true}}");
        Path out = dir.resolve("from-file");
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", out.toString(), "--threads", "1", "--params", f.toString(),
                "--relaxation", "1.5"));
        ObjectNode r = Json.readObject(out.resolve("reconstruction.json"));
        assertEquals(7, r.path("parameters").path("iterations").asInt());
        assertEquals(1.5, r.path("parameters").path("relaxation").asDouble());
        assertTrue(r.has("halfSets"), "half sets from the file");
        assertEquals(7, r.path("provenance").path("parameters").path("iterations").asInt());

        var sw = new java.io.StringWriter();
        var cl = TridentCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(sw, true));
        cl.execute("reconstruct", "--help");
        String help = sw.toString().replaceAll("\\s+", " ");
        var d = org.trident.recon.ReconParams.defaults(org.trident.recon.Algorithm.SIRT);
        assertTrue(help.contains("sirt " + d.iterations()) && help.contains("sirt " + d.relaxation()), help);
        assertTrue(help.contains("(default: " + d.filter().label() + ")"), help);
    }
}
