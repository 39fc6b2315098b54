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

    /** Runs with the context's thread count (the params' own thread count is ignored). */
    @Override
    public Result run(Input in, AnalysisParams params, RunContext ctx) {
        AnalysisParams p = params.withThreads(ctx.threads());
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
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
