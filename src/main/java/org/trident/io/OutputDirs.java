package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The contract's rule for {@code --out}: a new or empty folder, a non-empty one only with force, never an input. */
public final class OutputDirs {
    private OutputDirs() {}

    public static void prepare(Path out, boolean force, Path... inputs) {
        Path abs = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in == null) continue;
            Path ia = in.toAbsolutePath().normalize();
            Path inDir = Files.isDirectory(ia) ? ia : ia.getParent();
            if (abs.equals(inDir) || (inDir != null && inDir.startsWith(abs))) {
                throw TridentException.file(out, "the output folder would overwrite the input " + in + "; choose another --out");
            }
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) throw TridentException.file(out, "exists and is not a folder");
        if (Files.isDirectory(abs) && !force) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) throw TridentException.file(out, "the output folder is not empty; use --force to write into it");
            } catch (IOException e) {
                throw TridentException.file(out, "cannot list: " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw TridentException.file(out, "cannot create the output folder: " + e.getMessage());
        }
    }
}
