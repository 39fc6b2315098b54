package org.trident.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesOldContentAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("a.bin");
        AtomicFiles.write(f, new byte[]{1, 2, 3});
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(f, out -> {
            out.write(9);
            throw new java.io.IOException("disk full");
        }));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void outputsAreReadableByOthers() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("b.json");
        Json.write(f, Json.object().put("x", 1));
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ));
    }
}
