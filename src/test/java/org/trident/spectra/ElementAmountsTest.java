package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element amounts written by quantify: the EELS scale is calibrated on the EDS sums, and the
 * weights follow each source's measured pixel noise.
 */
class ElementAmountsTest {
    static final int W = 40, H = 40, TILTS = 12;

    /** A disc of amount {@code a} (atoms per pixel, arbitrary) at the centre of every tilt. */
    static double amount(int x, int y, double a) {
        double r = Math.hypot(x - W / 2.0 + 0.5, y - H / 2.0 + 0.5);
        return r < 14 ? a * Math.sqrt(1 - (r / 14) * (r / 14)) : 0;
    }

    /** EDS Poisson counts at {@code countsPerAtom / k}; two MLLS weights splitting c⁻¹ × amount, plus Gaussian noise σ. */
    static List<Channel> maps(String el, double a, double k, double countsPerAtom, double c, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] eds = new float[TILTS][W * H], w2 = new float[TILTS][W * H], w3 = new float[TILTS][W * H];
        for (int t = 0; t < TILTS; t++) {
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
                double am = amount(x, y, a);
                eds[t][y * W + x] = poisson(rnd, am * countsPerAtom / k);
                double e = am / c, n = sigma * gauss(rnd);
                w2[t][y * W + x] = (float) (0.3 * e + n + 0.5 * sigma * gauss(rnd));
                w3[t][y * W + x] = (float) (0.7 * e - 0.5 * sigma * gauss(rnd));
            }
        }
        List<Channel> out = new ArrayList<>();
        out.add(Channel.image("EDS:" + el, Signal.MAP, new ImageStack(W, H, eds)));
        out.add(weight(el, el + "2+", 2, w2));
        out.add(weight(el, el + "3+", 3, w3));
        return out;
    }

    static Channel weight(String el, String ref, int valence, float[][] d) {
        ObjectNode extra = Json.object();
        extra.putObject("reference").put("element", el).put("valence", (double) valence).put("name", ref);
        return new Channel("EELS:" + el + "-" + ref, Signal.MAP, new ImageStack(W, H, d), null, null, extra);
    }

    static ObjectNode top(String... els) {
        ObjectNode q = Json.object();
        ObjectNode k = q.putObject("kFactors");
        var tms = q.putArray("transitionMetals");
        for (String e : els) {
            k.put(e, e.equals("Ni") ? 1.16 : 1.0);
            tms.add(e);
        }
        return q;
    }

    @Test
    void theEelsScaleIsCalibratedOnTheEdsSumsAndThePreciseSourceWeighsMost() {
        List<Channel> m = new ArrayList<>(maps("Ni", 2.0, 1.16, 0.4, 1 / 700.0, 20, 1));
        m.addAll(maps("Mn", 1.0, 1.0, 0.4, 1 / 900.0, 20, 2));
        ObjectNode q = top("Ni", "Mn");
        ElementAmounts.add(q, m);
        var ni = q.path("elementAmounts").path("Ni");
        // k·EDS sums to 0.4 counts per atom, the EELS sum to 700 per atom: the calibration is 0.4 / 700
        double expected = 0.4 / 700;
        assertEquals(expected, ni.path("eelsCalibration").asDouble(), expected * 5 * ni.path("calibrationRelativeError").asDouble(),
                "calibration within 5 of its stated relative errors");
        // EDS: ~0.4 counts/atom·px at most → relative noise ≫ EELS (σ 20 on weights of ~1400): EELS dominates
        assertTrue(ni.path("edsWeight").asDouble() < 0.02, "EDS weight " + ni.path("edsWeight"));
        double a = ni.path("edsWeight").asDouble(), c = ni.path("eelsCalibration").asDouble();
        assertEquals(a * 1.16, ni.path("terms").path("EDS:Ni").asDouble(), 1e-12);
        assertEquals((1 - a) * c, ni.path("terms").path("EELS:Ni-Ni2+").asDouble(), 1e-9);
        assertEquals((1 - a) * c, ni.path("terms").path("EELS:Ni-Ni3+").asDouble(), 1e-9);
        assertTrue(q.path("elementAmountsMethod").asText().contains("calibration"));
    }

    @Test
    void aNoisyEelsSourceHandsTheWeightToEds() {
        // high EDS counts (σ/amount ≈ 1/√2000) against EELS weights drowned in noise (σ 50 on ~1000)
        List<Channel> m = maps("Co", 1.0, 1.0, 2000, 1 / 1000.0, 50, 3);
        ObjectNode q = top("Co");
        ElementAmounts.add(q, m);
        var co = q.path("elementAmounts").path("Co");
        double vEds = co.path("edsNoiseVariance").asDouble(), vEels = co.path("eelsNoiseVariance").asDouble();
        double a = co.path("edsWeight").asDouble();
        assertEquals(vEels / (vEds + vEels), a, 1e-12, "inverse-variance weight");
        assertTrue(a > 0.9, "EDS weight " + a);
        // the EDS noise estimate in amount units: Poisson σ² = mean counts, averaged over the disc and the empty field
        double mean = 0;
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) mean += amount(x, y, 1.0) * 2000;
        mean /= W * H;
        assertEquals(mean, vEds, 0.1 * mean, "second differences measure the Poisson variance");
    }

    @Test
    void noiseVarianceIgnoresASmoothRampAndFindsWhiteNoise() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[][] m = new float[4][W * H];
        for (float[] t : m) for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) t[y * W + x] = (float) (100 + 5 * x - 3 * y + 2 * gauss(rnd));
        assertEquals(4.0, ElementAmounts.secondDifferenceMoments(m, 1, m, 1, W, H)[0], 0.2);
    }

    @Test
    void withoutMllsWeightsForEveryMetalNothingIsWritten() {
        List<Channel> m = new ArrayList<>(maps("Ni", 2.0, 1.16, 0.4, 1 / 700.0, 20, 1));
        SplittableRandom rnd = new SplittableRandom(4);
        float[][] mn = new float[TILTS][W * H];
        for (float[] t : mn) for (int i = 0; i < t.length; i++) t[i] = poisson(rnd, 0.3);
        m.add(Channel.image("EDS:Mn", Signal.MAP, new ImageStack(W, H, mn)));
        ObjectNode q = top("Ni", "Mn");
        ElementAmounts.add(q, m);
        assertFalse(q.has("elementAmounts"), "Mn has no MLLS weights: fractions stay on k·EDS");
    }

    static float poisson(SplittableRandom r, double mean) {
        if (mean <= 0) return 0;
        if (mean > 50) return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
