package org.trident.export;

import org.trident.io.AtomicFiles;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.render.ExportRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A tilt series as IMOD takes it: {@code STEM.mrc} (the image channel, float32, nz = tilts, pixel
 * size in the header), {@code STEM.tlt} (one angle per line, in stack order) and {@code STEM.xf}
 * (one linear transform per tilt, "A11 A12 A21 A22 DX DY" as IMOD's xf files). The stack is
 * written as the bundle holds it, so the transforms are the identity: an aligned bundle gives
 * IMOD an aligned stack (".ali"), a raw one the raw stack.
 */
public final class ImodExport {
    private ImodExport() {}

    public static List<Path> write(TiltSeries ts, String channel, Path dir, String stem, List<Path> sources) {
        Channel c = channel == null ? ts.adf() : ts.channel(channel);
        if (c == null || !c.isImage()) throw new TridentException("no image channel " + (channel == null ? "(ADF)" : "'" + channel + "'") + " to export for IMOD");
        Path mrc = dir.resolve(stem + ".mrc"), tlt = dir.resolve(stem + ".tlt"), xf = dir.resolve(stem + ".xf");
        Mrc.write(mrc, c.images(), ts.pixelSizeNm());
        StringBuilder a = new StringBuilder(), x = new StringBuilder();
        for (double t : ts.tiltAnglesDeg()) {
            a.append(String.format(Locale.ROOT, "%.2f%n", t));
            x.append(String.format(Locale.ROOT, "%12.7f%12.7f%12.7f%12.7f%12.3f%12.3f%n", 1.0, 0.0, 0.0, 1.0, 0.0, 0.0));
        }
        AtomicFiles.write(tlt, a.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(xf, x.toString().getBytes(StandardCharsets.UTF_8));
        var view = Json.object().put("channel", c.name()).put("tilts", ts.tilts()).put("pixelSizeNm", ts.pixelSizeNm())
                .put("transforms", "identity: the stack is written as the bundle holds it")
                .put("aligned", ts.extra().has("alignment"));
        ExportRecord.write(mrc, "imod-stack", sources, view);
        return List.of(mrc, tlt, xf);
    }
}
