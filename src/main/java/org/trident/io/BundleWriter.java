package org.trident.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a tilt series as a {@code trident.tiltseries/1} bundle: every array as float32 NPY
 * named after its channel, then {@code tiltseries.json} last, so that a folder holding the JSON
 * is always complete. Unknown fields in {@code extra} are written back unchanged.
 */
public final class BundleWriter {
    private BundleWriter() {}

    /** Characters other than letters, digits, '.', '_', '+', '-' become '_' (contract section 6). */
    public static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._+\\-]", "_");
    }

    public static void write(TiltSeries ts, Path dir) {
        write(ts, dir, Progress.NONE);
    }

    public static void write(TiltSeries ts, Path dir, Progress progress) {
        ObjectNode root = Json.object();
        root.put("format", BundleReader.FORMAT);
        root.put("name", ts.name());
        root.put("pixelSizeNm", ts.pixelSizeNm());
        ArrayNode ang = root.putArray("tiltAnglesDeg");
        for (double a : ts.tiltAnglesDeg()) ang.add(a);
        ArrayNode chs = root.putArray("channels");
        Set<String> used = new HashSet<>();
        progress.start("writing bundle", (long) ts.channels().size() * ts.tilts());
        for (Channel c : ts.channels()) {
            String base = safeName(c.name());
            String file = base + ".npy";
            for (int i = 2; !used.add(file.toLowerCase(java.util.Locale.ROOT)); i++) file = base + "-" + i + ".npy";
            ObjectNode cn = chs.addObject();
            cn.put("name", c.name());
            cn.put("signal", c.signal().label());
            cn.put("kind", c.kind());
            cn.put("file", file);
            if (c.isSpectrum()) {
                ObjectNode ax = cn.putObject("energyAxis");
                ax.put("offset", c.energyAxis().offset());
                ax.put("scale", c.energyAxis().scale());
                ax.put("unit", c.energyAxis().unit());
                Npy.writeSpectra(dir.resolve(file), c.spectra(), progress);
            } else {
                Npy.writeImages(dir.resolve(file), c.images());
                progress.advance(c.tilts());
            }
            cn.setAll(c.extra().deepCopy());
        }
        root.setAll(ts.extra().deepCopy());
        Json.write(dir.resolve(BundleReader.FILE), root);
    }
}
