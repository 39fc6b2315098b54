package org.trident.formats;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Berkeley EMD (emdatasets.com): a group with attribute {@code emd_group_type = 1} holding
 * {@code data} and one vector {@code dimK} (attributes {@code name}, {@code units}) per array
 * axis K (1-based, C order). A 3-D array whose {@code dim1} is in degrees (or named like an angle)
 * is a tilt series {@code [tilt][y][x]}, as Tomviz writes it; a 2-D array is one projection.
 */
final class Berkeley {
    private Berkeley() {}

    static Group find(Group g, int depth) {
        if (depth > 4) return null;
        for (Node n : g.getChildren().values()) {
            if (!(n instanceof Group c)) continue;
            Double t = Hdf5.number(c, "emd_group_type");
            if (t != null && t.intValue() == 1 && Hdf5.dataset(c, "data") != null) return c;
            Group deeper = find(c, depth + 1);
            if (deeper != null) return deeper;
        }
        return null;
    }

    static Datasets.Opened open(Path file, Group g, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("Berkeley EMD").source(file).put("group", g.getPath());
        Dataset d = Hdf5.dataset(g, "data");
        if (!Hdf5.numeric(d)) throw TridentException.file(file, "EMD data " + d.getPath() + " is not numeric");
        int[] s = d.getDimensions();
        if (s.length < 2 || s.length > 3) throw TridentException.file(file, "EMD data of " + s.length + " dimensions is not supported (2-D image or 3-D tilt series)");
        float[][] dims = new float[s.length][];
        String[] names = new String[s.length], units = new String[s.length];
        for (int k = 0; k < s.length; k++) {
            Dataset dk = Hdf5.dataset(g, "dim" + (k + 1));
            if (dk == null) throw TridentException.file(file, "EMD group " + g.getPath() + " lacks dim" + (k + 1));
            dims[k] = Hdf5.all(file, dk);
            if (dims[k].length != s[k]) throw TridentException.file(file, "corrupt: dim" + (k + 1) + " holds " + dims[k].length + " values but data has " + s[k] + " along that axis");
            names[k] = String.valueOf(Hdf5.text(dk, "name"));
            units[k] = Hdf5.text(dk, "units") == null ? "" : Hdf5.text(dk, "units");
        }
        ImageStack st = Hdf5Files.images(file, d, rec);
        double[] angles = MicroscopeFiles.sidecarAngles(file, st.tilts(), rec, opt);
        if (angles == null && s.length == 3) {
            String n = names[0].toLowerCase(Locale.ROOT);
            boolean rad = Units.isRadians(units[0]);
            if (!Units.isDegrees(units[0]) && !rad && !n.contains("angle") && !n.contains("tilt")) {
                throw TridentException.file(file, "EMD dim1 ('" + names[0] + "', units '" + units[0] + "') is not a tilt axis in degrees; give the angles with --angles FILE");
            }
            angles = new double[s[0]];
            for (int i = 0; i < s[0]; i++) angles[i] = rad ? Math.toDegrees(dims[0][i]) : dims[0][i];
            rec.angleSource("EMD dim1 '" + names[0] + "' (" + (rad ? "radians, converted" : "degrees") + ")");
        } else if (angles == null) {
            rec.angleSource("none in the file; 0° assumed (one projection)");
            angles = new double[]{0};
        }
        int xk = s.length - 1;
        double px = dims[xk].length > 1 ? Math.abs(dims[xk][1] - dims[xk][0]) * Units.toNm(units[xk]) : Double.NaN;
        px = rec.pixelSize(opt, px, "EMD dim" + (xk + 1) + " spacing");
        String title = g.getName();
        Signal sig = Signal.inferFromName(title);
        if (sig == null || sig == Signal.MAP) {
            sig = Signal.ADF;
            rec.note("signal not named in the group name; taken as ADF");
        }
        return rec.finish(title, px, angles, List.of(Channel.image(sig == Signal.ADF ? "HAADF" : sig.label(), sig, st)), null, opt);
    }
}
