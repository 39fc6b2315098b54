package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A corrupt or newer workspace is refused with a sentence and never overwritten (autosave included). */
class WorkspaceRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptOrNewerWorkspaceIsRefusedAndKept() throws Exception {
        for (String content : new String[]{"{\"format\": \"trident.workspace/2\", \"datasets\": []}", "{\"format\": \"trident.work", "[".repeat(100_000)}) {
            Path f = Files.writeString(dir.resolve("w.json"), content);
            TridentException read = assertThrows(TridentException.class, () -> Workspace.read(f));
            assertTrue(read.getMessage().startsWith(f.toString()), read.getMessage());
            TridentException write = assertThrows(TridentException.class, () -> new Workspace().write(f));
            assertTrue(write.getMessage().contains("kept"), write.getMessage());
            assertEquals(content, Files.readString(f));
        }
        Path ok = dir.resolve("ok.json");
        new Workspace().write(ok);
        new Workspace().write(ok); // its own file is replaced
        assertNotNull(Workspace.read(ok));
    }
}
