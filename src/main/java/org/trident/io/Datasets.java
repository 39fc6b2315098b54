package org.trident.io;

import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens whatever a user points at: a bundle folder or its JSON (microscope formats plug in here). */
public final class Datasets {
    private Datasets() {}

    /** A dataset and the notes reading it produced (inferences, sources of angles). */
    public record Opened(TiltSeries series, List<String> notes) {}

    public static Opened open(Path path) {
        if (!Files.exists(path)) throw TridentException.file(path, "file not found");
        if (BundleReader.isBundle(path)) {
            BundleReader r = new BundleReader();
            TiltSeries ts = r.load(path);
            return new Opened(ts, new ArrayList<>(r.notes()));
        }
        if (Files.isDirectory(path)) throw TridentException.file(path, "no tiltseries.json in this folder");
        throw TridentException.file(path, "not a Trident bundle, and its format is not recognised");
    }

    public static TiltSeries read(Path path) {
        return open(path).series();
    }
}
