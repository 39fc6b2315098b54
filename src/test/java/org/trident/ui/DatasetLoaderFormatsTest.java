package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The GUI opens what microscopes write, not only bundles: real files from ../shared/data. */
class DatasetLoaderFormatsTest {
    private static final Path DATA = Path.of("..", "shared", "data");

    @Test
    void opensAFolderOfDm3Tilts() {
        Path folder = DATA.resolve("dm3_bf_tilt_images_etspy");
        assumeTrue(Files.isDirectory(folder), "real data absent");
        Dataset d = DatasetLoader.load(folder, Progress.NONE);
        assertNotNull(d.series());
        assertEquals(3, d.series().tilts());
        assertEquals(-72.003, d.series().tiltAnglesDeg()[0], 1e-3);
    }

    @Test
    void opensADm3TiltStack() {
        Path file = DATA.resolve("needle_haadf_tilt_etspy/HAADF_needle_rebin16.dm3");
        assumeTrue(Files.isRegularFile(file), "real data absent");
        Dataset d = DatasetLoader.load(file, Progress.NONE);
        assertEquals(91, d.series().tilts());
        assertEquals(64, d.series().width());
    }
}
