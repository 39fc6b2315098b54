package org.trident.sei.sim;

/**
 * Defaults of {@code trident simulate-sei}. Compositions {@code first}, {@code first+step}, … for
 * {@code samples} samples; first-cycle CE = {@code ceMaxPct} − {@code ceCurvature}·(x − optimum)²
 * plus Gaussian cell-to-cell scatter {@code ceNoisePct}; ESM-amplitude cv = {@code cvMin} +
 * {@code cvCurvature}·(x − optimum)², so the SEI is most uniform where CE peaks, as the study
 * found. Maps are {@code size}² pixels of {@code pixelNm}, with a Gaussian correlation of
 * {@code grainPx} (1/e correlation length 2·grainPx).
 */
public record SeiSimParams(int samples, double first, double step, double optimum, double ceMaxPct, double ceCurvature, double ceNoisePct,
                           double cvMin, double cvCurvature, int size, double pixelNm, double grainPx, long seed) {
    public static SeiSimParams defaults() {
        return new SeiSimParams(9, 5, 5, 23.0, 88.0, 0.02, 0.3, 0.12, 0.0004, 128, 15.6, 2.0, 7L);
    }

    public SeiSimParams withSeed(long s) {
        return new SeiSimParams(samples, first, step, optimum, ceMaxPct, ceCurvature, ceNoisePct, cvMin, cvCurvature, size, pixelNm, grainPx, s);
    }

    public SeiSimParams withSize(int n) {
        if (n < 16 || n > 4096) throw new org.trident.model.TridentException("--size must be 16-4096 pixels, got " + n);
        return new SeiSimParams(samples, first, step, optimum, ceMaxPct, ceCurvature, ceNoisePct, cvMin, cvCurvature, n, pixelNm, grainPx, seed);
    }

    public SeiSimParams withOptimum(double x) {
        return new SeiSimParams(samples, first, step, x, ceMaxPct, ceCurvature, ceNoisePct, cvMin, cvCurvature, size, pixelNm, grainPx, seed);
    }
}
