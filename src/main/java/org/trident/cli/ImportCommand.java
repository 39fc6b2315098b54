package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.formats.ImportOptions;
import org.trident.formats.TiltFolder;
import org.trident.io.BundleWriter;
import org.trident.formats.Datasets;
import org.trident.io.OutputDirs;
import org.trident.job.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code trident import PATH… --out DIR}: microscope files to a tilt-series bundle. */
@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Turn microscope files (DM3/DM4, EMD, HyperSpy, MRC/TIFF/NPY stacks, folders of tilts) into a tilt-series bundle.",
        description = {"Turn microscope files into a tilt-series bundle.",
                "Reads Gatan DM3/DM4, Velox or Berkeley EMD, HyperSpy .hspy,",
                "MRC/TIFF/NPY stacks with angles (IMOD .tlt/.rawtlt, text, CSV, extended headers), a folder of",
                "single-tilt files, or several single-tilt files. Where each piece of metadata came from is recorded",
                "in the bundle's \"import\" object."})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A microscope file or folder, or several single-tilt files.")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to write (new or empty; see --force).")
    Path out;

    @Option(names = "--angles", paramLabel = "FILE", description = "Tilt angles in degrees, one per image (.tlt, .rawtlt, text or CSV); overrides the file's.")
    Path angles;

    @Option(names = "--pixel-nm", paramLabel = "P", description = "Pixel size in nm; overrides the file's.")
    Double pixelNm;

    @Option(names = "--name", paramLabel = "N", description = "Dataset name (default: from the file).")
    String name;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--json", description = "Print a machine-readable result on stdout (files written, the bundle's summary as info --json "
            + "gives it, notes, exit status); the text summary goes to stderr.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Progress progress = new ConsoleProgress();
        ImportOptions opt = new ImportOptions(angles, pixelNm, name, progress, common.allowOutsidePaths);
        Path[] inputs = paths.toArray(new Path[0]);
        Datasets.Opened o;
        if (paths.size() == 1) {
            o = Datasets.open(paths.get(0), opt);
        } else {
            Path parent = paths.get(0).toAbsolutePath().getParent();
            o = TiltFolder.open(parent, paths, opt);
        }
        OutputDirs.prepare(out, force, inputs);
        long started = System.currentTimeMillis();
        BundleWriter.write(o.series(), out, progress);
        System.err.println();
        PrintStream human = json ? System.err : System.out;
        ObjectNode summary = InfoCommand.summary(o.series(), o.notes());
        human.print(InfoCommand.text(summary));
        human.println("written: " + out.toAbsolutePath().normalize());
        if (json) {
            ObjectNode n = JsonResult.ok("import", out);
            JsonResult.written(n, out, JsonResult.writtenSince(out, started));
            n.set("bundle", summary);
            JsonResult.warnings(n, o.notes()); // what import assumed or inferred (also in bundle.notes)
            JsonResult.print(n);
        }
        return 0;
    }

    /** Percent on stderr at most once a second. */
    static final class ConsoleProgress implements Progress {
        private volatile String phase = "";
        private volatile long total = 1;
        private final AtomicLong done = new AtomicLong();
        private volatile long lastPrint;

        @Override
        public void start(String message, long totalUnits) {
            phase = message;
            total = Math.max(1, totalUnits);
            done.set(0);
            lastPrint = 0;
        }

        @Override
        public void advance(long units) {
            long d = done.addAndGet(units);
            long now = System.currentTimeMillis();
            if (now - lastPrint >= 1000 || d >= total) {
                lastPrint = now;
                System.err.printf(Locale.ROOT, "\r%s: %3.0f%%", phase, 100.0 * Math.min(d, total) / total);
            }
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
