package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFit;
import org.trident.analysis.ShellFitWriter;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.TiltSeries;

import java.nio.file.Path;

/**
 * The projection-domain depth profiles (analysis.ShellFit) on an analysis' mask and depth map and
 * the aligned series it was reconstructed from; written beside the analysis as
 * {@code profiles-fit.csv}, {@code summary-fit.csv} and {@code profiles-fit.json}. Used by
 * {@code pipeline} (always, when the series has element or MLLS maps) and by
 * {@code analyze --fit-series}.
 */
public final class ShellFitStep {
    private ShellFitStep() {}

    /** True when the series has something to fit (EDS element counts or MLLS weights). */
    public static boolean applies(TiltSeries aligned) {
        return aligned.channels().stream().anyMatch(c -> c.isImage() && c.signal() == org.trident.model.Signal.MAP
                && (c.name().startsWith("EDS:") || c.extra().path("reference").isObject()));
    }

    /**
     * Runs the fit and writes it into {@code dir}.
     *
     * @param alignedSource where the aligned series was read from (for provenance), or null
     */
    public static ShellFit.Result runAndWrite(TiltSeries aligned, Path alignedSource, AnalyzeStep.Result analysis, AnalysisParams ap,
                                              ShellFit.Params fp, RunContext ctx, Path dir) {
        Provenance prov = Provenance.start("shell-fit", ctx).input(alignedSource);
        ObjectNode params = (ObjectNode) ParamsJson.tree(fp);
        if (Double.isNaN(fp.shellNm())) params.put("shellNm", ap.shellNm());
        params.put("surfaceDepthNm", ap.surfaceDepthNm());
        params.put("bulkDepthNm", ap.bulkDepthNm());
        prov.parameters(params);
        ShellFit.Result r = ShellFit.fit(aligned, analysis.analysis(), ap, fp, ctx.threads(), ctx.progress());
        ShellFitWriter.write(r, analysis.analysis().profiles(), prov.finish(), dir);
        return r;
    }
}
