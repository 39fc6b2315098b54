package org.trident.cli;

import picocli.CommandLine.Option;

/** Options every command shares; mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and more detail on errors.")
    public boolean verbose;

    @Option(names = "--threads", converter = Checked.PositiveInt.class, description = "Worker threads (default: all cores).")
    public int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--allow-outside-paths", description = "Let a bundle name array files outside its folder (../, absolute paths, links); refused by default.")
    public boolean allowOutsidePaths;

    public int threads() {
        return threads;
    }
}
