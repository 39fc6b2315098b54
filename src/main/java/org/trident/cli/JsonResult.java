package org.trident.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The machine-readable result a command prints on stdout with {@code --json}
 * ({@value #FORMAT}): command, status, exit code, the output folder, the files written (paths
 * relative to it, '/'-separated), and the command's own numbers and warnings. Built from the same
 * result objects the text output uses; human text then goes to stderr.
 */
final class JsonResult {
    static final String FORMAT = "trident.cli-result/1";

    private JsonResult() {}

    static ObjectNode ok(String command, Path out) {
        ObjectNode n = Json.object();
        n.put("format", FORMAT);
        n.put("command", command);
        n.put("status", "ok");
        n.put("exitCode", 0);
        if (out != null) n.put("out", out.toAbsolutePath().normalize().toString());
        return n;
    }

    /** What a failed command prints with --json: its exit code and the one-line reason. */
    static ObjectNode failed(String command, int exitCode, String reason) {
        ObjectNode n = Json.object();
        n.put("format", FORMAT);
        n.put("command", command);
        n.put("status", "failed");
        n.put("exitCode", exitCode);
        n.put("error", reason);
        return n;
    }

    /** {@code "written"}: the files, relative to {@code out} and sorted. */
    static void written(ObjectNode n, Path out, Collection<Path> files) {
        Path base = OutputDirs.realPath(out);
        TreeSet<String> rel = new TreeSet<>();
        for (Path f : files) rel.add(base.relativize(OutputDirs.realPath(f)).toString().replace('\\', '/'));
        ArrayNode a = n.putArray("written");
        rel.forEach(a::add);
    }

    /**
     * The files Trident wrote under {@code out} in this run: every name its output folders'
     * manifests ({@value OutputDirs#MANIFEST}) list whose file was modified at or after
     * {@code sinceMillis} (so a --force run does not claim an earlier run's files).
     */
    static List<Path> writtenSince(Path out, long sinceMillis) {
        long since = sinceMillis - sinceMillis % 1000; // file times may have whole-second resolution
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> manifests = s.filter(p -> p.getFileName().toString().equals(OutputDirs.MANIFEST)
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
            TreeSet<Path> files = new TreeSet<>();
            for (Path m : manifests) {
                for (String name : Files.readAllLines(m, StandardCharsets.UTF_8)) {
                    Path f = m.resolveSibling(name.strip());
                    if (!name.isBlank() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f).toMillis() >= since) files.add(f);
                }
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw TridentException.file(out, "cannot list what was written: " + e.getMessage(), e);
        }
    }

    static void warnings(ObjectNode n, Collection<String> warnings) {
        ArrayNode a = n.putArray("warnings");
        warnings.forEach(a::add);
    }

    static void print(ObjectNode n) {
        System.out.println(Json.toString(n));
    }
}
