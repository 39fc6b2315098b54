package org.trident.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.align.Interpolation;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamsFileTest {
    @TempDir
    Path dir;

    @Test
    void everyStagesDefaultsRoundTrip() {
        Pipeline.Params d = Pipeline.Params.defaults();
        Path f = dir.resolve("defaults.json");
        ParamsFile.write(f, d);
        assertEquals("trident.params/1", Json.readObject(f).path("format").asText());
        assertEquals(1, Json.readObject(f).path("schemaVersion").asInt());
        assertEquals(d, ParamsFile.read(f));
    }

    @Test
    void aPartialFileChangesOnlyWhatItNames() throws Exception {
        Path f = Files.writeString(dir.resolve("p.json"), """
                {"reconstruct": {"base": {"algorithm": "CGLS", "iterations": 7}},
                 "align": {"interpolation": "LINEAR"},
                 "analyze": {"bulkDepthNm": 25, "shellNm": "NaN"},
                 "quantify": {"eds": {"fwhmMnKaEv": 128.0}}}
                """);
        Pipeline.Params p = ParamsFile.read(f), d = Pipeline.Params.defaults();
        assertEquals(Algorithm.CGLS, p.reconstruct().base().algorithm());
        assertEquals(7, p.reconstruct().base().iterations());
        assertEquals(d.reconstruct().base().filter(), p.reconstruct().base().filter());
        assertEquals(d.reconstruct().halfSets(), p.reconstruct().halfSets());
        assertEquals(Interpolation.LINEAR, p.align().interpolation());
        assertEquals(d.align().maxShiftPx(), p.align().maxShiftPx());
        assertEquals(25, p.analyze().bulkDepthNm());
        assertEquals(d.analyze().surfaceDepthNm(), p.analyze().surfaceDepthNm());
        assertTrue(Double.isNaN(p.analyze().shellNm()));
        assertEquals(128.0, p.quantify().eds().fwhmMnKaEv());
        assertEquals(d.quantify().eds().fitToKeV(), p.quantify().eds().fitToKeV());
        assertEquals(d.quantify().eels(), p.quantify().eels());
    }

    @Test
    void typosAndImpossibleValuesAreRefusedWithTheFileNamed() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"align\": {\"maxShiftPix\": 3}}");
        TridentException e = assertThrows(TridentException.class, () -> ParamsFile.read(typo));
        assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("align.maxShiftPix"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"reconstruct\": {\"base\": {\"relaxation\": 3}}}");
        e = assertThrows(TridentException.class, () -> ParamsFile.read(bad));
        assertTrue(e.getMessage().contains("reconstruct: ") && e.getMessage().contains("relaxation"), e.getMessage());
        Path type = Files.writeString(dir.resolve("type.json"), "{\"analyze\": {\"bulkDepthNm\": \"deep\"}}");
        e = assertThrows(TridentException.class, () -> ParamsFile.read(type));
        assertTrue(e.getMessage().contains("'analyze' cannot be read"), e.getMessage());
    }

    /** The shell fit's settings live in the analyze section (analyze.shellFit), read and refused like every other. */
    @Test
    void theShellFitSettingsAreReadFromTheAnalyzeSection() throws Exception {
        Path f = Files.writeString(dir.resolve("fit.json"), """
                {"analyze": {"shellFit": {"mode": "off", "penalty": "fixed", "penaltyWeight": 0.5}}}
                """);
        var p = ParamsFile.read(f).analyze().shellFit();
        var d = org.trident.analysis.ShellFitParams.defaults();
        assertEquals(org.trident.analysis.ShellFitParams.Mode.OFF, p.mode());
        assertEquals(org.trident.analysis.ShellFitParams.Penalty.FIXED, p.penalty());
        assertEquals(0.5, p.penaltyWeight());
        assertEquals(d.smoothOrder(), p.smoothOrder(), "what the file leaves out keeps its default");
        assertEquals(d, Pipeline.Params.defaults().analyze().shellFit(), "the defaults are the record's");
        for (String bad : new String[]{"{\"mode\": \"sometimes\"}", "{\"penaltyWeight\": -1}", "{\"smoothOrder\": 3}", "{\"penalti\": \"gcv\"}"}) {
            Path b = Files.writeString(dir.resolve("bad-fit.json"), "{\"analyze\": {\"shellFit\": " + bad + "}}");
            TridentException e = assertThrows(TridentException.class, () -> ParamsFile.read(b), bad);
            assertTrue(e.getMessage().contains("bad-fit.json") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** The fractions rule is read from the analyze section; auto is the default, a wrong name is refused naming the file. */
    @Test
    void theFractionsRuleIsReadFromTheAnalyzeSection() throws Exception {
        Path f = Files.writeString(dir.resolve("fractions.json"), "{\"analyze\": {\"fractionsFrom\": \"eds\"}}");
        assertEquals(org.trident.analysis.AnalysisParams.FractionsFrom.EDS, ParamsFile.read(f).analyze().fractionsFrom());
        assertEquals(org.trident.analysis.AnalysisParams.FractionsFrom.AUTO, Pipeline.Params.defaults().analyze().fractionsFrom());
        Path b = Files.writeString(dir.resolve("bad-fractions.json"), "{\"analyze\": {\"fractionsFrom\": \"eels\"}}");
        TridentException e = assertThrows(TridentException.class, () -> ParamsFile.read(b));
        assertTrue(e.getMessage().contains("bad-fractions.json") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
