package org.trident.formats;

import org.trident.job.Progress;

import java.nio.file.Path;

/**
 * What the user may add when opening microscope files: an angle file (IMOD .tlt/.rawtlt, text or
 * CSV, one angle per tilt in degrees), a pixel size in nm (overrides the file) and a name, each
 * possibly null; and the progress that long decodes (Velox spectrum streams) report to.
 */
public record ImportOptions(Path anglesFile, Double pixelSizeNm, String name, Progress progress) {
    public static final ImportOptions NONE = new ImportOptions(null, null, null, Progress.NONE);

    public ImportOptions {
        if (progress == null) progress = Progress.NONE;
    }

    public ImportOptions(Path anglesFile, Double pixelSizeNm, String name) {
        this(anglesFile, pixelSizeNm, name, Progress.NONE);
    }
}
