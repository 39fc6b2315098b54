import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Step one of {@code mvn -P dist package} (docs/install.md), run as a single-file program so that it
 * works wherever the JDK does: empties the dist folder (jpackage refuses an existing image) and
 * puts jpackage's input there, the shaded jar and the MIME types. A Maven plugin cannot do this
 * here, because copies bound to the package phase run before the jar is shaded.
 * Usage: java Stage.java DIST_DIR FILE...
 */
public final class Stage {
    public static void main(String[] args) throws IOException {
        Path dist = Path.of(args[0]);
        if (Files.exists(dist)) {
            try (Stream<Path> all = Files.walk(dist)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Path input = Files.createDirectories(dist.resolve("input"));
        for (int i = 1; i < args.length; i++) {
            Path f = Path.of(args[i]);
            Files.copy(f, input.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
