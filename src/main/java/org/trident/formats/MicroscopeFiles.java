package org.trident.formats;

import org.trident.io.ArrayFiles;
import org.trident.io.Mrc;
import org.trident.io.MrcHeader;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Recognises microscope files by their first bytes (and extension where the format has no
 * signature) and hands them to the right reader. Returns null for what it does not know.
 */
public final class MicroscopeFiles {
    private MicroscopeFiles() {}

    /** File-name patterns of everything this class opens, for file choosers. */
    public static final List<String> PATTERNS = List.of("*.dm3", "*.dm4", "*.emd", "*.hspy", "*.hdf5", "*.h5", "*.msa", "*.emsa",
            "*.mrc", "*.mrcs", "*.st", "*.ali", "*.preali", "*.rec", "*.map", "*.tif", "*.tiff", "*.npy", "*.raw.gz", "*.emi", "*.ser", "*.bcf");

    /** Cheap test (name, first bytes, folder contents) for drag and drop: would {@link #open} take this path? */
    public static boolean recognises(Path path) {
        if (Files.isDirectory(path)) return TiltFolder.isTiltFolder(path) || bcfFolder(path);
        if (!Files.isRegularFile(path)) return false;
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String p : PATTERNS) if (n.endsWith(p.substring(1))) return true;
        byte[] h = head(path, 16);
        return looksLikeDm(h) || MsaFiles.looksLikeMsa(h) || Hdf5Files.isHdf5(path);
    }

    public static Datasets.Opened open(Path path, ImportOptions opt) {
        if (Files.isDirectory(path)) {
            if (bcfFolder(path)) return BcfReader.openSeries(path, BcfReader.filesIn(path), opt);
            return TiltFolder.isTiltFolder(path) ? TiltFolder.open(path, opt) : null;
        }
        if (!Files.isRegularFile(path)) throw TridentException.file(path, "file not found");
        String ext = ArrayFiles.extension(path);
        byte[] head = head(path, 16);
        if ((ext.equals("dm3") || ext.equals("dm4")) || looksLikeDm(head)) return DmReader.open(path, opt);
        if (Hdf5Files.isHdf5(path)) return Hdf5Files.open(path, opt);
        if (ext.equals("msa") || ext.equals("emsa") || MsaFiles.looksLikeMsa(head)) return MsaFiles.open(path, opt);
        if (RawGzFiles.isRawGz(path)) return RawGzFiles.open(path, opt);
        if (TiaReader.isTia(path)) return TiaReader.open(path, opt);
        if (BcfReader.isBcf(path)) return BcfReader.open(path, opt);
        switch (ext) {
            case "mrc", "mrcs", "st", "ali", "preali", "rec", "map" -> { return mrc(path, opt); }
            case "tif", "tiff" -> { return TiffFiles.open(path, opt); }
            case "npy" -> { return stack(path, opt); }
            default -> { return null; }
        }
    }

    /** A folder of Bruker .bcf maps (one per tilt) and no other single-tilt files. */
    private static boolean bcfFolder(Path dir) {
        return !Files.exists(dir.resolve("tiltseries.json")) && !BcfReader.filesIn(dir).isEmpty() && TiltFolder.files(dir).isEmpty();
    }

    static byte[] head(Path p, int n) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw TridentException.file(p, "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeDm(byte[] h) {
        return h.length >= 16 && h[0] == 0 && h[1] == 0 && h[2] == 0 && (h[3] == 3 || h[3] == 4);
    }

    /** Angles for a stack file: the user's file, else an IMOD file beside it; else null. */
    static double[] sidecarAngles(Path data, int tilts, ImportRecord rec, ImportOptions opt) {
        Path f = opt.anglesFile() != null ? opt.anglesFile() : AngleFiles.sibling(data);
        if (f == null) return null;
        rec.angleSource((opt.anglesFile() != null ? "angle file " : "IMOD angle file beside the stack: ") + f.toAbsolutePath().normalize());
        return AngleFiles.forStack(f, tilts);
    }

    private static Datasets.Opened mrc(Path path, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("MRC").source(path);
        MrcHeader h = Mrc.header(path);
        ImageStack st = Mrc.readImages(path);
        double[] angles = sidecarAngles(path, st.tilts(), rec, opt);
        if (angles == null) {
            MrcAngles.Found f = MrcAngles.read(path, h);
            if (f == null) throw TridentException.file(path, "holds " + st.tilts() + " images but no tilt angles (no .tlt/.rawtlt beside it, none in its extended header); give them with --angles FILE");
            rec.angleSource(f.source());
            angles = f.anglesDeg();
        }
        double px = rec.pixelSize(opt, h.voxelSizeNm(), "MRC header (cell / grid, Å)");
        return finishStack(path, st, angles, px, rec, opt);
    }

    private static Datasets.Opened stack(Path path, ImportOptions opt) {
        ImportRecord rec = new ImportRecord(ArrayFiles.extension(path).startsWith("tif") ? "TIFF" : "NPY").source(path);
        ImageStack st = ArrayFiles.readImages(path);
        double[] angles = sidecarAngles(path, st.tilts(), rec, opt);
        if (angles == null) {
            if (st.tilts() != 1) throw TridentException.file(path, "holds " + st.tilts() + " images but no tilt angles; give them with --angles FILE (or put a .tlt file beside it)");
            rec.angleSource("none (a single image); 0° assumed");
            angles = new double[]{0};
        }
        double px = rec.pixelSize(opt, Double.NaN, "");
        return finishStack(path, st, angles, px, rec, opt);
    }

    private static Datasets.Opened finishStack(Path path, ImageStack st, double[] angles, double px, ImportRecord rec, ImportOptions opt) {
        int[] bad = st.firstNonFinite();
        if (bad != null) throw TridentException.file(path, "tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        String stem = DmReader.stem(path);
        return rec.finish(stem, px, angles, List.of(imageChannel(stem, "file name", st, rec)), null, opt);
    }

    /**
     * One image channel whose signal is read from {@code label} (a file name or dataset title); an
     * image that names no signal is taken as ADF, with a note saying where Trident looked.
     */
    static Channel imageChannel(String label, String where, ImageStack st, ImportRecord rec) {
        Signal s = Signal.inferFromName(label);
        if (s == null || s == Signal.MAP) {
            s = Signal.ADF;
            rec.note("signal not named in the " + where + "; taken as ADF");
        }
        String name = s == Signal.ADF ? (label.toUpperCase(Locale.ROOT).contains("HAADF") ? "HAADF" : "ADF") : s.label();
        return Channel.image(name, s, st);
    }
}
