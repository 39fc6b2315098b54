package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.Alignment;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.AnalysisWriter;
import org.trident.job.ToolVersion;
import org.trident.io.BundleWriter;
import org.trident.formats.Datasets;
import org.trident.io.Json;
import org.trident.job.Checksums;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Pipeline;
import org.trident.spectra.QuantResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Where a workspace keeps what it makes: one folder per dataset laid out as a {@code pipeline}
 * output ({@code quantified/}, {@code aligned/}, {@code volumes/}, {@code analysis/},
 * {@code provenance.json}), each written by the same engine writers as the commands, as soon as
 * the result is made. A step's folder is written beside its final name and swapped in whole, so
 * a crash leaves the previous result or the new one, never half of one. Toolkit-free; the
 * {@code save*} methods do disk work only (run them on a worker), {@link #note} updates the
 * dataset's step records (FX thread).
 */
public final class Project {
    /** The steps in order, and the folder each writes (the pipeline's layout). */
    public static final List<String> STEPS = List.of("quantify", "align", "reconstruct", "analyze");
    private static final List<String> FOLDERS = List.of("quantified", "aligned", "volumes", "analysis");
    private static final List<String> SETTINGS = List.of("quantification.json", Alignment.FILE, "reconstruction.json", "analysis.json");

    /** The parameters file (trident.params/1) in each dataset's results folder: the settings its steps were made with. */
    public static final String PARAMS = "params.json";

    private final Path root;

    public Project(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    public static String folderOf(String step) { return FOLDERS.get(index(step)); }

    /** The dataset's results folder, naming it (once, from its label, unique here) if it has none. */
    public synchronized Path dir(Dataset d) {
        if (d.folder() == null) {
            Set<String> taken = new HashSet<>();
            try (Stream<Path> s = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
                s.forEach(p -> taken.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw TridentException.file(root, "cannot list: " + e.getMessage(), e);
            }
            String base = BundleWriter.safeName(d.label()), name = base;
            for (int i = 2; taken.contains(name); i++) name = base + "-" + i;
            d.setFolder(name);
            try {
                Files.createDirectories(root.resolve(name));
            } catch (IOException e) {
                throw TridentException.file(root.resolve(name), "cannot create: " + e.getMessage(), e);
            }
        }
        return root.resolve(d.folder());
    }

    /** Where the dataset's series before alignment was read from: its quantified/ folder when quantified here, else what was opened. */
    public static Path rawSource(Dataset d) {
        if (d.rawSeries() == d.openedSeries()) return d.seriesPath();
        return d.resultsDir() == null ? null : d.resultsDir().resolve(folderOf("quantify"));
    }

    /** {@code quantify}'s output: the bundle of image channels and maps, and quantification.json. */
    public ObjectNode saveQuantified(Dataset d, QuantResult r, Progress progress) {
        return write(d, "quantify", tmp -> {
            BundleWriter.write(r.series(), tmp, progress);
            Json.write(tmp.resolve("quantification.json"), r.record());
        });
    }

    /** {@code align}'s output: the aligned bundle (every channel) and alignment.json. */
    public ObjectNode saveAligned(Dataset d, Alignment a, TiltSeries aligned, Progress progress) {
        return write(d, "align", tmp -> {
            a.write(tmp.resolve(Alignment.FILE));
            BundleWriter.write(aligned, tmp, progress);
        });
    }

    /**
     * One step's output ({@link #STEPS}), made by {@code writer} (a pipeline step's write) into the
     * empty folder it is given, then swapped in whole; returns the step's record for the workspace.
     */
    public ObjectNode save(Dataset d, String step, Consumer<Path> writer) {
        return write(d, step, writer);
    }

    /** {@code reconstruct}'s output, made by {@code writer} into the empty folder it is given. */
    public ObjectNode saveVolumes(Dataset d, Consumer<Path> writer) {
        return write(d, "reconstruct", writer);
    }

    /** {@code analyze}'s output: derived volumes, profiles, summary and analysis.json. */
    public ObjectNode saveAnalysis(Dataset d, AnalysisResult r) {
        return saveAnalysis(d, r, null);
    }

    /** As {@link #saveAnalysis(Dataset, AnalysisResult)}, with the shell fit's files beside it when {@code fit} is not null. */
    public ObjectNode saveAnalysis(Dataset d, AnalysisResult r, org.trident.pipeline.ShellFitStep.Result fit) {
        return saveAnalysis(d, r, fit, null);
    }

    /**
     * As {@link #saveAnalysis(Dataset, AnalysisResult, org.trident.pipeline.ShellFitStep.Result)},
     * recording {@code profileSource} (which summary is reported and why, as {@code pipeline}
     * records it) in the step's record, so the dataset's provenance.json carries it at its top
     * level and {@code compare --profiles auto} reads the folder as it reads a pipeline output.
     */
    public ObjectNode saveAnalysis(Dataset d, AnalysisResult r, org.trident.pipeline.ShellFitStep.Result fit, ObjectNode profileSource) {
        ObjectNode rec = write(d, "analyze", tmp -> {
            AnalysisWriter.write(r, tmp);
            if (fit != null) org.trident.pipeline.ShellFitStep.write(fit, tmp);
        });
        return withProfileSource(rec, profileSource);
    }

    /** {@code rec} with {@code profileSource} (a copy) when there is one. */
    static ObjectNode withProfileSource(ObjectNode rec, ObjectNode profileSource) {
        if (profileSource != null) rec.set("profileSource", profileSource.deepCopy());
        return rec;
    }

    /**
     * Writes one step's folder next to its final name, then swaps it in; returns the step's
     * record for the workspace (folder, settings file with its SHA-256, parameters, time).
     */
    private ObjectNode write(Dataset d, String step, Consumer<Path> writer) {
        Path dir = dir(d);
        String folder = folderOf(step);
        Path target = dir.resolve(folder), tmp = dir.resolve("." + folder + ".partial"), old = dir.resolve("." + folder + ".old");
        try {
            deleteTree(tmp);
            deleteTree(old);
            Files.createDirectories(tmp);
            writer.accept(tmp);
            if (Files.exists(target)) Files.move(target, old);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw TridentException.file(target, "cannot write: " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // a hidden leftover; the next save of this step removes it
            }
        }
        ObjectNode rec = Json.object();
        rec.put("folder", folder);
        Path settings = target.resolve(SETTINGS.get(index(step)));
        if (Files.isRegularFile(settings)) {
            rec.put("settingsFile", folder + "/" + settings.getFileName());
            rec.put("sha256", Checksums.sha256(settings));
            JsonNode s = Json.readObject(settings);
            JsonNode p = s.has("parameters") ? s.get("parameters") : s.get("params");
            if (p != null && p.isObject()) rec.set("parameters", p);
            if (step.equals("align")) rec.set("parameters", s);
        }
        rec.put("written", Instant.now().toString());
        rec.put("tridentVersion", ToolVersion.get());
        rec.put("stale", false);
        return rec;
    }

    /**
     * Records in the dataset's {@value #PARAMS} the settings a step was just made with, keeping
     * the other steps' sections (Process writes the file whole), so {@code pipeline --params}
     * replays the settings of a step-by-step session too. A file there that cannot be read is
     * not overwritten but kept aside as {@code params.json.unreadable}. Disk work: on a worker.
     */
    public synchronized Path recordParams(Dataset d, UnaryOperator<Pipeline.Params> step) {
        Path f = dir(d).resolve(PARAMS);
        Pipeline.Params p = Pipeline.Params.defaults();
        if (Files.isRegularFile(f)) {
            try {
                p = ParamsFile.read(f);
            } catch (TridentException e) {
                try {
                    Files.move(f, f.resolveSibling(PARAMS + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException io) {
                    throw TridentException.file(f, "cannot be read (" + e.getMessage() + ") nor moved aside: " + io.getMessage(), io);
                }
            }
        }
        ParamsFile.write(f, step.apply(p));
        return f;
    }

    /**
     * Records a step just saved on the dataset (FX thread): the later steps that exist become
     * stale (they were made from the result this one replaced), and the dataset's
     * provenance.json lists every step's record.
     */
    public void note(Dataset d, String step, ObjectNode record) {
        int i = index(step);
        d.steps().put(step, record);
        for (int j = i + 1; j < STEPS.size(); j++) {
            ObjectNode later = d.steps().get(STEPS.get(j));
            if (later != null) later.put("stale", true);
        }
        writeProvenance(d);
    }

    /** The steps of {@code d} whose result was made before an upstream step changed. */
    public static List<String> staleSteps(Dataset d) {
        return STEPS.stream().filter(s -> d.steps().containsKey(s) && d.steps().get(s).path("stale").asBoolean(false)).toList();
    }

    private void writeProvenance(Dataset d) {
        ObjectNode prov = Json.object();
        prov.put("format", "trident.provenance/1");
        prov.put("version", ToolVersion.get());
        prov.put("dataset", d.label());
        if (d.source() != null) prov.put("source", d.source().toString());
        prov.put("madeBy", "workstation");
        var steps = prov.putArray("steps");
        for (String s : STEPS) {
            ObjectNode r = d.steps().get(s);
            if (r == null) continue;
            ObjectNode n = steps.addObject();
            n.put("step", s);
            n.setAll(r.deepCopy());
            n.remove("profileSource");
        }
        // which summary the analysis reports, where pipeline puts it (ProfileSource.AUTO reads it there)
        ObjectNode an = d.steps().get("analyze");
        if (an != null && an.path("profileSource").isObject()) prov.set("profileSource", an.get("profileSource").deepCopy());
        Json.write(dir(d).resolve("provenance.json"), prov);
    }

    /**
     * Puts back what the dataset's results folder holds (the reopening half of the save
     * methods): the quantified series, the aligned series, the volumes and the analysis with its
     * profiles. Worker thread; the dataset is not yet shown.
     */
    public static void restore(Dataset d, Path dir, Progress progress) {
        if (dir == null || !Files.isDirectory(dir)) return;
        Path q = dir.resolve("quantified"), a = dir.resolve("aligned");
        if (Files.isRegularFile(q.resolve("tiltseries.json"))) d.setQuantified(Datasets.read(q));
        if (Files.isRegularFile(a.resolve("tiltseries.json"))) d.setAligned(Datasets.read(a));
        progress.checkCancelled();
        // these replace same-named volumes of the source (e.g. a pipeline output re-run here)
        for (String sub : List.of("volumes", "analysis")) {
            Path f = dir.resolve(sub);
            if (!Files.isDirectory(f)) continue;
            try (Stream<Path> s = Files.list(f)) {
                for (Path m : s.filter(DatasetLoader::isMrc).sorted().toList()) {
                    progress.checkCancelled();
                    d.addVolume(new Dataset.VolumeItem(DatasetLoader.volumeName(m), org.trident.io.Mrc.readVolume(m), m));
                }
            } catch (IOException e) {
                throw TridentException.file(f, "cannot list: " + e.getMessage(), e);
            }
        }
        d.setResultsDir(dir);
        // the settings its results were made with become its settings again (the workspace file holds none)
        Path params = dir.resolve(PARAMS);
        if (Files.isRegularFile(params)) {
            try {
                ProcessRunner.useParams(d, ParamsFile.read(params));
            } catch (TridentException e) {
                d.notes().add("settings not restored: " + e.getMessage());
            }
        }
        Path csv = dir.resolve("analysis/depth-profiles.csv");
        if (Files.isRegularFile(csv)) d.setProfiles(DepthProfiles.read(csv));
        Path fit = dir.resolve("analysis").resolve(org.trident.analysis.ShellFitWriter.PROFILES);
        d.setFitProfiles(Files.isRegularFile(fit) ? DepthProfiles.read(fit) : null);
    }

    /** Copies every results folder to {@code newRoot} (Save workspace as… somewhere else). */
    public void copyTo(Path newRoot) {
        Path to = newRoot.toAbsolutePath().normalize();
        if (to.equals(root) || !Files.isDirectory(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Path rel = root.relativize(p);
                if (rel.toString().contains(".partial") || rel.toString().contains(".old")) continue;
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw TridentException.file(to, "cannot copy the results: " + e.getMessage(), e);
        }
    }

    private static int index(String step) {
        int i = STEPS.indexOf(step.toLowerCase(Locale.ROOT));
        if (i < 0) throw new IllegalArgumentException("unknown step " + step);
        return i;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
