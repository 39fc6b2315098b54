package org.trident.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.AlignParams;
import org.trident.analysis.AnalysisParams;
import org.trident.io.Json;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.spectra.QuantParams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The settings of every stage as one JSON file ({@value #FORMAT}): sections {@code quantify},
 * {@code align}, {@code reconstruct}, {@code analyze} and {@code lowDose} (the low-dose
 * reconstruction methods' settings), each the stage's params record with
 * units in the names. Any setting left out takes the record's {@code defaults()}, so a file may
 * hold only what differs; a name the record does not have is refused (a typo must not pass
 * silently). Every command reads it with {@code --params FILE}; options given on the command
 * line override it.
 */
public final class ParamsFile {
    public static final String FORMAT = "trident.params/1";
    public static final int SCHEMA_VERSION = 1;

    /** Trident's mapper, reading enum names in any case ("sirt" or "SIRT"). */
    @SuppressWarnings("deprecation")
    private static final ObjectMapper MAPPER = Json.MAPPER.copy().configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

    private ParamsFile() {}

    /** All settings as JSON (the analysis thread count is left out: threads come from the run context). */
    public static ObjectNode toJson(Pipeline.Params p) {
        ObjectNode n = Json.object();
        n.put("format", FORMAT);
        n.put("schemaVersion", SCHEMA_VERSION);
        n.set("quantify", Json.MAPPER.valueToTree(p.quantify()));
        n.set("align", Json.MAPPER.valueToTree(p.align()));
        n.set("reconstruct", Json.MAPPER.valueToTree(p.reconstruct()));
        ObjectNode an = Json.MAPPER.valueToTree(p.analyze());
        an.remove("threads");
        n.set("analyze", an);
        n.put("chooseMethod", p.chooseMethod());
        n.set("lowDose", Json.MAPPER.valueToTree(p.lowDose()));
        return n;
    }

    public static void write(Path file, Pipeline.Params p) {
        Json.write(file, toJson(p));
    }

    /** Reads a parameters file; refuses unknown names, wrong types and settings that cannot run, with a sentence naming the file. */
    public static Pipeline.Params read(Path file) {
        ObjectNode root = Json.readObject(file);
        String format = root.path("format").asText(FORMAT);
        if (!format.equals(FORMAT)) throw TridentException.file(file, "not a Trident parameters file (format is '" + format + "', expected " + FORMAT + ")");
        if (root.path("schemaVersion").asInt(SCHEMA_VERSION) > SCHEMA_VERSION) {
            throw TridentException.file(file, "was written by a newer Trident (schemaVersion " + root.path("schemaVersion").asInt() + ")");
        }
        ObjectNode defaults = toJson(Pipeline.Params.defaults());
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!defaults.has(k)) problems.add("unknown section '" + k + "' (quantify, align, reconstruct, analyze, chooseMethod, lowDose)");
        }
        Pipeline.Params d = Pipeline.Params.defaults();
        QuantParams q = section(file, root, defaults, "quantify", QuantParams.class, problems);
        AlignParams a = section(file, root, defaults, "align", AlignParams.class, problems);
        SeriesReconstruction.Settings r = section(file, root, defaults, "reconstruct", SeriesReconstruction.Settings.class, problems);
        AnalysisParams an = section(file, root, defaults, "analyze", AnalysisParams.class, problems);
        LowDoseParams ld = section(file, root, defaults, "lowDose", LowDoseParams.class, problems);
        if (!problems.isEmpty()) throw TridentException.file(file, String.join("; ", problems));
        // a file that names the reconstruction algorithm means it, unless it says chooseMethod itself
        boolean choose = root.has("chooseMethod") ? root.get("chooseMethod").asBoolean()
                : !root.path("reconstruct").path("base").has("algorithm");
        Pipeline.Params p = new Pipeline.Params(q, a, r, an.withThreads(d.analyze().threads()), choose, ld);
        List<String> invalid = validate(p);
        if (!invalid.isEmpty()) throw TridentException.file(file, String.join("; ", invalid));
        return p;
    }

    /** Plain-language problems of every stage's settings, each prefixed with its stage. */
    public static List<String> validate(Pipeline.Params p) {
        List<String> out = new ArrayList<>();
        p.quantify().validate().forEach(s -> out.add("quantify: " + s));
        p.align().validate().forEach(s -> out.add("align: " + s));
        p.reconstruct().base().validate().forEach(s -> out.add("reconstruct: " + s));
        p.analyze().validate().forEach(s -> out.add("analyze: " + s));
        p.lowDose().validate().forEach(s -> out.add("lowDose: " + s));
        return out;
    }

    private static <T> T section(Path file, ObjectNode root, ObjectNode defaults, String name, Class<T> type, List<String> problems) {
        ObjectNode merged = defaults.get(name).deepCopy();
        JsonNode given = root.get(name);
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                problems.add("'" + name + "' must be a JSON object");
                return null;
            }
            // another algorithm brings its own defaults (iterations, relaxation, non-negativity, order), as on the command line
            String alg = given.path("base").path("algorithm").asText("");
            Algorithm a = Algorithm.parse(alg);
            if (name.equals("reconstruct") && a != null) merged.set("base", MAPPER.valueToTree(ReconParams.defaults(a)));
            merge(merged, (ObjectNode) given, name, problems);
            // the command-line name ("em-tv", "os-em") is as good as the enum's
            if (name.equals("reconstruct") && a != null && merged.get("base") instanceof ObjectNode b) b.put("algorithm", a.name());
        }
        try {
            return MAPPER.treeToValue(merged, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            problems.add("'" + name + "' cannot be read: " + m.replaceAll("\\s+", " "));
            return null;
        }
    }

    /** Overlays {@code given} on the defaults; a record's unknown names are problems, a map's (empty by default) are entries. */
    private static void merge(ObjectNode base, ObjectNode given, String path, List<String> problems) {
        boolean map = base.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (!map && !base.has(e.getKey())) {
                problems.add("unknown setting '" + path + "." + e.getKey() + "'");
            } else if (b != null && b.isObject() && !b.isEmpty() && e.getValue().isObject()) {
                merge((ObjectNode) b, (ObjectNode) e.getValue(), path + "." + e.getKey(), problems);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
