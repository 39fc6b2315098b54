package org.trident.cli;

import org.trident.align.Alignment;
import org.trident.export.ImodExport;
import org.trident.export.VolumeExport;
import org.trident.formats.Datasets;
import org.trident.io.Mrc;
import org.trident.io.OutputDirs;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident export INPUT --to FORMAT --out DIR}: a tilt series or volumes for other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write a tilt series for IMOD, or volumes as HyperSpy .hspy, NCEM EMD or ImageJ TIFF.",
        description = {"Write a tilt series for IMOD, or volumes for HyperSpy, NCEM EMD or ImageJ.",
                "--to imod: INPUT is a bundle; writes STEM.mrc (the image stack), STEM.tlt (angles) and STEM.xf.",
                "  Without --alignment the .xf is the identity (an aligned bundle gives an aligned stack); with",
                "  --alignment FILE (the alignment.json `align` wrote) INPUT must be the raw bundle and the .xf holds",
                "  the real per-tilt transforms (IMOD convention, about the image centre).",
                "--to hspy|emd|imagej: INPUT is an MRC volume or a folder of them (e.g. a `reconstruct` output);",
                "  each is written with nm axes centred on the volume. Every file gets a provenance record."})
public final class ExportCommand implements Callable<Integer> {
    enum Target { imod, hspy, emd, imagej }

    @Parameters(paramLabel = "INPUT", description = "A tilt-series bundle (imod), or an MRC volume / folder of MRC volumes.")
    Path bundle;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "Target: ${COMPLETION-CANDIDATES}.")
    Target to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (new or empty; see --force).")
    Path out;

    @Option(names = "--channel", paramLabel = "NAME", description = "Image channel to export for IMOD (default: the ADF channel).")
    String channel;

    @Option(names = "--alignment", paramLabel = "FILE", description = "imod: alignment.json of the raw INPUT; the .xf then holds its transforms.")
    Path alignment;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (to == Target.imod) return imod();
        if (alignment != null) throw new TridentException("--alignment applies to --to imod only");
        List<Path> volumes = volumes(bundle);
        OutputDirs.prepare(out, force, bundle);
        VolumeExport.Format f = VolumeExport.Format.valueOf(to.name().toUpperCase(Locale.ROOT));
        for (Path v : volumes) {
            String stem = v.getFileName().toString().replaceFirst("(?i)\\.mrc$", "");
            Path written = VolumeExport.write(f, Mrc.readVolume(v), VolumeExport.quantityOf(v), out, stem, List.of(v));
            System.out.println("written: " + written.toAbsolutePath().normalize());
        }
        return 0;
    }

    private Integer imod() {
        TiltSeries ts = Datasets.read(bundle, common.allowOutsidePaths);
        Alignment a = alignment == null ? null : Alignment.read(alignment);
        // one entry with the GUI: the output-folder rule (the alignment file is an input too), stem, provenance
        List<Path> written = ImodExport.export(ts, bundle, channel, a, alignment, out, force);
        for (Path p : written) System.out.println("written: " + p.toAbsolutePath().normalize());
        if (a == null && ts.extra().has("alignment"))
            System.out.println("note: the stack is already aligned, so the .xf is the identity; for the raw stack with the real"
                    + " transforms run: export RAW_BUNDLE --to imod --alignment " + bundle.resolve(Alignment.FILE));
        return 0;
    }

    static List<Path> volumes(Path in) {
        if (Files.isRegularFile(in)) {
            if (!in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mrc"))
                throw TridentException.file(in, "not an MRC volume (export --to hspy/emd/imagej takes .mrc volumes)");
            return List.of(in);
        }
        if (!Files.isDirectory(in)) throw TridentException.file(in, "file not found");
        try (var s = Files.list(in)) {
            List<Path> l = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mrc")).sorted().toList();
            if (l.isEmpty()) throw TridentException.file(in, "holds no .mrc volume to export");
            return l;
        } catch (IOException e) {
            throw TridentException.file(in, "cannot list: " + e.getMessage(), e);
        }
    }
}
