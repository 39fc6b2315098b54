package org.trident.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trident bench TARGET}: speed figures on stdout, each target a subcommand in its own
 * class (e.g. {@code sim}); add new targets to the {@code subcommands} list.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the speed of an engine part on data it makes itself.",
        subcommands = {
                BenchSimCommand.class,
                CommandLine.HelpCommand.class
        })
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
