package org.trident.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.io.Json;
import org.trident.model.Signal;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValencesTest {
    static Volume constant(int n, float v) {
        Volume x = Volume.zeros(n, n, n, 1);
        java.util.Arrays.fill(x.data(), v);
        return x;
    }

    @Test
    void whiteLineRatioThroughQuantifysCalibration() {
        int n = 4;
        ParticleMask m = RatiosTest.all(n);
        ObjectNode q = Json.object();
        ObjectNode mn = q.putObject("calibration").putObject("Mn");
        mn.putArray("points").addObject().put("valence", 2).put("l3l2", 4.0).put("l3PositionEv", 640.0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) mn.get("points")).addObject().put("valence", 4).put("l3l2", 2.0).put("l3PositionEv", 642.4);
        List<ReconChannel> ch = new ArrayList<>(List.of(
                new ReconChannel("EELS:Mn-L3", Signal.MAP, "Mn", null, Double.NaN, constant(n, 30f)),
                new ReconChannel("EELS:Mn-L2", Signal.MAP, "Mn", null, Double.NaN, constant(n, 10f)),
                new ReconChannel("EELS:Mn-L3E", Signal.MAP, "Mn", null, Double.NaN, constant(n, 30f * 641.2f))));
        var in = new AnalysisInputs("t", ch, q, null, null);
        List<String> notes = new ArrayList<>();
        var methods = new java.util.HashMap<String, String>();
        Volume v = Valences.valence("Mn", in, name -> in.channel(name) == null ? null : in.channel(name).volume(),
                m, 0.2, methods, notes).value();
        assertEquals(3.0, v.get(1, 1, 1), 1e-5, "ratio 3 lies half-way between the two standards");
        assertTrue(methods.get("valence-Mn").startsWith("L3/L2"));
        // with a straight-line fit present, it wins
        mn.putObject("l3l2Fit").put("slope", -1.0).put("intercept", 6.5);
        v = Valences.valence("Mn", in, name -> in.channel(name) == null ? null : in.channel(name).volume(), m, 0.2, null, null).value();
        assertEquals(3.5, v.get(0, 0, 0), 1e-5);
        // position only
        mn.remove("l3l2Fit");
        ch.remove(1);
        var in2 = new AnalysisInputs("t", ch, q, null, null);
        v = Valences.valence("Mn", in2, name -> in2.channel(name) == null ? null : in2.channel(name).volume(), m, 0.2, methods, null).value();
        assertEquals(3.0, v.get(0, 0, 0), 1e-3);
        assertTrue(methods.get("valence-Mn").startsWith("L3 position"));
    }

    @Test
    void mllsNeedsTwoValences() {
        int n = 3;
        ParticleMask m = RatiosTest.all(n);
        List<ReconChannel> ch = List.of(new ReconChannel("EELS:Mn-Mn3+", Signal.MAP, "Mn", "Mn3+", 3, constant(n, 1f)));
        var in = new AnalysisInputs("t", ch, null, null, null);
        List<String> notes = new ArrayList<>();
        assertNull(Valences.valence("Mn", in, name -> in.channel(name) == null ? null : in.channel(name).volume(), m, 0.2, null, notes));
        assertTrue(notes.get(0).contains("only one MLLS reference"));
        var in2 = new AnalysisInputs("t", List.of(ch.get(0), new ReconChannel("EELS:Mn-Mn4+", Signal.MAP, "Mn", "Mn4+", 4, constant(n, 3f))),
                null, null, null);
        Volume v = Valences.valence("Mn", in2, name -> in2.channel(name).volume(), m, 0.2, null, null).value();
        assertEquals(3.75, v.get(2, 2, 2), 1e-6);
    }
}
