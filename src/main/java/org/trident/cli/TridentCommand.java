package org.trident.cli;

import org.trident.model.TridentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.CancellationException;

/** The top-level {@code trident} command; each stage is a subcommand in its own class. */
@Command(name = "trident", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Correlative ADF-EDS-EELS electron tomography.",
        subcommands = {
                InfoCommand.class,
                ImportCommand.class,
                AlignCommand.class,
                AnalyzeCommand.class,
                CompareCommand.class,
                PipelineCommand.class,
                BatchCommand.class,
                SimulateCommand.class,
                QuantifyCommand.class,
                ReconstructCommand.class,
                BenchCommand.class,
                GuiCommand.class,
                ExportCommand.class,
                FigureCommand.class,
                SeiCommand.class,
                SimulateSeiCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class
        })
public final class TridentCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TridentCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // --verbose belongs to the subcommand, so look through the whole parse chain
            boolean verbose = false, json = false;
            for (var pr = parsed; pr != null; pr = pr.subcommand()) {
                verbose |= pr.hasMatchedOption("--verbose");
                json |= pr.hasMatchedOption("--json");
            }
            if (verbose) ex.printStackTrace();
            String reason = TridentException.oneLine(describe(ex));
            int code = ex instanceof CancellationException ? 130 : 2;
            cmd.getErr().println("trident " + cmd.getCommandName() + ": " + reason);
            // a script that asked for JSON gets JSON on stdout even when the command failed
            if (json) System.out.println(org.trident.io.Json.toString(JsonResult.failed(cmd.getCommandName(), code, reason)));
            return code;
        });
        // contract section 4: bad input gives a one-line reason, not the whole usage text
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName(" ");
            String reason = String.valueOf(ex.getMessage()).replaceAll("\\s*\\R\\s*", " ");
            cmd.getErr().println(name + ": " + reason + " (see " + name + " --help)");
            int code = cmd.getCommandSpec().exitCodeOnInvalidInput();
            if (java.util.Arrays.asList(args).contains("--json")) {
                System.out.println(org.trident.io.Json.toString(JsonResult.failed(cmd.getCommandName(), code, reason)));
            }
            return code;
        });
        return cl;
    }

    /** One sentence for the user: our own messages as they are, others with their type. */
    static String describe(Throwable ex) {
        if (ex instanceof TridentException) return ex.getMessage();
        if (ex instanceof CancellationException) return "cancelled";
        if (ex instanceof CommandLine.ParameterException) return ex.getMessage();
        if (ex instanceof OutOfMemoryError) {
            long gb = Math.max(1, Math.round(Runtime.getRuntime().maxMemory() / 1e9));
            return "out of memory: Java may use " + gb + " GB here; give it more (java -Xmx" + 2 * gb + "g -jar trident.jar …),"
                    + " or bin the images, reduce the volume thickness or process fewer channels (--channel)";
        }
        if (ex.getCause() instanceof TridentException te) return te.getMessage();
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m) + " (run with --verbose for details)";
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }
}
