package org.trident.formats;

import org.trident.io.ArrayFiles;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder with one single-tilt file per tilt (DM3/DM4, TIFF, MRC or NPY, all one kind). Each
 * file's angle comes from its own tags (DM stage alpha) when it has one, else from its name
 * ({@code …_-35.dm3}, {@code …+35deg.tif}, {@code tilt_12.5.mrc}); which source was used is
 * recorded per file. Files are sorted by angle.
 */
public final class TiltFolder {
    private TiltFolder() {}

    private static final Set<String> KINDS = Set.of("dm3", "dm4", "tif", "tiff", "mrc", "npy");
    /** "+35deg", "-35°", "35 deg" anywhere in the name. */
    private static final Pattern WITH_UNIT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(?:deg|°|degrees)", Pattern.CASE_INSENSITIVE);
    /** A signed or plain number closing the name after '_', '-', ' ' or the start: "_-35", "_12.5". */
    private static final Pattern AT_END = Pattern.compile("(?:^|[_\\s])([+-]?\\d+(?:\\.\\d+)?)$");

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> KINDS.contains(ArrayFiles.extension(p))).sorted().toList();
        } catch (IOException e) {
            throw TridentException.file(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    public static boolean isTiltFolder(Path dir) {
        return !Files.exists(dir.resolve("tiltseries.json")) && !files(dir).isEmpty();
    }

    /** The angle a file name states, or null: "+35deg" forms first, then a number closing the name (not zero-padded). */
    public static Double angleFromName(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Matcher m = WITH_UNIT.matcher(stem);
        Double found = null;
        while (m.find()) found = Double.parseDouble(m.group(1));
        if (found != null) return found;
        m = AT_END.matcher(stem);
        if (m.find()) {
            String g = m.group(1);
            String digits = g.replaceFirst("^[+-]", "");
            // "001" is a running number, not an angle; a sign makes it an angle ("_-05")
            if (digits.length() > 1 && digits.startsWith("0") && !digits.startsWith("0.") && g.equals(digits)) return null;
            return Double.parseDouble(g);
        }
        return null;
    }

    private record Tilt(Path file, double angle, String source, TiltSeries series) {}

    public static Datasets.Opened open(Path dir, ImportOptions opt) {
        List<Path> files = files(dir);
        if (files.isEmpty()) throw TridentException.file(dir, "holds no DM3/DM4, TIFF, MRC or NPY files");
        return open(dir, files, opt);
    }

    /** Single-tilt files given one by one (e.g. {@code import a.dm3 b.dm3 …}); {@code label} names the set. */
    public static Datasets.Opened open(Path dir, List<Path> files, ImportOptions opt) {
        if (!files.isEmpty() && files.stream().allMatch(BcfReader::isBcf)) return BcfReader.openSeries(dir, files, opt);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw TridentException.file(f, "file not found");
            if (!KINDS.contains(ArrayFiles.extension(f))) throw TridentException.file(f, "is not a single-tilt file kind Trident combines (DM3/DM4, TIFF, MRC, NPY)");
        }
        String kind = ArrayFiles.extension(files.get(0)).replace("tiff", "tif");
        for (Path f : files) {
            if (!ArrayFiles.extension(f).replace("tiff", "tif").equals(kind)) {
                throw TridentException.file(dir, "mixes file kinds (" + files.get(0).getFileName() + " and " + f.getFileName() + "); keep one kind per tilt folder");
            }
        }
        ImportRecord rec = new ImportRecord("folder of single tilts (" + kind.toUpperCase(Locale.ROOT) + ")");
        double[] given = opt.anglesFile() != null ? AngleFiles.forStack(opt.anglesFile(), files.size()) : null;
        List<Tilt> tilts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            rec.source(f);
            TiltSeries one;
            Double tagAngle = null;
            if (kind.startsWith("dm")) {
                Datasets.Opened o = DmReader.open(f, new ImportOptions(null, opt.pixelSizeNm(), null));
                one = o.series();
                String src = one.extra().path("import").path("angleSource").asText("");
                if (src.equals(DmReader.ALPHA_TAG)) tagAngle = one.tiltAnglesDeg()[0];
            } else {
                ImageStack st = ArrayFiles.readImages(f);
                one = new TiltSeries(f.getFileName().toString(), opt.pixelSizeNm() != null ? opt.pixelSizeNm() : 1.0, new double[]{0},
                        List.of(Channel.image("ADF", org.trident.model.Signal.ADF, st)), null);
            }
            if (one.tilts() != 1) throw TridentException.file(f, "holds " + one.tilts() + " images; a tilt folder needs one image per file");
            if (one.channels().size() != 1 || !one.channels().get(0).isImage()) throw TridentException.file(f, "is not a single image");
            double angle;
            String source;
            if (given != null) {
                angle = given[i];
                source = "angle file " + opt.anglesFile().getFileName() + ", line " + (i + 1) + " (files in name order)";
            } else if (tagAngle != null) {
                angle = tagAngle;
                source = "file tags (" + DmReader.ALPHA_TAG + ")";
            } else {
                Double a = angleFromName(f.getFileName().toString());
                if (a == null) throw TridentException.file(f, "has no tilt angle in its tags and none in its name (e.g. name_-35.dm3 or name+35deg.tif); give them with --angles FILE");
                if (Math.abs(a) > 90) throw TridentException.file(f, "its name gives tilt angle " + a + "°, outside [-90°, 90°]");
                angle = a;
                source = "file name";
            }
            tilts.add(new Tilt(f, angle, source, one));
        }
        tilts.sort(Comparator.comparingDouble(Tilt::angle));
        for (int i = 1; i < tilts.size(); i++) {
            if (tilts.get(i).angle() == tilts.get(i - 1).angle()) {
                throw TridentException.file(dir, tilts.get(i - 1).file().getFileName() + " and " + tilts.get(i).file().getFileName() + " have the same tilt angle " + tilts.get(i).angle() + "°");
            }
        }
        Tilt first = tilts.get(0);
        Channel c0 = first.series().channels().get(0);
        float[][] data = new float[tilts.size()][];
        double[] angles = new double[tilts.size()];
        var perFile = rec.node().putArray("tilts");
        java.util.Map<String, Integer> sources = new java.util.TreeMap<>();
        for (int i = 0; i < tilts.size(); i++) {
            Tilt t = tilts.get(i);
            Channel c = t.series().channels().get(0);
            if (c.width() != c0.width() || c.height() != c0.height()) {
                throw TridentException.file(t.file(), "is " + c.width() + "x" + c.height() + " but " + first.file().getFileName() + " is " + c0.width() + "x" + c0.height());
            }
            data[i] = c.images().tilt(0);
            angles[i] = t.angle();
            perFile.addObject().put("file", t.file().getFileName().toString()).put("angleDeg", t.angle()).put("angleSource", t.source());
            sources.merge(t.source().startsWith("angle file") ? "angle file" : t.source(), 1, Integer::sum);
        }
        rec.angleSource(sources.size() == 1 ? sources.keySet().iterator().next() + " (every file)" : "mixed: " + sources);
        double px = opt.pixelSizeNm() != null ? opt.pixelSizeNm() : first.series().pixelSizeNm();
        rec.pixelSizeSource(opt.pixelSizeNm() != null ? "given by the user" : kind.startsWith("dm") ? "DM calibration of " + first.file().getFileName() : "not in the files; 1 nm assumed (set it with --pixel-nm)");
        ImageStack st = new ImageStack(c0.width(), c0.height(), data, c0.images().sourceType());
        Channel ch = new Channel(c0.name(), c0.signal(), st, null, null, null);
        var extra = first.series().extra().deepCopy();
        extra.remove("import");
        return rec.finish(dir.toAbsolutePath().normalize().getFileName().toString(), px, angles, List.of(ch), extra, opt);
    }
}
