package org.trident.scaleout;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;
import org.trident.recon.ChannelSolver;
import org.trident.recon.ReconParams;
import org.trident.recon.Reconstructor;

import java.util.ArrayList;
import java.util.List;

/**
 * Solves a channel's slices as Spark tasks: the rows are cut into slabs (several per core, so a
 * slow executor does not hold up the rest), each slab goes to one task with the channel's
 * geometry and settings (broadcast once), and the solved slabs come back to the driver, which
 * places them into one volume. No shuffle: every task reads only its own slab.
 *
 * <p>The result equals the single-machine volume to float rounding because every slice is solved
 * with the same matrix, settings and iteration count. A stopping tolerance would let slabs stop at
 * different iterations, so it is refused here.
 */
public final class SparkSolver implements ChannelSolver {
    /** Slabs per core of the cluster. */
    public static final int SLABS_PER_CORE = 2;

    private final JavaSparkContext sc;
    private final List<Double> taskSeconds = new ArrayList<>();

    public SparkSolver(JavaSparkContext sc) {
        this.sc = sc;
    }

    @Override
    public String where() {
        return sc.master();
    }

    /** Seconds of every slab task run so far (for provenance). */
    public synchronized List<Double> taskSeconds() {
        return List.copyOf(taskSeconds);
    }

    @Override
    public Reconstructor.Result solve(Reconstructor r, ImageStack images, double pixelSizeNm, ReconParams params,
                                      boolean[] support, int threads, Progress progress) {
        ScaleOut.check(params);
        long t0 = System.nanoTime();
        int nx = r.geometry().nx(), nz = r.geometry().nz(), ny = images.height();
        SlabWork.Spec spec = new SlabWork.Spec(images.width(), nz, r.anglesDeg(), r.geometry().model(), pixelSizeNm, params);
        List<SlabWork.Task> tasks = new ArrayList<>();
        for (int[] s : Slabs.plan(ny, SLABS_PER_CORE * Math.max(1, sc.defaultParallelism()))) {
            tasks.add(new SlabWork.Task(s[0], s[1], Slabs.rows(images, s[0], s[1]), Slabs.support(support, nx, ny, nz, s[0], s[1])));
        }
        Broadcast<SlabWork.Spec> shared = sc.broadcast(spec);
        List<SlabWork.Solution> solved;
        try {
            JavaFutureAction<List<SlabWork.Solution>> job = sc.parallelize(tasks, tasks.size()).map(t -> {
                TaskContext tc = TaskContext.get();
                int cpus = tc == null ? 1 : Math.max(1, tc.cpus());
                String who = tc == null ? "driver" : "stage " + tc.stageId() + " partition " + tc.partitionId();
                return SlabWork.solve(shared.value(), t, cpus, who);
            }).collectAsync();
            solved = await(job, tasks.size(), progress);
        } finally {
            shared.destroy();
        }
        Volume vol = Volume.zeros(nx, ny, nz, pixelSizeNm);
        double res2 = 0, meas2 = 0;
        int iterations = 0;
        boolean converged = true;
        for (SlabWork.Solution s : solved) {
            Slabs.place(s.voxels(), s.y0(), s.y1(), vol);
            res2 += s.residual2();
            meas2 += s.measured2();
            iterations = Math.max(iterations, s.iterations());
            converged &= s.converged();
            synchronized (this) {
                taskSeconds.add(s.seconds());
            }
        }
        double residual = Math.sqrt(res2 / Math.max(meas2, 1e-300));
        double[] residuals = Double.isNaN(residual) ? new double[0] : new double[]{residual};
        // per-iteration history stays on the executors; the writer records only the last residual
        return new Reconstructor.Result(vol, iterations, residuals, new double[0], converged, (System.nanoTime() - t0) / 1e9);
    }

    /** Waits for the job, reporting finished slabs and cancelling the job if the user cancels. */
    private List<SlabWork.Solution> await(JavaFutureAction<List<SlabWork.Solution>> job, int slabs, Progress progress) {
        progress.start("reconstructing " + slabs + " slabs on " + sc.master(), slabs);
        return SparkJobs.await(sc, job, slabs, progress, "slabs");
    }
}
