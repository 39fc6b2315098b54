package org.trident.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds the {@code provenance} record every stage output carries (docs/decisions/0001):
 * format and schema version, tool version, step name, inputs with SHA-256, parameters, threads
 * actually used, start time and seconds. Start it when the step starts, {@link #finish()} it when
 * the step's result exists.
 */
public final class Provenance {
    public static final String FORMAT = "trident.provenance/1";
    public static final int SCHEMA_VERSION = 1;

    private final String step;
    private final String version;
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();
    private final Set<Path> inputs = new LinkedHashSet<>();
    private JsonNode parameters = JsonNodeFactory.instance.objectNode();
    private int threads;

    private Provenance(String step, int threads, String version) {
        this.step = step;
        this.threads = threads;
        this.version = version;
    }

    /** Starts the record of {@code step} (quantify, align, …) run with {@code ctx}; the clock starts now. */
    public static Provenance start(String step, RunContext ctx) {
        return new Provenance(step, ctx.threads(), ctx.version());
    }

    /** A file, or a folder (every regular file under it), the step read. */
    public Provenance input(Path fileOrFolder) {
        if (fileOrFolder != null) inputs.add(fileOrFolder.toAbsolutePath().normalize());
        return this;
    }

    public Provenance inputs(Iterable<Path> files) {
        for (Path p : files) input(p);
        return this;
    }

    /** The step's parameters as written in its own record (units in the names). */
    public Provenance parameters(JsonNode p) {
        parameters = p == null ? JsonNodeFactory.instance.nullNode() : p.deepCopy();
        return this;
    }

    /** The threads the step actually used, when fewer than the context offered. */
    public Provenance threads(int n) {
        threads = n;
        return this;
    }

    /** The record, with the seconds since {@link #start}; checksums are computed now. */
    public ObjectNode finish() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("format", FORMAT);
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("step", step);
        n.put("version", version);
        ArrayNode in = n.putArray("inputs");
        for (Path p : inputs) {
            if (Files.isRegularFile(p)) {
                in.addObject().put("path", p.toString()).put("sha256", Checksums.sha256(p));
            } else if (Files.isDirectory(p)) {
                Checksums.of(p, p).forEach((rel, sha) -> in.addObject().put("path", p.resolve(rel).normalize().toString()).put("sha256", sha));
            }
        }
        n.set("parameters", parameters);
        n.put("threads", threads);
        n.put("started", started.toString());
        n.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        return n;
    }
}
