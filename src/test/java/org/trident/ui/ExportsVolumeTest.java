package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.io.Tiff;
import org.trident.model.ImageStack;
import org.trident.model.Volume;
import org.trident.render.ExportRecord;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GUI's volume export offers the {@code trident export} formats through the same engine entry (VolumeExport). */
class ExportsVolumeTest {
    static Dataset.VolumeItem item(Path tmp) {
        Volume v = Volume.zeros(6, 5, 4, 2.5);
        for (int k = 0; k < 4; k++) for (int j = 0; j < 5; j++) for (int i = 0; i < 6; i++) v.set(i, j, k, i + 10 * j + 100 * k);
        Path mrc = tmp.resolve("fraction-Ni.mrc");
        Mrc.write(mrc, v);
        return new Dataset.VolumeItem("fraction-Ni", v, mrc);
    }

    @Test
    void writesHspyEmdAndImageJAsTheCliDoes(@TempDir Path tmp) throws Exception {
        Dataset d = new Dataset("pristine", tmp);
        Dataset.VolumeItem it = item(tmp);
        for (String ext : new String[]{"hspy", "emd"}) {
            Path f = Exports.volume(tmp.resolve("ni." + ext), d, it);
            assertEquals(tmp.resolve("ni." + ext).toAbsolutePath(), f.toAbsolutePath());
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 8);
            assertArrayEquals(new byte[]{(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, head, "an HDF5 file");
            var rec = Json.readObject(ExportRecord.pathFor(f));
            assertEquals(ext, rec.path("view").path("format").asText(), rec.toString());
            assertTrue(rec.toString().contains("fraction-Ni"), "the source volume and quantity are recorded");
        }
        Path tif = Exports.volume(tmp.resolve("ni.tif"), d, it);
        Tiff.Tags t = Tiff.tags(tif);
        assertEquals(1 / 2.5, t.xResolution(), 1e-6);
        assertTrue(t.description().contains("unit=nm"), "a calibrated ImageJ stack");
        ImageStack s = Tiff.readImages(tif);
        assertEquals(4, s.tilts());
        assertEquals(3 + 10 * 2 + 100 * 1, s.tilt(1)[2 * 6 + 3], 0);
        assertThrows(RuntimeException.class, () -> Exports.volume(tmp.resolve("ni.xyz"), d, it));
    }
}
