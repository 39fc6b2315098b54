package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.recon.SeriesReconstruction;

import java.nio.file.Path;

/**
 * The entry points front ends call; only JDK and Trident types cross this line, so a command can
 * hold a reference to this class without loading Spark until one of these methods runs. Call
 * them only when {@link SparkClasspath#available()}.
 */
public final class ScaleOut {
    private ScaleOut() {}

    /**
     * {@code trident reconstruct --master URL}: as {@link SeriesReconstruction#run}, with each
     * channel's slices solved on the cluster; adds a {@code "spark"} block to reconstruction.json.
     */
    public static ObjectNode reconstruct(String master, TiltSeries ts, Path bundle, Path out, SeriesReconstruction.Settings s,
                                         boolean[] support, int threads, Progress progress, String version) {
        try (JavaSparkContext sc = SparkContexts.start(master, "trident reconstruct")) {
            SparkSolver solver = new SparkSolver(sc);
            ObjectNode r = SeriesReconstruction.run(ts, bundle, out, s, support, threads, progress, version, solver);
            ObjectNode spark = SparkContexts.describe(sc);
            var secs = spark.putArray("slabTaskSeconds");
            for (double d : solver.taskSeconds()) secs.add(Math.round(d * 1000) / 1000.0);
            r.set("spark", spark);
            Json.write(out.resolve("reconstruction.json"), r);
            return r;
        }
    }
}
