package org.trident.analysis;

import org.junit.jupiter.api.Test;
import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzerTest {
    static final Phantoms P = new Phantoms(32, 2.0, 13);

    /** The depth the analysis will find: from the phantom's own mask. */
    static Volume truthDepth() {
        List<ReconChannel> ch = P.channels(null, 0, null);
        ParticleMask m = Masks.segment(ch.get(0).volume(), 5, -1, 8);
        return Depths.depthNm(m, P.voxelNm, 1, Progress.NONE);
    }

    /** The bulk of this 26-nm-radius ball starts at 16 nm. */
    static AnalysisParams params(int threads) {
        AnalysisParams d = AnalysisParams.defaults();
        return new AnalysisParams(d.surfaceDepthNm(), 16, d.shellNm(), d.threshold(), d.minParticleVoxels(), d.minVoidVoxels(),
                d.weakFraction(), d.smoothVoxels(), threads, d.shellFit(), d.fractionsFrom());
    }

    static AnalysisResult noiseless(Volume depth) {
        var in = new AnalysisInputs("test", P.channels(depth, 0, null), Phantoms.quantification(), null, null);
        return Analyzer.analyze(in, params(2), Progress.NONE);
    }

    @Test
    void noiselessPhantomGivesTheTruthProfile() {
        Volume depth = truthDepth();
        AnalysisResult r = noiseless(depth);
        assertEquals(1, r.mask().particles());
        for (String q : List.of("mask", "depth-nm", "fraction-Ni", "fraction-Co", "fraction-Mn", "valence-Mn", "inhomogeneity")) {
            assertNotNull(r.volumes().get(q), q);
        }
        for (Profiles.Row row : r.profiles()) {
            double d = row.depthNm();
            // each shell holds depths within ±1 nm of its centre; the truth varies smoothly there
            double tol = 0.15 * 2.0 / 6.0 + 1e-4;
            switch (row.quantity()) {
                case "fraction-Ni" -> assertEquals(Phantoms.ni(d), row.mean(), tol, "Ni at " + d);
                case "fraction-Co" -> assertEquals(0.33, row.mean(), 1e-5);
                case "valence-Mn" -> assertEquals(Phantoms.mnValence(d), row.mean(), 0.8 * 2.0 / 8.0 + 1e-4, "Mn valence at " + d);
                default -> { }
            }
        }
        Profiles.Summary ni = r.summary().stream().filter(s -> s.quantity().equals("fraction-Ni")).findFirst().orElseThrow();
        assertTrue(ni.surfaceMean() > ni.bulkMean() + 0.05, "surface enrichment");
        assertEquals(0.30, ni.bulkMean(), 0.15 * Math.exp(-16 / 6.0) + 1e-4);
        assertEquals(r.profiles().size() / 8, r.byParticle().size() / 8, "one particle: same rows per quantity");
    }

    @Test
    void halfSetErrorsMatchTheActualErrorOfShellMeans() {
        Volume depth = truthDepth();
        Random rnd = new Random(3);
        double sigma = 0.05;
        Map<String, Volume> a = P.volumes(depth, sigma, rnd), b = P.volumes(depth, sigma, rnd);
        Map<String, Volume> full = new HashMap<>();
        for (String k : a.keySet()) {
            float[] x = a.get(k).data(), y = b.get(k).data(), z = new float[x.length];
            for (int i = 0; i < z.length; i++) z[i] = 0.5f * (x[i] + y[i]);
            full.put(k, new Volume(P.n, P.n, P.n, z, P.voxelNm));
        }
        List<ReconChannel> ch = P.channels(depth, 0, null).stream()
                .map(c -> new ReconChannel(c.name(), c.signal(), c.element(), c.referenceName(), c.referenceValence(), full.get(c.name())))
                .toList();
        var in = new AnalysisInputs("noisy", ch, Phantoms.quantification(), a, b);
        AnalysisResult r = Analyzer.analyze(in, params(1), Progress.NONE);
        Map<Double, Double> truth = new HashMap<>();
        for (Profiles.Row row : noiseless(depth).profiles()) if (row.quantity().equals("fraction-Ni")) truth.put(row.depthNm(), row.mean());
        double sumErr2 = 0, sumEst2 = 0;
        int rows = 0;
        for (Profiles.Row row : r.profiles()) {
            if (!row.quantity().equals("fraction-Ni") || row.voxels() < 30) continue;
            double err = row.mean() - truth.get(row.depthNm());
            sumErr2 += err * err;
            sumEst2 += row.halfsetErr() * row.halfsetErr();
            rows++;
            assertTrue(row.stdIntrinsic() < row.std(), "noise removed from the spread");
        }
        assertTrue(rows >= 8);
        double ratio = Math.sqrt(sumEst2 / sumErr2);
        // one shell's |a - b| / 2 is a one-sample estimate: compare root-mean-squares over the shells
        assertTrue(ratio > 0.4 && ratio < 2.5, "half-set error / actual error = " + ratio);
    }

    /** Two separate balls of different Ni fraction: per-particle rows keep them apart, largest first. */
    @Test
    void particlesAreProfiledSeparately() {
        int n = 30;
        Volume adf = Volume.zeros(n, n, n, 2.0), ni = Volume.zeros(n, n, n, 2.0), co = Volume.zeros(n, n, n, 2.0);
        double[][] centres = {{8, 15, 15, 6, 0.6}, {22, 15, 15, 4, 0.2}}; // x, y, z, radius, Ni fraction
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            for (double[] c : centres) {
                double r = Math.sqrt((i - c[0]) * (i - c[0]) + (j - c[1]) * (j - c[1]) + (k - c[2]) * (k - c[2]));
                if (r <= c[3]) {
                    adf.set(i, j, k, 1f);
                    ni.set(i, j, k, (float) (100 * c[4]));
                    co.set(i, j, k, (float) (100 * (1 - c[4])));
                }
            }
        }
        var q = org.trident.io.Json.object();
        q.putArray("transitionMetals").add("Ni").add("Co");
        q.putObject("kFactors").put("Ni", 1.0).put("Co", 1.0);
        var in = new AnalysisInputs("two", List.of(
                new ReconChannel("HAADF", org.trident.model.Signal.ADF, null, null, Double.NaN, adf),
                new ReconChannel("EDS:Ni", org.trident.model.Signal.MAP, "Ni", null, Double.NaN, ni),
                new ReconChannel("EDS:Co", org.trident.model.Signal.MAP, "Co", null, Double.NaN, co)), q, null, null);
        AnalysisResult r = Analyzer.analyze(in, params(1), Progress.NONE);
        assertEquals(2, r.mask().particles());
        assertTrue(r.mask().sizes()[0] > r.mask().sizes()[1]);
        for (Profiles.Row row : r.byParticle()) {
            if (row.quantity().equals("fraction-Ni")) assertEquals(row.particle() == 1 ? 0.6 : 0.2, row.mean(), 1e-6);
        }
        Profiles.Row outer = r.profiles().stream().filter(x -> x.quantity().equals("fraction-Ni")).findFirst().orElseThrow();
        assertTrue(outer.mean() > 0.2 && outer.mean() < 0.6, "pooled over both particles");
        assertTrue(r.notes().stream().anyMatch(s -> s.contains("2 particles")));
    }

    @Test
    void cancelStopsTheAnalysis() {
        var cancelled = new Progress() {
            @Override public void start(String message, long total) {}
            @Override public void advance(long units) {}
            @Override public boolean isCancelled() { return true; }
        };
        var in = new AnalysisInputs("test", P.channels(null, 0, null), Phantoms.quantification(), null, null);
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> Analyzer.analyze(in, params(1), cancelled));
    }
}
