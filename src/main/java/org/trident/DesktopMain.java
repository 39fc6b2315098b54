package org.trident;

import org.trident.cli.TridentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the installed application (docs/install.md). Started from the menu it has no
 * arguments, and opened from a file manager (a file association) it gets only paths: both start
 * the workstation. Anything else (a command, an option) is the command line, as with
 * {@code java -jar trident.jar}.
 */
public final class DesktopMain {
    private DesktopMain() {}

    public static void main(String[] args) {
        System.exit(TridentCommand.run(arguments(args)));
    }

    /** The command line the installed launcher runs for {@code args}. */
    static String[] arguments(String[] args) {
        if (args.length == 0 || Arrays.stream(args).allMatch(DesktopMain::isPath)) {
            String[] gui = new String[args.length + 1];
            gui[0] = "gui";
            System.arraycopy(args, 0, gui, 1, args.length);
            return gui;
        }
        return args;
    }

    private static boolean isPath(String a) {
        if (a.startsWith("-")) return false;
        try {
            // a path that exists and is not a command name run from a folder holding a file of that name
            return Files.exists(Path.of(a)) && !TridentCommand.commandLine().getSubcommands().containsKey(a);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
