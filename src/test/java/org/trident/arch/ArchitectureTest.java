package org.trident.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine (everything outside org.trident.ui) must never import JavaFX. */
class ArchitectureTest {
    @Test
    void engineHasNoJavaFxImport() throws IOException {
        Path root = Path.of("src/main/java/org/trident");
        assertTrue(Files.isDirectory(root), "run from the project folder");
        List<String> offenders;
        try (Stream<Path> s = Files.walk(root)) {
            offenders = s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !root.relativize(p).startsWith("ui"))
                    .filter(p -> {
                        try {
                            return Files.readAllLines(p).stream().anyMatch(l -> l.matches("\\s*import\\s+(static\\s+)?javafx\\..*"));
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders, "engine classes importing javafx");
    }
}
