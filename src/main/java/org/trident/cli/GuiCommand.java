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

    @Option(names = "--smoke", description = "Check that the workstation works: open the sample (or the PATHs) in the real window, "
            + "wait until every dataset has loaded, print one line and exit (0: all opened, 1: not). Used by the packaged-app test.")
    boolean smoke;

    @Option(names = "--smoke-timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Give up a --smoke check after this long (default ${DEFAULT-VALUE} s; the first use generates the sample).")
    double smokeTimeout;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        for (Path p : paths) args.add(p.toString());
        if (sample) args.add("--sample");
        if (smoke) {
            args.add("--smoke");
            args.add("--smoke-timeout=" + smokeTimeout);
        }
        return GuiLauncher.launch(args.toArray(String[]::new));
    }
}
