package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleWriter;
import org.trident.io.Datasets;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;
import org.trident.recon.Algorithm;
import org.trident.recon.ReconParams;
import org.trident.ui.ReconViewModel;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GUI and the CLI reconstruct through the same step: same input and settings give the same files. */
class ParityTest {
    @TempDir
    Path dir;

    /** ADF, a BF-labelled channel and a map, both of the latter negative outside the object. */
    private Path bundle() {
        double[] ang = new double[13];
        for (int t = 0; t < ang.length; t++) ang[t] = -60 + 10 * t;
        ImageStack adf = BenchReconCommand.ellipsoidProjections(20, 4, ang);
        ImageStack bf = shifted(adf, 0.5f, -0.2f), map = shifted(adf, 0.4f, -0.1f);
        TiltSeries ts = new TiltSeries("parity", 2.0, ang, List.of(Channel.image("HAADF", Signal.ADF, adf),
                Channel.image("BF", Signal.BF, bf), Channel.image("EDS:Ni", Signal.MAP, map)), Json.object());
        Path b = dir.resolve("aligned");
        BundleWriter.write(ts, b);
        return b;
    }

    private static ImageStack shifted(ImageStack s, float scale, float offset) {
        float[][] d = new float[s.tilts()][];
        for (int t = 0; t < d.length; t++) {
            d[t] = s.tilt(t).clone();
            for (int i = 0; i < d[t].length; i++) d[t][i] = scale * d[t][i] + offset;
        }
        return new ImageStack(s.width(), s.height(), d);
    }

    @Test
    void guiAndCliGiveTheSameVolumesAndParameters() {
        Path b = bundle();
        for (Algorithm a : List.of(Algorithm.SIRT, Algorithm.WBP)) {
            Path cli = dir.resolve("cli-" + a), gui = dir.resolve("gui-" + a);
            assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", cli.toString(), "--threads", "2",
                    "--algorithm", a.label(), "--iterations", "15"));

            ReconViewModel vm = new ReconViewModel();
            vm.setSeries(Datasets.read(b), b);
            vm.setAlgorithm(a);
            vm.setParams(vm.params().withIterations(15));
            vm.run(vm.channels(), vm.params(), 2, Progress.NONE);
            vm.save(gui, "ignored");

            ObjectNode c = Json.readObject(cli.resolve("reconstruction.json")), g = Json.readObject(gui.resolve("reconstruction.json"));
            assertEquals(c.get("parameters"), g.get("parameters"), a + " parameters");
            for (String ch : List.of("HAADF", "BF", "EDS:Ni")) {
                assertEquals(c.path("channels").path(ch).path("parameters"), g.path("channels").path(ch).path("parameters"), a + " " + ch);
                String f = c.path("channels").path(ch).path("file").asText();
                Volume vc = Mrc.readVolume(cli.resolve(f)), vg = Mrc.readVolume(gui.resolve(f));
                assertArrayEquals(vc.data(), vg.data(), a + " " + ch + " volume");
                if (!ch.equals("HAADF")) assertTrue(min(vg) < 0, a + " " + ch + " is not clamped by default");
            }
            assertTrue(min(Mrc.readVolume(gui.resolve("HAADF.mrc"))) >= 0, a + " ADF is non-negative by default");
            // the GUI's volumes carry the same provenance: input checksums and the threads really used
            assertEquals(2, g.path("threads").asInt());
            assertEquals(2, g.path("provenance").path("threads").asInt());
            assertEquals(c.path("provenance").path("inputs").size(), g.path("provenance").path("inputs").size());
            assertEquals(c.path("inputs"), g.path("inputs"));
        }
    }

    private static float min(Volume v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v.data()) m = Math.min(m, x);
        return m;
    }
}
