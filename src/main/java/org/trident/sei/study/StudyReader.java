package org.trident.sei.study;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code study.json}: format, unique sample ids, finite numbers, files inside the study folder. */
public final class StudyReader {
    private StudyReader() {}

    /** {@code path} is the study folder or its {@code study.json}. */
    public static Study read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("study.json") : path;
        if (!Files.isRegularFile(file)) throw TridentException.file(file, "no study.json here");
        Path dir = file.toAbsolutePath().normalize().getParent();
        JsonNode root = Json.readObject(file);
        String format = root.path("format").asText("");
        if (!format.equals(Study.FORMAT)) throw TridentException.file(file, "format is '" + format + "', expected " + Study.FORMAT);
        JsonNode comp = root.path("composition");
        String compName = comp.path("name").asText("composition"), compUnit = comp.path("unit").asText("");
        JsonNode samples = root.path("samples");
        if (!samples.isArray() || samples.isEmpty()) throw TridentException.file(file, "\"samples\" must be a non-empty array");
        List<Study.Sample> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < samples.size(); i++) {
            JsonNode s = samples.get(i);
            String where = "sample " + (i + 1);
            String id = text(file, s, "id", where);
            where = "sample " + id;
            if (!ids.add(id)) throw TridentException.file(file, "sample id '" + id + "' appears twice");
            double c = number(file, s, "composition", where);
            JsonNode ce = s.path("coulombEfficiencyPct");
            if (!ce.isArray() || ce.isEmpty()) throw TridentException.file(file, where + ": \"coulombEfficiencyPct\" must be a non-empty array (first cycle first)");
            double[] cePct = new double[ce.size()];
            for (int k = 0; k < cePct.length; k++) {
                cePct[k] = ce.get(k).isNumber() ? ce.get(k).asDouble() : Double.NaN;
                if (!(cePct[k] >= 0 && cePct[k] <= 150)) throw TridentException.file(file, where + ": Coulomb efficiency " + ce.get(k) + " % of cycle " + (k + 1) + " is absurd");
            }
            List<Study.MapEntry> maps = new ArrayList<>();
            for (JsonNode m : s.path("maps")) {
                String rel = text(file, m, "file", where + " map");
                double px = m.has("pixelSizeNm") ? number(file, m, "pixelSizeNm", where + " map " + rel) : Double.NaN;
                if (m.has("pixelSizeNm") && !(px > 0)) throw TridentException.file(file, where + " map " + rel + ": pixelSizeNm must be positive");
                maps.add(new Study.MapEntry(text(file, m, "technique", where + " map " + rel), text(file, m, "quantity", where + " map " + rel),
                        m.path("unit").asText(""), inside(file, dir, rel), rel, px, m.hasNonNull("channel") ? m.get("channel").asText() : null));
            }
            List<Study.SpectrumEntry> spectra = new ArrayList<>();
            for (JsonNode m : s.path("spectra")) {
                String rel = text(file, m, "file", where + " spectrum");
                spectra.add(new Study.SpectrumEntry(m.path("technique").asText("XPS"), text(file, m, "region", where + " spectrum " + rel),
                        inside(file, dir, rel), rel, m.hasNonNull("channel") ? m.get("channel").asText() : null));
            }
            out.add(new Study.Sample(id, c, cePct, maps, spectra));
        }
        return new Study(dir, root.path("name").asText(dir.getFileName().toString()), compName, compUnit, out);
    }

    /** The file {@code rel} names, which must lie inside the study folder (no absolute paths, no "..", no links out). */
    static Path inside(Path file, Path dir, String rel) {
        Path r;
        try {
            r = Path.of(rel);
        } catch (RuntimeException e) {
            throw TridentException.file(file, "'" + rel + "' is not a usable path");
        }
        if (r.isAbsolute() || rel.startsWith("/") || rel.startsWith("\\")) throw TridentException.file(file, "'" + rel + "' is absolute; paths must be relative to the study folder");
        Path p = dir.resolve(r).normalize();
        if (!p.startsWith(dir)) throw TridentException.file(file, "'" + rel + "' points outside the study folder");
        try {
            if (Files.exists(p) && !p.toRealPath().startsWith(dir.toRealPath())) throw TridentException.file(file, "'" + rel + "' links outside the study folder");
        } catch (java.io.IOException e) {
            throw TridentException.file(p, "cannot resolve: " + e.getMessage());
        }
        return p;
    }

    private static String text(Path file, JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw TridentException.file(file, where + ": \"" + key + "\" must be a non-empty string");
        return v.asText();
    }

    private static double number(Path file, JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) throw TridentException.file(file, where + ": \"" + key + "\" must be a finite number");
        return v.asDouble();
    }
}
