package org.trident.ui;

import org.trident.model.TiltSeries;
import org.trident.model.Volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One dataset of the workspace (one particle at one cycling stage) as the viewers see it: the
 * tilt series when there is one, every volume found (reconstructed channels, derived quantities,
 * simulation truth), depth profiles, and where each came from. Toolkit-free.
 */
public final class Dataset {
    /** A volume with its name as a quantity ("HAADF", "fraction-Ni", "truth/mask") and its file. */
    public record VolumeItem(String name, Volume volume, Path file) {
        public String unit() { return Quantities.unit(baseName()); }
        /** The name without a group prefix such as "truth/". */
        public String baseName() {
            int s = name.lastIndexOf('/');
            return s < 0 ? name : name.substring(s + 1);
        }
    }

    private String label;
    private String folder;
    private Path resultsDir;
    private final java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> steps = new java.util.LinkedHashMap<>();
    private final java.util.Map<Class<?>, Object> settings = new java.util.HashMap<>();
    private final Path source;
    private TiltSeries series;
    private TiltSeries aligned;
    private TiltSeries quantified;
    private Path seriesPath;
    private final List<VolumeItem> volumes = new ArrayList<>();
    private DepthProfiles profiles;
    private final List<String> notes = new ArrayList<>();

    public Dataset(String label, Path source) {
        this.label = label;
        this.source = source;
    }

    public String label() { return label; }
    /** Renames the dataset (the workspace keeps names unique; see {@link DatasetNames}). */
    public void setLabel(String l) { label = l; }
    /** The name of its folder in the workspace's results (stable across renames); null until it has results. */
    public String folder() { return folder; }
    void setFolder(String f) { folder = f; }
    /** Where its results are written and read back (a pipeline-output layout); null before any. */
    public Path resultsDir() { return resultsDir; }
    public void setResultsDir(Path p) { resultsDir = p; }
    /** Step name (quantify, align, reconstruct, analyze) to its record: folder, settings file and checksum, parameters, time, stale. */
    public java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> steps() { return steps; }
    /** This dataset's own settings of one kind (QuantParams, AlignParams, ReconParams, ...), or null for the defaults. */
    public <T> T settings(Class<T> kind) { return kind.cast(settings.get(kind)); }
    public <T> void setSettings(Class<T> kind, T value) { if (value == null) settings.remove(kind); else settings.put(kind, value); }
    /** What the user opened (bundle folder, pipeline output folder, MRC file). */
    public Path source() { return source; }
    /** The series later steps use: aligned here, else quantified here, else the one opened. */
    public TiltSeries series() { return aligned != null ? aligned : rawSeries(); }
    /** The series before alignment: quantified here, else the one opened. */
    public TiltSeries rawSeries() { return quantified != null ? quantified : series; }
    /** The series as opened. */
    public TiltSeries openedSeries() { return series; }
    public boolean alignedHere() { return aligned != null; }
    public void setAligned(TiltSeries ts) { aligned = ts; }
    /** A new quantification makes any alignment done here stale: it is dropped. */
    public void setQuantified(TiltSeries ts) { quantified = ts; aligned = null; }
    public Path seriesPath() { return seriesPath; }
    public List<VolumeItem> volumes() { return volumes; }
    public DepthProfiles profiles() { return profiles; }
    public List<String> notes() { return notes; }

    void setSeries(TiltSeries ts, Path path) {
        series = ts;
        seriesPath = path;
    }

    public void setProfiles(DepthProfiles p) { profiles = p; }
    private DepthProfiles fitProfiles;
    /** The shell fit's profiles (profiles-fit.csv: fitted value ± 1 σ per shell), shown beside the voxel ones; null when none. */
    public DepthProfiles fitProfiles() { return fitProfiles; }
    public void setFitProfiles(DepthProfiles p) { fitProfiles = p; }
    private DepthProfiles truthProfiles;
    /** The simulation's true profiles (simulate output), drawn dashed beside the measured ones; null otherwise. */
    public DepthProfiles truthProfiles() { return truthProfiles; }
    void setTruthProfiles(DepthProfiles p) { truthProfiles = p; }

    public void addVolume(VolumeItem v) {
        volumes.removeIf(x -> x.name().equals(v.name()));
        volumes.add(v);
        volumes.sort((a, b) -> {
            int ga = a.name().contains("/") ? 1 : 0, gb = b.name().contains("/") ? 1 : 0;
            if (ga != gb) return ga - gb;
            int r = Integer.compare(Quantities.rank(a.baseName()), Quantities.rank(b.baseName()));
            return r != 0 ? r : a.name().compareTo(b.name());
        });
    }

    public VolumeItem volume(String name) {
        for (VolumeItem v : volumes) if (v.name().equals(name)) return v;
        return null;
    }

    /** Voxel size of the first volume, else the tilt series' pixel size, else NaN. */
    public double voxelNm() {
        if (!volumes.isEmpty()) return volumes.get(0).volume().voxelSizeNm();
        return series != null ? series.pixelSizeNm() : Double.NaN;
    }

    @Override
    public String toString() { return label; }
}
