package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace file {@code trident.workspace/1}: a name, the datasets (label and path, relative
 * to the workspace file when below its folder) and the view state to restore. Documented in
 * docs/gui.md. Readers ignore unknown fields and refuse a newer major version.
 */
public final class Workspace {
    public static final String FORMAT = "trident.workspace/1";

    /**
     * One dataset: its label, what was opened, and (once it has results) its folder under the
     * workspace's results folder with the record of each step made (see {@link Project}).
     */
    public record Entry(String label, Path path, String folder, ObjectNode steps) {
        public Entry(String label, Path path) { this(label, path, null, null); }
    }

    private Path results;
    private Path savedAs;

    /** The folder holding every dataset's results; null when nothing was made yet. */
    public Path results() { return results; }
    public void setResults(Path p) { results = p; }
    /** For an autosave: the workspace file it is a copy of (null when it was never saved). */
    public Path savedAs() { return savedAs; }
    public void setSavedAs(Path p) { savedAs = p; }

    private String name = "Untitled workspace";
    private final List<Entry> entries = new ArrayList<>();
    private ObjectNode view = Json.object();

    public String name() { return name; }
    public void setName(String n) { name = n == null || n.isBlank() ? "Untitled workspace" : n; }
    public List<Entry> entries() { return entries; }
    /** Free-form view state (step, dataset, colour map, cursor); kept as written. */
    public ObjectNode view() { return view; }
    public void setView(ObjectNode v) { view = v == null ? Json.object() : v; }

    public static boolean isWorkspace(Path p) {
        if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".json")) return false;
        try {
            return Json.readObject(p).path("format").asText("").startsWith("trident.workspace/");
        } catch (TridentException e) {
            return false;
        }
    }

    public static Workspace read(Path file) {
        ObjectNode root = Json.readObject(file);
        String format = root.path("format").asText("");
        if (!format.startsWith("trident.workspace/")) throw TridentException.file(file, "not a Trident workspace (format is '" + format + "', expected " + FORMAT + ")");
        String ver = format.substring("trident.workspace/".length());
        if (!ver.equals("1") && !ver.startsWith("1.")) throw TridentException.file(file, "workspace format " + format + " is newer than this Trident reads; please update Trident");
        Workspace w = new Workspace();
        w.setName(root.path("name").asText(null));
        Path dir = file.toAbsolutePath().getParent();
        JsonNode ds = root.path("datasets");
        if (!ds.isArray()) throw TridentException.file(file, "datasets must be a list");
        for (JsonNode d : ds) {
            String p = d.path("path").asText("");
            if (p.isBlank()) throw TridentException.file(file, "a dataset has no path");
            w.entries.add(new Entry(d.path("label").asText(null), dir.resolve(p).normalize(), d.path("folder").asText(null),
                    d.path("steps").isObject() ? (ObjectNode) d.get("steps") : null));
        }
        if (root.path("view").isObject()) w.view = (ObjectNode) root.get("view");
        if (root.hasNonNull("results")) w.results = dir.resolve(root.get("results").asText()).normalize();
        if (root.hasNonNull("savedAs")) w.savedAs = dir.resolve(root.get("savedAs").asText()).normalize();
        return w;
    }

    /** The JSON written to {@code file} (paths relative to its folder). */
    public ObjectNode toJson(Path file) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("name", name);
        Path dir = file.toAbsolutePath().getParent();
        ArrayNode ds = root.putArray("datasets");
        for (Entry e : entries) {
            ObjectNode n = ds.addObject();
            if (e.label() != null) n.put("label", e.label());
            Path abs = e.path().toAbsolutePath().normalize();
            n.put("path", relative(dir, abs));
            if (e.folder() != null) n.put("folder", e.folder());
            if (e.steps() != null && !e.steps().isEmpty()) n.set("steps", e.steps());
        }
        if (results != null) root.put("results", relative(dir, results.toAbsolutePath().normalize()));
        if (savedAs != null) root.put("savedAs", relative(dir, savedAs.toAbsolutePath().normalize()));
        root.set("view", view);
        return root;
    }

    private static String relative(Path dir, Path abs) {
        return (abs.startsWith(dir) ? dir.relativize(abs) : abs).toString().replace('\\', '/');
    }

    public void write(Path file) {
        if (Files.exists(file)) {
            // a corrupt file, or one a newer Trident wrote, is the user's: refuse rather than overwrite it
            try {
                read(file);
            } catch (TridentException e) {
                throw new TridentException(e.getMessage() + " — it is kept as it is; save the workspace under another name", e);
            }
        }
        Json.write(file, toJson(file));
    }
}
