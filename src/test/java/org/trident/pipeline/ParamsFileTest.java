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
}
