package org.trident.cli;

import org.trident.export.ImodExport;
import org.trident.formats.Datasets;
import org.trident.io.OutputDirs;
import org.trident.model.TiltSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trident export BUNDLE --to imod --out DIR}: a tilt series for other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write a tilt series for other tools (IMOD: MRC stack, .tlt, .xf).",
        description = {"Write a tilt series for other tools.",
                "--to imod: STEM.mrc (the image stack), STEM.tlt (angles) and",
                "STEM.xf (identity transforms: the stack is written as the bundle holds it, so an aligned bundle gives an",
                "aligned stack) with provenance beside the MRC."})
public final class ExportCommand implements Callable<Integer> {
    enum Target { imod }

    @Parameters(paramLabel = "BUNDLE", description = "A tilt-series bundle (or any file Trident opens).")
    Path bundle;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "Target: ${COMPLETION-CANDIDATES}.")
    Target to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (new or empty; see --force).")
    Path out;

    @Option(names = "--channel", paramLabel = "NAME", description = "Image channel to export (default: the ADF channel).")
    String channel;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        TiltSeries ts = Datasets.read(bundle, common.allowOutsidePaths);
        OutputDirs.prepare(out, force, bundle);
        String stem = ts.name() == null || ts.name().isBlank() ? "series" : ts.name().replaceAll("[^A-Za-z0-9._-]+", "_");
        Path source = java.nio.file.Files.isDirectory(bundle) ? bundle.resolve("tiltseries.json") : bundle;
        List<Path> written = ImodExport.write(ts, channel, out, stem, java.nio.file.Files.isRegularFile(source) ? List.of(source) : List.of());
        for (Path p : written) System.out.println("written: " + p.toAbsolutePath().normalize());
        return 0;
    }
}
