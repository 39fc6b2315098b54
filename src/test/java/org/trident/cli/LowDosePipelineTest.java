package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.analysis.ShellFitWriter;
import org.trident.analysis.TruthScores;
import org.trident.formats.Datasets;
import org.trident.io.Json;
import org.trident.recon.MethodChoice;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end at low dose on a held-out case (cycled-100, 48³ × 5 nm, seed 11: not one of the
 * cases the defaults were chosen on): a misaligned particle simulated at {@code --dose low} and
 * {@code --dose very-low} (¼ of low) goes through the pipeline's steps — quantify, align, the
 * pipeline's own method choice ({@link MethodChoice}), reconstruct, analyze; half-sets are left
 * out to keep the test short — and is scored against the simulator's truth, with plain SIRT on
 * the same aligned data as the baseline. The table printed is the one in docs/reconstruction.md.
 * Each volume is analysed twice: with the quantification's element amounts (EDS and EELS MLLS sums
 * calibrated on it, the default) and with {@code --fractions-from eds} (k·EDS alone, what every
 * method gave before; plain SIRT so is the baseline). What is asserted is what the methods achieve
 * here: the shell fit (depth profiles fitted in the projection domain, what the pipeline reports at
 * these doses) meets every target of issue 14 at both doses; element amounts beat EDS alone in the
 * voxel profiles; with EDS alone fused beats SIRT.
 */
class LowDosePipelineTest {
    @TempDir
    static Path tmp;
    static final Map<String, double[]> scores = new LinkedHashMap<>();
    static final Map<String, MethodChoice.Choice> choices = new LinkedHashMap<>();
    static final Map<String, ObjectNode> records = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() {
        for (String dose : new String[]{"low", "very-low"}) {
            Path sim = tmp.resolve("sim-" + dose), out = tmp.resolve("run-" + dose);
            assertEquals(0, TridentCommand.run("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "48",
                    "--pixel-nm", "5", "--dose", dose, "--misalign", "--seed", "11", "--threads", "2"));
            assertEquals(0, TridentCommand.run("quantify", sim.resolve("bundle").toString(), "--out", out.resolve("quantified").toString(),
                    "--references", sim.resolve("references/references.json").toString(), "--threads", "2"));
            assertEquals(0, TridentCommand.run("align", out.resolve("quantified").toString(), "--out", out.resolve("aligned").toString(), "--threads", "2"));
            MethodChoice.Choice c = MethodChoice.choose(Datasets.read(out.resolve("aligned")));
            choices.put(dose, c);
            for (String method : new String[]{c.algorithm().label(), "sirt"}) {
                Path v = out.resolve(method);
                assertEquals(0, TridentCommand.run("reconstruct", out.resolve("aligned").toString(), "--out", v.toString(),
                        "--algorithm", method, "--threads", "2"));
                boolean chosen = method.equals(c.algorithm().label());
                // fractions from k·EDS alone: what every method gave before element amounts (the baseline)
                Path e = out.resolve(method + "-eds-analysis");
                assertEquals(0, TridentCommand.run("analyze", v.toString(), "--out", e.toString(), "--fractions-from", "eds"));
                scores.put(dose + " " + method + "-eds", score(sim.resolve("truth"), e));
                Path a = out.resolve(method + "-analysis");
                assertEquals(0, chosen ? TridentCommand.run("analyze", v.toString(), "--out", a.toString(), "--fit-series", out.resolve("aligned").toString())
                        : TridentCommand.run("analyze", v.toString(), "--out", a.toString()));
                scores.put(dose + " " + method, score(sim.resolve("truth"), a));
                if (chosen) scores.put(dose + " shell-fit", ShellFitProfileTest.score(sim.resolve("truth"), a.resolve(ShellFitWriter.PROFILES),
                        a.resolve(ShellFitWriter.SUMMARY), 10, 40));
                records.put(dose + " " + method, Json.readObject(v.resolve("reconstruction.json")));
            }
        }
        System.out.println("| dose | method | Mn valence MAE | worst bulk fraction error | Ni enrichment measured/true |");
        scores.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.3f | %.4f | %.2f |%n", k.replace(' ', '|'), v[0], v[1], v[2]));
    }

