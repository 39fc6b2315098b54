package org.trident.job;

import org.trident.model.TridentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 checksums of input files, for provenance. */
public final class Checksums {
    private Checksums() {}

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read for its checksum: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checksums of a file, or of every regular file under a folder (recursively, hidden temporary
     * files skipped), keyed by path relative to {@code base}, sorted.
     */
    public static Map<String, String> of(Path path, Path base) {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(path)) {
            out.put(rel(base, path), sha256(path));
            return out;
        }
        try (Stream<Path> s = Files.walk(path)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            for (Path f : files) out.put(rel(base, f), sha256(f));
        } catch (IOException e) {
            throw TridentException.file(path, "cannot list for checksums: " + e.getMessage());
        }
        return out;
    }

    private static String rel(Path base, Path p) {
        Path a = base.toAbsolutePath().normalize(), b = p.toAbsolutePath().normalize();
        return b.startsWith(a) ? a.relativize(b).toString().replace('\\', '/') : b.toString();
    }
}
