package org.trident.render;

import org.trident.job.Checksums;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.job.ToolVersion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The provenance JSON written next to every export ({@code NAME.EXT.provenance.json}, format
 * {@code trident.export/1}): what was written (SHA-256), from which inputs (SHA-256 of files up
 * to {@value #HASH_LIMIT_BYTES} bytes, size only above), when, by which Trident version, and
 * the view state that produced it (slice, colour map, limits, dpi), supplied by the caller,
 * and the {@code provenance} block every Trident output carries (job.Provenance).
 */
public final class ExportRecord {
    public static final String FORMAT = "trident.export/1";
    public static final long HASH_LIMIT_BYTES = 256L << 20;

    private ExportRecord() {}

    public static Path pathFor(Path exported) {
        return exported.resolveSibling(exported.getFileName() + ".provenance.json");
    }

    /** Writes the record next to {@code exported}; {@code view} may be null. Returns its path. */
    public static Path write(Path exported, String kind, List<Path> inputs, ObjectNode view) {
        ObjectNode r = Json.object();
        r.put("format", FORMAT);
        r.put("kind", kind);
        r.put("file", exported.getFileName().toString());
        r.put("sha256", Checksums.sha256(exported));
        r.put("written", Instant.now().toString());
        r.put("tridentVersion", ToolVersion.get());
        ArrayNode in = r.putArray("inputs");
        for (Path p : inputs) {
            ObjectNode n = in.addObject();
            n.put("path", p.toAbsolutePath().normalize().toString());
            try {
                if (Files.isRegularFile(p)) {
                    long size = Files.size(p);
                    n.put("bytes", size);
                    if (size <= HASH_LIMIT_BYTES) n.put("sha256", Checksums.sha256(p));
                }
            } catch (IOException e) {
                n.put("error", "cannot read: " + e.getMessage());
            }
        }
        if (view != null) r.set("view", view);
        // the same provenance block every stage output carries (docs/decisions/0001); inputs as listed above
        ObjectNode p = Provenance.start("export", RunContext.of(1, null)).parameters(view == null ? Json.object() : view).finish();
        p.set("inputs", in.deepCopy());
        r.set("provenance", p);
        Path out = pathFor(exported);
        Json.write(out, r);
        return out;
    }
}
