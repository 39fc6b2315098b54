package org.trident.io;

import org.trident.model.TridentException;

import java.nio.file.Path;

/** Whether data fits in the heap before it is loaded. */
public final class Memory {
    private Memory() {}

    /** Refuses to load {@code bytes} into memory when the heap cannot hold them, with a sentence. */
    public static void check(Path file, long bytes) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free * 0.8) {
            throw TridentException.file(file, String.format(java.util.Locale.ROOT,
                    "needs %.1f GB of memory to load but only %.1f GB are free; give Java more with -Xmx", bytes / 1e9, free / 1e9));
        }
    }
}
