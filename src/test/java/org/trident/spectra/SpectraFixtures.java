package org.trident.spectra;

import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.io.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Small synthetic spectrum images with known truth: Gaussian X-ray line families on a smooth
 * continuum, and power-law EELS backgrounds with edges (written independently of the engine:
 * Gaussians sampled at channel centres, not bin integrals), Poisson noise from a fixed seed.
 */
final class SpectraFixtures {
    private SpectraFixtures() {}

    static final EnergyAxis EDS_AXIS = new EnergyAxis(0.0, 0.01, "keV");
    static final int EDS_CH = 1024;
    static final EnergyAxis EELS_AXIS = new EnergyAxis(480.0, 0.5, "eV");
    static final int EELS_CH = 800;
    static final String[] ELEMENTS = {"Ni", "Co", "Mn", "O"};

    static double fwhmEv(double e) {
        return Math.sqrt(130.0 * 130.0 + 2.45 * (e - 5.899) * 1000);
    }

    /** Expected EDS counts per channel for given family counts (Ni K, Co K, Mn K, O K, TM L = 0.3 × K) and background counts. */
    static double[] edsSpectrum(double[] kCounts, double bgCounts) {
        double[] s = new double[EDS_CH];
        double[] shape = new double[EDS_CH];
        double tot = 0;
        for (int c = 0; c < EDS_CH; c++) {
            double e = EDS_AXIS.energy(c);
            if (e < 0.15) continue;
            shape[c] = Math.exp(-Math.pow(0.45 / e, 3)) * (12.0 / e - 0.8 + 0.02 * e);
            shape[c] = Math.max(shape[c], 0);
            tot += shape[c];
        }
        for (int c = 0; c < EDS_CH; c++) s[c] = bgCounts * shape[c] / tot;
        for (int i = 0; i < ELEMENTS.length; i++) {
            addFamily(s, ELEMENTS[i], "K", kCounts[i]);
            if (!ELEMENTS[i].equals("O")) addFamily(s, ELEMENTS[i], "L", 0.3 * kCounts[i]);
        }
        return s;
    }

