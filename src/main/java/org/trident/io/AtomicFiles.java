package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Writes that never leave a half-written file under a final name: write a temporary file in the
 * same folder, then rename it into place (atomically where the file system allows).
 *
 * <p>Temporary files are named {@code .NAME.RANDOM.part}; they are deleted when the write fails
 * or is cancelled, at exit when the JVM is stopped (SIGINT, SIGTERM), and by
 * {@link OutputDirs#prepare} on the next run after a hard kill. They are created with the default
 * permissions, so the finished file honours the user's umask.
 *
 * <p>In a folder that {@link OutputDirs} prepared (it holds {@value OutputDirs#MANIFEST}), an
 * existing file is only replaced when the manifest lists it as written by Trident: {@code --force}
 * never replaces the user's own files. The manifest itself is started by the first write.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Our temporary names: {@code .NAME.RANDOM.part}, RANDOM being decimal digits. */
    static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9]+\\.part");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the next run's OutputDirs.prepare removes it
                }
            }
        }, "trident-temp-cleanup"));
    }

    /** Something that writes the whole content to a stream. */
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    public static void write(Path file, Writer writer) {
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = tempSibling(abs);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
                writer.write(out);
            }
            moveIntoPlace(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw TridentException.file(file, "cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) discard(tmp);
        }
    }

    /** Deletes a temporary file that will not be renamed into place. */
    public static void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the temporary name is hidden and the next run removes it; the error that got us here is what matters
        }
        LIVE.remove(tmp);
    }

    /**
     * Renames a finished temporary file onto its final name. In a Trident output folder an existing
     * file is replaced only when Trident wrote it (listed in the manifest), and the new name is listed.
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path manifest = abs.getParent().resolve(OutputDirs.MANIFEST);
        synchronized (AtomicFiles.class) {
            boolean guarded = OutputDirs.guarded(abs.getParent());
            String name = abs.getFileName().toString();
            if (guarded && Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !OutputDirs.listed(manifest, name)) {
                throw TridentException.file(target, "exists and was not written by Trident; --force replaces only Trident's own outputs,"
                        + " so move this file away or choose another --out");
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            LIVE.remove(tmp);
            if (guarded && !OutputDirs.listed(manifest, name)) {
                Files.writeString(manifest, name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /**
     * A new, empty temporary sibling of {@code target} ({@code .NAME.RANDOM.part}), created with the
     * default permissions (so the umask applies) and deleted at exit unless renamed into place.
     */
    public static Path tempSibling(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        for (int attempt = 0; ; attempt++) {
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".part");
            try {
                Files.createFile(tmp);
                LIVE.add(tmp);
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }
}
