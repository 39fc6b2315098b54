package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.trident.model.TridentException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jhdf can loop for ever on a corrupt object header (found by FuzzTest); the watchdog turns that into a sentence. */
class WatchdogTest {
    final Path file = Path.of("corrupt.hspy");

    @Test
    void aReadThatNeverEndsBecomesOneSentence() {
        TridentException e = assertThrows(TridentException.class, () -> Watchdog.call(file, 200, () -> {
            while (true) Thread.onSpinWait();
        }));
        assertTrue(e.getMessage().startsWith("corrupt.hspy: ") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void errorsInsideComeBackNamingTheFile() {
        TridentException e = assertThrows(TridentException.class, () -> Watchdog.call(file, 5000, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertTrue(e.getMessage().contains("corrupt.hspy") && e.getMessage().contains("memory"), e.getMessage());
        TridentException f = assertThrows(TridentException.class, () -> Watchdog.call(file, 5000, () -> {
            throw new IllegalStateException("bad B-tree");
        }));
        assertTrue(f.getMessage().contains("jhdf") && f.getMessage().contains("bad B-tree"), f.getMessage());
        assertEquals(7, Watchdog.call(file, 5000, () -> 7));
    }
}
