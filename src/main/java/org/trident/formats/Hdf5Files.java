package org.trident.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HDF5 files: Velox EMD, Berkeley EMD, HyperSpy and, failing those, plain files whose top-level
 * 2-D or 3-D datasets of one shape become image channels (as in many published maps).
 */
public final class Hdf5Files {
    private Hdf5Files() {}

    private static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** HDF5 signature at byte 0 or at a user-block offset (512, 1024, 2048, …). */
    public static boolean isHdf5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(8);
            if (Arrays.equals(b, MAGIC)) return true;
            long size = Files.size(file);
            long pos = 8;
            for (long at = 512; at + 8 <= size && at <= 1 << 20; at *= 2) {
                in.skipNBytes(at - pos);
                b = in.readNBytes(8);
                pos = at + 8;
                if (Arrays.equals(b, MAGIC)) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public static Datasets.Opened open(Path file, ImportOptions opt) {
        return Watchdog.call(file, Watchdog.limitMillis(file), () -> read(file, opt));
    }

    private static Datasets.Opened read(Path file, ImportOptions opt) {
        try (HdfFile h = Hdf5.open(file)) {
            Group data = Hdf5.group(h, "Data");
            if (data != null && (Hdf5.group(data, "Image") != null || Hdf5.group(data, "SpectrumStream") != null)) return VeloxReader.open(file, h, opt);
            Group emd = Berkeley.find(h, 0);
            if (emd != null) return Berkeley.open(file, emd, opt);
            if (Hdf5.group(h, "Experiments") != null) return HyperSpyReader.open(file, Hdf5.group(h, "Experiments"), opt);
            return plain(file, h, opt);
        } catch (TridentException | java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Hdf5.cannotRead(file, e);
        }
    }

    /** Top-level numeric datasets of one 2-D or 3-D shape become image channels. */
    private static Datasets.Opened plain(Path file, HdfFile h, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("HDF5 (plain datasets)").source(file);
        List<Dataset> found = new ArrayList<>();
        int[] shape = null;
        for (Node n : h.getChildren().values()) {
            if (!(n instanceof Dataset d) || !Hdf5.numeric(d)) continue;
            int[] s = d.getDimensions();
            if (s.length < 2 || s.length > 3) continue;
            if (shape == null) shape = s;
            if (!Arrays.equals(shape, s)) {
                rec.note("dataset " + d.getName() + " has another shape than " + found.get(0).getName() + " and was left out");
                continue;
            }
            found.add(d);
        }
        if (found.isEmpty()) throw TridentException.file(file, "HDF5 file is not Velox EMD, Berkeley EMD or HyperSpy, and holds no top-level 2-D or 3-D numeric dataset");
        int tilts = shape.length == 3 ? shape[0] : 1;
        List<Channel> chs = new ArrayList<>();
        for (Dataset d : found) {
            ImageStack st = images(file, d, rec);
            Signal s = Signal.inferFromName(d.getName());
            if (s == null) s = Signal.MAP;
            chs.add(Channel.image(d.getName(), s, st));
        }
        double[] angles = MicroscopeFiles.sidecarAngles(file, tilts, rec, opt);
        if (angles == null) {
            if (tilts != 1) throw TridentException.file(file, "holds stacks of " + tilts + " images but no tilt angles; give them with --angles FILE");
            rec.angleSource("none in the file; 0° assumed (one projection)");
            angles = new double[]{0};
        }
        double px = rec.pixelSize(opt, Double.NaN, "");
        return rec.finish(DmReader.stem(file), px, angles, chs, null, opt);
    }

    /** Reads a 2-D {@code [y][x]} or 3-D {@code [tilt][y][x]} dataset plane by plane. */
    static ImageStack images(Path file, Dataset d, ImportRecord rec) {
        int[] s = d.getDimensions();
        int tilts = s.length == 3 ? s[0] : 1;
        int hh = s[s.length - 2], ww = s[s.length - 1];
        if (hh <= 0 || ww <= 0 || tilts <= 0) throw TridentException.file(file, "dataset " + d.getPath() + " is empty");
        Datasets.checkMemory(file, 4L * tilts * hh * ww);
        float[][] out = new float[tilts][hh * ww];
        for (int t = 0; t < tilts; t++) {
            if (s.length == 3) Hdf5.slice(file, d, new long[]{t, 0, 0}, new int[]{1, hh, ww}, out[t], 0);
            else Hdf5.slice(file, d, new long[]{0, 0}, new int[]{hh, ww}, out[t], 0);
        }
        ImageStack st = new ImageStack(ww, hh, out, Hdf5.typeName(d));
        int[] bad = st.firstNonFinite();
        if (bad != null) throw TridentException.file(file, "dataset " + d.getPath() + ", tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        return st;
    }
}
