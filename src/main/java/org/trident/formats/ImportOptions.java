package org.trident.formats;

import org.trident.job.Progress;

import java.nio.file.Path;

/**
 * What the user may add when opening microscope files: an angle file (IMOD .tlt/.rawtlt, text or
 * CSV, one angle per tilt in degrees), a pixel size in nm (overrides the file) and a name, each
 * possibly null; the progress that long decodes (Velox spectrum streams) report to; and whether
 * file names inside a bundle or sidecar JSON may lead outside its folder.
 */
public record ImportOptions(Path anglesFile, Double pixelSizeNm, String name, Progress progress, boolean allowOutsidePaths) {
    public static final ImportOptions NONE = new ImportOptions(null, null, null, Progress.NONE);
    /** Only opening, but bundle file references may lead outside the bundle folder ({@code --allow-outside-paths}). */
    public static final ImportOptions OUTSIDE_PATHS = new ImportOptions(null, null, null, Progress.NONE, true);

    public ImportOptions {
        if (progress == null) progress = Progress.NONE;
    }

    /** Files a bundle or sidecar names are confined to its folder (the default). */
    public ImportOptions(Path anglesFile, Double pixelSizeNm, String name, Progress progress) {
        this(anglesFile, pixelSizeNm, name, progress, false);
    }

    public ImportOptions(Path anglesFile, Double pixelSizeNm, String name) {
        this(anglesFile, pixelSizeNm, name, Progress.NONE);
    }
}
