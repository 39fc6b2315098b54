package org.trident.ui;

import javafx.scene.paint.Color;
import org.trident.analysis.Comparison;
import org.trident.analysis.ProfileSource;
import org.trident.model.TridentException;
import org.trident.render.ProfileFigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Compare view's depth-profile chart: each dataset's profiles of one quantity as
 * {@code compare --profiles auto|voxel|fit} takes them, read by the engine's own reader
 * ({@link Comparison#load} with a {@link ProfileSource}) from the dataset's output folder (its
 * results folder here, else the pipeline or analyze output it was opened from). AUTO is what the
 * run reported (provenance.json's profileSource: pipeline's, or this workstation's Analyze/Process),
 * so the chart shows the numbers the summary reports. The points are compare's figure's
 * ({@link Comparison#figureProfile}); voxel curves carry ± std, fitted ones ± 1 σ and a dot per
 * shell; every curve of a dataset (and its truth, dashed) is in the dataset's colour.
 * Toolkit-free but for the colours; the tables read are kept until {@link #clear}.
 */
final class CompareProfiles {
    /** A dataset's curves as read: which profiles they are, or why there are none. */
    record Read(Dataset dataset, Comparison.Dataset tables, String problem) {}

    private final Map<String, Read> cache = new HashMap<>();

    /** Forgets the tables read (datasets changed, or a result was written). */
    void clear() {
        cache.clear();
    }

    /** The output folder whose analysis Compare reads for {@code d}, or null when it has none. */
    static Path outputDir(Dataset d) {
        for (Path p : new Path[]{d.resultsDir(), d.source()}) {
            if (p == null || !Files.isDirectory(p)) continue;
            if (Files.isRegularFile(p.resolve("analysis").resolve("summary.csv")) || Files.isRegularFile(p.resolve("summary.csv"))) return p;
        }
        return null;
    }

    /** {@code d}'s tables for {@code source} (resolved: VOXEL or FIT), or the reason there are none. */
    Read read(Dataset d, ProfileSource source) {
        Path dir = outputDir(d);
        if (dir == null) return new Read(d, null, d.label() + ": no analysis folder (run Analyze)");
        // a result written since (Analyze, Process) changes the files' times, so it is read afresh
        String key = dir.toAbsolutePath().normalize() + "|" + source + "|" + modified(dir.resolve("provenance.json"))
                + "|" + modified(dir.resolve("analysis").resolve("depth-profiles.csv")) + "|" + modified(dir.resolve("depth-profiles.csv"));
        Read r = cache.get(key);
        if (r != null) return r;
        try {
            r = new Read(d, Comparison.load(dir, source), null);
        } catch (TridentException e) {
            return new Read(d, null, d.label() + ": " + e.getMessage());
        }
        cache.put(key, r);
        return r;
    }

    private static long modified(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.getLastModifiedTime(f).toMillis() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The chart's curves and what was left out. */
    record Chart(List<PlotCanvas.Series> series, List<Read> read, List<String> problems) {
        /** The resolved source of each dataset drawn, e.g. "A: fit"; for the title. */
        String sources() {
            List<String> s = new ArrayList<>();
            for (Read r : read) if (r.tables() != null) s.add(r.dataset().label() + ": " + r.tables().source().label());
            return String.join(", ", s);
        }
    }

    /** The curves of {@code q} for {@code datasets} (colours by position, as the Profiles view). */
    Chart chart(List<Dataset> datasets, String q, ProfileSource source) {
        List<PlotCanvas.Series> s = new ArrayList<>();
        List<Read> reads = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int c = 0;
        for (Dataset d : datasets) {
            Read r = read(d, source);
            reads.add(r);
            if (r.tables() == null) {
                problems.add(r.problem());
                continue;
            }
            boolean fit = r.tables().source() == ProfileSource.FIT;
            ProfileFigure.Profile p = Comparison.figureProfile(d.label(), r.tables().profiles().rows(), q);
            if (p == null) continue;
            Color col = ProfilesView.PALETTE[c++ % ProfilesView.PALETTE.length];
            s.add(new PlotCanvas.Series(d.label() + (fit ? ProfilesView.FIT_SUFFIX : ProfilesView.VOXEL_SUFFIX), p.depthNm(), p.mean(),
                    fit ? p.halfsetErr() : p.std(), col, false, fit));
            var truth = d.truthProfiles() == null ? List.<DepthProfiles.Shell>of() : d.truthProfiles().get(q);
            if (!truth.isEmpty()) {
                double[] tx = truth.stream().mapToDouble(DepthProfiles.Shell::depthNm).toArray();
                double[] ty = truth.stream().mapToDouble(DepthProfiles.Shell::mean).toArray();
                s.add(new PlotCanvas.Series(d.label() + " (truth)", tx, ty, null, col, true));
            }
        }
        return new Chart(s, reads, problems);
    }
}
