package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.pipeline.Pipeline;
import org.trident.recon.Algorithm;
import org.trident.recon.MethodChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The Reconstruct step's automatic choice, low-dose settings, fused preview and live cost curves, without the toolkit. */
class ReconLowDoseViewModelTest {
    static final int W = 20, H = 4;

    /** A Ni ball (radius 7 px) with a Mn core (radius 4 px): HAADF ∝ Σ Z^1.7·amount, EDS maps Poisson at ~2–4 counts per particle pixel. */
    static TiltSeries sparse() {
        double[] ang = new double[13];
        for (int t = 0; t < ang.length; t++) ang[t] = -60 + 10 * t;
        Random rnd = new Random(11);
        float[][] adf = new float[ang.length][W * H], ni = new float[ang.length][W * H], mn = new float[ang.length][W * H];
        for (int t = 0; t < ang.length; t++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double dx = x - (W - 1) / 2.0, dy = y - (H - 1) / 2.0;
                    double cNi = chord(7, dx, dy), cMn = chord(4, dx, dy);
                    int i = y * W + x;
                    adf[t][i] = (float) (Math.pow(28, 1.7) * (cNi - cMn) + Math.pow(25, 1.7) * cMn);
                    ni[t][i] = poisson(rnd, 0.3 * (cNi - cMn));
                    mn[t][i] = poisson(rnd, 0.3 * cMn);
                }
            }
        }
        return new TiltSeries("sparse", 1.0, ang, List.of(Channel.image("HAADF", Signal.ADF, new ImageStack(W, H, adf)),
                Channel.image("EDS:Ni", Signal.MAP, new ImageStack(W, H, ni)), Channel.image("EDS:Mn", Signal.MAP, new ImageStack(W, H, mn))), Json.object());
    }

    private static double chord(double r, double dx, double dy) {
        double q = r * r - dx * dx - dy * dy;
        return q > 0 ? 2 * Math.sqrt(q) : 0;
    }

    private static float poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do { k++; p *= rnd.nextDouble(); } while (p > l);
        return k - 1;
    }

    @Test
    void defaultsAreThePipelinesAndAutomaticShowsTheChoice() {
        ReconViewModel vm = new ReconViewModel();
        Pipeline.Params d = Pipeline.Params.defaults();
        assertEquals(new ReconViewModel.Setup(d.chooseMethod(), d.reconstruct().base(), d.lowDose()), vm.setup(), "one home for every default");
        TiltSeries ts = sparse();
        vm.setSeries(ts);
        MethodChoice.Choice c = vm.choice();
        assertEquals(MethodChoice.choose(ts).algorithm(), c.algorithm());
        assertEquals(Algorithm.FUSED, c.algorithm(), "sparse counts with an ADF channel: fused");
        assertTrue(vm.setup().automatic());
        assertEquals(Algorithm.FUSED, vm.params().algorithm(), "what a run would use");
        // picking a method by hand leaves automatic; undo brings it back
        vm.setAlgorithm(Algorithm.SIRT);
        assertFalse(vm.setup().automatic());
        assertEquals(Algorithm.SIRT, vm.params().algorithm());
        vm.undo();
        assertTrue(vm.setup().automatic());
        vm.setLowDose(vm.setup().lowDose().withGamma(1.6));
        assertEquals(1.6, vm.pipelineParams(List.of(), true).lowDose().gamma(), "the low-dose settings reach the pipeline's parameters");
        assertTrue(vm.pipelineParams(List.of(), true).chooseMethod());
    }

    @Test
    void fusedPreviewAndRunReportCostsPerTermAndSaveTheChoice(@TempDir Path dir) {
        ReconViewModel vm = new ReconViewModel();
        vm.setSeries(sparse());
        var pv = vm.preview("EDS:Ni", 2, vm.params(), Progress.NONE);
        assertEquals(W, pv.width());
        assertEquals(W, pv.height(), "nz = width");
        for (float v : pv.values()) assertTrue(Float.isFinite(v) && v >= 0, "fused counts are non-negative");
        Map<String, double[]> pc = pv.costs();
        assertTrue(pc.containsKey("fused · haadf link") && pc.containsKey("fused · data:EDS:Ni") && pc.containsKey("fused · tv:EDS:Mn"), pc.keySet().toString());
        double[] data = pc.get("fused · data:EDS:Ni");
        assertEquals(vm.params().iterations(), data.length);
        assertTrue(data[data.length - 1] < data[0], "the Poisson term falls as the solve goes");
        // the ADF is not a count channel: its preview is the SIRT slice the series run gives it
        assertTrue(vm.preview("HAADF", 2, vm.params(), Progress.NONE).costs().isEmpty());

        var vols = vm.run(vm.channels(), vm.setup(), 1, Progress.NONE);
        assertEquals(List.of("HAADF", "EDS:Ni", "EDS:Mn"), List.copyOf(vols.keySet()));
        Map<String, double[]> live = vm.costs().snapshot();
        vm.save(dir.resolve("out"), "ignored");
        JsonNode rec = Json.readObject(dir.resolve("out/reconstruction.json"));
        assertEquals("fused", rec.path("methodChoice").path("algorithm").asText(), "the choice and its reason are saved");
        assertFalse(rec.path("methodChoice").path("reason").asText().isEmpty());
        // the curves shown live are the costs the engine records, term by term
        JsonNode recorded = rec.path("fused").path("costPerIteration");
        double[] link = live.get("fused · haadf link");
        assertEquals(recorded.path("haadfLink").size(), link.length);
        for (int i = 0; i < link.length; i++) assertEquals(recorded.path("haadfLink").get(i).asDouble(), link[i], 1e-6 * Math.abs(link[i]) + 1e-9);
        double[] dev = live.get("fused · data:EDS:Mn");
        for (int i = 0; i < dev.length; i++) {
            assertEquals(recorded.path("poissonDeviance:EDS:Mn").get(i).asDouble(), dev[i], 1e-6 * Math.abs(dev[i]) + 1e-9);
        }
    }
}
