package org.trident.sei;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.sei.sim.SeiSimParams;
import org.trident.sei.sim.SeiSimulator;
import org.trident.sei.stats.Correlation;
import org.trident.sei.study.Study;
import org.trident.sei.study.StudyReader;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The "done when" on a simulated study with known truth (optimum between sample compositions). */
class SeiSimulatedStudyTest {
    @TempDir static Path dir;
    static SeiResult result;
    static JsonNode truth;

    @BeforeAll
    static void simulateAndAnalyse() {
        SeiSimulator.write(dir, SeiSimParams.defaults(), Progress.NONE);
        truth = Json.readObject(dir.resolve("truth/truth.json"));
        Study s = StudyReader.read(dir);
        result = SeiAnalysis.run(s, SeiParams.defaults(), Progress.NONE);
    }

    @Test
    void optimumWithinTwoPercentWithTruthInsideItsInterval() {
        double t = truth.get("optimumComposition").asDouble();
        var o = result.ceOptimum();
        assertEquals(t, o.x(), 2.0);
        assertTrue(o.ciLow() <= t && t <= o.ciHigh(), o.ciLow() + " .. " + o.ciHigh() + " vs " + t);
        assertFalse(o.atEdge());
        assertTrue(o.ciLow() < o.x() && o.x() < o.ciHigh());
    }

    @Test
    void everyEsmMapCvWithinTenPercentOfTruth() {
        int checked = 0;
        for (SeiResult.MapRow r : result.maps()) {
            if (!r.entry().technique().equals("ESM")) continue;
            JsonNode ts = truthSample(r.sample().id());
            double cv = ts.path("maps").path(r.key()).path("cv").asDouble();
            assertEquals(cv, r.stats().cv(), 0.10 * cv, r.sample().id() + " " + r.key());
            double corr = ts.path("maps").path(r.key()).path("correlationLengthNm").asDouble();
            assertEquals(corr, r.stats().correlationLengthNm(), 0.10 * corr, r.sample().id() + " " + r.key() + " correlation length");
            checked++;
        }
        assertEquals(27, checked);
    }

    @Test
    void topographyIsLevelledAndItsStdIsRq() {
        for (SeiResult.MapRow r : result.maps()) {
            if (!r.entry().isTopography()) continue;
            double rq = truthSample(r.sample().id()).path("maps").path("AFM height").path("rq").asDouble();
            assertEquals(rq, r.stats().std(), 0.10 * rq, r.sample().id());
            assertTrue(Double.isNaN(r.stats().cv()));
            assertEquals(0, r.stats().mean(), 1e-3);
        }
    }

    @Test
    void esmAmplitudeCvAgainstCeHasTheRightSignAndSize() {
        SeiResult.CorrelationRow row = result.correlations().stream()
                .filter(c -> c.technique().equals("ESM") && c.quantity().equals("amplitude") && c.metric().equals("cv") && c.against().equals("coulombEfficiency"))
                .findFirst().orElseThrow();
        // truth: CE and cv are both quadratic in (x − optimum), so their true correlation is −1 up to the CE scatter
        double[] ce = new double[result.study().samples().size()], cv = new double[ce.length];
        for (int i = 0; i < ce.length; i++) {
            JsonNode ts = truthSample(result.study().samples().get(i).id());
            ce[i] = ts.path("coulombEfficiencyPct").get(0).asDouble();
            cv[i] = ts.path("maps").path("ESM amplitude").path("cv").asDouble();
        }
        double trueR = Correlation.pearson(cv, ce);
        assertTrue(row.r().r() < -0.9, "r = " + row.r().r());
        assertEquals(trueR, row.r().r(), 0.08);
        assertEquals(9, row.r().n());
        assertTrue(row.r().ciLow() <= row.r().r() && row.r().r() <= row.r().ciHigh());
        assertTrue(row.r().p() < 0.001, "p = " + row.r().p());
        assertTrue(row.r().rho() < -0.8);
    }

    @Test
    void xpsFractionsAndChargeCorrectionMatchTruth() {
        assertEquals(36, result.spectra().size());
        for (SeiResult.SpectrumRow r : result.spectra()) {
            JsonNode ts = truthSample(r.sample().id());
            double f = ts.path("fractions").path(r.region() + " " + r.component()).asDouble(Double.NaN);
            assertEquals(f, r.fraction(), r.region().startsWith("Li") ? 0.04 : 0.03, r.sample().id() + " " + r.region() + " " + r.component());
            assertTrue(r.fractionErr() > 0 && r.fractionErr() < 0.05);
            assertEquals(-ts.path("chargeShiftEv").asDouble(), r.chargeShiftEv(), 0.1, r.sample().id());
        }
    }

    @Test
    void cyclesChooseTheFigureOfMerit() {
        SeiParams p = SeiParams.defaults().withCycles("2-3");
        Study s = result.study();
        double expect = (s.samples().get(0).coulombEfficiencyPct()[1] + s.samples().get(0).coulombEfficiencyPct()[2]) / 2;
        assertEquals(expect, SeiAnalysis.figureOfMerit(s.samples().get(0), p), 1e-12);
        assertTrue(Double.isNaN(SeiAnalysis.figureOfMerit(s.samples().get(0), SeiParams.defaults().withCycles("5"))));
    }

    static JsonNode truthSample(String id) {
        for (JsonNode n : truth.get("samples")) if (n.get("id").asText().equals(id)) return n;
        throw new AssertionError("no truth for " + id);
    }
}
