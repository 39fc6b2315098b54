package org.trident.spectra;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdsQuantTest {
    static final int W = 12, H = 12;

    private static float[] map(QuantResult r, String name, int t) {
        return r.series().channel(name).images().tilt(t);
    }

    @Test
    void highDoseNetCountsFollowTruthAndRatiosHoldWithinTwoPercent() {
        double dose = 3000;
        TiltSeries ts = SpectraFixtures.edsSeries(W, H, 2, dose, 1);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults(), null, 2, Progress.NONE);
        double[] sumEst = new double[4], sumTrue = new double[4];
        for (int t = 0; t < 2; t++) {
            for (int e = 0; e < 4; e++) {
                float[] m = map(r, "EDS:" + SpectraFixtures.ELEMENTS[e], t);
                for (int p = 0; p < W * H; p++) {
                    double truth = SpectraFixtures.trueCounts(W, H, t, p, e, dose);
                    sumEst[e] += m[p];
                    sumTrue[e] += truth;
                    if (truth > 0.5 * dose * SpectraFixtures.COUNTS_PER_AMOUNT[e] && e < 3) {
                        assertEquals(truth, m[p], 0.12 * truth, "EDS:" + SpectraFixtures.ELEMENTS[e] + " pixel " + p);
                    }
                }
            }
        }
        double[] k = {1.16, 1.08, 1.0, 2.9};
        double totEst = 0, totTrue = 0;
        for (int e = 0; e < 3; e++) {
            totEst += k[e] * sumEst[e];
            totTrue += k[e] * sumTrue[e];
        }
        for (int e = 0; e < 3; e++) {
            double fe = k[e] * sumEst[e] / totEst, ft = k[e] * sumTrue[e] / totTrue;
            assertEquals(ft, fe, 0.02 * ft, "fraction of " + SpectraFixtures.ELEMENTS[e]);
        }
        assertEquals(sumTrue[3], sumEst[3], 0.05 * sumTrue[3], "O counts");
        assertEquals(1.16, r.quantification().path("kFactors").path("Ni").asDouble(), 1e-12);
        assertEquals("map", r.series().channel("EDS:Ni").signal().label());
        assertEquals("EDS", r.series().channel("EDS:Ni").extraText("derivedFrom"));
        assertEquals("Ni", r.series().channel("EDS:Ni").extraText("element"));
        assertTrue(r.series().channel("HAADF").images() == ts.channel("HAADF").images(), "image channels are carried unchanged");
    }

    @Test
    void lowDoseAmplitudesAreUnbiasedAndNotClipped() {
        double dose = 4;
        TiltSeries ts = SpectraFixtures.edsSeries(24, 24, 6, dose, 7);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults(), null, 2, Progress.NONE);
        for (int e = 0; e < 3; e++) {
            double est = 0, truth = 0, var = 0;
            int neg = 0, n = 0;
            for (int t = 0; t < 6; t++) {
                float[] m = map(r, "EDS:" + SpectraFixtures.ELEMENTS[e], t);
                for (int p = 0; p < 24 * 24; p++) {
                    double tr = SpectraFixtures.trueCounts(24, 24, t, p, e, dose);
                    est += m[p];
                    truth += tr;
                    var += (m[p] - tr) * (m[p] - tr);
                    if (m[p] < 0) neg++;
                    n++;
                }
            }
            double se = Math.sqrt(var);
            assertEquals(truth, est, 3.5 * se + 1e-9, "total EDS:" + SpectraFixtures.ELEMENTS[e] + " at low dose");
            assertTrue(neg > 0, "per-pixel amplitudes must not be clipped at zero");
        }
    }

    @Test
    void windowMethodGivesFamilyCountsWhereLinesAreIsolated() {
        double dose = 3000;
        TiltSeries ts = SpectraFixtures.edsSeries(8, 8, 1, dose, 3);
        EdsParams p = EdsParams.defaults();
        p = new EdsParams(List.of("Mn", "Ni"), List.of(), true, 130, 0.2, 20, 1.0, EdsParams.Method.WINDOW, -1, EdsParams.TiltNormalisation.NONE);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults().withEds(p), null, 1, Progress.NONE);
        double est = 0, truth = 0;
        float[] m = map(r, "EDS:Mn", 0);
        for (int q = 0; q < 64; q++) {
            est += m[q];
            truth += SpectraFixtures.trueCounts(8, 8, 0, q, 2, dose);
        }
        // Mn Kα is isolated; the window sees the curved background as a straight line, so a few % off
        assertEquals(truth, est, 0.06 * truth);
    }

    @Test
    void fanoWidthIsAbout60EvAtOxygen() {
        assertEquals(130.0, EdsModel.fwhmEv(5.899, 130), 1e-9);
        double o = EdsModel.fwhmEv(0.525, 130);
        assertTrue(o > 55 && o < 70, "FWHM at O K " + o);
    }

    @Test
    void tiltNormalisationEqualisesTiltSums() {
        TiltSeries ts = SpectraFixtures.edsSeries(10, 10, 3, 500, 5);
        EdsParams p = new EdsParams(null, List.of(), false, 130, 0.2, 20, 1.0, EdsParams.Method.FIT, -1, EdsParams.TiltNormalisation.TOTAL);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults().withEds(p), null, 2, Progress.NONE);
        double[] s = new double[3];
        for (String e : SpectraFixtures.ELEMENTS) for (int t = 0; t < 3; t++) for (float v : map(r, "EDS:" + e, t)) s[t] += v;
        assertEquals(s[0], s[1], 1e-3 * s[0]);
        assertEquals(s[0], s[2], 1e-3 * s[0]);
        assertTrue(r.record().path("eds").path("tiltNormalisation").asText().startsWith("total"));
        assertTrue(r.quantification().path("edsTiltNormalisation").asText().startsWith("total"));
    }
}
