package org.trident.scaleout;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.recon.ProjectorModel;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an executor does with one slab: solve it with the same geometry and settings as the whole
 * channel. The system matrix is deterministic in (width, thickness, angles), so each executor JVM
 * builds it once and keeps it for every slab and channel of that geometry; shipping the matrix
 * itself would cost more network than computing it (docs/scaleout.md).
 */
public final class SlabWork {
    private SlabWork() {}

    /** The geometry and settings shared by all slabs of a channel (broadcast once per channel). */
    public record Spec(int width, int thickness, double[] anglesDeg, ProjectorModel model, double pixelSizeNm, ReconParams params)
            implements Serializable {
        String key() {
            return width + "/" + thickness + "/" + model + "/" + Arrays.toString(anglesDeg);
        }
    }

    /** One slab to solve: rows [y0, y1) of every tilt, and the support over those slices (or null). */
    public record Task(int y0, int y1, float[][] rows, boolean[] support) implements Serializable {}

    /**
     * A solved slab.
     *
     * @param residual2 ‖b − A x‖² over the slab after the last iteration (NaN for WBP)
     * @param measured2 ‖b‖² over the slab
     */
    public record Solution(int y0, int y1, float[] voxels, int iterations, boolean converged,
                           double residual2, double measured2, double seconds, String executor) implements Serializable {}

    private static final int CACHED = 4;
    private static final Map<String, Reconstructor> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Reconstructor> e) { return size() > CACHED; }
    };

    /** The reconstructor for {@code spec}'s geometry, built at most once per JVM while in use. */
    static Reconstructor reconstructor(Spec spec) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(spec.key(), k -> new Reconstructor(spec.width(), spec.thickness(), spec.anglesDeg(), spec.model()));
        }
    }

    /** Solves one slab on {@code threads} threads. */
    public static Solution solve(Spec spec, Task task, int threads, String executor) {
        int n = task.y1() - task.y0();
        ImageStack rows = new ImageStack(spec.width(), n, task.rows());
        Reconstructor.Result r = reconstructor(spec).run(rows, 0, n, spec.pixelSizeNm(), spec.params(), task.support(),
                threads, Progress.NONE, null);
        double meas = Slabs.norm2(task.rows());
        double res = r.residual();
        return new Solution(task.y0(), task.y1(), r.volume().data(), r.iterations(), r.converged(),
                Double.isNaN(res) ? Double.NaN : res * res * meas, meas, r.seconds(), executor);
    }
}
