package org.trident.spectra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quantification of the simulator's series against its truth. All tilts are at 0°, where the
 * projection is the plain sum of the truth volumes along z (contract section 1), so projected
 * amounts are known without a projector; repeating 0° gives independent noise per tilt.
 * The truth's valence is NaN outside the particle mask, so projected valences are taken over
 * the mask voxels (a few % of the Mn sits in partial surface voxels outside it).
 */
class SimulatedSeriesTest {
    static final int N = 24, TILTS = 10;
    static Simulation exact, noisy;
    static QuantResult qExact, qNoisy;

    @BeforeAll
    static void run() throws Exception {
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(N).withDose("high");
        exact = Simulator.run(p.withAngles(new double[]{0.0}).withNoise(false), Progress.NONE, 2);
        noisy = Simulator.run(p.withAngles(new double[TILTS]), Progress.NONE, 2);
        Path dir = Files.createTempDirectory("trident-sim-refs");
        exact.references().write(dir);
        References refs = References.read(dir.resolve("references.json"));
        qExact = Quantifier.quantify(exact.series(), QuantParams.defaults(), refs, 2, Progress.NONE);
        qNoisy = Quantifier.quantify(noisy.series(), QuantParams.defaults(), refs, 2, Progress.NONE);
    }

    /** Σ_k v(i, j, k) · (weight(i, j, k) or 1), skipping non-finite values. */
    static double[] projectZ(Volume v, Volume weight) {
        double[] out = new double[v.nx() * v.ny()];
        for (int k = 0; k < v.nz(); k++) for (int j = 0; j < v.ny(); j++) for (int i = 0; i < v.nx(); i++) {
            double w = weight == null ? 1 : weight.get(i, j, k);
            double x = v.get(i, j, k);
            if (Double.isFinite(x) && Double.isFinite(w)) out[j * v.nx() + i] += x * w;
        }
        return out;
    }

    /** {@code v} where {@code other} is finite, else 0. */
    static Volume finiteOnly(Volume v, Volume other) {
        float[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) if (!Float.isFinite(other.data()[i])) d[i] = 0;
        return new Volume(v.nx(), v.ny(), v.nz(), d, v.voxelSizeNm());
    }

    static double sum(QuantResult q, String channel) {
        double s = 0;
        for (float[] t : q.series().channel(channel).images().data()) for (float v : t) s += v;
        return s;
    }

    @Test
    void netEdsCountsFollowTheProjectedAmountsPixelByPixel() {
        for (String el : new String[]{"Ni", "Co", "Mn", "O"}) {
            double[] truth = projectZ(exact.truth().volume("density-" + el), null);
            float[] m = qExact.series().channel("EDS:" + el).images().tilt(0);
            double st = 0, sm = 0, max = 0;
            for (int i = 0; i < truth.length; i++) { st += truth[i]; sm += m[i]; max = Math.max(max, truth[i]); }
            double slope = sm / st, worst = 0;
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] > 0.1 * max) worst = Math.max(worst, Math.abs(m[i] / (slope * truth[i]) - 1));
                else assertEquals(0, m[i] - slope * truth[i], 0.01 * slope * max, "EDS:" + el + " off the particle");
            }
            assertTrue(worst < 0.01, "EDS:" + el + " departs from the projected amount by up to " + worst);
        }
    }

    @Test
    void kFactorCorrectedFractionsAreWithinTwoPercentAtHighDose() {
        String[] tm = {"Ni", "Co", "Mn"};
        double[] est = new double[3], truth = new double[3];
        double se = 0, st = 0;
        for (int e = 0; e < 3; e++) {
            est[e] = qNoisy.quantification().path("kFactors").path(tm[e]).asDouble() * sum(qNoisy, "EDS:" + tm[e]);
            for (double v : projectZ(noisy.truth().volume("density-" + tm[e]), null)) truth[e] += v;
            se += est[e];
            st += truth[e];
        }
        for (int e = 0; e < 3; e++) assertEquals(truth[e] / st, est[e] / se, 0.02 * truth[e] / st, "fraction of " + tm[e]);
    }

    @Test
    void mllsWeightsGiveTheProjectedMnValence() {
        Volume val = exact.truth().volume("valence-Mn");
        Volume mn = finiteOnly(exact.truth().volume("density-Mn"), val);
        double[] amount = projectZ(mn, null), vsum = projectZ(val, mn);
        double ta = 0, tav = 0, max = 0;
        for (int i = 0; i < amount.length; i++) { ta += amount[i]; tav += vsum[i]; max = Math.max(max, amount[i]); }
        double[] w = new double[amount.length], wv = new double[amount.length];
        double nw = 0, nwv = 0;
        for (var r : qExact.quantification().path("references")) {
            if (!r.path("element").asText().equals("Mn")) continue;
            float[] m = qExact.series().channel(r.path("channel").asText()).images().tilt(0);
            double v = r.path("valence").asDouble();
            for (int i = 0; i < m.length; i++) { w[i] += m[i]; wv[i] += v * m[i]; }
            double s = sum(qNoisy, r.path("channel").asText());
            nw += s;
            nwv += v * s;
        }
        double worst = 0, tw = 0, twv = 0;
        for (int i = 0; i < amount.length; i++) {
            tw += w[i];
            twv += wv[i];
            if (amount[i] > 0.5 * max) worst = Math.max(worst, Math.abs(wv[i] / w[i] - vsum[i] / amount[i]));
        }
        assertTrue(worst < 0.05, "noise-free projected Mn valence per pixel off by up to " + worst);
        assertEquals(tav / ta, twv / tw, 0.02, "noise-free Mn valence of the particle");
        assertEquals(tav / ta, nwv / nw, 0.05, "high-dose Mn valence of the particle (all tilts)");
    }
}
