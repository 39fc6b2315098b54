package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.Comparison;
import org.trident.job.Provenance;
import org.trident.job.RunContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several pipeline (or analyze) outputs side by side (docs/analysis.md): summary.csv and
 * depth-profiles.csv with a dataset column, and overlaid depth-profile figures.
 */
public final class CompareStep implements Step<CompareStep.Input, CompareStep.Params, CompareStep.Result> {
    /** The folders to compare, in order. */
    public record Input(List<Path> dirs) {
        public Input {
            dirs = List.copyOf(dirs);
        }
    }

    /** compare has no settings yet; the record keeps the step's shape the same as the others'. */
    public record Params() {
        public static Params defaults() { return new Params(); }
    }

    /**
     * @param datasets the loaded datasets, labelled
     * @param written  files written by {@link #write} (empty before)
     */
    public record Result(List<Comparison.Dataset> datasets, ObjectNode provenance, List<Path> written) {}

    @Override public String name() { return "compare"; }

    @Override
    public Result run(Input in, Params params, RunContext ctx) {
        Provenance prov = Provenance.start(name(), ctx).parameters(ParamsJson.tree(params)).threads(1);
        List<Comparison.Dataset> sets = new ArrayList<>();
        for (Path d : in.dirs()) {
            Comparison.Dataset ds = Comparison.load(d);
            sets.add(ds);
            prov.input(ds.analysisDir().resolve("summary.csv")).input(ds.analysisDir().resolve("depth-profiles.csv"));
        }
        return new Result(sets, prov.finish(), new ArrayList<>());
    }

    @Override
    public void write(Result r, Path dir) {
        r.written().addAll(Comparison.write(r.datasets(), dir));
    }
}
