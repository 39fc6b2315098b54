package org.trident.scaleout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.trident.io.Json;
import org.trident.job.RunContext;
import org.trident.model.TridentException;
import org.trident.pipeline.CompareStep;
import org.trident.pipeline.Pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code trident batch}: the whole pipeline for each bundle as one Spark task, then the
 * comparison of all of them (docs/scaleout.md). Writes {@code DIR/<dataset>/} exactly as
 * {@code pipeline} would (plus a {@code spark} block in its provenance.json),
 * {@code DIR/comparison/} exactly as {@code compare} would, and {@code DIR/batch.json}.
 */
public final class Batch {
    private Batch() {}

    public static final String FORMAT = "trident.batch/1";
    public static final String RECORD = "batch.json";
    public static final String COMPARISON = "comparison";

    /**
     * What to run.
     *
     * @param bundles    raw bundles (or any dataset pipeline reads), in order
     * @param references EELS references for every bundle, or null
     * @param out        the batch folder
     * @param master     Spark master URL, or null for the embedded {@value SparkContexts#DEFAULT_MASTER}
     * @param resume     skip datasets whose folder already exists (it is complete: see {@link BatchTask})
     * @param force      replace finished datasets of an earlier run instead of refusing
     */
    public record Request(List<Path> bundles, Path references, Path out, String master, boolean resume, boolean force) {
        public Request {
            bundles = List.copyOf(bundles);
        }
    }

    /** What happened to each dataset, and the comparison (null when fewer than one dataset finished). */
    public record Result(List<BatchTask.Outcome> datasets, Path comparison, ObjectNode record) {
        public long failed() {
            return datasets.stream().filter(o -> o.status().equals("failed")).count();
        }
    }

