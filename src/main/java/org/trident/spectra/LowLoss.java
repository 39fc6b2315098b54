package org.trident.spectra;

import org.jtransforms.fft.DoubleFFT_1D;
import org.trident.model.EnergyAxis;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

/**
 * Low-loss EELS: relative thickness and Fourier-ratio deconvolution (Egerton, Electron
 * Energy-Loss Spectroscopy in the Electron Microscope, 3rd ed., 2011, §5.1 log-ratio and §4.3.2
 * Fourier-ratio).
 * <ul>
 * <li>{@code t/λ = ln(I_t / I_0)}: I_0 the counts in the zero-loss window (between the minima
 * either side of the zero-loss peak of the summed low-loss spectrum), I_t all counts.</li>
 * <li>Fourier ratio: {@code S = I_0 · FT⁻¹[G(ν) · C(ν) / L(ν)]}, C and L the transforms of the
 * core-loss and low-loss spectra (the latter rolled so its zero-loss maximum is channel 0), G the
 * transform of a unit-area Gaussian as wide as the zero-loss peak (it keeps the noise from
 * blowing up where L is small). The core loss is extended below its first channel by a
 * power law (rolled off to zero) as far as the low-loss spectrum reaches, so that plural
 * scattering from lower losses still has a source, and tapered to zero after its last channel
 * (cosine over {@link #TAPER} channels), so the periodic transform sees no jump. The first
 * tens of eV of the axis remain the least reliable part.</li>
 * </ul>
 * Deconvolution needs both spectra on the same channel width.
 */
public final class LowLoss {
    public static final int TAPER = 32;
    private final int nLow;
    private final int zlpChannel, zlpFrom, zlpTo;
    private final double zlpFwhmChannels;
    private final double scaleEv;

    /** Finds the zero-loss peak on the series-summed low-loss spectrum. */
    public LowLoss(EnergyAxis axis, double[] sum) {
        nLow = sum.length;
        scaleEv = Math.abs(axis.scale() * axis.toEv());
        int z = -1;
        for (int c = 0; c < nLow; c++) {
            if (Math.abs(axis.energyEv(c)) > 10) continue;
            if (z < 0 || sum[c] > sum[z]) z = c;
        }
        if (z < 0) throw new TridentException("the low-loss spectrum has no channel within ±10 eV of zero loss");
        zlpChannel = z;
        int a = z, b = z;
        while (a > 0 && sum[a - 1] < sum[a]) a--;
        while (b < nLow - 1 && sum[b + 1] < sum[b]) b++;
        zlpFrom = a;
        zlpTo = b;
        double half = sum[z] / 2;
        int l = z, r = z;
        while (l > 0 && sum[l] > half) l--;
        while (r < nLow - 1 && sum[r] > half) r++;
        zlpFwhmChannels = Math.max(1.0, r - l);
    }

    public double zlpFwhmEv() { return zlpFwhmChannels * scaleEv; }
    public int[] zeroLossWindow() { return new int[]{zlpFrom, zlpTo}; }

    /** t/λ of one low-loss spectrum starting at {@code base}; NaN when it has no zero-loss counts. */
    public double thickness(float[] row, int base) {
        double i0 = 0, it = 0;
        for (int c = 0; c < nLow; c++) {
            double v = row[base + c];
            it += v;
            if (c >= zlpFrom && c <= zlpTo) i0 += v;
        }
        return i0 > 0 && it > 0 ? Math.log(it / i0) : Double.NaN;
    }

    /** A core-loss stack whose rows come out Fourier-ratio deconvolved with the matching low-loss rows. */
    public SpectrumStack deconvolved(SpectrumStack core, EnergyAxis coreAxis, SpectrumStack low) {
        double cs = Math.abs(coreAxis.scale() * coreAxis.toEv());
        if (Math.abs(cs - scaleEv) > 1e-6 * cs) throw new TridentException("Fourier-ratio deconvolution needs the same channel width for core loss ("
                + cs + " eV) and low loss (" + scaleEv + " eV)");
        return new Deconvolved(core, low);
    }

    private final class Deconvolved implements SpectrumStack {
        private final SpectrumStack core, low;
        private final int n, m;
        private final ThreadLocal<DoubleFFT_1D> fft;
        private final double[] gauss;

        private final int pre;

