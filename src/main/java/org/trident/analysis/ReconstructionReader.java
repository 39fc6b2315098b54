package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisInputs.ReconChannel;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Signal;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code reconstruct} output folder (contract section 6): {@code reconstruction.json} with
 * {@code "channels": {name: {"file", "signal", "element", "reference", …}}}, the copied
 * {@code quantification}, an optional {@code "label"} or {@code "sample"}/{@code "name"}, and the
 * optional {@code "halfSets"}.
 *
 * <p>{@code halfSets} is accepted as {@code {"odd": {name: file}, "even": {name: file}}} (any two
 * set names), or per channel as {@code {name: {"odd": file, "even": file}}} or
 * {@code {name: [file, file]}}; a channel entry may also carry its own {@code "halfSets"}.
 */
public final class ReconstructionReader {
    public static final String FILE = "reconstruction.json";

    private ReconstructionReader() {}

    public static AnalysisInputs read(Path dir) {
        Path json = Files.isDirectory(dir) ? dir.resolve(FILE) : dir;
        if (!Files.exists(json)) throw TridentException.file(json, Files.isDirectory(dir)
                ? "no reconstruction.json in this folder; is it a reconstruct output?" : "file not found");
        ObjectNode root = Json.readObject(json);
        Path base = json.toAbsolutePath().getParent();
        JsonNode chs = root.get("channels");
        if (chs == null || !chs.isObject() || chs.isEmpty()) throw TridentException.file(json, "\"channels\" is missing or empty");
        List<ReconChannel> channels = new ArrayList<>();
        Map<String, Volume> ha = new HashMap<>(), hb = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = chs.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            JsonNode c = e.getValue();
            String file = c.path("file").asText("");
            if (file.isBlank()) throw TridentException.file(json, "channel " + name + " names no file");
            Volume v = Mrc.readVolume(base.resolve(file));
            Signal sig = Signal.parse(c.path("signal").asText(null));
            if (sig == null) sig = Signal.inferFromName(name);
            JsonNode ref = c.path("reference");
            String element = text(c.get("element"));
            String refName = null;
            double refVal = Double.NaN;
            if (ref.isObject()) {
                if (element == null) element = text(ref.get("element"));
                if (ref.path("valence").isNumber()) refVal = ref.get("valence").asDouble();
                refName = text(ref.get("name"));
            } else if (ref.isTextual()) {
                refName = ref.asText();
            }
            if (refName == null && Double.isFinite(refVal) && name.contains("-")) refName = name.substring(name.lastIndexOf('-') + 1);
            if (element == null && name.startsWith("EDS:")) element = name.substring(4);
            channels.add(new ReconChannel(name, sig, element, refName, refVal, v));
            if (c.has("halfSets")) addHalves(json, base, name, c.get("halfSets"), ha, hb);
        }
        JsonNode hs = root.get("halfSets");
        if (hs != null && hs.isObject()) {
            List<String> keys = new ArrayList<>();
            hs.fieldNames().forEachRemaining(keys::add);
            boolean bySet = keys.size() == 2 && hs.get(keys.get(0)).isObject() && !chs.has(keys.get(0))
                    && hs.get(keys.get(1)).isObject() && !chs.has(keys.get(1));
            if (bySet) {
                readSet(json, base, hs.get(keys.get(0)), ha);
                readSet(json, base, hs.get(keys.get(1)), hb);
            } else {
                for (String k : keys) addHalves(json, base, k, hs.get(k), ha, hb);
            }
        }
        for (String k : new ArrayList<>(ha.keySet())) {
            if (!hb.containsKey(k)) ha.remove(k);
        }
        hb.keySet().retainAll(ha.keySet());
        ObjectNode q = root.path("quantification").isObject() ? (ObjectNode) root.get("quantification") : null;
        return new AnalysisInputs(label(root, base), channels, q, ha, hb);
    }

    private static void readSet(Path json, Path base, JsonNode set, Map<String, Volume> out) {
        set.fields().forEachRemaining(e -> {
            String f = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().path("file").asText("");
            if (f.isBlank()) throw TridentException.file(json, "half-set entry for " + e.getKey() + " names no file");
            out.put(e.getKey(), Mrc.readVolume(base.resolve(f)));
        });
    }

    private static void addHalves(Path json, Path base, String name, JsonNode h, Map<String, Volume> ha, Map<String, Volume> hb) {
        List<String> files = new ArrayList<>();
        if (h.isArray()) {
            h.forEach(x -> files.add(x.isTextual() ? x.asText() : x.path("file").asText("")));
        } else if (h.isObject()) {
            h.fields().forEachRemaining(x -> files.add(x.getValue().isTextual() ? x.getValue().asText() : x.getValue().path("file").asText("")));
        }
        if (files.size() != 2 || files.stream().anyMatch(String::isBlank)) {
            throw TridentException.file(json, "halfSets of " + name + " must name two files");
        }
        ha.put(name, Mrc.readVolume(base.resolve(files.get(0))));
        hb.put(name, Mrc.readVolume(base.resolve(files.get(1))));
    }

    /** "label", else the bundle's sample.stage, else its name, else the folder name. */
    static String label(JsonNode root, Path base) {
        for (String k : List.of("label", "dataset")) if (root.path(k).isTextual() && !root.get(k).asText().isBlank()) return root.get(k).asText();
        JsonNode st = root.path("sample").path("stage");
        if (st.isTextual() && !st.asText().isBlank()) return st.asText();
        if (root.path("name").isTextual() && !root.get("name").asText().isBlank()) return root.get("name").asText();
        return base.getFileName() == null ? "dataset" : base.getFileName().toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }
}
