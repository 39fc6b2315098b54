package org.trident.analysis;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A particle too small for a bulk (or a surface shell thinner than half a voxel) is said in words, not only as NaN. */
class ShellsTest {
    static AnalysisResult analyze(double surfaceNm, double bulkNm) {
        AnalysisParams d = AnalysisParams.defaults();
        AnalysisParams p = new AnalysisParams(surfaceNm, bulkNm, d.shellNm(), d.threshold(), d.minParticleVoxels(), d.minVoidVoxels(),
                d.weakFraction(), d.smoothVoxels(), 1, d.shellFit(), d.fractionsFrom());
        var in = new AnalysisInputs("small ball", AnalyzerTest.P.channels(AnalyzerTest.truthDepth(), 0, null), Phantoms.quantification(), null, null);
        return Analyzer.analyze(in, p, Progress.NONE);
    }

    static double deepest() {
        double max = 0;
        for (float v : AnalyzerTest.truthDepth().data()) if (Float.isFinite(v)) max = Math.max(max, v);
        return max;
    }

    @Test
    void noVoxelAtTheBulkDepthGivesAWarningNamingDatasetAndDepths() {
        double deepest = deepest(); // the 26-nm ball on 2-nm voxels is nowhere 40 nm deep
        assertTrue(deepest < 40 && deepest > 16, "phantom deeper than expected: " + deepest);
        AnalysisResult r = analyze(10, 40);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(w.startsWith("dataset small ball: the bulk shell is empty"), w);
        assertTrue(w.contains("at least 40 nm deep") && w.contains(String.format(java.util.Locale.ROOT, "the deepest is %s nm", Shells.fmt(deepest))), w);
        assertTrue(r.notes().contains(w), "also among the notes");
        assertEquals(w, r.record().path("warnings").get(0).asText(), "and in analysis.json");
        for (Profiles.Summary s : r.summary()) {
            assertEquals(0, s.bulkVoxels(), s.quantity());
            assertTrue(Double.isNaN(s.bulkMean()), s.quantity());
        }
    }

    @Test
    void aSurfaceThinnerThanHalfAVoxelIsEmptyToo() {
        // the outermost voxels sit at 0.5 voxel = 1 nm, so nothing is less than 0.8 nm deep
        AnalysisResult r = analyze(0.8, 16);
        assertEquals(List.of("dataset small ball: the surface shell is empty: no particle voxel is less than 0.8 nm deep (the shallowest is 1 nm), "
                + "so the surface columns of summary.csv are NaN; set a larger surface depth (--surface-nm)"), r.warnings());
        Profiles.Summary ni = r.summary().stream().filter(s -> s.quantity().equals("fraction-Ni")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(ni.surfaceMean()) && Double.isFinite(ni.bulkMean()));
    }

    @Test
    void shellsWithVoxelsGiveNoWarning() {
        AnalysisResult r = analyze(10, 16);
        assertEquals(List.of(), r.warnings());
        assertTrue(r.record().path("warnings").isEmpty());
    }
}
