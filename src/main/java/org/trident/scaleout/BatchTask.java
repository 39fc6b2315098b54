package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.model.TridentException;
import org.trident.pipeline.Pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * One dataset of a batch, run by one Spark task: the whole {@link Pipeline} into a hidden
 * {@code DIR/.<dataset>.part/} folder, renamed to {@code DIR/<dataset>/} only when every step
 * finished, so a folder with that name is always complete (what {@code --resume} relies on).
 * A failure is returned, not thrown, so the other datasets go on.
 */
public final class BatchTask {
    private BatchTask() {}

    /** What a task needs; plain values only, so it travels to any executor. */
    record Item(String dataset, String bundle, String references, String out, String paramsJson, String version) implements Serializable {}

    /**
     * @param status    ok, failed or skipped (finished by an earlier run; --resume)
     * @param error     the failure's sentence, or null
     * @param executor  where it ran (executor id and host)
     */
    public record Outcome(String dataset, String bundle, String status, String error, double seconds, String started, String executor)
            implements Serializable {}

    static final String PART = ".part";

    static Path partDir(Path out, String dataset) {
        return out.resolve("." + dataset + PART);
    }

    static Outcome run(Item item, int cpus, String executor, String sparkMaster) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path out = Path.of(item.out()), part = partDir(out, item.dataset()), done = out.resolve(item.dataset());
        try {
            deleteTree(part); // left by a run that was killed
            Files.createDirectories(part);
            Pipeline.Params params = Json.MAPPER.readValue(item.paramsJson(), Pipeline.Params.class);
            RunContext ctx = new RunContext(cpus, Progress.NONE, item.version());
            Pipeline.run(Path.of(item.bundle()), item.references() == null ? null : Path.of(item.references()), params, ctx, part);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ObjectNode prov = Json.readObject(part.resolve(Pipeline.PROVENANCE));
            ObjectNode spark = prov.putObject("spark");
            spark.put("master", sparkMaster);
            spark.put("executor", executor);
            spark.put("taskCpus", cpus);
            spark.put("taskSeconds", Math.round(seconds * 1000) / 1000.0);
            Json.write(part.resolve(Pipeline.PROVENANCE), prov);
            if (Files.exists(done)) deleteTree(done); // --force: only a finished Trident output is ever here (see Batch)
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(item.dataset(), item.bundle(), "ok", null, seconds, started.toString(), executor);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            try {
                deleteTree(part);
            } catch (IOException ignored) {
                // the sentence below is what matters; a stale .part folder is removed by the next run
            }
            String msg = e instanceof TridentException ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(item.dataset(), item.bundle(), "failed", oneLine(msg), (System.nanoTime() - t0) / 1e9,
                    started.toString(), executor);
        }
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
