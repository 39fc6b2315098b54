package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.trident.io.Json;
import org.trident.job.RunContext;
import org.trident.model.TridentException;
import org.trident.pipeline.ReconstructStep;
import org.trident.recon.SeriesReconstruction;

import java.nio.file.Path;
import java.util.List;

/**
 * The entry points front ends call; only JDK and Trident types cross this line, so a command can
 * refer to this class without loading Spark until one of these methods runs. Call them only when
 * {@link SparkClasspath#available()}.
 */
public final class ScaleOut {
    private ScaleOut() {}

    /**
     * {@code trident batch}: every bundle through the pipeline as Spark tasks on {@code master}
     * (null: the embedded local master), then the comparison. Records the master and executors.
     */
    public static Batch.Result batch(Batch.Request r, org.trident.pipeline.Pipeline.Params params, RunContext ctx) {
        List<String> names = Batch.plan(r); // refuse bad inputs before paying for Spark's start
        try (JavaSparkContext sc = SparkContexts.start(r.master(), "trident batch")) {
            return Batch.run(r, names, params, ctx, sc);
        }
    }

    /** Refuses, before anything is written, settings a slab-wise run cannot honour (see {@link SparkSolver}). */
    public static void check(SeriesReconstruction.Settings s) {
        check(s.base());
    }

    static void check(org.trident.recon.ReconParams p) {
        if (p.algorithm() != null && p.algorithm().lowDose()) {
            throw new TridentException(p.algorithm().label() + " couples neighbouring slices (3-D total variation, the HAADF link) and cannot be "
                    + "split into slabs; use it without --master, or sirt, sart, art, cgls or wbp with --master");
        }
        if (p.tolerance() > 0) {
            throw new TridentException("a stopping tolerance cannot be used with --master: every slab must run the same number "
                    + "of iterations for the volume to equal a single-machine one; leave --tolerance at 0");
        }
    }

    /**
     * {@code trident reconstruct --master URL}: the reconstruct step with each channel's slices
     * solved on the cluster; adds a {@code "spark"} block (master, executors, task times) to
     * reconstruction.json.
     */
    public static ObjectNode reconstruct(String master, ReconstructStep.Input in, SeriesReconstruction.Settings s, RunContext ctx, Path out) {
        try (JavaSparkContext sc = SparkContexts.start(master, "trident reconstruct")) {
            SparkSolver solver = new SparkSolver(sc);
            ObjectNode r = new ReconstructStep().runInto(in, s, ctx, out, solver);
            ObjectNode spark = SparkContexts.describe(sc);
            var secs = spark.putArray("slabTaskSeconds");
            for (double d : solver.taskSeconds()) secs.add(Math.round(d * 1000) / 1000.0);
            r.set("spark", spark);
            Json.write(out.resolve("reconstruction.json"), r);
            return r;
        }
    }
}