    /** Checks the request before any Spark work: inputs exist, the folder is usable. */
    public static List<String> plan(Request r) {
        if (r.bundles().isEmpty()) throw new TridentException("give at least one bundle to process");
        for (Path b : r.bundles()) if (!Files.exists(b)) throw TridentException.file(b, "not found");
        if (r.references() != null && !Files.isRegularFile(r.references())) throw TridentException.file(r.references(), "file not found");
        Path abs = r.out().toAbsolutePath().normalize();
        for (Path b : r.bundles()) {
            Path ba = b.toAbsolutePath().normalize();
            if (ba.startsWith(abs) || abs.equals(Files.isDirectory(ba) ? ba : ba.getParent())) {
                throw TridentException.file(r.out(), "the batch folder would hold or overwrite the input " + b + "; choose another --out");
            }
        }
        List<String> names = BatchNames.of(r.bundles());
        if (Files.exists(abs) && !Files.isDirectory(abs)) throw TridentException.file(r.out(), "exists and is not a folder");
        if (Files.isDirectory(abs) && !r.resume() && !r.force()) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.anyMatch(p -> !p.getFileName().toString().endsWith(BatchTask.PART))) {
                    throw TridentException.file(r.out(), "the batch folder is not empty; use --resume to skip finished datasets or --force to redo them");
                }
            } catch (IOException e) {
                throw TridentException.file(r.out(), "cannot list: " + e.getMessage());
            }
        }
        if (r.force()) {
            // --force replaces only what a batch wrote: a dataset folder with a pipeline provenance.json
            for (String n : names) {
                Path d = abs.resolve(n);
                if (Files.exists(d) && !Files.isRegularFile(d.resolve(Pipeline.PROVENANCE))) {
                    throw TridentException.file(d, "exists and is not a Trident pipeline output; move it away or choose another --out");
                }
            }
        }
        return names;
    }

    /**
     * Runs the batch on a context the caller owns; progress counts datasets.
     *
     * @param names the dataset folder names {@link #plan} gave for {@code r}
     */
    public static Result run(Request r, List<String> names, Pipeline.Params params, RunContext ctx, JavaSparkContext sc) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path out = r.out().toAbsolutePath().normalize();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw TridentException.file(r.out(), "cannot create the batch folder: " + e.getMessage());
        }
        String paramsJson;
        try {
            paramsJson = Json.MAPPER.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new TridentException("cannot record the pipeline parameters: " + e.getOriginalMessage(), e);
        }
        List<BatchTask.Item> todo = new ArrayList<>();
        List<BatchTask.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            Path b = r.bundles().get(i).toAbsolutePath().normalize();
            if (r.resume() && Files.isRegularFile(out.resolve(n).resolve(Pipeline.PROVENANCE))) {
                outcomes.add(new BatchTask.Outcome(n, b.toString(), "skipped", null, 0, null, null));
                continue;
            }
            todo.add(new BatchTask.Item(n, b.toString(), r.references() == null ? null : r.references().toAbsolutePath().normalize().toString(),
                    out.toString(), paramsJson, ctx.version()));
        }
        String master = sc.master();
        if (!todo.isEmpty()) {
            JavaFutureAction<List<BatchTask.Outcome>> job = sc.parallelize(todo, todo.size()).map(item -> {
                TaskContext tc = TaskContext.get();
                int cpus = tc == null ? 1 : Math.max(1, tc.cpus());
                SparkEnv env = SparkEnv.get();
                String where = env == null ? "driver" : "executor " + env.executorId() + " on " + env.blockManager().blockManagerId().host();
                return BatchTask.run(item, cpus, where, master);
            }).collectAsync();
            outcomes.addAll(await(sc, job, todo.size(), ctx));
        }
        outcomes.sort((a, b) -> Integer.compare(names.indexOf(a.dataset()), names.indexOf(b.dataset())));

        List<Path> finished = new ArrayList<>();
        for (BatchTask.Outcome o : outcomes) if (!o.status().equals("failed")) finished.add(out.resolve(o.dataset()));
        Path comparison = null;
        String compareError = null;
        if (!finished.isEmpty()) {
            try {
                ctx.progress().stage(2, 2, "compare");
                Path cdir = out.resolve(COMPARISON);
                org.trident.io.OutputDirs.prepare(cdir, true);
                CompareStep step = new CompareStep();
                var cr = step.run(new CompareStep.Input(finished), CompareStep.Params.defaults(), ctx);
                step.write(cr, cdir);
                comparison = cdir;
            } catch (RuntimeException e) {
                compareError = BatchTask.oneLine(e.getMessage());
            }
        }
        ObjectNode rec = record(r, names, outcomes, comparison, compareError, params, sc, ctx, started, (System.nanoTime() - t0) / 1e9);
        Json.write(out.resolve(RECORD), rec);
        return new Result(outcomes, comparison, rec);
    }

    private static List<BatchTask.Outcome> await(JavaSparkContext sc, JavaFutureAction<List<BatchTask.Outcome>> job, int n, RunContext ctx) {
        ctx.progress().stage(1, 2, "pipelines"); // the datasets are the parts: percent and ETA over all of them
        ctx.progress().start("batch: " + n + " dataset(s) on " + sc.master(), n);
        return SparkJobs.await(sc, job, n, ctx.progress(), "dataset(s)");
    }

    private static ObjectNode record(Request r, List<String> names, List<BatchTask.Outcome> outcomes, Path comparison, String compareError,
                                     Pipeline.Params params, JavaSparkContext sc, RunContext ctx, Instant started, double seconds) {
        ObjectNode rec = Json.object();
        rec.put("format", FORMAT);
        rec.put("schemaVersion", 1);
        rec.put("version", ctx.version());
        rec.set("spark", SparkContexts.describe(sc));
        rec.put("references", r.references() == null ? null : r.references().toAbsolutePath().normalize().toString());
        rec.set("parameters", Json.MAPPER.valueToTree(params));
        ArrayNode ds = rec.putArray("datasets");
        for (BatchTask.Outcome o : outcomes) {
            ObjectNode d = ds.addObject();
            d.put("dataset", o.dataset());
            d.put("bundle", o.bundle());
            d.put("status", o.status());
            if (o.error() != null) d.put("error", o.error());
            if (o.started() != null) d.put("started", o.started());
            if (!o.status().equals("skipped")) d.put("seconds", Math.round(o.seconds() * 1000) / 1000.0);
            if (o.executor() != null) d.put("executor", o.executor());
        }
        if (comparison != null) rec.put("comparison", COMPARISON);
        if (compareError != null) rec.put("comparisonError", compareError);
        rec.put("started", started.toString());
        rec.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return rec;
    }
}
