package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleReader;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.spectra.SpectraFixturesAccess;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantifyCommandTest {
    @Test
    void writesABundleOfMapsAndTheRecord(@TempDir Path dir) {
        TiltSeries ts = SpectraFixturesAccess.edsSeries(8, 8, 2, 200, 3);
        Path in = dir.resolve("in");
        BundleWriter.write(ts, in);
        Path out = dir.resolve("out");
        assertEquals(0, TridentCommand.run("quantify", in.toString(), "--out", out.toString(), "--threads", "2"));
        TiltSeries q = BundleReader.read(out);
        assertTrue(q.channel("HAADF").isImage());
        assertEquals(ts.channel("HAADF").images().get(1, 3, 4), q.channel("HAADF").images().get(1, 3, 4));
        for (String el : new String[]{"Ni", "Co", "Mn", "O"}) {
            var c = q.channel("EDS:" + el);
            assertEquals(Signal.MAP, c.signal());
            assertEquals(el, c.extraText("element"));
            assertEquals("EDS", c.extraText("derivedFrom"));
        }
        assertTrue(q.channel("EDS") == null, "spectrum channels are not copied into the maps bundle");
        assertEquals(2.9, q.extra().path("quantification").path("kFactors").path("O").asDouble(), 1e-12);
        assertEquals(3, q.extra().path("quantification").path("transitionMetals").size());
        var rec = Json.readObject(out.resolve("quantification.json"));
        assertTrue(rec.path("eds").path("families").size() >= 4);
        // refuses a non-empty --out without --force, accepts it with
        assertNotEquals(0, TridentCommand.run("quantify", in.toString(), "--out", out.toString()));
        assertEquals(0, TridentCommand.run("quantify", in.toString(), "--out", out.toString(), "--force", "--eds-method", "window"));
        assertTrue(Files.exists(out.resolve("quantification.json")));
    }
}
