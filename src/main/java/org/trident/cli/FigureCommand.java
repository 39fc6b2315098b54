package org.trident.cli;

import org.trident.analysis.ProfileSource;
import org.trident.export.FigureLayout;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code trident figure LAYOUT.json --out FILE}: a multi-panel figure of slices and profiles (docs/figures.md). */
@Command(name = "figure", mixinStandardHelpOptions = true,
        header = "Compose a multi-panel figure of volume slices and depth profiles from a JSON layout (PDF, PNG or TIFF).",
        description = {"Compose a multi-panel figure of volume slices and depth profiles from a JSON layout.",
                "LAYOUT (trident.figure/1): widthMm, dpi, letters and rows of panels: slices {volume, plane, index, title}, each row with",
                "one colour bar (colorMap, lo, hi, label), or profiles {profiles: CSV or [CSV...], labels, quantity, datasets, band}.",
                "The workstation's File > Compose figure... writes such layouts.",
                "PDF keeps profile panels as vectors with embedded fonts. Paths are relative to the layout. See docs/figures.md."})
public final class FigureCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAYOUT", description = "The layout JSON.")
    Path layout;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Figure to write (.pdf, .png, .tif); not overwritten without --force.")
    Path out;

    @Option(names = "--force", description = "Overwrite FILE.")
    boolean force;

    @Option(names = "--profiles", paramLabel = "auto|voxel|fit", description = "Profile panels naming an analysis's depth-profiles.csv "
            + "(without a \"source\" of their own) draw the voxel profiles, the shell fit's (profiles-fit.csv, band +/- 1 sigma), or auto: "
            + "what the pipeline reported (provenance profileSource). Default: the table the layout names.")
    String profiles;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(layout)) throw TridentException.file(layout, "file not found");
        if (Files.exists(out) && !force) throw TridentException.file(out, "exists; use --force to overwrite");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw TridentException.file(out, "its folder does not exist");
        ProfileSource source = null;
        if (profiles != null) {
            source = ProfileSource.parse(profiles);
            if (source == null) throw new TridentException("--profiles must be auto, voxel or fit, got '" + profiles + "'");
        }
        int n = FigureLayout.write(layout, out, source);
        System.out.println("written: " + out.toAbsolutePath().normalize() + " (" + n + " panels)");
        return 0;
    }
}
