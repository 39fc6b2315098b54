package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What keeps a day's work: the workspace file (once saved), the {@link Project} results folder
 * beside it (before the first save, a session folder in the cache), whether anything changed
 * since the last save, the autosave, and the marker that tells the next start the previous one
 * did not end cleanly (crash or kill) so it can offer the autosave back. Toolkit-free.
 */
public final class Session {
    private final Path cache;
    private Path workspaceFile;
    private Project project;
    private String savedKey;

    /** A new, unsaved session whose results go to a fresh folder under {@code cache/sessions}. */
    public Session(Path cache) {
        this.cache = cache.toAbsolutePath().normalize();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT));
        project = new Project(this.cache.resolve("sessions").resolve(stamp));
    }

    public Project project() { return project; }
    public Path workspaceFile() { return workspaceFile; }

    /** The results folder of a workspace file: {@code NAME-results} beside {@code NAME.json}. */
    public static Path resultsFor(Path workspaceFile) {
        Path abs = workspaceFile.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName().toString().replaceAll("\\.json$", "") + "-results");
    }

    public Path autosaveFile() { return cache.resolve("autosave.workspace.json"); }
    private Path marker() { return cache.resolve("session.json"); }

    /** The workspace as it stands: every dataset with its source, results folder and step records, and the view. */
    public Workspace workspace(List<Dataset> datasets, ObjectNode view) {
        Workspace w = new Workspace();
        w.setName(workspaceFile == null ? "Trident workspace" : workspaceFile.getFileName().toString().replaceAll("\\.json$", ""));
        boolean any = false;
        for (Dataset d : datasets) {
            ObjectNode steps = Json.object();
            d.steps().forEach((k, v) -> steps.set(k, v.deepCopy()));
            w.entries().add(new Workspace.Entry(d.label(), d.source(), d.folder(), steps));
            any |= d.folder() != null;
        }
        if (any) w.setResults(project.root());
        if (view != null) w.setView(view);
        return w;
    }

    /** The saved content that matters (datasets, names, results; not the cursor or the step). */
    private String key(Workspace w, Path file) {
        ObjectNode j = w.toJson(file);
        j.remove("view");
        j.remove("name");
        return j.toString();
    }

    /** True when the datasets, their names or results differ from the last save. */
    public boolean dirty(List<Dataset> datasets) {
        if (savedKey == null) return !datasets.isEmpty();
        Path f = workspaceFile;
        return !key(workspace(datasets, null), f).equals(savedKey);
    }

    /**
     * Saves to {@code file}; a first save (or one to another place) copies the results made so far
     * into the file's own results folder, which every later result goes to.
     */
    public void save(Path file, List<Dataset> datasets, ObjectNode view) {
        Path results = resultsFor(file);
        if (!results.equals(project.root())) {
            project.copyTo(results);
            project = new Project(results);
            for (Dataset d : datasets) if (d.folder() != null) d.setResultsDir(results.resolve(d.folder()));
        }
        workspaceFile = file.toAbsolutePath().normalize();
        Workspace w = workspace(datasets, view);
        w.write(workspaceFile);
        savedKey = key(w, workspaceFile);
    }

    /** Takes over an opened workspace file: its results folder is this session's, and it counts as saved once its datasets are open. */
    public void opened(Path file, Workspace w) {
        workspaceFile = w.savedAs() != null ? w.savedAs() : file.toAbsolutePath().normalize();
        boolean autosave = file.toAbsolutePath().normalize().equals(autosaveFile());
        if (w.results() != null) project = new Project(w.results());
        else if (!autosave) project = new Project(resultsFor(workspaceFile));
        if (autosave && w.savedAs() == null) workspaceFile = null; // recovered, never saved: Save asks where
    }

    /** Marks the state just opened as the saved one (after a workspace's datasets are all open). */
    public void markSaved(List<Dataset> datasets) {
        if (workspaceFile != null) savedKey = key(workspace(datasets, null), workspaceFile);
    }

    /** Writes the autosave (and the marker naming it); cheap enough for the FX thread. */
    public void autosave(List<Dataset> datasets, ObjectNode view) {
        if (datasets.isEmpty()) return;
        Workspace w = workspace(datasets, view);
        w.setSavedAs(workspaceFile);
        w.write(autosaveFile());
        writeMarker(false);
    }

    /** Called once at start, after {@link #recoverable()}: from now on an unclean end is noticed. */
    public void started() { writeMarker(false); }

    /** Called on a clean quit: the next start offers nothing. */
    public void endedCleanly() { writeMarker(true); }

    private void writeMarker(boolean clean) {
        ObjectNode m = Json.object();
        m.put("format", "trident.session/1");
        m.put("clean", clean);
        m.put("autosave", autosaveFile().toString());
        m.put("pid", ProcessHandle.current().pid());
        Json.write(marker(), m);
    }

    /** The autosave of a previous session that ended without quitting (crash, kill), or null. */
    public Path recoverable() {
        try {
            if (!Files.isRegularFile(marker())) return null;
            ObjectNode m = Json.readObject(marker());
            if (m.path("clean").asBoolean(true)) return null;
            long pid = m.path("pid").asLong(-1);
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return null; // another window is running
            Path f = autosaveFile();
            if (!Files.isRegularFile(f) || Workspace.read(f).entries().isEmpty()) return null;
            return f;
        } catch (TridentException e) {
            return null; // an unreadable marker or autosave is not worth a question
        }
    }

    /** Opens one workspace entry: what was opened, then its results and step records put back. Worker thread. */
    public static Dataset load(Workspace.Entry e, Path results, Progress progress) {
        Dataset d = DatasetLoader.load(e.path(), e.label(), progress);
        if (e.folder() != null && results != null) {
            d.setFolder(e.folder());
            Project.restore(d, results.resolve(e.folder()), progress);
        }
        if (e.steps() != null) e.steps().fields().forEachRemaining(s -> {
            if (s.getValue().isObject()) d.steps().put(s.getKey(), (ObjectNode) s.getValue().deepCopy());
        });
        return d;
    }

    /** The question to ask before quitting, or null when nothing would be lost. */
    public static String quitQuestion(boolean dirty, int running) {
        if (!dirty && running == 0) return null;
        StringBuilder b = new StringBuilder();
        if (running > 0) b.append(running == 1 ? "One job is still running; quitting cancels it. " : running + " jobs are still running; quitting cancels them. ");
        if (dirty) b.append("The workspace has changes that are not saved (its results are on disk, but the workspace file does not list them yet). ");
        return b.append("Quit anyway?").toString();
    }
}
