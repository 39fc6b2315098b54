package org.trident.cli;

import org.trident.job.RunContext;
import picocli.CommandLine.Option;

/** Options every command shares; mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and more detail on errors.")
    public boolean verbose;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    public int threads = RunContext.availableThreads();

    public int threads() {
        return Math.max(1, threads);
    }

    /** The run context of this command: its thread count, terminal progress on stderr, this build's version. */
    public RunContext context() {
        return RunContext.of(threads(), new CliProgress(false));
    }
}
