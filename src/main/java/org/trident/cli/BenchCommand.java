package org.trident.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code trident bench TARGET}: speed figures of engine kernels; each target is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the speed of engine parts on data made on the fly (figures on stdout).",
        subcommands = {BenchReconCommand.class, BenchQuantCommand.class, BenchSimCommand.class, BenchFusedCommand.class, BenchAlignCommand.class})
public final class BenchCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
