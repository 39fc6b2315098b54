package org.trident.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisWriter;
import org.trident.analysis.Comparison;
import org.trident.io.Json;
import org.trident.io.Numbers;
import org.trident.io.OutputDirs;
import org.trident.pipeline.CompareStep;
import org.trident.analysis.ProfileSource;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
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

    @Option(names = "--profiles", paramLabel = "auto|voxel|fit", description = "Which depth profiles of each dataset: the voxel "
            + "profiles, the shell fit's (profiles-fit.csv, summary-fit.csv, ± 1 sigma), or auto (default: what the pipeline reported, "
            + "its provenance profileSource; voxel for an analyze output).")
    String profiles = "auto";

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--json", description = "Print a machine-readable result on stdout (files written, each dataset's summary, warnings, "
            + "exit status); the text lines go to stderr.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CompareStep step = new CompareStep();
        ProfileSource source = ProfileSource.parse(profiles);
        if (source == null) throw new TridentException("--profiles must be auto, voxel or fit, got '" + profiles + "'");
        CompareStep.Result r = step.run(new CompareStep.Input(dirs), new CompareStep.Params(source), common.context());
        OutputDirs.prepare(out, force, dirs.toArray(Path[]::new));
        step.write(r, out);
        PrintStream human = json ? System.err : System.out;
        List<String> warnings = new ArrayList<>();
        for (Comparison.Dataset d : r.datasets()) {
            human.println("dataset " + d.label() + ": " + d.analysisDir() + " (" + d.source().label() + " profiles)");
            warnings.addAll(analysisWarnings(d));
        }
        warnings.forEach(w -> System.err.println("trident compare: warning: " + w));
        human.println("wrote " + r.written().size() + " files to " + out);
        if (json) JsonResult.print(json(r, out, warnings));
        return 0;
    }

    /** The --json result: the files written and each dataset's summary rows as its summary.csv gives them. */
    static ObjectNode json(CompareStep.Result r, Path out, List<String> warnings) {
        ObjectNode n = JsonResult.ok("compare", out);
        JsonResult.written(n, out, r.written());
        ArrayNode ds = n.putArray("datasets");
        for (Comparison.Dataset d : r.datasets()) {
            ObjectNode o = ds.addObject();
            o.put("dataset", d.label());
            o.put("analysisDir", d.analysisDir().toAbsolutePath().normalize().toString());
            o.put("profiles", d.source().label());
            ArrayNode rows = o.putArray("summary");
            for (Map<String, String> row : d.summary().rows()) {
                ObjectNode x = rows.addObject();
                for (String col : d.summary().header()) {
                    String v = row.get(col);
                    if (v == null) continue;
                    if (col.equals("quantity") || col.equals("dataset")) x.put(col, v);
                    else AnalysisWriter.putNumber(x, col, Numbers.parse(v));
                }
            }
        }
        JsonResult.warnings(n, warnings);
        return n;
    }

    /** The warnings analyze recorded for a dataset (an empty bulk or surface shell), from its analysis.json. */
    private static List<String> analysisWarnings(Comparison.Dataset d) {
        Path f = d.analysisDir().resolve("analysis.json");
        if (!Files.isRegularFile(f)) return List.of();
        List<String> w = new ArrayList<>();
        Json.readObject(f).path("warnings").forEach(x -> w.add(x.asText()));
        return w;
    }
}
