package org.trident.spectra;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCA denoising and per-tilt EELS energy alignment. */
class OptionsTest {
    @Test
    void pcaKeepsTotalsAndLowersPixelNoise() {
        int w = 16, h = 16;
        double dose = 40;
        TiltSeries ts = SpectraFixtures.edsSeries(w, h, 2, dose, 21);
        QuantResult raw = Quantifier.quantify(ts, QuantParams.defaults(), null, 2, Progress.NONE);
        EdsParams p = EdsParams.defaults();
        p = new EdsParams(null, List.of(), true, 130, 0.2, 20, 1.0, EdsParams.Method.FIT, 0, EdsParams.TiltNormalisation.NONE);
        QuantResult pca = Quantifier.quantify(ts, QuantParams.defaults().withEds(p), null, 2, Progress.NONE);
        int kept = pca.record().path("eds").path("pcaComponentsPerTilt").get(0).asInt();
        assertTrue(kept >= 3 && kept <= 20, "components kept " + kept);
        double eRaw = 0, ePca = 0, sRaw = 0, sPca = 0;
        for (int t = 0; t < 2; t++) for (int q = 0; q < w * h; q++) {
            double truth = SpectraFixtures.trueCounts(w, h, t, q, 2, dose);
            double a = raw.series().channel("EDS:Mn").images().tilt(t)[q], b = pca.series().channel("EDS:Mn").images().tilt(t)[q];
            eRaw += (a - truth) * (a - truth);
            ePca += (b - truth) * (b - truth);
            sRaw += a;
            sPca += b;
        }
        assertEquals(sRaw, sPca, 0.03 * sRaw, "PCA keeps the total Mn counts");
        assertTrue(ePca < 0.8 * eRaw, "PCA lowers the per-pixel error: " + Math.sqrt(ePca) + " vs " + Math.sqrt(eRaw));
        System.out.printf("PCA: %d components, rms error %.3f vs %.3f without%n", kept, Math.sqrt(ePca / (2 * w * h)), Math.sqrt(eRaw / (2 * w * h)));
    }

    @Test
    void perTiltEnergyOffsetsAreFoundAndCorrected() {
        int w = 6, h = 6, n = SpectraFixtures.EELS_CH;
        var ax = SpectraFixtures.EELS_AXIS;
        double[] shifts = {0, 2.0, -1.5};
        float[][] data = new float[shifts.length][w * h * n];
        for (int t = 0; t < shifts.length; t++) {
            // this tilt's spectrometer reads every loss shifts[t] eV too high
            var shifted = new org.trident.model.EnergyAxis(ax.offset() - shifts[t], ax.scale(), "eV");
            double[] mn = SpectraFixtures.mnEdge(shifted, n, 3), o = SpectraFixtures.oEdge(shifted, n);
            for (int p = 0; p < w * h; p++) for (int c = 0; c < n; c++) {
                double e = shifted.energy(c);
                data[t][p * n + c] = (float) (1000 * (40 * Math.pow(e / 500.0, -3.2) + 2 * o[c] + mn[c]));
            }
        }
        Channel ch = Channel.spectrum("EELS", Signal.EELS, new MemorySpectrumStack(w, h, n, data), ax);
        TiltSeries ts = new TiltSeries("shifted", 1, new double[]{-10, 0, 10}, List.of(ch), null);
        EelsParams d = EelsParams.defaults();
        EelsParams align = new EelsParams(null, true, Map.of(), true, true, true, 5.0, null, false, 1.0);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults().withEels(align), null, 1, Progress.NONE);
        var found = r.record().path("eels").path("energyShiftEvPerTilt");
        double mean = (found.get(0).asDouble() + found.get(1).asDouble() + found.get(2).asDouble()) / 3;
        double meanTrue = (shifts[0] + shifts[1] + shifts[2]) / 3;
        for (int t = 0; t < 3; t++) assertEquals(shifts[t] - meanTrue, found.get(t).asDouble() - mean, 0.15, "tilt " + t + " energy offset");
        double[] pos = new double[3];
        for (int t = 0; t < 3; t++) {
            pos[t] = r.series().channel("EELS:Mn-L3E").images().tilt(t)[0] / r.series().channel("EELS:Mn-L3").images().tilt(t)[0];
        }
        assertEquals(pos[0], pos[1], 0.15, "corrected L3 positions agree");
        assertEquals(pos[0], pos[2], 0.15, "corrected L3 positions agree");
        QuantResult plain = Quantifier.quantify(ts, QuantParams.defaults().withEels(d), null, 1, Progress.NONE);
        double p1 = plain.series().channel("EELS:Mn-L3E").images().tilt(1)[0] / plain.series().channel("EELS:Mn-L3").images().tilt(1)[0];
        double p0 = plain.series().channel("EELS:Mn-L3E").images().tilt(0)[0] / plain.series().channel("EELS:Mn-L3").images().tilt(0)[0];
        assertTrue(Math.abs(p1 - p0) > 1.0, "without alignment the offset shows in the L3 position: " + (p1 - p0));
    }
}
