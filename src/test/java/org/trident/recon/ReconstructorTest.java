package org.trident.recon;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every algorithm against analytic truth (projections computed analytically, never with our projector). */
class ReconstructorTest {
    static final int N = 40, H = 12;
    static double[] angles = AnalyticPhantom.range(-70, 70, 3);
    static ImageStack projections;
    static Volume truth;

    @BeforeAll
    static void phantom() {
        AnalyticPhantom ph = AnalyticPhantom.particle(N);
        // a slab of the particle: rows around its centre
        projections = ph.project(N, H, angles, 2);
        truth = ph.voxelise(N, H, N, 2);
    }

    static Volume run(ReconParams p, int threads) {
        return Reconstructor.reconstruct(projections, angles, p, threads, Progress.NONE, null);
    }

    static void check(String name, Volume v, double minCorr, double maxRmse) {
        double c = AnalyticPhantom.correlation(v.data(), truth.data());
        double r = AnalyticPhantom.rmse(v.data(), truth.data());
        System.out.printf("%-28s correlation %.4f  RMSE %.4f%n", name, c, r);
        assertTrue(c >= minCorr, name + ": correlation " + c + " below " + minCorr);
        assertTrue(r <= maxRmse, name + ": RMSE " + r + " above " + maxRmse);
    }

    @Test
    void sirtMatchesTruth() {
        check("SIRT 50 it, non-negative", run(ReconParams.defaults(Algorithm.SIRT), 2), 0.9, 0.2);
    }

    @Test
    void sartMatchesTruth() {
        check("SART 10 it, non-negative", run(ReconParams.defaults(Algorithm.SART), 2), 0.9, 0.2);
        check("OS-SART 5 subsets", run(ReconParams.defaults(Algorithm.SART).withOrder(false, 5, 1), 2), 0.9, 0.2);
    }

    @Test
    void artMatchesTruth() {
        check("ART 5 it, random order", run(ReconParams.defaults(Algorithm.ART), 2), 0.9, 0.2);
        check("ART 5 it, sequential", run(ReconParams.defaults(Algorithm.ART).withOrder(false, 0, 1), 2), 0.9, 0.2);
    }

    @Test
    void cglsMatchesTruth() {
        check("CGLS 15 it", run(ReconParams.defaults(Algorithm.CGLS), 2), 0.9, 0.2);
    }

    @Test
    void wbpMatchesTruth() {
        for (Filter f : Filter.values()) check("WBP " + f.label(), run(ReconParams.defaults(Algorithm.WBP).withFilter(f, 1.0), 2), 0.85, 0.25);
    }

    @Test
    void fastSirtAgreesWithThePlainReference() {
        ReconParams p = ReconParams.defaults(Algorithm.SIRT).withIterations(20);
        Volume fast = run(p, 2);
        Volume ref = ReferenceSirt.reconstruct(projections, angles, N, 20, p.relaxation(), true);
        double diff = AnalyticPhantom.rmse(fast.data(), ref.data());
        System.out.printf("fast vs reference SIRT: RMSE %.2e%n", diff);
        assertTrue(diff < 1e-3, "fast and reference SIRT differ by " + diff);
    }
}
