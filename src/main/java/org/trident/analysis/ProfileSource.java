package org.trident.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which depth profiles a reader of an analysis folder takes ({@code compare --profiles},
 * {@code figure --profiles}): the voxel profiles (depth-profiles.csv, summary.csv), the shell
 * fit's (profiles-fit.csv, summary-fit.csv), or AUTO: what the pipeline reported, by its
 * provenance.json's {@code profileSource.summary} (voxel when there is none, as for an analyze output).
 */
public enum ProfileSource {
    AUTO, VOXEL, FIT;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** By name (auto, voxel, fit; any case); null when it is none of them. */
    public static ProfileSource parse(String s) {
        if (s == null) return null;
        for (ProfileSource p : values()) if (p.label().equals(s.strip().toLowerCase(Locale.ROOT))) return p;
        return null;
    }

    /**
     * VOXEL or FIT for the analysis folder {@code analysis} (of the output folder {@code dir}):
     * AUTO becomes what {@code dir/provenance.json} says the pipeline reported. FIT without the
     * fit's files is refused naming the folder.
     */
    public ProfileSource resolve(Path dir, Path analysis) {
        ProfileSource s = this;
        if (s == AUTO) {
            Path prov = dir.resolve("provenance.json");
            JsonNode src = Files.isRegularFile(prov) ? Json.readObject(prov).path("profileSource") : null;
            s = src != null && src.path("summary").asText("").equals("shell-fit") ? FIT : VOXEL;
        }
        if (s == FIT && !(Files.isRegularFile(analysis.resolve(ShellFitWriter.PROFILES)) && Files.isRegularFile(analysis.resolve(ShellFitWriter.SUMMARY)))) {
            throw TridentException.file(analysis, "has no shell fit (" + ShellFitWriter.PROFILES + ", " + ShellFitWriter.SUMMARY
                    + "); run pipeline, or analyze --fit-series, or ask for the voxel profiles");
        }
        return s;
    }

    /** The profile table of a resolved source in {@code analysis}. */
    public Path profiles(Path analysis) {
        return analysis.resolve(this == FIT ? ShellFitWriter.PROFILES : "depth-profiles.csv");
    }

    /** The surface/bulk table of a resolved source in {@code analysis}. */
    public Path summary(Path analysis) {
        return analysis.resolve(this == FIT ? ShellFitWriter.SUMMARY : "summary.csv");
    }
}
