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

    /**
     * Opens {@code path}; whatever goes wrong ends in one TridentException naming a file: readers'
     * own errors as they are (prefixed with the path when they name none), anything unexpected from
     * a library on a corrupt file as "cannot read", a file too big for memory as a sentence.
     */
    public static Opened open(Path path, ImportOptions options) {
        try {
            return openUnchecked(path, options);
        } catch (TridentException e) {
            if (namesAFile(e.getMessage(), path, options)) throw e;
            throw TridentException.file(path, e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            Runtime rt = Runtime.getRuntime();
            throw TridentException.file(path, String.format(java.util.Locale.ROOT, "does not fit in the %.1f GB of memory Java may use; give it more"
                    + " (java -Xmx%dg -jar trident.jar …) or open a smaller part (fewer tilts or channels, binned images)",
                    rt.maxMemory() / 1e9, Math.max(2, 2 * Math.round(rt.maxMemory() / 1e9))), e);
        } catch (StackOverflowError e) {
            throw TridentException.file(path, "cannot read: its structure is nested too deeply (corrupt file?)", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TridentException.file(path, "cannot read (corrupt or unsupported file): " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static boolean namesAFile(String message, Path path, ImportOptions options) {
        if (message == null) return false;
        if (path.getFileName() != null && message.contains(path.getFileName().toString())) return true;
        if (options.anglesFile() != null && options.anglesFile().getFileName() != null
                && message.contains(options.anglesFile().getFileName().toString())) return true;
        return message.contains(path.getFileSystem().getSeparator()) && message.indexOf(": ") > 0;
    }

    private static Opened openUnchecked(Path path, ImportOptions options) {
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

    /** Refuses to load {@code bytes} into memory when the heap cannot hold them, with a sentence (see io.Memory). */
    public static void checkMemory(Path file, long bytes) {
        Memory.check(file, bytes);
    }
}
