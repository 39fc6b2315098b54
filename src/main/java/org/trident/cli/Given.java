package org.trident.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Whether an option was typed on the command line. Options are overrides: a setting not typed
 * comes from {@code --params FILE}, else from the stage's params record ({@code defaults()}),
 * which is also where the option's help text takes its default from.
 */
final class Given {
    private Given() {}

    static boolean option(CommandSpec spec, String name) {
        if (spec == null) return false;
        var pr = spec.commandLine().getParseResult();
        return pr != null && pr.hasMatchedOption(name);
    }
}
