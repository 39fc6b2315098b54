package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The contract's rule for {@code --out}: a new or empty folder, a non-empty one only with force,
 * never an input. Paths are compared after following symbolic links, so an {@code --out} that is a
 * link to (or into) the input is refused like the input itself. A prepared folder gets a manifest
 * ({@value #MANIFEST}) of the files Trident wrote there; {@link AtomicFiles} replaces only those, so
 * {@code --force} never replaces a user's own file.
 */
public final class OutputDirs {
    /** List of the files Trident wrote in an output folder, one name a line (visible: outputs hold no hidden files). */
    public static final String MANIFEST = "trident-outputs.txt";
    /** The refusal of a non-empty folder without force: its own type, so a front end without --force can say it in its terms. */
    public static final class NotEmpty extends TridentException {
        NotEmpty(Path folder) {
            super(folder + ": the output folder is not empty; use --force to write into it");
        }
    }
    /** Folders this process prepared (real paths): their manifest is started on the first write, so a refused run leaves nothing. */
    private static final java.util.Set<Path> PREPARED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private OutputDirs() {}

    public static void prepare(Path out, boolean force, Path... inputs) {
        Path real = realPath(out);
        for (Path in : inputs) {
            if (in == null) continue;
            Path ir = realPath(in);
            // an input file that is itself a link is protected where the link lives and where it points
            for (Path inDir : List.of(folderOf(ir), folderOf(linkLocation(in)))) {
                if (inDir != null && inDir.startsWith(real)) {
                    boolean linked = !real.equals(out.toAbsolutePath().normalize()) || !ir.equals(in.toAbsolutePath().normalize());
                    throw TridentException.file(out, "the output folder would overwrite the input " + in
                            + (linked ? " (the same folder once links are followed)" : "") + "; choose another --out");
                }
            }
        }
        if (Files.exists(real) && !Files.isDirectory(real)) throw TridentException.file(out, "exists and is not a folder");
        if (Files.isDirectory(real)) {
            removeStaleTemporaries(out, real);
            if (!force && !userEntries(out, real).isEmpty()) {
                throw new NotEmpty(out);
            }
        }
        try {
            Files.createDirectories(real);
            Path manifest = real.resolve(MANIFEST);
            if (Files.exists(manifest, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                throw TridentException.file(out, MANIFEST + " in the output folder is not a plain file; remove it or choose another --out");
            }
            PREPARED.add(realPath(real));
        } catch (IOException e) {
            throw TridentException.file(out, "cannot create the output folder: " + e.getMessage());
        }
    }

    private static Path folderOf(Path real) {
        return Files.isDirectory(real) ? real : real.getParent();
    }

    /** The path with the links of its parent folders followed but not a link at its last name. */
    private static Path linkLocation(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        return parent == null || !Files.isSymbolicLink(abs) ? realPath(abs) : realPath(parent).resolve(abs.getFileName());
    }

    /**
     * The path with every symbolic link in its existing part followed (the part that does not exist
     * yet is appended as written), so two spellings of one folder compare equal.
     */
    public static Path realPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path q = abs; q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                try {
                    return q.toRealPath().resolve(q.relativize(abs)).normalize();
                } catch (IOException e) {
                    return abs;
                }
            }
        }
        return abs;
    }

    /** Whether writes into {@code dir} are guarded by a manifest: this process prepared it, or an earlier run did. */
    static boolean guarded(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS) || PREPARED.contains(realPath(dir));
    }

    /** Whether the manifest lists {@code name} as written by Trident. */
    static boolean listed(Path manifest, String name) throws IOException {
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) return false;
        try (Stream<String> lines = Files.lines(manifest, StandardCharsets.UTF_8)) {
            return lines.anyMatch(name::equals);
        }
    }

    /** Entries other than the manifest and temporary files: what makes a folder "not empty". */
    private static List<Path> userEntries(Path out, Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().equals(MANIFEST) && !isTemporary(p)).limit(1).forEach(found::add);
        } catch (IOException e) {
            throw TridentException.file(out, "cannot list: " + e.getMessage());
        }
        return found;
    }

    private static boolean isTemporary(Path p) {
        return AtomicFiles.TEMP_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** A run killed mid-write (SIGKILL, power loss) leaves {@code .NAME.N.part} files: remove them. */
    private static void removeStaleTemporaries(Path out, Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(OutputDirs::isTemporary).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw TridentException.file(out, "cannot clean up temporary files: " + e.getMessage());
        }
    }
}
