package org.trident.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.ShellFitParams;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.recon.MethodChoice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one rule for the shell fit beside an analysis ({@link ShellFitStep#attempt}), on a simulated
 * 16³ cycled particle with EDS spectra (7 tilts) run through the pipeline once: what runs, which
 * summary is reported, and that a fit that cannot run leaves the voxel profiles with the reason,
 * with a warning only when the mode is on.
 */
class ShellFitStepTest {
    @TempDir
    static Path tmp;
    static TiltSeries aligned;
    static AnalysisResult analysis;
    static JsonNode pipelineSource;

    @BeforeAll
    static void run() throws Exception {
        Path bundle = SmallSeries.write(tmp.resolve("sim"), true);
        Path out = tmp.resolve("run");
        Pipeline.run(bundle, null, Pipeline.Params.defaults(), RunContext.of(1, Progress.NONE), out);
        pipelineSource = Json.readObject(out.resolve("provenance.json")).path("profileSource");
        aligned = Bundle.read(out.resolve("aligned")).series();
        analysis = Pipeline.analyze(out.resolve("volumes"), null, AnalysisParams.defaults(), RunContext.of(1, Progress.NONE), tmp.resolve("an")).analysis();
    }

    private static AnalysisParams mode(ShellFitParams.Mode m) {
        AnalysisParams d = AnalysisParams.defaults();
        return d.withShellFit(d.shellFit().withMode(m));
    }

    private static ShellFitStep.Attempt attempt(TiltSeries s, ShellFitParams.Mode m, List<String> messages) {
        Progress p = new Progress() {
            @Override public void start(String message, long total) {}
            @Override public void advance(long units) {}
            @Override public boolean isCancelled() { return false; }
            @Override public void message(String msg) { messages.add(msg); }
        };
        return ShellFitStep.attempt(s, null, analysis, mode(m), null, RunContext.of(1, p));
    }

    /** The series two pixels narrower: it no longer matches the volumes, so the fit refuses it. */
    private static TiltSeries narrower(TiltSeries s) {
        List<Channel> cs = new ArrayList<>();
        for (Channel c : s.channels()) {
            if (!c.isImage()) continue;
            int w = c.width() - 2, h = c.height();
            float[][] d = new float[c.tilts()][w * h];
            for (int t = 0; t < c.tilts(); t++) for (int y = 0; y < h; y++) System.arraycopy(c.images().tilt(t), y * c.width(), d[t], y * w, w);
            cs.add(c.withImages(new ImageStack(w, h, d)));
        }
        return s.withChannels(cs);
    }

    @Test
    void autoFitsAndReportsTheVoxelSummaryWhenCountsAreNotSparse() {
        List<String> msgs = new ArrayList<>();
        var a = attempt(aligned, ShellFitParams.Mode.AUTO, msgs);
        assertNotNull(a.fit(), "the series has EDS maps: the fit runs");
        assertNull(a.warning());
        double mean = MethodChoice.choose(aligned).meanCounts();
        assertEquals(mean, a.profileSource().path("meanCountsPerParticlePixelPerTilt").asDouble(), 1e-12);
        assertEquals(MethodChoice.SPARSE_COUNTS, a.profileSource().path("sparseBelow").asDouble());
        String expected = mean < MethodChoice.SPARSE_COUNTS ? "shell-fit" : "voxel";
        assertEquals(expected, a.profileSource().path("summary").asText(), a.profileSource().toString());
        assertEquals(expected.equals("shell-fit"), a.reportsFit());
        assertEquals("auto", a.profileSource().path("mode").asText());
        assertTrue(msgs.contains("fitting depth profiles in the projection domain (shell fit)"), msgs.toString());
        // the pipeline made the same decision through the same rule
        assertEquals(pipelineSource, a.profileSource(), "pipeline's provenance and the rule agree");
        assertFalse(a.fit().fit().rows().isEmpty());
    }

    @Test
    void onReportsTheFitWhateverTheCounts() {
        var a = attempt(aligned, ShellFitParams.Mode.ON, new ArrayList<>());
        assertNotNull(a.fit());
        assertTrue(a.reportsFit());
        assertEquals("shell-fit", a.profileSource().path("summary").asText());
        assertEquals("analysis/summary-fit.csv", a.profileSource().path("file").asText());
        assertNull(a.warning(), "it ran: nothing to warn about");
    }

    @Test
    void offRecordsTheVoxelSummaryAndDoesNotFit() {
        var a = attempt(aligned, ShellFitParams.Mode.OFF, new ArrayList<>());
        assertNull(a.fit());
        assertEquals("voxel", a.profileSource().path("summary").asText());
        assertEquals("analysis/summary.csv", a.profileSource().path("file").asText());
        assertTrue(a.profileSource().path("reason").asText().contains("off"), a.profileSource().toString());
        assertNull(a.warning());
    }

    @Test
    void aFitThatCannotRunLeavesTheVoxelProfilesAndWarnsOnlyWhenAskedFor() {
        TiltSeries bad = narrower(aligned);
        List<String> msgs = new ArrayList<>();
        var auto = attempt(bad, ShellFitParams.Mode.AUTO, msgs);
        assertNull(auto.fit());
        assertEquals("voxel", auto.profileSource().path("summary").asText());
        String reason = auto.profileSource().path("reason").asText();
        assertTrue(reason.startsWith("shell fit skipped: the aligned series is 14x16"), reason);
        assertNull(auto.warning(), "auto: the fit is an addition; no warning");
        assertTrue(msgs.contains(reason), "the reason is said on the progress: " + msgs);

        var on = attempt(bad, ShellFitParams.Mode.ON, new ArrayList<>());
        assertNull(on.fit());
        assertFalse(on.reportsFit());
        assertEquals("voxel", on.profileSource().path("summary").asText());
        assertEquals("on", on.profileSource().path("mode").asText());
        assertNotNull(on.warning(), "on: the user asked for it and hears that it did not run");
        assertTrue(on.warning().contains("the aligned series is 14x16"), on.warning());
        assertFalse(on.warning().contains("\n"), "one line");
    }

    @Test
    void noAlignedSeriesOrNothingToFit() {
        var none = attempt(null, ShellFitParams.Mode.ON, new ArrayList<>());
        assertNull(none.fit());
        assertTrue(none.warning().contains("no aligned series"), none.warning());
        assertNull(attempt(null, ShellFitParams.Mode.AUTO, new ArrayList<>()).warning());
        assertNull(attempt(null, ShellFitParams.Mode.OFF, new ArrayList<>()).profileSource());

        TiltSeries adfOnly = aligned.withChannels(List.of(aligned.adf()));
        var auto = attempt(adfOnly, ShellFitParams.Mode.AUTO, new ArrayList<>());
        assertNull(auto.profileSource(), "nothing to fit, nothing asked: no record (as before)");
        var on = attempt(adfOnly, ShellFitParams.Mode.ON, new ArrayList<>());
        assertEquals("voxel", on.profileSource().path("summary").asText());
        assertTrue(on.warning().contains("no element (EDS:<El>) or MLLS maps"), on.warning());
    }
}
