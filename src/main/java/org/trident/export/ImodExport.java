package org.trident.export;

import org.trident.align.Alignment;
import org.trident.io.AtomicFiles;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.io.OutputDirs;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.render.ExportRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tilt series as IMOD takes it: {@code STEM.mrc} (the image channel, float32, nz = tilts, pixel
 * size in the header), {@code STEM.tlt} (one angle per line, in stack order) and {@code STEM.xf}
 * (one line "A11 A12 A21 A22 DX DY" per tilt).
 *
 * <p>IMOD's xf maps a position X in the stack written here to X' = A·X + D in the aligned image,
 * both about the image centre, in pixels. Trident's alignment (contract section 6) says the aligned
 * image at q is the raw image at R(r)·q + d, so a raw position p lands at q = R(r)ᵀ·(p − d):
 * A = R(−r) = [[cos r, sin r], [−sin r, cos r]] and D = −R(−r)·d. Trident's and IMOD's pixel
 * coordinates are both the array indices about the centre, so no axis flip enters.
 *
 * <p>Given an alignment, the stack must be the raw one it belongs to (same tilt count); without
 * one the transforms are the identity: an aligned bundle gives IMOD its aligned stack as is.
 */
public final class ImodExport {
    private ImodExport() {}

    /** One xf line per tilt: {a11, a12, a21, a22, dx, dy}. */
    public static double[][] transforms(Alignment a) {
        double r = Math.toRadians(a.tiltAxisRotationDeg());
        double c = Math.cos(r), s = Math.sin(r);
        double[][] xf = new double[a.tilts()][];
        for (int t = 0; t < a.tilts(); t++) {
            double dx = a.dx(t), dy = a.dy(t);
            xf[t] = new double[]{c, s, -s, c, -(c * dx + s * dy), -(-s * dx + c * dy)};
        }
        return xf;
    }

    /**
     * The one entry of {@code trident export --to imod} and the workstation's IMOD export: prepares
     * {@code out} by the output-folder rule ({@link OutputDirs#prepare}: new or empty, a non-empty one
     * only with {@code force}, never the folder of an input, links followed), then writes
     * STEM.mrc/.tlt/.xf ({@link #stem}) and the provenance record. {@code seriesFile} and
     * {@code alignmentFile} (either may be null, e.g. for a series held in memory) are where the
     * series and the alignment were read from: they are protected and listed with their SHA-256.
     */
    public static List<Path> export(TiltSeries ts, Path seriesFile, String channel, Alignment alignment, Path alignmentFile, Path out, boolean force) {
        OutputDirs.prepare(out, force, seriesFile, alignmentFile);
        List<Path> sources = new ArrayList<>();
        Path s = seriesFile == null ? null : Files.isDirectory(seriesFile) ? seriesFile.resolve("tiltseries.json") : seriesFile;
        if (s != null && Files.isRegularFile(s)) sources.add(s);
        if (alignmentFile != null) sources.add(Files.isDirectory(alignmentFile) ? alignmentFile.resolve(Alignment.FILE) : alignmentFile);
        return write(ts, channel, alignment, out, stem(ts), sources);
    }

    /** File stem of the exported stack: the series' name with anything but letters, digits, '.', '_' and '-' replaced. */
    public static String stem(TiltSeries ts) {
        return ts.name() == null || ts.name().isBlank() ? "series" : ts.name().replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    public static List<Path> write(TiltSeries ts, String channel, Path dir, String stem, List<Path> sources) {
        return write(ts, channel, null, dir, stem, sources);
    }

    /** {@code alignment} null: identity transforms (the stack is taken as it is). */
    public static List<Path> write(TiltSeries ts, String channel, Alignment alignment, Path dir, String stem, List<Path> sources) {
        Channel c = channel == null ? ts.adf() : ts.channel(channel);
        if (c == null || !c.isImage()) throw new TridentException("no image channel " + (channel == null ? "(ADF)" : "'" + channel + "'") + " to export for IMOD");
        if (alignment != null && alignment.tilts() != ts.tilts())
            throw new TridentException("the alignment has " + alignment.tilts() + " tilts but the series has " + ts.tilts()
                    + ": give the raw series the alignment was made for");
        boolean aligned = ts.extra().has("alignment");
        if (alignment != null && aligned)
            throw new TridentException("this series is already aligned: export it without an alignment (identity .xf), or export the raw series with it");
        Path mrc = dir.resolve(stem + ".mrc"), tlt = dir.resolve(stem + ".tlt"), xf = dir.resolve(stem + ".xf");
        Mrc.write(mrc, c.images(), ts.pixelSizeNm());
        double[][] m = alignment == null ? null : transforms(alignment);
        StringBuilder a = new StringBuilder(), x = new StringBuilder();
        for (int t = 0; t < ts.tilts(); t++) {
            a.append(String.format(Locale.ROOT, "%.2f%n", ts.tiltAnglesDeg()[t]));
            double[] v = m == null ? new double[]{1, 0, 0, 1, 0, 0} : m[t];
            x.append(String.format(Locale.ROOT, "%12.7f%12.7f%12.7f%12.7f%12.3f%12.3f%n", v[0], v[1], v[2], v[3], v[4], v[5]));
        }
        AtomicFiles.write(tlt, a.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(xf, x.toString().getBytes(StandardCharsets.UTF_8));
        var view = Json.object().put("channel", c.name()).put("tilts", ts.tilts()).put("pixelSizeNm", ts.pixelSizeNm())
                .put("transforms", alignment == null
                        ? "identity: the stack is written as the bundle holds it"
                        : "from the alignment (tilt-axis rotation " + alignment.tiltAxisRotationDeg() + " deg, per-tilt shifts): raw stack + .xf")
                .put("aligned", aligned);
        if (alignment != null && alignment.excludedTilts().length > 0) {
            var ex = view.putArray("excludedTilts");
            for (int e : alignment.excludedTilts()) ex.add(e);
        }
        ExportRecord.write(mrc, "imod-stack", sources, view);
        return List.of(mrc, tlt, xf);
    }
}
