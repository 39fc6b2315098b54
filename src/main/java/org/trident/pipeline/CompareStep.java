package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.Comparison;
import org.trident.analysis.ProfileSource;
import org.trident.io.Json;
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

    /**
     * @param profiles which depth profiles to take from each dataset: VOXEL, FIT (the shell fit's) or AUTO (what the
     *                 pipeline reported, its provenance "profileSource"; voxel for an analyze output)
     */
    public record Params(ProfileSource profiles) {
        public Params {
            if (profiles == null) profiles = ProfileSource.AUTO;
        }

        public static Params defaults() { return new Params(ProfileSource.AUTO); }
    }

    /**
     * @param datasets the loaded datasets, labelled
     * @param written  files written by {@link #write} (empty before)
     */
    public record Result(List<Comparison.Dataset> datasets, ObjectNode provenance, List<Path> written) {}

    @Override public String name() { return "compare"; }

    @Override
    public Result run(Input in, Params params, RunContext ctx) {
        Provenance prov = Provenance.start(name(), ctx).threads(1);
        ObjectNode pn = (ObjectNode) ParamsJson.tree(params);
        ObjectNode used = pn.putObject("profileSources"); // what AUTO became, per dataset folder
        List<Comparison.Dataset> sets = new ArrayList<>();
        for (Path d : in.dirs()) {
            Comparison.Dataset ds = Comparison.load(d, params.profiles());
            sets.add(ds);
            used.put(d.toAbsolutePath().normalize().toString(), ds.source().label());
            prov.input(ds.source().summary(ds.analysisDir())).input(ds.source().profiles(ds.analysisDir()));
        }
        prov.parameters(pn);
        return new Result(sets, prov.finish(), new ArrayList<>());
    }

    /** Writes the combined CSVs and figures, then {@code provenance.json} (the step's provenance) last. */
    @Override
    public void write(Result r, Path dir) {
        r.written().addAll(Comparison.write(r.datasets(), dir));
        Path p = dir.resolve(Pipeline.PROVENANCE);
        Json.write(p, r.provenance());
        r.written().add(p);
    }
}
