package org.trident.spectra;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;
import org.trident.io.Msa;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real STEM-EDS spectrum image of a Mn-bearing mineral (../shared/data, item 3). */
class RealEdsTest {
    static final Path DIR = Path.of("..", "shared", "data", "eds_si_mn_mineral_300kV");
    static final List<String> ELEMENTS = List.of("Mn", "Fe", "Si", "Mg", "O");

    static EdsParams params(EdsParams.Method m) {
        return new EdsParams(ELEMENTS, List.of("Cu", "C"), true, 130, 0.2, 9.5, 1.0, m, -1, EdsParams.TiltNormalisation.NONE, true);
    }

    /** Rows [0, rows) of the cube as one tilt. */
    static TiltSeries cube(int rows) throws Exception {
        int h = 162, w = 149, n = 985;
        float[] data = new float[rows * w * n];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve("eds_si_162x149x985_uint8.raw.gz")), 1 << 16)) {
            byte[] b = new DataInputStream(in).readNBytes(rows * w * n);
            for (int i = 0; i < b.length; i++) data[i] = b[i] & 0xff;
        }
        var q = Json.object();
        Channel ch = new Channel("EDS", Signal.EDS, null, new MemorySpectrumStack(w, rows, n, new float[][]{data}),
                new EnergyAxis(0.157131142, 0.0099988, "keV"), q);
        return new TiltSeries("mineral", 37.5, new double[]{25}, List.of(ch), null);
    }

    @Test
    void sumSpectrumFitAgreesWithWindowsWhereLinesStandAlone() {
        Path sum = DIR.resolve("eds_si_sum_spectrum.msa");
        Assumptions.assumeTrue(Files.exists(sum));
        Msa.Spectrum s = Msa.read(sum);
        Channel ch = Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(1, 1, s.length(), new float[][]{s.values()}), s.axis());
        TiltSeries ts = new TiltSeries("sum", 1, new double[]{0}, List.of(ch), null);
        QuantModel fit = Quantifier.prepare(ts, QuantParams.defaults().withEds(params(EdsParams.Method.FIT)), null, 1, Progress.NONE);
        QuantResult a = fit.apply(1, Progress.NONE);
        QuantResult b = Quantifier.quantify(ts, QuantParams.defaults().withEds(params(EdsParams.Method.WINDOW)), null, 1, Progress.NONE);
        double chi = fit.eds().fitted().reducedChiSquare();
        // ~24 000 summed pixels: the Gaussian lines miss the detector's low-energy tails by
        // ~0.5 % of the Si Kα and O K peaks, which at these counts is a reduced chi-square near 80
        assertTrue(chi < 100, "reduced chi-square of the summed fit " + chi);
        for (String el : List.of("Mn", "Si")) {
            double f = a.series().channel("EDS:" + el).images().tilt(0)[0], w = b.series().channel("EDS:" + el).images().tilt(0)[0];
            assertTrue(f > 0, el + " found");
            assertEquals(w, f, 0.1 * f, "EDS:" + el + " by fit and by windows");
        }
        assertEquals(0, fit.eds().model().offsetEv(), 5, "this spectrum's axis is calibrated within a few eV");
        SpectrumFit sf = fit.edsFit(0, 0, 0, 0, 0);
        assertEquals(s.length(), sf.residual().length);
    }

    @Test
    void perPixelMapsFollowTheMnSignal() throws Exception {
        Assumptions.assumeTrue(Files.exists(DIR.resolve("eds_si_162x149x985_uint8.raw.gz")));
        TiltSeries ts = cube(48);
        QuantResult r = Quantifier.quantify(ts, QuantParams.defaults().withEds(params(EdsParams.Method.FIT)), null, 2, Progress.NONE);
        QuantResult win = Quantifier.quantify(ts, QuantParams.defaults().withEds(params(EdsParams.Method.WINDOW)), null, 2, Progress.NONE);
        // 8x8 binned maps of the fit and of the window method should agree for isolated Mn Kα
        float[] f = r.series().channel("EDS:Mn").images().tilt(0), w = win.series().channel("EDS:Mn").images().tilt(0);
        int bw = 149 / 8, bh = 48 / 8;
        double[] x = new double[bw * bh], y = new double[bw * bh];
        for (int j = 0; j < bh * 8; j++) for (int i = 0; i < bw * 8; i++) {
            x[(j / 8) * bw + i / 8] += f[j * 149 + i];
            y[(j / 8) * bw + i / 8] += w[j * 149 + i];
        }
        assertTrue(correlation(x, y) > 0.8, "binned EDS:Mn, fit vs windows, correlation " + correlation(x, y));
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
