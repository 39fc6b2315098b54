package org.trident.cli;

import org.trident.ui.GuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trident gui [PATH…] [--sample]}: the workstation. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Start the workstation, opening bundles, pipeline outputs, MRC volumes or a workspace.")
public final class GuiCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Bundles, pipeline outputs, MRC volumes or a workspace JSON to open.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--sample", description = "Open the sample workspace (generated on first use).")
    boolean sample;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        for (Path p : paths) args.add(p.toString());
        if (sample) args.add("--sample");
        GuiLauncher.launch(args.toArray(String[]::new));
        return 0;
    }
}
