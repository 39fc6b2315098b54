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
 * by {@code analyze --fit-series} and by the workstation's Analyze step; {@link #attempt} is the one
 * rule the pipeline and the workstation share for whether it runs and which summary is reported. Its settings are
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
     * What {@link #attempt} did: the fit (null when none ran), the {@code profileSource} record
     * (null when the series has nothing to fit and the mode did not ask for a fit), and a one-line
     * warning for the user (null unless the mode is on and the fit could not run, or could not be reported).
     *
     * @param profileSource {@code summary} (voxel or shell-fit), {@code mode}, {@code file} (the summary table
     *                      relative to the output folder), {@code reason}, and the counts the choice was made on
     */
    public record Attempt(Result fit, ObjectNode profileSource, String warning) {
        /** True when the summary reported takes the fit's values. */
        public boolean reportsFit() {
            return fit != null && profileSource != null && "shell-fit".equals(profileSource.path("summary").asText());
        }
    }

    /**
     * The one rule for running the shell fit beside an analysis, used by {@code pipeline}, by the
     * workstation's Analyze step and by its Process: fits when the settings' mode is not off and
     * the series has element or MLLS maps, and decides which summary is reported (mode on: the
     * fit's; auto: the fit's when the element counts are sparse, by recon.MethodChoice's measure
     * and threshold). A fit that cannot run (no aligned series, nothing to fit, a series that does
     * not match the volumes, too large for the heap) never fails the run: the voxel profiles stand
     * and {@code profileSource.reason} says why; when the mode is on (the user asked for the fit)
     * it is also a warning. Only {@code analyze --fit-series} (an explicit request on the standalone
     * command) fails hard, through {@link #run}.
     *
     * @param aligned       the aligned series the volumes were reconstructed from, or null when there is none
     * @param alignedSource where it was read from (for provenance), or null
     * @param choice        the reconstruction's method choice (its mean counts), or null to measure them here
     */
    public static Attempt attempt(TiltSeries aligned, Path alignedSource, AnalysisResult analysis, AnalysisParams ap,
                                  org.trident.recon.MethodChoice.Choice choice, RunContext ctx) {
        ShellFitParams.Mode mode = ap.shellFit().mode();
        boolean on = mode == ShellFitParams.Mode.ON;
        if (aligned == null) {
            if (mode == ShellFitParams.Mode.OFF) return new Attempt(null, null, null);
            return voxel(mode, "no aligned series to fit (align the dataset, or open a pipeline output with its aligned/ bundle)", on, ctx);
        }
        if (!applies(aligned)) {
            if (!on) return new Attempt(null, null, null);
            return voxel(mode, "the series has no element (EDS:<El>) or MLLS maps to fit", true, ctx);
        }
        if (mode == ShellFitParams.Mode.OFF) {
            return new Attempt(null, source("voxel", mode, "analysis/summary.csv",
                    "the shell fit is off in the settings (analyze.shellFit.mode)"), null);
        }
        ctx.progress().message("fitting depth profiles in the projection domain (shell fit)");
        Result r;
        try {
            r = run(aligned, alignedSource, analysis, ap, ctx);
        } catch (org.trident.model.TridentException | OutOfMemoryError e) {
            String msg = e instanceof OutOfMemoryError ? "not enough memory (" + e.getMessage() + "); use wider shells or a larger heap (-Xmx)"
                    : e.getMessage();
            return voxel(mode, msg, on, ctx);
        }
        org.trident.recon.MethodChoice.Choice c = choice != null ? choice : org.trident.recon.MethodChoice.choose(aligned);
        double mean = c.meanCounts();
        boolean sparse = mean < org.trident.recon.MethodChoice.SPARSE_COUNTS;
        String counts = String.format(java.util.Locale.ROOT, "%.2f", mean);
        ObjectNode src;
        if (on) {
            src = source("shell-fit", mode, "analysis/" + ShellFitWriter.SUMMARY,
                    "the settings ask for the shell fit's summary (analyze.shellFit.mode on): the depth profiles fitted in the projection domain (analysis/"
                            + ShellFitWriter.SUMMARY + ")");
        } else if (!sparse) {
            src = source("voxel", mode, "analysis/summary.csv", Double.isNaN(mean)
                    ? "no element count channels to judge the counts by: the voxel profiles; the shell fit is in analysis/" + ShellFitWriter.SUMMARY + " for comparison"
                    : "element count channels hold " + counts + " counts per particle pixel per tilt (>= " + org.trident.recon.MethodChoice.SPARSE_COUNTS
                    + "): the voxel profiles; the shell fit is in analysis/" + ShellFitWriter.SUMMARY + " for comparison");
        } else {
            src = source("shell-fit", mode, "analysis/" + ShellFitWriter.SUMMARY,
                    "element count channels hold only " + counts + " counts per particle pixel per tilt (< " + org.trident.recon.MethodChoice.SPARSE_COUNTS
                    + "): voxel profiles of so few counts are flattened by regularisation and limited resolution, so the summary takes "
                    + "the depth profiles fitted in the projection domain (analysis/" + ShellFitWriter.SUMMARY + ")");
        }
        src.put("meanCountsPerParticlePixelPerTilt", mean);
        src.put("sparseBelow", org.trident.recon.MethodChoice.SPARSE_COUNTS);
        if (src.path("summary").asText().equals("shell-fit")) ctx.progress().message("summary from the shell fit because " + src.path("reason").asText());
        return new Attempt(r, src, null);
    }

    /** The voxel profiles stand because the fit could not run: said on the progress, and a warning when the mode is on. */
    private static Attempt voxel(ShellFitParams.Mode mode, String why, boolean warn, RunContext ctx) {
        String reason = "shell fit skipped: " + why;
        ctx.progress().message(reason);
        return new Attempt(null, source("voxel", mode, "analysis/summary.csv", reason),
                warn ? "the shell fit was asked for (mode on) but did not run, so the summary is the voxel profiles': " + why : null);
    }

    private static ObjectNode source(String summary, ShellFitParams.Mode mode, String file, String reason) {
        ObjectNode src = org.trident.io.Json.object();
        src.put("summary", summary);
        src.put("mode", mode.label());
        src.put("file", file);
        src.put("reason", reason);
        return src;
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
