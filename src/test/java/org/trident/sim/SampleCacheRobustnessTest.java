package org.trident.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A sample cache written by a newer Trident is refused with a sentence and kept; a corrupt one of ours is simply made again. */
class SampleCacheRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void aNewerCacheIsRefusedAndKept() throws Exception {
        Path marker = dir.resolve("complete.json");
        String newer = "{\"format\": \"trident.sample-cache/2\", \"files\": {}}";
        Files.writeString(marker, newer);
        TridentException e = assertThrows(TridentException.class, () -> SampleData.isComplete(dir));
        assertTrue(e.getMessage().startsWith(marker.toString()) && e.getMessage().contains("newer Trident"), e.getMessage());
        assertEquals(newer, Files.readString(marker));
        Files.writeString(marker, "{\"format\": \"trident.sample-ca");
        assertFalse(SampleData.isComplete(dir));
    }
}
