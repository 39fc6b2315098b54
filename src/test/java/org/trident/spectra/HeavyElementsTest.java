package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Samples other than NCM: a gold-on-copper spectrum image. EDS:Au must be the net counts of the
 * Au L family (contract section 5: L family beyond Zn), separated from the Au M line and Cu K.
 */
class HeavyElementsTest {
    @Test
    void goldLFamilyAndCopperKAreSeparatedAndCounted() {
        int w = 6, h = 6, tilts = 2, n = SpectraFixtures.EDS_CH;
        double auL = 400, auM = 900, cuK = 250, bg = 3000;
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] spectra = new float[tilts][w * h * n];
        double[] expected = new double[n];
        SpectraFixtures.addFamily(expected, "Au", "L", auL);
        SpectraFixtures.addFamily(expected, "Au", "M", auM);
        SpectraFixtures.addFamily(expected, "Cu", "K", cuK);
        SpectraFixtures.addFamily(expected, "Cu", "L", 0.3 * cuK);
        double[] withBg = SpectraFixtures.edsSpectrum(new double[SpectraFixtures.ELEMENTS.length], bg);
        for (int c = 0; c < n; c++) expected[c] += withBg[c];
        for (int t = 0; t < tilts; t++) {
            for (int p = 0; p < w * h; p++) {
                for (int c = 0; c < n; c++) spectra[t][p * n + c] = SpectraFixtures.poisson(rnd, expected[c]);
            }
        }
        Channel eds = Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(w, h, n, spectra), SpectraFixtures.EDS_AXIS);
        ObjectNode q = eds.extra().putObject("quantification");
        q.putArray("elements").add("Au").add("Cu");
        Channel adf = Channel.image("HAADF", Signal.ADF, ImageStack.zeros(tilts, w, h));
        ObjectNode extra = Json.object();
        extra.putObject("sample").put("material", "Au on Cu");
        TiltSeries ts = new TiltSeries("gold", 1.0, new double[]{-10, 10}, List.of(adf, eds), extra);

        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults(), null, 2, Progress.NONE);
        double au = 0, cu = 0;
        for (int t = 0; t < tilts; t++) {
            for (float v : r.series().channel("EDS:Au").images().tilt(t)) au += v;
            for (float v : r.series().channel("EDS:Cu").images().tilt(t)) cu += v;
        }
        int pixels = tilts * w * h;
        assertEquals(auL, au / pixels, 0.05 * auL, "Au L net counts per pixel");
        assertEquals(cuK, cu / pixels, 0.05 * cuK, "Cu K net counts per pixel");
        assertEquals("Au", r.series().channel("EDS:Au").extraText("element"));
    }
}