    static void addFamily(double[] s, String el, String fam, double counts) {
        var lines = XrayLines.family(el, fam);
        double wsum = lines.stream().mapToDouble(XrayLines.Line::weight).sum();
        for (var l : lines) {
            double sigma = fwhmEv(l.energyKeV()) / 1000 / 2.3548;
            for (int c = 0; c < s.length; c++) {
                double d = EDS_AXIS.energy(c) - l.energyKeV();
                s[c] += counts * l.weight() / wsum * 0.01 / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-d * d / (2 * sigma * sigma));
            }
        }
    }

    /** Poisson sample (Knuth for small means, normal approximation above 50). */
    static float poisson(SplittableRandom r, double mean) {
        if (mean <= 0) return 0;
        if (mean > 50) return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Amounts per pixel: a disc of NCM-like composition with a Mn-rich rim (Ni, Co, Mn, O), zero outside. */
    static double[][] amounts(int w, int h, int tilt) {
        double[][] a = new double[w * h][4];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double dx = x - (w - 1) / 2.0 - 0.3 * tilt, dy = y - (h - 1) / 2.0;
            double r = Math.sqrt(dx * dx + dy * dy) / (0.4 * w);
            if (r >= 1) continue;
            double t = Math.sqrt(1 - r * r);
            double rim = r > 0.7 ? 1.5 : 1.0;
            a[y * w + x] = new double[]{t * 1.0, t * 0.9, t * 0.8 * rim, t * 4.0};
        }
        return a;
    }

    /** EDS k-counts per amount (so that k-factors relative to Mn are 1.16, 1.08, 1.0, 2.9). */
    static final double[] COUNTS_PER_AMOUNT = {1.0 / 1.16, 1.0 / 1.08, 1.0, 1.0 / 2.9};

    /** An EDS-only tilt series with {@code dose} Mn-K counts per unit amount. */
    static TiltSeries edsSeries(int w, int h, int tilts, double dose, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] data = new float[tilts][w * h * EDS_CH];
        // templates once: each element's spectrum for unit K counts, and the background for unit counts
        double[][] tmpl = new double[5][];
        for (int i = 0; i < 4; i++) {
            double[] k = new double[4];
            k[i] = 1;
            tmpl[i] = edsSpectrum(k, 0);
        }
        tmpl[4] = edsSpectrum(new double[4], 1);
        float[][] haadf = new float[tilts][w * h];
        for (int t = 0; t < tilts; t++) {
            double[][] a = amounts(w, h, t);
            for (int p = 0; p < w * h; p++) {
                double[] k = new double[4];
                double mass = 0;
                for (int i = 0; i < 4; i++) {
                    k[i] = a[p][i] * COUNTS_PER_AMOUNT[i] * dose;
                    mass += a[p][i];
                }
                double bg = 0.8 * dose * mass + 0.05 * dose;
                for (int c = 0; c < EDS_CH; c++) {
                    double v = bg * tmpl[4][c];
                    for (int i = 0; i < 4; i++) v += k[i] * tmpl[i][c];
                    data[t][p * EDS_CH + c] = poisson(rnd, v);
                }
                haadf[t][p] = (float) mass;
            }
        }
        var q = Json.object();
        q.putArray("elements").add("Ni").add("Co").add("Mn").add("O");
        q.putObject("kFactors").put("Ni", 1.16).put("Co", 1.08).put("Mn", 1.0).put("O", 2.9);
        var extra = Json.object();
        extra.set("quantification", q);
        List<Channel> ch = new ArrayList<>();
        ch.add(Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, haadf)));
        ch.add(new Channel("EDS", Signal.EDS, null, new MemorySpectrumStack(w, h, EDS_CH, data), EDS_AXIS, extra));
        double[] ang = new double[tilts];
        for (int t = 0; t < tilts; t++) ang[t] = -30 + 60.0 * t / Math.max(1, tilts - 1);
        return new TiltSeries("synthetic EDS", 4.0, ang, ch, null);
    }

    /** Expected counts truth: Mn-K (etc.) counts for pixel p of tilt t. */
    static double trueCounts(int w, int h, int t, int p, int element, double dose) {
        return amounts(w, h, t)[p][element] * COUNTS_PER_AMOUNT[element] * dose;
    }

    // ---------------- EELS ----------------

    /** A Mn L2,3 white-line edge shape for a valence: L3 at 640 + 1.5 (v − 2) eV, L3/L2 = 4.2 − 1.1 (v − 2), continuum double step; unit post-edge area ~ fixed. */
    static double[] mnEdge(EnergyAxis ax, int n, double valence) {
        double e3 = 640.0 + 1.5 * (valence - 2), e2 = e3 + 11.0;
        double ratio = 4.2 - 1.1 * (valence - 2);
        double a2 = 60.0 / (1 + ratio), a3 = 60.0 - a2;
        double[] s = new double[n];
        for (int c = 0; c < n; c++) {
            double e = ax.energy(c);
            s[c] += a3 * gaussian(e, e3, 1.2) + a2 * gaussian(e, e2, 1.4);
            s[c] += 1.0 * (2.0 / 3 * step(e, e3) + 1.0 / 3 * step(e, e2)) * Math.pow(e / 660.0, -1.0);
            s[c] *= 0.5;
        }
        return s;
    }

    static double[] oEdge(EnergyAxis ax, int n) {
        double[] s = new double[n];
        for (int c = 0; c < n; c++) {
            double e = ax.energy(c);
            s[c] = 0.5 * (step(e, 532) * 1.5 * Math.pow(e / 540.0, -2.0) + 6.0 * gaussian(e, 537, 2.0));
        }
        return s;
    }

    static double gaussian(double e, double mu, double sigma) {
        return Math.exp(-(e - mu) * (e - mu) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    }

    static double step(double e, double at) {
        return 0.5 + Math.atan((e - at) / 0.5) / Math.PI;
    }

    static Random random(long seed) {
        return new Random(seed);
    }
}
