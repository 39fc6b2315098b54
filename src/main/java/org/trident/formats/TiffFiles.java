package org.trident.formats;

import org.trident.io.Tiff;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TIFF stacks with their calibration: ImageJ's ImageDescription ({@code ImageJ=…}, {@code unit=},
 * {@code channels/slices/frames}, {@code spacing=}) with XResolution in pixels per unit, or, for
 * other TIFFs, XResolution with ResolutionUnit inch or cm, as ImageJ itself reads them. A
 * hyperstack's pages are in ImageJ's order (channel fastest, then slice, then frame); the tilt axis
 * is the one of slices and frames that has more than one entry, channels become image channels.
 */
final class TiffFiles {
    private TiffFiles() {}

    /** Parsed {@code key=value} lines of an ImageJ description, or null when it is not one. */
    static Map<String, String> imageJ(String description) {
        if (description == null || !description.startsWith("ImageJ=")) return null;
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return m;
    }

    static Datasets.Opened open(Path path, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("TIFF").source(path);
        Tiff.Tags tags = Tiff.tags(path);
        Map<String, String> ij = imageJ(tags.description());
        ImageStack all = Tiff.readImages(path);
        int channels = 1, tilts = all.tilts();
        double px = Double.NaN;
        String pxSource = "";
        if (ij != null) {
            rec.put("imageJ", "ImageJ " + ij.getOrDefault("ImageJ", ""));
            channels = count(path, ij, "channels");
            int slices = count(path, ij, "slices"), frames = count(path, ij, "frames");
            if (slices > 1 && frames > 1) throw TridentException.file(path, "ImageJ hyperstack of " + slices + " slices × " + frames + " frames: Trident takes one of them as the tilt axis; save the tilts as slices only");
            tilts = Math.max(slices, frames);
            if (channels * tilts != all.tilts()) throw TridentException.file(path, "ImageJ description declares " + channels + " channels × " + tilts + " slices/frames but the file holds " + all.tilts() + " pages");
            if (channels > 1 || slices > 1 || frames > 1) rec.note("ImageJ hyperstack: " + channels + " channel(s) × " + tilts + " " + (frames > 1 ? "frames" : "slices") + " (taken as tilts)");
            String unit = ij.getOrDefault("unit", "").replace("\\u00B5", "\u00b5").replace("\\u00b5", "\u00b5");
            double toNm = Units.toNm(unit);
            if (Double.isFinite(toNm) && tags.xResolution() > 0) {
                px = toNm / tags.xResolution();
                pxSource = "ImageJ calibration: XResolution " + fmt(tags.xResolution()) + " pixels per " + unit;
            } else if (!unit.isEmpty()) {
                rec.note("ImageJ unit '" + unit + "' is not a length unit Trident knows");
            }
            if (ij.containsKey("spacing")) rec.note("ImageJ slice spacing " + ij.get("spacing") + " " + unit + " ignored (slices are tilts)");
        }
        if (!(px > 0) && tags.xResolution() > 0 && (tags.resolutionUnit() == 2 || tags.resolutionUnit() == 3)) {
            double perUnitNm = tags.resolutionUnit() == 2 ? 2.54e7 : 1e7;
            String u = tags.resolutionUnit() == 2 ? "inch" : "cm";
            boolean screen = tags.resolutionUnit() == 2 && (tags.xResolution() == 72 || tags.xResolution() == 96 || tags.xResolution() == 1);
            if (screen) {
                rec.note("TIFF resolution " + fmt(tags.xResolution()) + " per inch is a screen default, not a calibration; ignored");
            } else {
                px = perUnitNm / tags.xResolution();
                pxSource = "TIFF XResolution " + fmt(tags.xResolution()) + " pixels per " + u;
            }
        }
        double[] angles = MicroscopeFiles.sidecarAngles(path, tilts, rec, opt);
        if (angles == null) {
            if (tilts != 1) throw TridentException.file(path, "holds " + tilts + " images but no tilt angles; give them with --angles FILE (or put a .tlt file beside it)");
            rec.angleSource("none (a single image); 0° assumed");
            angles = new double[]{0};
        }
        px = rec.pixelSize(opt, px, pxSource);
        int[] bad = all.firstNonFinite();
        if (bad != null) throw TridentException.file(path, "page " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        String stem = DmReader.stem(path);
        List<Channel> chs = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            float[][] pages = new float[tilts][];
            for (int t = 0; t < tilts; t++) pages[t] = all.tilt(t * channels + c);
            ImageStack st = new ImageStack(all.width(), all.height(), pages, all.sourceType());
            if (c == 0) chs.add(MicroscopeFiles.imageChannel(stem, "file name", st, rec));
            else chs.add(Channel.image("C" + (c + 1), Signal.MAP, st));
        }
        if (channels > 1) rec.note("channel 1 is the image channel; channels 2–" + channels + " are kept as maps C2…");
        return rec.finish(stem, px, angles, chs, null, opt);
    }

    private static int count(Path path, Map<String, String> ij, String key) {
        String v = ij.get(key);
        if (v == null) return 1;
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 1 << 20) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw TridentException.file(path, "ImageJ description has " + key + "=" + v + ", not a count");
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
