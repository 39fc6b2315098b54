package org.trident.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for each metal's amount in fractions ({@link Analyzer#amountTerms}). */
class AmountTermsTest {
    static final List<String> TMS = List.of("Ni", "Mn");

    static ObjectNode quantification(boolean amounts) {
        ObjectNode q = Json.object();
        q.putObject("kFactors").put("Ni", 1.16).put("Mn", 1.0);
        q.putArray("transitionMetals").add("Ni").add("Mn");
        if (amounts) {
            ObjectNode ea = q.putObject("elementAmounts");
            ea.putObject("Ni").putObject("terms").put("EDS:Ni", 0.01).put("EELS:Ni-Ni2+", 0.002).put("EELS:Ni-Ni3+", 0.002);
            ea.putObject("Mn").putObject("terms").put("EDS:Mn", 0.02).put("EELS:Mn-Mn3+", 0.003).put("EELS:Mn-Mn4+", 0.003);
        }
        return q;
    }

    static final Set<String> ALL = Set.of("EDS:Ni", "EDS:Mn", "EELS:Ni-Ni2+", "EELS:Ni-Ni3+", "EELS:Mn-Mn3+", "EELS:Mn-Mn4+");

    @Test
    void theQuantificationsAmountsAreTakenWhenEveryChannelIsThere() {
        List<String> notes = new ArrayList<>();
        var t = Analyzer.amountTerms(quantification(true), AnalysisParams.FractionsFrom.AUTO, TMS, ALL::contains, notes, "reconstruction");
        assertEquals(Map.of("EDS:Ni", 0.01, "EELS:Ni-Ni2+", 0.002, "EELS:Ni-Ni3+", 0.002), t.get("Ni"));
        assertEquals(0.003, t.get("Mn").get("EELS:Mn-Mn4+"));
        assertTrue(notes.isEmpty(), notes.toString());
        assertTrue(Analyzer.amountDescription(t).startsWith("EDS and calibrated EELS"));
    }

    @Test
    void aMissingEelsChannelFallsBackToEdsWithANote() {
        List<String> notes = new ArrayList<>();
        Set<String> some = Set.of("EDS:Ni", "EDS:Mn", "EELS:Ni-Ni2+", "EELS:Ni-Ni3+", "EELS:Mn-Mn3+");
        var t = Analyzer.amountTerms(quantification(true), AnalysisParams.FractionsFrom.AUTO, TMS, some::contains, notes, "reconstruction");
        assertEquals(Map.of("EDS:Ni", 1.16), t.get("Ni"));
        assertEquals(Map.of("EDS:Mn", 1.0), t.get("Mn"));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("k·EDS alone"), notes.get(0));
    }

    @Test
    void edsAloneWhenAskedEvenWithAmounts() {
        var t = Analyzer.amountTerms(quantification(true), AnalysisParams.FractionsFrom.EDS, TMS, ALL::contains, null, "map");
        assertEquals(Map.of("EDS:Ni", 1.16), t.get("Ni"));
        assertTrue(Analyzer.amountDescription(t).startsWith("k·EDS"));
    }

    @Test
    void noFractionsWithoutEveryEdsMapAndNoAmounts() {
        List<String> notes = new ArrayList<>();
        assertNull(Analyzer.amountTerms(quantification(false), AnalysisParams.FractionsFrom.AUTO, TMS, Set.of("EDS:Ni")::contains, notes, "map"));
        assertTrue(notes.get(0).startsWith("no EDS:Mn map"), notes.toString());
    }
}
