package org.trident.cli;

import picocli.CommandLine.Option;

/** Options every command shares; mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and more detail on errors.")
    public boolean verbose;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    public int threads = Runtime.getRuntime().availableProcessors();

    public int threads() {
        return Math.max(1, threads);
    }
}
