package org.trident.spectra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.trident.io.Json;
import org.trident.io.Msa;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trident's power-law background and Pearson L3/L2 against HyperSpy 1.7.3 on real Mn L2,3
 * spectra. The fixture was made by docs/scripts/hyperspy_compare.py (HyperSpy's
 * remove_background with a non-linear power-law fit; the double step in numpy), with the
 * same windows. Trident fits r by weighted log-log least squares and A as the ratio of counts,
 * so small differences are expected; the tolerances say how small.
 */
class HyperSpyComparisonTest {
    @Test
    void backgroundAndWhiteLinesAgreeWithHyperSpy() throws Exception {
        JsonNode fx;
        try (InputStream in = getClass().getResourceAsStream("/quant/hyperspy-comparison.json")) {
            fx = Json.MAPPER.readTree(in);
        }
        for (JsonNode c : fx.path("cases")) {
            String name = c.path("file").asText();
            Path file = Path.of("..", "shared", "data").resolve(name.split("#")[0]);
            Assumptions.assumeTrue(Files.exists(file), "real data absent");
            Msa.Spectrum s = name.contains("#") ? csvRow(file, Integer.parseInt(name.split("#")[1])) : Msa.read(file);
            double[] y = new double[s.length()];
            for (int i = 0; i < y.length; i++) y[i] = s.values()[i];
            EelsModel m = new EelsModel(s.axis(), s.length());
            double[] pre = {c.path("preEdgeEv").get(0).asDouble(), c.path("preEdgeEv").get(1).asDouble()};
            double r = m.exponent(y, pre);
            assertEquals(c.path("r").asDouble(), r, 0.1, name + ": power-law exponent");
            double amp = EelsModel.dot(m.amplitudeVector(pre, m.powerLaw(r)), y);
            for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) () -> c.path("backgroundAt").fields()) {
                double at = Double.parseDouble(e.getKey());
                assertEquals(e.getValue().asDouble(), amp * Math.pow(at, -r), 0.01 * e.getValue().asDouble(), name + ": background at " + at + " eV");
            }
            EdgeWindows w = EdgeWindows.whiteLine(c.path("element").asText(), c.path("l3PeakEv").asDouble(), c.path("l2PeakEv").asDouble())
                    .with((com.fasterxml.jackson.databind.node.ObjectNode) Json.object().set("preEdge", Json.MAPPER.valueToTree(pre)));
            LinearMap map = new LinearMap(s.length());
            m.addWhiteLine(map, w, r, 0);
            double[] v = map.apply(s.values());
            String el = c.path("element").asText();
            double l3 = v[map.index("EELS:" + el + "-L3")], l2 = v[map.index("EELS:" + el + "-L2")], l23 = v[map.index("EELS:" + el + "-L23")];
            assertEquals(c.path("l3l2").asDouble(), l3 / l2, 0.03 * c.path("l3l2").asDouble(), name + ": L3/L2");
            assertEquals(c.path("l23").asDouble(), l23, 0.02 * c.path("l23").asDouble(), name + ": L23");
            System.out.printf(java.util.Locale.ROOT, "HyperSpy vs Trident, %s: r %.4f vs %.4f; L3/L2 %.4f vs %.4f; L23 %.5g vs %.5g%n",
                    name, c.path("r").asDouble(), r, c.path("l3l2").asDouble(), l3 / l2, c.path("l23").asDouble(), l23);
        }
    }

    /** One row of the data set's CSV line scan, with the axis from its .axes.json. */
    static Msa.Spectrum csvRow(Path csv, int row) throws java.io.IOException {
        var lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        String[] parts = lines.get(row).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(parts[i].trim());
        JsonNode ax = Json.readObject(Path.of(csv.toString().replace(".csv", ".axes.json"))).path("axes");
        JsonNode e = ax.get(ax.size() - 1);
        return new Msa.Spectrum(v, new org.trident.model.EnergyAxis(e.path("offset").asDouble(), e.path("scale").asDouble(), "eV"), java.util.Map.of());
    }
}
