package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.formats.AngleFiles;
import org.trident.formats.MicroscopeFiles;
import org.trident.io.BundleReader;
import org.trident.formats.Datasets;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Recognises what a user opened and loads it as a {@link Dataset}: a bundle (its folder or
 * tiltseries.json), a {@code pipeline} output (quantified/, aligned/, volumes/, analysis/), a
 * {@code reconstruct} or {@code analyze} output, a {@code simulate} output (bundle/ and truth/),
 * a folder of MRC volumes, or one MRC volume. Toolkit-free; runs on a worker thread.
 */
public final class DatasetLoader {
    private DatasetLoader() {}

    public static Dataset load(Path path, Progress progress) {
        return load(path, null, progress);
    }

    public static Dataset load(Path path, String label, Progress progress) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) throw TridentException.file(p, "file not found");
        if (Files.isRegularFile(p) && p.getFileName().toString().equals(BundleReader.FILE)) p = p.getParent();
        Dataset d = new Dataset(label != null ? label : defaultLabel(p), p);
        progress.start("opening " + p.getFileName(), 1);
        if (Files.isRegularFile(p)) {
            if (isMrc(p) && AngleFiles.sibling(p) == null) {
                addVolume(d, "", p);
            } else {
                // a bundle JSON or a microscope file (DM3/DM4, EMD, HSPY, MRC stack with its .tlt, ...)
                var opened = Datasets.open(p);
                d.setSeries(opened.series(), p);
                d.notes().addAll(opened.notes());
                if (label == null) d.setLabel(DatasetNames.defaultName(opened.series(), p));
            }
            progress.advance(1);
            return d;
        }
        Path bundle = firstBundle(p, "aligned", "quantified", "bundle", ".");
        if (bundle != null) {
            var opened = Datasets.open(bundle);
            d.setSeries(opened.series(), bundle);
            d.notes().addAll(opened.notes());
            if (label == null) d.setLabel(DatasetNames.defaultName(opened.series(), p));
        }
        progress.checkCancelled();
        addVolumes(d, p.resolve("volumes"), "", progress);
        addVolumes(d, p.resolve("analysis"), "", progress);
        addVolumes(d, p, "", progress);
        addVolumes(d, p.resolve("truth"), "truth/", progress);
        // a simulate output opened by its bundle folder: show the truth beside it
        if (p.getFileName().toString().equals("bundle") && p.getParent() != null) addVolumes(d, p.getParent().resolve("truth"), "truth/", progress);
        for (Path t : List.of(p.resolve("truth/depth-profiles.csv"), p.resolveSibling("truth").resolve("depth-profiles.csv"))) {
            if (Files.isRegularFile(t)) {
                d.setTruthProfiles(DepthProfiles.read(t));
                break;
            }
        }
        for (Path csv : List.of(p.resolve("analysis/depth-profiles.csv"), p.resolve("depth-profiles.csv"))) {
            if (Files.isRegularFile(csv)) {
                d.setProfiles(DepthProfiles.read(csv));
                Path fit = csv.resolveSibling(org.trident.analysis.ShellFitWriter.PROFILES);
                if (Files.isRegularFile(fit)) d.setFitProfiles(DepthProfiles.read(fit));
                break;
            }
        }
        if (d.series() == null && d.volumes().isEmpty() && MicroscopeFiles.recognises(p)) {
            // a folder with one microscope file per tilt
            var opened = Datasets.open(p);
            d.setSeries(opened.series(), p);
            d.notes().addAll(opened.notes());
        }
        if (d.series() == null && d.volumes().isEmpty()) {
            throw TridentException.file(p, "holds no tilt-series bundle, pipeline output or MRC volume");
        }
        progress.advance(1);
        return d;
    }

    static String defaultLabel(Path p) {
        String n = DatasetNames.folderName(p);
        return n.isBlank() ? p.getFileName().toString() : n;
    }

    static boolean isMrc(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mrc") || n.endsWith(".rec") || n.endsWith(".map");
    }

    private static Path firstBundle(Path dir, String... subs) {
        for (String s : subs) {
            Path b = s.equals(".") ? dir : dir.resolve(s);
            if (Files.isRegularFile(b.resolve(BundleReader.FILE))) return b;
        }
        return null;
    }

    static void addVolumes(Dataset d, Path dir, String prefix, Progress progress) {
        if (!Files.isDirectory(dir)) return;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(DatasetLoader::isMrc).sorted().forEach(files::add);
        } catch (IOException e) {
            throw TridentException.file(dir, "cannot list: " + e.getMessage(), e);
        }
        for (Path f : files) {
            progress.checkCancelled();
            addVolume(d, prefix, f);
        }
    }

    private static void addVolume(Dataset d, String prefix, Path f) {
        String name = prefix + volumeName(f);
        if (d.volume(name) != null) return;
        var v = Mrc.readVolume(f);
        // unknown stays unknown: no cell size in the header means no scale, said once, not a guessed 1 nm
        if (Double.isNaN(v.voxelSizeNm())) d.notes().add(f.getFileName() + ": the MRC header gives no cell size, so the voxel size is unknown (no scale bar, no lengths)");
        d.addVolume(new Dataset.VolumeItem(name, v, f));
    }

    /** The channel name a volume file stands for: from a reconstruction.json next to it, else the file name. */
    static String volumeName(Path f) {
        String file = f.getFileName().toString();
        Path rj = f.resolveSibling("reconstruction.json");
        if (Files.isRegularFile(rj)) {
            JsonNode ch = Json.readObject(rj).path("channels");
            for (var it = ch.fields(); it.hasNext(); ) {
                var e = it.next();
                if (file.equals(e.getValue().path("file").asText())) return e.getKey();
            }
        }
        return file.substring(0, file.lastIndexOf('.'));
    }
}
