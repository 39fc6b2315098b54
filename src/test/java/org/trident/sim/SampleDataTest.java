package org.trident.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleReader;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleDataTest {
    @Test
    void bundledSpecsAreValidAndSmall() throws Exception {
        for (String name : SampleData.NAMES) {
            SampleSpec s = SampleData.spec(name);
            assertEquals(name, s.name());
            SimulationParams p = s.params();
            assertEquals(List.of(), p.validate());
            assertEquals(name, p.particle().stage());
            long bytes = (long) p.size() * p.size() * p.anglesDeg().length * (p.edsChannels() + p.eelsChannels()) * 4;
            assertTrue(bytes < 250_000_000L, name + " would take " + bytes + " bytes");
        }
        assertTrue(Files.size(Path.of("sample-data", "cycled-100.json")) < 20_000);
    }

    private static SampleSpec tiny(String name, long seed) {
        SampleSpec s = SampleData.spec(name);
        return new SampleSpec(SampleSpec.FORMAT, s.name(), s.description(), seed, 16, 15.0, "-40:40:40", "high", true,
                64, 0.01, 0.16, 64, 450.0, 8.5, s.particle());
    }

    @Test
    void generatesOnceAndRegeneratesWhatIsIncomplete(@TempDir Path root) throws Exception {
        List<SampleSpec> specs = List.of(tiny("pristine", 1), tiny("cycled-100", 2));
        long[] reported = new long[2];
        Progress counting = new Progress() {
            @Override public void start(String message, long total) { reported[0] = total; reported[1] = 0; }
            @Override public synchronized void advance(long units) { reported[1] += units; assertTrue(reported[1] <= reported[0]); }
            @Override public boolean isCancelled() { return false; }
        };
        List<Path> bundles = SampleData.ensure(root, specs, counting, 2);
        assertEquals(200, reported[0], "one bar over the missing samples");
        assertEquals(200, reported[1], "the bar ends full");
        assertEquals(2, bundles.size());
        for (Path b : bundles) {
            TiltSeries ts = BundleReader.read(b);
            assertEquals(3, ts.tilts());
            assertTrue(Files.exists(b.resolveSibling("truth").resolve("truth.json")));
            assertTrue(Files.exists(b.resolveSibling("references").resolve("references.json")));
        }
        assertEquals("cycled-100", BundleReader.read(bundles.get(1)).label());
        Path haadf = bundles.get(0).resolve("HAADF.npy");
        FileTime before = FileTime.fromMillis(1000);
        Files.setLastModifiedTime(haadf, before);
        SampleData.ensure(root, specs, Progress.NONE, 2);
        assertEquals(before, Files.getLastModifiedTime(haadf), "a complete sample is reused");
        // a damaged cache is rebuilt
        Path eds = bundles.get(1).resolve("EDS.npy");
        long size = Files.size(eds);
        Files.write(eds, new byte[10]);
        assertFalse(SampleData.isComplete(bundles.get(1).getParent()));
        SampleData.ensure(root, specs, Progress.NONE, 1);
        assertEquals(size, Files.size(eds));
        try (var s = Files.list(bundles.get(0).getParent().getParent())) {
            assertEquals(2, s.count(), "no temporary folders are left behind");
        }
    }
}
