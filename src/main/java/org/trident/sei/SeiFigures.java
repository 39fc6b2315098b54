package org.trident.sei;

import java.nio.file.Path;
import java.util.List;

/** Figures of a study run (filled in with the render classes). */
public final class SeiFigures {
    private SeiFigures() {}

    public static List<Path> write(SeiResult r, Path out) {
        return List.of();
    }
}
