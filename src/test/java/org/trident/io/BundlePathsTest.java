package org.trident.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.formats.Datasets;
import org.trident.formats.ImportOptions;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** File names in tiltseries.json stay inside the bundle folder unless --allow-outside-paths; errors tell nothing about outside files. */
class BundlePathsTest {
    @TempDir
    Path dir;

    Path bundle;
    Path secret;

    void setUp() {
        float[][] im = new float[2][4];
        for (int t = 0; t < 2; t++) for (int i = 0; i < 4; i++) im[t][i] = t + i;
        BundleWriter.write(new TiltSeries("b", 1.0, new double[]{-10, 10}, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(2, 2, im))), null), dir.resolve("b"));
        bundle = dir.resolve("b");
        // an array outside the bundle that a hostile bundle names
        BundleWriter.write(new TiltSeries("s", 1.0, new double[]{-10, 10}, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(2, 2, im))), null), dir.resolve("outside"));
        secret = dir.resolve("outside").resolve("HAADF.npy");
    }

    void pointAt(String file) {
        ObjectNode root = Json.readObject(bundle.resolve("tiltseries.json"));
        ((ObjectNode) root.get("channels").get(0)).put("file", file);
        Json.write(bundle.resolve("tiltseries.json"), root);
    }

    String refusal(String file) {
        pointAt(file);
        TridentException e = assertThrows(TridentException.class, () -> BundleReader.read(bundle));
        assertTrue(e.getMessage().contains("outside the bundle folder"), e.getMessage());
        assertTrue(e.getMessage().startsWith(bundle.resolve("tiltseries.json").toString()), e.getMessage());
        return e.getMessage().replace(file, "FILE");
    }

    @Test
    void pathsLeadingOutOfTheBundleAreRefusedWithTheSameWordingWhetherOrNotTheTargetExists() throws Exception {
        setUp();
        String exists = refusal("../outside/HAADF.npy");
        String missing = refusal("../outside/nothing.npy");
        assertEquals(exists, missing);
        assertEquals(exists, refusal(secret.toString()));
        assertEquals(exists, refusal(dir.resolve("outside/none.npy").toString()));
        Files.createSymbolicLink(bundle.resolve("up"), dir.resolve("outside"));
        assertEquals(exists, refusal("up/HAADF.npy"));
        assertEquals(exists, refusal("up/nothing.npy"));
        Files.createSymbolicLink(bundle.resolve("direct.npy"), secret);
        Files.createSymbolicLink(bundle.resolve("dangling.npy"), dir.resolve("outside/nothing.npy"));
        assertEquals(exists, refusal("direct.npy"));
        assertEquals(exists, refusal("dangling.npy"));
        assertEquals(exists, refusal("sub/../../outside/HAADF.npy"));
    }

    @Test
    void linksAndDotsThatStayInsideAreFollowed() throws Exception {
        setUp();
        Files.createDirectories(bundle.resolve("arrays"));
        Files.move(bundle.resolve("HAADF.npy"), bundle.resolve("arrays/HAADF.npy"));
        Files.createSymbolicLink(bundle.resolve("alias.npy"), Path.of("arrays/HAADF.npy"));
        pointAt("./arrays/../alias.npy");
        assertEquals(2, BundleReader.read(bundle).tilts());
    }

    @Test
    void allowOutsidePathsReadsThemAndImportCopiesNothingOutsideByDefault() throws Exception {
        setUp();
        pointAt("../outside/HAADF.npy");
        assertEquals(2, Datasets.open(bundle, ImportOptions.OUTSIDE_PATHS).series().tilts());
        Path out = dir.resolve("imported");
        assertNotEquals(0, TridentCommand.run("import", bundle.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out.resolve("HAADF.npy")));
        assertNotEquals(0, TridentCommand.run("info", bundle.toString()));
        assertEquals(0, TridentCommand.run("info", bundle.toString(), "--allow-outside-paths"));
    }
}
