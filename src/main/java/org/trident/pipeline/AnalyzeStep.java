package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisInputs;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.AnalysisWriter;
import org.trident.analysis.Analyzer;
import org.trident.analysis.ReconstructionReader;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mask, depth, ratios, valences, depth profiles and the surface/bulk summary of a reconstruction
 * (docs/analysis.md); writes derived volumes, CSVs and analysis.json.
 */
public final class AnalyzeStep implements Step<AnalyzeStep.Input, AnalysisParams, AnalyzeStep.Result> {
    /**
     * @param source the reconstruct folder (or its reconstruction.json) the volumes came from, or null
     * @param volumes the reconstructed channels
     */
    public record Input(Path source, AnalysisInputs volumes) {
        /** Reads a reconstruct output folder. */
        public static Input read(Path reconDir) {
            return new Input(reconDir, ReconstructionReader.read(reconDir));
        }
    }

    public record Result(AnalysisResult analysis, ObjectNode provenance) {}

    @Override public String name() { return "analyze"; }

    /**
     * The work of analysing {@code volumes} volumes (channels and their half sets) of
     * {@code voxels} voxels in {@link org.trident.job.WorkPlan}'s units: every volume is read,
     * checksummed and profiled once, and the mask and depth map made once, counted as
     * voxels × (volumes + 1). (It costs far more per unit than a reconstruction: docs/outputs.md.)
     */
    public static double workUnits(double voxels, int volumes) {
        return voxels * (volumes + 1);
    }

    /** As {@link #workUnits(double, int)} for the volumes read. */
    public static double workUnits(AnalysisInputs in) {
        if (in.channels().isEmpty()) return 0;
        var v = in.channels().get(0).volume();
        return workUnits((double) v.nx() * v.ny() * v.nz(), in.channels().size() + in.halfA().size() + in.halfB().size());
    }

    /** Runs with the context's thread count (the params' own thread count is ignored). */
    @Override
    public Result run(Input in, AnalysisParams params, RunContext ctx) {
        AnalysisParams p = params.withThreads(ctx.threads());
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        for (var c : in.volumes().channels()) {
            double vs = c.volume().voxelSizeNm();
            if (!(vs > 0) || !Double.isFinite(vs)) {
                TridentException e = new TridentException("the volume of " + c.name() + " has no voxel size (its MRC header gives no cell size), "
                        + "so depths in nm cannot be measured; give the bundle a pixelSizeNm and reconstruct again");
                throw in.source() == null ? e : TridentException.file(in.source(), e.getMessage(), e);
            }
        }
        Path folder = in.source() == null ? null : Files.isDirectory(in.source()) ? in.source() : in.source().toAbsolutePath().getParent();
        Provenance prov = Provenance.start(name(), ctx).input(folder).parameters(ParamsJson.tree(p));
        AnalysisResult r;
        try {
            r = Analyzer.analyze(in.volumes(), p, ctx.progress());
        } catch (TridentException e) {
            throw in.source() == null ? e : TridentException.file(in.source(), e.getMessage(), e);
        }
        ObjectNode pn = prov.finish();
        r.record().set("provenance", pn);
        return new Result(r, pn);
    }

    @Override
    public void write(Result r, Path dir) {
        AnalysisWriter.write(r.analysis(), dir);
    }
}