        Deconvolved(SpectrumStack core, SpectrumStack low) {
            this.core = core;
            this.low = low;
            n = core.channels();
            // room before the first channel for the losses plural scattering moves up into the axis
            pre = Math.max(TAPER, nLow - zlpChannel);
            int len = Integer.highestOneBit(Math.max(pre + n + TAPER, nLow) - 1) << 1;
            m = len;
            fft = ThreadLocal.withInitial(() -> new DoubleFFT_1D(m));
            gauss = new double[m];
            double sigma = zlpFwhmChannels / 2.3548;
            for (int k = 0; k < m; k++) {
                double d = Math.min(k, m - k);
                gauss[k] = Math.exp(-d * d / (2 * sigma * sigma));
            }
            double s = 0;
            for (double v : gauss) s += v;
            for (int k = 0; k < m; k++) gauss[k] /= s;
            fft.get().realForward(gauss);
        }

        @Override public int tilts() { return core.tilts(); }
        @Override public int height() { return core.height(); }
        @Override public int width() { return core.width(); }
        @Override public int channels() { return n; }
        @Override public String sourceType() { return "float32"; }

        @Override
        public void readRow(int t, int y, float[] dst) {
            core.readRow(t, y, dst);
            float[] lr = new float[low.width() * nLow];
            low.readRow(t, y, lr);
            double[] c = new double[m], l = new double[m];
            DoubleFFT_1D f = fft.get();
            for (int x = 0; x < core.width(); x++) {
                java.util.Arrays.fill(c, 0);
                java.util.Arrays.fill(l, 0);
                int b = x * n;
                for (int i = 0; i < n; i++) c[pre + i] = dst[b + i];
                for (int i = 0; i < TAPER; i++) {
                    double w = 0.5 * (1 + Math.cos(Math.PI * (i + 1) / (TAPER + 1)));
                    c[pre + n + i] = dst[b + n - 1] * w;      // fall to zero after the end
                }
                extrapolateBelow(c, pre);
                double i0 = 0;
                for (int i = 0; i < nLow; i++) {
                    double v = lr[x * nLow + i];
                    l[Math.floorMod(i - zlpChannel, m)] += v;
                    if (i >= zlpFrom && i <= zlpTo) i0 += v;
                }
                f.realForward(c);
                f.realForward(l);
                divide(c, l, gauss, m);
                f.realInverse(c, true);
                for (int i = 0; i < n; i++) dst[b + i] = (float) (i0 * c[pre + i]);
            }
        }
    }

    /**
     * Fills c[0, pre) below the first channel: a power law through the means of the first two
     * 10-channel blocks (Egerton's two-area estimate), rolled off to zero by a cosine over the
     * lower half, so that losses below the axis feed plural scattering into its start.
     */
    static void extrapolateBelow(double[] c, int pre) {
        int k = 10;
        double a = 0, b = 0;
        for (int i = 0; i < k; i++) { a += c[pre + i]; b += c[pre + k + i]; }
        double ratio = a > 0 && b > 0 ? a / b : 1;
        double perChannel = Math.log(Math.max(ratio, 1e-3)) / k; // log slope per channel towards lower energy
        perChannel = Math.max(0, Math.min(perChannel, 0.05));
        double start = a / k;
        for (int i = 1; i <= pre; i++) {
            double v = start * Math.exp(perChannel * i);
            double roll = i < pre / 2 ? 1 : 0.5 * (1 + Math.cos(Math.PI * (i - pre / 2.0) / (pre / 2.0)));
            c[pre - i] = v * roll;
        }
    }

    /** c ← g·c/l in JTransforms' packed real-FFT layout; bins where l vanishes become 0. */
    static void divide(double[] c, double[] l, double[] g, int m) {
        c[0] = l[0] != 0 ? g[0] * c[0] / l[0] : 0;
        c[1] = l[1] != 0 ? g[1] * c[1] / l[1] : 0; // the Nyquist bin (m even)
        for (int k = 1; k < m / 2; k++) {
            double cr = c[2 * k], ci = c[2 * k + 1], lr = l[2 * k], li = l[2 * k + 1], gr = g[2 * k], gi = g[2 * k + 1];
            double den = lr * lr + li * li;
            if (den == 0) { c[2 * k] = 0; c[2 * k + 1] = 0; continue; }
            double qr = (cr * lr + ci * li) / den, qi = (ci * lr - cr * li) / den;
            c[2 * k] = gr * qr - gi * qi;
            c[2 * k + 1] = gr * qi + gi * qr;
        }
    }
}
