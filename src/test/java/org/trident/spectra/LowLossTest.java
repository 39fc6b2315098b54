package org.trident.spectra;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LowLossTest {
    static final EnergyAxis LOW = new EnergyAxis(-20, 0.5, "eV"), CORE = new EnergyAxis(480, 0.5, "eV");
    static final int NL = 600, NC = 800;

    /** Low loss of relative thickness tau: ZLP + Poisson-weighted self-convolutions of a plasmon at 22 eV. */
    static double[] lowLoss(double tau, double total) {
        double[] zlp = new double[NL], p1 = new double[NL];
        for (int c = 0; c < NL; c++) {
            zlp[c] = SpectraFixtures.gaussian(LOW.energy(c), 0, 0.6) * 0.5;
            p1[c] = SpectraFixtures.gaussian(LOW.energy(c), 22 + 0 * c, 4) * 0.5;
        }
        int z0 = (int) Math.round(-LOW.offset() / LOW.scale());
        double[] l = new double[NL], term = zlp.clone();
        double fact = 1;
        for (int n = 0; n < 8; n++) {
            if (n > 0) { term = conv(term, p1, z0); fact *= n; }
            for (int c = 0; c < NL; c++) l[c] += total * Math.exp(-tau) * Math.pow(tau, n) / fact * term[c];
        }
        return l;
    }

    /** a ⊗ b on the low-loss axis (b's zero at channel z0). */
    static double[] conv(double[] a, double[] b, int z0) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) {
            int k = i + j - z0;
            if (k >= 0 && k < o.length) o[k] += a[i] * b[j];
        }
        return o;
    }

    static double[] ssd() {
        return ssd(0, NC);
    }

    /** The single-scattering core loss on channels [from, from + n) of the core axis (from may be negative). */
    static double[] ssd(int from, int n) {
        double[] s = new double[n];
        for (int c = 0; c < n; c++) {
            double e = CORE.energy(c + from);
            s[c] = 2e4 * Math.pow(e / 480, -3) + 300 * SpectraFixtures.step(e, 640) * Math.pow(e / 640, -2) + 2000 * SpectraFixtures.gaussian(e, 642, 1.2);
        }
        return s;
    }

    @Test
    void thicknessAndFourierRatioRecoverTheSingleScatteringEdge() {
        double tau = 1.2;
        double[] l = lowLoss(tau, 1e6), s = ssd();
        int z0 = (int) Math.round(-LOW.offset() / LOW.scale());
        double i0 = 0;
        for (int c = 0; c < NL; c++) if (Math.abs(LOW.energy(c)) < 3) i0 += l[c];
        // measured core loss = SSD ⊗ (low loss / I0), with the SSD known 100 eV below the axis too
        int pre = 200;
        double[] ext = ssd(-pre, NC + pre);
        double[] core = new double[NC];
        for (int i = 0; i < ext.length; i++) for (int j = 0; j < NL; j++) {
            int k = i - pre + j - z0;
            if (k >= 0 && k < NC) core[k] += ext[i] * l[j] / i0;
        }
        int w = 2;
        float[] lowData = new float[w * NL], coreData = new float[w * NC];
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < NL; c++) lowData[x * NL + c] = (float) l[c];
            for (int c = 0; c < NC; c++) coreData[x * NC + c] = (float) core[c];
        }
        SpectrumStack lowStack = new MemorySpectrumStack(w, 1, NL, new float[][]{lowData});
        SpectrumStack coreStack = new MemorySpectrumStack(w, 1, NC, new float[][]{coreData});
        double[] lowSum = new double[NL];
        for (int c = 0; c < NL; c++) lowSum[c] = w * l[c];
        LowLoss ll = new LowLoss(LOW, lowSum);
        assertEquals(tau, ll.thickness(lowData, 0), 0.03, "t/λ");
        float[] out = new float[w * NC];
        ll.deconvolved(coreStack, CORE, lowStack).readRow(0, 0, out);
        // compare with the SSD blurred by the same Gaussian (the reconvolution), away from the ends
        double sigma = ll.zlpFwhmEv() / 2.3548;
        double worst = 0, edgeIn = 0, edgeTrue = 0;
        for (int c = 40; c < NC - 100; c++) {
            double ref = 0, norm = 0;
            for (int d = -20; d <= 20; d++) {
                if (c + d < 0 || c + d >= NC) continue;
                double g = Math.exp(-(d * 0.5) * (d * 0.5) / (2 * sigma * sigma));
                ref += g * s[c + d];
                norm += g;
            }
            ref /= norm;
            worst = Math.max(worst, Math.abs(out[c] / ref - 1));
            double e = CORE.energy(c);
            if (e > 630 && e < 700) { edgeIn += out[c]; edgeTrue += ref; }
        }
        assertTrue(worst < 0.05, "deconvolved spectrum (from 20 eV above the axis start) departs from the single-scattering one by up to " + worst);
        assertEquals(edgeTrue, edgeIn, 0.01 * edgeTrue);
    }

    @Test
    void quantifyWritesTheThicknessMapAndWarnsWhenThick() {
        double[] l = lowLoss(1.5, 1e5), s = ssd();
        int w = 3, h = 2;
        float[] low = new float[w * h * NL], core = new float[w * h * NC];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < NL; c++) low[p * NL + c] = (float) l[c];
            for (int c = 0; c < NC; c++) core[p * NC + c] = (float) s[c];
        }
        TiltSeries ts = new TiltSeries("thick", 2, new double[]{0}, List.of(
                Channel.spectrum("EELS", Signal.EELS, new MemorySpectrumStack(w, h, NC, new float[][]{core}), CORE),
                Channel.spectrum("LL", Signal.EELS_LOWLOSS, new MemorySpectrumStack(w, h, NL, new float[][]{low}), LOW)), null);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults(), null, 1, Progress.NONE);
        float[] t = r.series().channel(QuantModel.THICKNESS_MAP).images().tilt(0);
        assertEquals(1.5, t[4], 0.04);
        assertEquals("LL", r.series().channel(QuantModel.THICKNESS_MAP).extraText("derivedFrom"));
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("t/λ")), "warns about thickness: " + r.warnings());
    }
}
