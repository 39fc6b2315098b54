package org.trident.io;

import org.trident.formats.ImportOptions;
import org.trident.formats.MicroscopeFiles;
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
            BundleReader r = new BundleReader(options.allowOutsidePaths());
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

    /** {@link #read(Path)}, with bundle files allowed outside the bundle folder when the user said so. */
    public static TiltSeries read(Path path, boolean allowOutsidePaths) {
        return open(path, allowOutsidePaths ? ImportOptions.OUTSIDE_PATHS : ImportOptions.NONE).series();
    }

    /** Refuses to load {@code bytes} into memory when the heap cannot hold them, with a sentence. */
    public static void checkMemory(Path file, long bytes) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free * 0.8) {
            throw TridentException.file(file, String.format(java.util.Locale.ROOT,
                    "needs %.1f GB of memory to load but only %.1f GB are free; give Java more with -Xmx", bytes / 1e9, free / 1e9));
        }
    }
}
