package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.ShellFit;
import org.trident.analysis.ShellFitParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.nio.file.Path;

/**
 * The projection-domain depth profiles (analysis.ShellFit) on an analysis' mask and depth map and
 * the aligned series it was reconstructed from; written beside the analysis as
 * {@code profiles-fit.csv}, {@code summary-fit.csv} and {@code profiles-fit.json}. Used by
 * {@code pipeline} (when the series has element or MLLS maps and the settings' mode is not off),
 * by {@code analyze --fit-series} and by the workstation's Analyze step. Its settings are
 * {@link AnalysisParams#shellFit()}.
 */
public final class ShellFitStep {
    private ShellFitStep() {}

    /** The fit and its provenance (parameters: the shell-fit settings as used, with the analysis' depths). */
    public record Result(ShellFit.Result fit, ObjectNode provenance, AnalysisResult analysis) {}

    /** True when the series has something to fit (EDS element counts or MLLS weights). */
    public static boolean applies(TiltSeries aligned) {
        return aligned.channels().stream().anyMatch(c -> c.isImage() && c.signal() == Signal.MAP
                && (c.name().startsWith("EDS:") || c.extra().path("reference").isObject()));
    }

    /** True when these settings ask for a fit on this series (mode not off, and something to fit). */
    public static boolean wanted(TiltSeries aligned, ShellFitParams p) {
        return p.mode() != ShellFitParams.Mode.OFF && applies(aligned);
    }

    /**
     * Runs the fit with {@code ap.shellFit()} (whatever its mode: the caller decided to fit).
     *
     * @param alignedSource where the aligned series was read from (for provenance), or null
     */
    public static Result run(TiltSeries aligned, Path alignedSource, AnalysisResult analysis, AnalysisParams ap, RunContext ctx) {
        Provenance prov = Provenance.start("shell-fit", ctx).input(alignedSource);
        ShellFitParams fp = ap.shellFit();
        ObjectNode params = (ObjectNode) ParamsJson.tree(fp);
        if (Double.isNaN(fp.shellNm())) params.put("shellNm", ap.shellNm());
        params.put("surfaceDepthNm", ap.surfaceDepthNm());
        params.put("bulkDepthNm", ap.bulkDepthNm());
        prov.parameters(params);
        ShellFit.Result r = ShellFit.fit(aligned, analysis, ap, ctx.threads(), ctx.progress());
        return new Result(r, prov.finish(), analysis);
    }

    /**
     * Runs the fit when the settings and the series call for it ({@link #wanted}); null when they do
     * not. In mode auto a fit that cannot run (a series that does not match the volumes, too
     * large for the heap) is skipped with the reason on the progress and null returned; in mode on
     * it is an error. Used by the workstation's Analyze step and its Process all.
     */
    public static Result runIfWanted(TiltSeries aligned, Path alignedSource, AnalysisResult analysis, AnalysisParams ap, RunContext ctx) {
        if (aligned == null || !wanted(aligned, ap.shellFit())) return null;
        try {
            return run(aligned, alignedSource, analysis, ap, ctx);
        } catch (org.trident.model.TridentException e) {
            if (ap.shellFit().mode() == ShellFitParams.Mode.ON) throw e;
            ctx.progress().message("shell fit skipped: " + e.getMessage());
            return null;
        }
    }

    /** Writes {@code r} into {@code dir} (the analysis folder). */
    public static void write(Result r, Path dir) {
        ShellFitWriter.write(r.fit(), r.analysis().profiles(), r.provenance(), dir);
    }

    /** {@link #run} then {@link #write}. */
    public static Result runAndWrite(TiltSeries aligned, Path alignedSource, AnalyzeStep.Result analysis, AnalysisParams ap, RunContext ctx, Path dir) {
        Result r = run(aligned, alignedSource, analysis.analysis(), ap, ctx);
        write(r, dir);
        return r;
    }
}
