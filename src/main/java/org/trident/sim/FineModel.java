package org.trident.sim;

import org.trident.job.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The particle sampled on a grid {@code factor} times finer than the reconstruction grid, kept
 * sparse: only fine voxels holding material, each with its amount (atoms) of every
 * {@link Species}. Boundary voxels get partial occupancy from sub-samples of the analytic shape.
 * Projections and the truth volumes are both computed from this model, never from the
 * reconstruction grid itself.
 */
final class FineModel {
    static final int SUBSAMPLES = 3; // per axis, for voxels on the boundary

    final int size;        // reconstruction grid edge N
    final int factor;      // fine voxels per reconstruction voxel along each axis
    final int n;           // fine grid edge N * factor
    final double fineNm;   // fine voxel size
    final int count;       // fine voxels with material
    final int[] index;     // their linear fine index (x fastest)
    final float[] amounts; // count * Species.ALL.size() atoms
    final float[] depthNm; // depth of each fine voxel below the outer surface (contract definition on the fine grid)

    private FineModel(int size, int factor, double fineNm, int[] index, float[] amounts, float[] depthNm) {
        this.size = size;
        this.factor = factor;
        this.n = size * factor;
        this.fineNm = fineNm;
        this.count = index.length;
        this.index = index;
        this.amounts = amounts;
        this.depthNm = depthNm;
    }

    /** Centred coordinate in nm of fine index {@code a} along one axis. */
    double centreNm(int a) {
        return (a - (n - 1) / 2.0) * fineNm;
    }

    static FineModel build(ParticleSpec spec, int size, double pixelNm, int factor, int threads, Progress progress) {
        ParticleShape shape = new ParticleShape(spec);
        int n = size * factor;
        double h = pixelNm / factor;
        boolean[] body = new boolean[n * n * n];
        boolean[] material = new boolean[n * n * n];
        progress.start("particle model", 3L * n);
        parallel(threads, n, k -> {
            double z = (k - (n - 1) / 2.0) * h;
            for (int j = 0; j < n; j++) {
                double y = (j - (n - 1) / 2.0) * h;
                for (int i = 0; i < n; i++) {
                    double x = (i - (n - 1) / 2.0) * h;
                    int idx = (k * n + j) * n + i;
                    body[idx] = shape.insideBody(x, y, z);
                    material[idx] = body[idx] && !shape.inEmpty(x, y, z);
                }
            }
            progress.advance(1);
        });
        progress.checkCancelled();
        float[] occupancy = new float[n * n * n];
        parallel(threads, n, k -> {
            for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
                int idx = (k * n + j) * n + i;
                boolean m = material[idx];
                boolean edge = (i > 0 && material[idx - 1] != m) || (i < n - 1 && material[idx + 1] != m)
                        || (j > 0 && material[idx - n] != m) || (j < n - 1 && material[idx + n] != m)
                        || (k > 0 && material[idx - n * n] != m) || (k < n - 1 && material[idx + n * n] != m);
                occupancy[idx] = edge ? subsample(shape, i, j, k, n, h) : (m ? 1f : 0f);
            }
            progress.advance(1);
        });
        progress.checkCancelled();
        float[] depthGrid = Depths.depthNm(Depths.fillHoles(body, n, n, n), n, n, n, h);
        progress.advance(n);
        int count = 0;
        for (float o : occupancy) if (o > 0) count++;
        int[] index = new int[count];
        float[] depth = new float[count];
        int c = 0;
        for (int idx = 0; idx < occupancy.length; idx++) {
            if (occupancy[idx] <= 0) continue;
            index[c] = idx;
            float d = depthGrid[idx];
            depth[c] = Float.isNaN(d) ? 0f : Math.max(0f, d); // partly filled voxels just outside the body sit at the surface
            c++;
        }
        int ns = Species.ALL.size();
        float[] amounts = new float[count * ns];
        double volume = h * h * h;
        parallel(threads, count, v -> fill(spec, occupancy[index[v]] * volume, depth[v], amounts, v * ns));
        return new FineModel(size, factor, h, index, amounts, depth);
    }

    /** Atoms of every species in a fine voxel of material volume {@code vol} nm³ at depth d. */
    static void fill(ParticleSpec spec, double vol, double depthNm, float[] out, int off) {
        double tm = vol * ParticleSpec.TM_PER_NM3;
        double meanValence = 0;
        for (String el : Species.TRANSITION_METALS) {
            double f = spec.fraction(el, depthNm);
            double v = spec.valence(el, depthNm);
            meanValence += f * v;
            List<Species> states = Species.ofElement(el);
            for (Species s : states) {
                // the mean valence is split between the two neighbouring integer states
                double w = Math.max(0, 1 - Math.abs(v - s.valence));
                out[off + s.ordinal()] = (float) (tm * f * w);
            }
        }
        // charge balance with one Li per transition metal: Li + Σ v·M = 2·O
        out[off + Species.LI.ordinal()] = (float) tm;
        out[off + Species.O.ordinal()] = (float) (tm * (1 + meanValence) / 2);
    }

    private static float subsample(ParticleShape shape, int i, int j, int k, int n, double h) {
        int s = SUBSAMPLES, in = 0;
        for (int c = 0; c < s; c++) for (int b = 0; b < s; b++) for (int a = 0; a < s; a++) {
            double x = (i - (n - 1) / 2.0 + (a + 0.5) / s - 0.5) * h;
            double y = (j - (n - 1) / 2.0 + (b + 0.5) / s - 0.5) * h;
            double z = (k - (n - 1) / 2.0 + (c + 0.5) / s - 0.5) * h;
            if (shape.material(x, y, z)) in++;
        }
        return in / (float) (s * s * s);
    }

    /** Runs {@code body} for 0..count-1 on {@code threads} threads; results must not depend on the split. */
    static void parallel(int threads, int count, java.util.function.IntConsumer body) {
        if (threads <= 1 || count < 2) {
            for (int i = 0; i < count; i++) body.accept(i);
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            int chunks = Math.min(count, threads * 8);
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) count * c / chunks), to = (int) ((long) count * (c + 1) / chunks);
                fs.add(ex.submit(() -> IntStream.range(from, to).forEach(body)));
            }
            for (Future<?> f : fs) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw new RuntimeException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } finally {
            ex.shutdownNow();
        }
    }
}
