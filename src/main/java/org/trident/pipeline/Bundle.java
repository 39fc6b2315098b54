package org.trident.pipeline;

import org.trident.io.BundleReader;
import org.trident.io.Datasets;
import org.trident.io.Json;
import org.trident.model.TiltSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tilt series with where it came from: the source is what provenance checksums.
 *
 * @param source the bundle folder, its tiltseries.json, or a microscope file/folder; null for a series made in memory
 * @param series the data
 */
public record Bundle(Path source, TiltSeries series) {
    /** Reads any dataset Trident opens (a bundle, or a microscope file or folder). */
    public static Bundle read(Path source) {
        return new Bundle(source, Datasets.read(source));
    }

    /**
     * The files the series was read from: a bundle's JSON and the arrays its channels name (not
     * every file in its folder), else the source itself.
     */
    public List<Path> files() {
        return files(null);
    }

    /** As {@link #files()}, with only the arrays of the named channels (null: all). */
    public List<Path> files(java.util.Collection<String> channels) {
        List<Path> out = new ArrayList<>();
        if (source == null) return out;
        if (!BundleReader.isBundle(source)) {
            out.add(source);
            return out;
        }
        Path json = BundleReader.jsonFile(source);
        out.add(json);
        Path dir = json.toAbsolutePath().getParent();
        for (var c : Json.readObject(json).path("channels")) {
            if (channels != null && !channels.contains(c.path("name").asText())) continue;
            Path f = dir.resolve(c.path("file").asText(""));
            if (!c.path("file").asText("").isEmpty() && Files.isRegularFile(f)) out.add(f);
        }
        return out;
    }
}
