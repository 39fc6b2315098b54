package org.trident.cli;

import org.trident.job.RunContext;
import picocli.CommandLine.Option;

/** Options every command shares; mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and more detail on errors.")
    public boolean verbose;

    @Option(names = "--threads", converter = Checked.PositiveInt.class, description = "Worker threads (default: all cores).")
    public int threads = RunContext.availableThreads();

    @Option(names = "--allow-outside-paths", description = "Let a bundle name array files outside its folder (../, absolute paths, links); refused by default.")
    public boolean allowOutsidePaths;

    public int threads() {
        return threads;
    }

    /** The run context of this command: its thread count, terminal progress on stderr, this build's version. */
    public RunContext context() {
        return RunContext.of(threads(), new CliProgress(false, verbose));
    }
}
