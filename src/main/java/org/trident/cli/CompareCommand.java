package org.trident.cli;

import org.trident.analysis.Comparison;
import org.trident.io.OutputDirs;
import org.trident.pipeline.CompareStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trident compare DIR… --out DIR}: several pipeline outputs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare several pipeline (or analyze) outputs: summary.csv and depth-profiles.csv with a first 'dataset' "
                + "column (the bundle's sample.stage, else its name), and overlaid depth-profile figures (SVG, PNG, PDF).")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Pipeline output folders (or analyze output folders).")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CompareStep step = new CompareStep();
        CompareStep.Result r = step.run(new CompareStep.Input(dirs), CompareStep.Params.defaults(), common.context());
        OutputDirs.prepare(out, force, dirs.toArray(Path[]::new));
        step.write(r, out);
        for (Comparison.Dataset d : r.datasets()) System.out.println("dataset " + d.label() + ": " + d.analysisDir());
        System.out.println("wrote " + r.written().size() + " files to " + out);
        return 0;
    }
}
