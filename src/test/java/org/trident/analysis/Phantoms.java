package org.trident.analysis;

import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.model.Signal;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A spherical NCM-like particle with known depth-dependent truth, as reconstructed channels:
 * Ni enriched and Mn reduced near the surface. Optional Gaussian noise per half-set.
 */
final class Phantoms {
    static final double K_NI = 1.2, K_CO = 1.1, K_MN = 1.0;

    final int n;
    final double voxelNm, radiusVox;

    Phantoms(int n, double voxelNm, double radiusVox) {
        this.n = n;
        this.voxelNm = voxelNm;
        this.radiusVox = radiusVox;
    }

    /** Truth as a function of depth in nm. */
    static double ni(double d) { return 0.30 + 0.15 * Math.exp(-d / 6.0); }
    static double co(double d) { return 0.33; }
    static double mn(double d) { return 1 - ni(d) - co(d); }
    static double mnValence(double d) { return 4.0 - 0.8 * Math.exp(-d / 8.0); }

    /** Approximate depth of a voxel of the ball (exact values come from the mask in tests). */
    double depthNm(int i, int j, int k) {
        double c = (n - 1) / 2.0;
        double r = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
        return (radiusVox - r) * voxelNm;
    }

    boolean inside(int i, int j, int k) {
        return depthNm(i, j, k) >= 0;
    }

    /** Channels with the given depth map (NaN outside), plus noise of relative size {@code sigma}. */
    List<ReconChannel> channels(Volume depth, double sigma, Random rnd) {
        Map<String, Volume> v = volumes(depth, sigma, rnd);
        List<ReconChannel> out = new ArrayList<>();
        out.add(new ReconChannel("HAADF", Signal.ADF, null, null, Double.NaN, v.get("HAADF")));
        for (String el : List.of("Ni", "Co", "Mn")) out.add(new ReconChannel("EDS:" + el, Signal.MAP, el, null, Double.NaN, v.get("EDS:" + el)));
        out.add(new ReconChannel("EELS:Mn-Mn3+", Signal.MAP, "Mn", "Mn3+", 3, v.get("EELS:Mn-Mn3+")));
        out.add(new ReconChannel("EELS:Mn-Mn4+", Signal.MAP, "Mn", "Mn4+", 4, v.get("EELS:Mn-Mn4+")));
        return out;
    }

    Map<String, Volume> volumes(Volume depth, double sigma, Random rnd) {
        String[] names = {"HAADF", "EDS:Ni", "EDS:Co", "EDS:Mn", "EELS:Mn-Mn3+", "EELS:Mn-Mn4+"};
        Map<String, Volume> m = new HashMap<>();
        for (String s : names) m.put(s, Volume.zeros(n, n, n, voxelNm));
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            int p = (k * n + j) * n + i;
            double[] val = new double[6];
            if (inside(i, j, k)) {
                double d = depth == null ? depthNm(i, j, k) : depth.data()[p];
                double v = mnValence(d);
                val = new double[]{10, 100 * ni(d) / K_NI, 100 * co(d) / K_CO, 100 * mn(d) / K_MN,
                        50 * mn(d) * (4 - v), 50 * mn(d) * (v - 3)};
            }
            for (int c = 0; c < 6; c++) {
                double noise = sigma > 0 ? sigma * (c == 0 ? 10 : c < 4 ? 33 : 16) * rnd.nextGaussian() : 0;
                m.get(names[c]).data()[p] = (float) (val[c] + noise);
            }
        }
        return m;
    }

    static com.fasterxml.jackson.databind.node.ObjectNode quantification() {
        var q = org.trident.io.Json.object();
        q.putObject("kFactors").put("Ni", K_NI).put("Co", K_CO).put("Mn", K_MN).put("O", 2.9);
        q.putArray("transitionMetals").add("Ni").add("Co").add("Mn");
        return q;
    }
}
