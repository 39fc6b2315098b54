package org.trident.formats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each piece of an imported dataset came from. It becomes the bundle's top-level
 * {@code "import"} object (format, source files, angle and pixel-size sources, notes) and the
 * notes {@code info} prints.
 */
public final class ImportRecord {
    private final ObjectNode node = Json.object();
    private final ArrayNode files;
    private final List<String> notes = new ArrayList<>();
    private Path first;

    public ImportRecord(String format) {
        node.put("format", format);
        files = node.putArray("sourceFiles");
        node.put("reader", "Trident " + org.trident.formats.ImportRecord.class.getPackage().getName());
    }

    public ImportRecord source(Path file) {
        if (first == null) first = file;
        files.add(file.toAbsolutePath().normalize().toString());
        return this;
    }

    public ImportRecord angleSource(String s) {
        node.put("angleSource", s);
        return this;
    }

    public ImportRecord pixelSizeSource(String s) {
        node.put("pixelSizeSource", s);
        return this;
    }

    public ImportRecord put(String field, String value) {
        node.put(field, value);
        return this;
    }

    public ObjectNode node() {
        return node;
    }

    public ImportRecord note(String n) {
        notes.add(n);
        return this;
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * Resolves the pixel size: the user's value, else the file's (in nm), else 1 nm with a note.
     */
    public double pixelSize(ImportOptions opt, double fromFileNm, String fileSource) {
        if (opt.pixelSizeNm() != null) {
            if (!(opt.pixelSizeNm() > 0) || !Double.isFinite(opt.pixelSizeNm())) throw new TridentException("--pixel-nm must be a positive number, got " + opt.pixelSizeNm());
            pixelSizeSource("given by the user");
            return opt.pixelSizeNm();
        }
        if (fromFileNm > 0 && Double.isFinite(fromFileNm)) {
            pixelSizeSource(fileSource);
            return fromFileNm;
        }
        pixelSizeSource("not in the file in a length unit; 1 nm assumed (set it with --pixel-nm)");
        return 1.0;
    }

    /** Angles from a file's metadata must be real tilts: finite, within ±90°, not all one value for a stack. */
    private void checkAngles(double[] angles) {
        String from = node.path("angleSource").asText("the file");
        Path where = first != null ? first : Path.of(node.path("format").asText("input"));
        for (int i = 0; i < angles.length; i++) {
            if (!(Math.abs(angles[i]) <= 90)) {
                throw TridentException.file(where, "tilt " + i + " has angle " + angles[i] + " (from " + from + "), not within ±90°; give the angles with --angles FILE");
            }
        }
        if (angles.length > 1) {
            boolean same = true;
            for (double a : angles) same &= a == angles[0];
            if (same) throw TridentException.file(where, "every one of the " + angles.length + " tilts has the angle " + angles[0] + "° (from " + from
                    + "); give the angles with --angles FILE");
        }
    }

    /** Builds the series with this record under {@code extra.import} and returns it with the notes. */
    public Datasets.Opened finish(String name, double pixelNm, double[] angles, List<Channel> channels, ObjectNode extra, ImportOptions opt) {
        checkAngles(angles);
        for (Channel c : channels) {
            int[] bad = c.isSpectrum() ? null : c.images().firstNonFinite();
            if (bad != null) {
                throw TridentException.file(first != null ? first : Path.of(name), "image " + c.name() + ", tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x="
                        + bad[1] + ", y=" + bad[2] + "; a tilt series must be finite everywhere");
            }
        }
        ObjectNode ex = extra == null ? Json.object() : extra;
        node.putArray("notes").addAll(notes.stream().map(s -> (com.fasterxml.jackson.databind.JsonNode) Json.MAPPER.getNodeFactory().textNode(s)).toList());
        ex.set("import", node);
        String nm = opt.name() != null ? opt.name() : name;
        List<String> all = new ArrayList<>();
        if (node.has("angleSource")) all.add("tilt angles: " + node.get("angleSource").asText());
        if (node.has("pixelSizeSource")) all.add("pixel size: " + node.get("pixelSizeSource").asText());
        all.addAll(notes);
        return new Datasets.Opened(new TiltSeries(nm, pixelNm, angles, channels, ex), all);
    }
}