    /** {Mn valence MAE over 10 shells, worst |bulk fraction error|, Ni enrichment ratio measured/true}. */
    static double[] score(Path truth, Path analysis) {
        double mae = TruthScores.profileMae(truth, analysis, "valence-Mn", 10, "mean");
        double worst = 0, ratio = Double.NaN;
        for (String el : new String[]{"Ni", "Co", "Mn"}) {
            double[] t = TruthScores.truthSurfaceBulk(truth, "fraction-" + el, 10, 40);
            double[] m = TruthScores.measuredSurfaceBulk(analysis, "fraction-" + el, "");
            worst = Math.max(worst, Math.abs(m[1] - t[1]));
            if (el.equals("Ni")) ratio = (m[0] - m[1]) / (t[0] - t[1]);
        }
        return new double[]{mae, worst, ratio};
    }

    @Test
    void theChoiceIsFusedAndRecorded() {
        for (String dose : choices.keySet()) {
            MethodChoice.Choice c = choices.get(dose);
            assertEquals("fused", c.algorithm().label(), dose);
            assertTrue(c.meanCounts() < MethodChoice.SPARSE_COUNTS && c.reason().contains("counts per particle pixel"), c.reason());
            ObjectNode r = records.get(dose + " fused");
            assertEquals("fused", r.path("channels").path("EDS:Ni").path("method").asText());
            assertEquals("sirt", r.path("channels").path("EELS:Mn-Mn4+").path("method").asText(), "valence channels stay on SIRT");
            var f = r.path("fused");
            assertEquals(1.7, f.path("gamma").asDouble());
            assertTrue(f.path("linkWeight").asDouble() > 0 && f.path("tvWeights").path("EDS:Mn").asDouble() > 0);
            assertEquals(150, f.path("costPerIteration").path("poissonDeviance:EDS:Ni").size());
        }
    }

    @Test
    void theShellFitMeetsTheLowDoseTargets() {
        double[] low = scores.get("low shell-fit"), q = scores.get("very-low shell-fit");
        assertTrue(low[0] <= 0.06 && low[1] <= 0.015 && Math.abs(low[2] - 1) <= 0.20,
                String.format(Locale.ROOT, "low dose shell fit: MAE %.3f, bulk %.4f, enrichment %.2f", low[0], low[1], low[2]));
        assertTrue(q[0] <= 0.15 && q[1] <= 0.02 && Math.abs(q[2] - 1) <= 0.30,
                String.format(Locale.ROOT, "very-low dose shell fit: MAE %.3f, bulk %.4f, enrichment %.2f", q[0], q[1], q[2]));
    }

    @Test
    void valenceTargetsHold() {
        assertTrue(scores.get("low fused")[0] <= 0.06, "low dose Mn valence MAE " + scores.get("low fused")[0]);
        assertTrue(scores.get("very-low fused")[0] <= 0.15, "very-low dose Mn valence MAE " + scores.get("very-low fused")[0]);
    }

    /** Element amounts (EDS with calibrated EELS MLLS sums) against k·EDS alone, on the same fused volumes. */
    @Test
    void elementAmountsBeatEdsAloneInTheVoxelProfiles() {
        for (String dose : new String[]{"low", "very-low"}) {
            double[] p = scores.get(dose + " fused"), b = scores.get(dose + " sirt-eds");
            assertTrue(p[1] < 0.5 * b[1], dose + ": worst bulk fraction error " + p[1] + " vs SIRT with EDS alone " + b[1]);
            assertTrue(Math.abs(p[2] - 1) < Math.abs(b[2] - 1), dose + ": enrichment ratio " + p[2] + " vs " + b[2]);
            assertTrue(p[1] < scores.get(dose + " fused-eds")[1], dose + ": amounts " + p[1] + " vs EDS alone " + scores.get(dose + " fused-eds")[1]);
        }
    }

    /** With EDS alone (no EELS references), fused is what keeps fractions near the truth. */
    @Test
    void withEdsAloneFusedBeatsPlainSirt() {
        for (String dose : new String[]{"low", "very-low"}) {
            double[] p = scores.get(dose + " fused-eds"), b = scores.get(dose + " sirt-eds");
            assertTrue(p[1] < 0.7 * b[1], dose + ": worst bulk fraction error " + p[1] + " vs SIRT " + b[1]);
            assertTrue(Math.abs(p[2] - 1) < Math.abs(b[2] - 1), dose + ": enrichment ratio " + p[2] + " vs SIRT " + b[2]);
        }
        // at a quarter of the low dose SIRT's EDS fractions are meaningless; fused keeps them near the
        // truth on this seed (0.014 measured; development seeds 2-4 give 0.06-0.08, see the docs)
        double[] q = scores.get("very-low fused-eds");
        assertTrue(q[1] < 0.05, "very-low bulk fractions " + q[1]);
        assertTrue(Math.abs(q[2] - 1) <= 0.30, "very-low Ni enrichment ratio " + q[2]);
    }
}
