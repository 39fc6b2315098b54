package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFitParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.Pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The workstation's Analyze step and the shell fit: a fit asked for (mode on) that cannot run —
 * here a dataset opened from its volumes alone, with no aligned series — leaves the voxel
 * profiles, a one-line warning and the reason in the results folder's provenance.json; in mode auto
 * there is no warning. {@code analyze --fit-series} on the command line, an explicit request on the
 * standalone command, still fails. Data: a simulated 16³ cycled particle, 7 tilts, EDS, through pipeline.
 */
class AnalyzeShellFitWarningTest {
    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void pipeline() throws Exception {
        Path bundle = org.trident.pipeline.SmallSeries.write(tmp.resolve("sim"), true);
        out = tmp.resolve("run");
        Pipeline.run(bundle, null, Pipeline.Params.defaults(), RunContext.of(1, Progress.NONE), out);
    }

    private static AnalysisParams mode(ShellFitParams.Mode m) {
        AnalysisParams d = AnalysisParams.defaults().withThreads(1);
        return d.withShellFit(d.shellFit().withMode(m));
    }

    @Test
    void modeOnWithoutAnAlignedSeriesWarnsAndRecordsTheVoxelSource() {
        Dataset d = DatasetLoader.load(out.resolve("volumes"), "volumes only", Progress.NONE);
        assertNull(d.series(), "opened from its volumes: no series to fit");
        var on = AnalyzeViewModel.runWithFit(d, mode(ShellFitParams.Mode.ON), Progress.NONE);
        assertNull(on.fit());
        assertNotNull(on.warning());
        assertTrue(on.warning().contains("no aligned series"), on.warning());
        assertEquals("voxel", on.profileSource().path("summary").asText());
        assertFalse(on.analysis().summary().isEmpty(), "the voxel profiles stand");

        var auto = AnalyzeViewModel.runWithFit(d, mode(ShellFitParams.Mode.AUTO), Progress.NONE);
        assertNull(auto.warning(), "auto: no warning");
        assertEquals("voxel", auto.profileSource().path("summary").asText());

        // the results folder records it where pipeline does
        Project proj = new Project(tmp.resolve("results"));
        proj.note(d, "analyze", proj.saveAnalysis(d, on.analysis(), on.fit(), on.profileSource()));
        JsonNode prov = Json.readObject(proj.dir(d).resolve("provenance.json"));
        assertEquals(on.profileSource(), prov.path("profileSource"));
        assertTrue(prov.path("profileSource").path("reason").asText().startsWith("shell fit skipped: no aligned series"));
        assertFalse(prov.path("steps").get(0).has("profileSource"), "once, at the top, as pipeline has it");
        assertFalse(Files.exists(proj.dir(d).resolve("analysis").resolve(ShellFitWriter.PROFILES)));
    }

    @Test
    void modeOnWithTheAlignedSeriesFitsWithoutWarning() {
        Dataset d = DatasetLoader.load(out, "full", Progress.NONE);
        assertNotNull(d.series());
        var on = AnalyzeViewModel.runWithFit(d, mode(ShellFitParams.Mode.ON), Progress.NONE);
        assertNotNull(on.fit());
        assertNull(on.warning());
        assertEquals("shell-fit", on.profileSource().path("summary").asText());
    }

    @Test
    void analyzeFitSeriesStillFailsHardOnTheCommandLine() throws Exception {
        // the aligned series two pixels narrower: it cannot be the one the volumes were made from
        TiltSeries s = Bundle.read(out.resolve("aligned")).series();
        List<Channel> cs = new ArrayList<>();
        for (Channel c : s.channels()) {
            int w = c.width() - 2, h = c.height();
            float[][] px = new float[c.tilts()][w * h];
            for (int t = 0; t < c.tilts(); t++) for (int y = 0; y < h; y++) System.arraycopy(c.images().tilt(t), y * c.width(), px[t], y * w, w);
            cs.add(c.withImages(new ImageStack(w, h, px)));
        }
        Path narrow = tmp.resolve("narrow");
        BundleWriter.write(s.withChannels(cs), narrow, Progress.NONE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = org.trident.cli.TridentCommand.run("analyze", out.resolve("volumes").toString(), "--out", tmp.resolve("an").toString(),
                    "--fit-series", narrow.toString(), "--threads", "1");
        } finally {
            System.setErr(old);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, code, e);
        assertTrue(e.contains("the aligned series is 14x16"), e);
    }
}
