package org.trident.formats;

import org.trident.io.BundleReader;
import org.trident.io.Memory;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens whatever a user points at: a bundle folder or its JSON, or a microscope file or folder
 * (DM3/DM4, EMD, HyperSpy, MRC/TIFF/NPY stacks with angles, EMSA, folders of single tilts; see
 * {@link MicroscopeFiles}).
 */
public final class Datasets {
    private Datasets() {}

    /** A dataset and the notes reading it produced (inferences, sources of angles). */
    public record Opened(TiltSeries series, List<String> notes) {}

    public static Opened open(Path path) {
        return open(path, ImportOptions.NONE);
    }

    public static Opened open(Path path, ImportOptions options) {
        if (!Files.exists(path)) throw TridentException.file(path, "file not found");
        if (BundleReader.isBundle(path)) {
            BundleReader r = new BundleReader();
            TiltSeries ts = r.load(path);
            return new Opened(ts, new ArrayList<>(r.notes()));
        }
        Opened o = MicroscopeFiles.open(path, options);
        if (o != null) return o;
        if (Files.isDirectory(path)) throw TridentException.file(path, "no tiltseries.json in this folder, and no microscope files Trident reads");
        throw TridentException.file(path, "not a Trident bundle, and its format is not recognised");
    }

    public static TiltSeries read(Path path) {
        return open(path).series();
    }

    /** Refuses to load {@code bytes} into memory when the heap cannot hold them, with a sentence (see io.Memory). */
    public static void checkMemory(Path file, long bytes) {
        Memory.check(file, bytes);
    }
}
