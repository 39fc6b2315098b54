package org.trident.job;

/**
 * How a step runs, as opposed to what it computes: the worker threads it may use, where it
 * reports progress and learns of cancellation, and the tool version recorded in provenance.
 * Front ends make one and pass it down; they never pick thread counts inside the engine.
 *
 * @param threads  worker threads (at least 1)
 * @param progress progress and cancellation; never null
 * @param version  tool version written into every provenance record
 */
public record RunContext(int threads, Progress progress, String version) {
    public RunContext {
        threads = Math.max(1, threads);
        if (progress == null) progress = Progress.NONE;
        if (version == null || version.isBlank()) version = ToolVersion.get();
    }

    /** All cores, no progress, this build's version. */
    public static RunContext defaults() {
        return new RunContext(availableThreads(), Progress.NONE, ToolVersion.get());
    }

    /** {@code threads} threads reporting to {@code progress}, this build's version. */
    public static RunContext of(int threads, Progress progress) {
        return new RunContext(threads, progress, ToolVersion.get());
    }

    /** The default thread count: every core the JVM sees. */
    public static int availableThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public RunContext withProgress(Progress p) {
        return new RunContext(threads, p, version);
    }

    public RunContext withThreads(int t) {
        return new RunContext(t, progress, version);
    }
}
