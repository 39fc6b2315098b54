package org.trident.formats;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Berkeley EMD (emdatasets.com): a group with attribute {@code emd_group_type = 1} holding
 * {@code data} and one vector {@code dimK} (attributes {@code name}, {@code units}) per array
 * axis K (1-based, C order). Axes are found by their units wherever they are: degrees (or an
 * angle name) make the tilt axis, eV/keV the energy axis, the other two are y and x (by name when
 * named so, else by position). Tomviz stores {@code [tilt][y][x]} with full dim vectors;
 * HyperSpy/RosettaSciIO store {@code data.T} with each dim as {@code [offset, offset + step]}.
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

    /** One axis: its values (expanded when stored as HyperSpy's [offset, offset + step]), name and units. */
    private record Dim(double[] values, String name, String units) {
        double step() { return values.length > 1 ? values[1] - values[0] : Double.NaN; }
        boolean energy() { return Double.isFinite(Units.toEv(units)); }
        boolean angle() {
            if (Units.isDegrees(units) || Units.isRadians(units)) return true;
            String n = name.toLowerCase(Locale.ROOT);
            return !Double.isFinite(Units.toNm(units)) && (n.contains("angle") || n.contains("tilt") || n.equals("alpha"));
        }
    }

    static Datasets.Opened open(Path file, Group g, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("Berkeley EMD").source(file).put("group", g.getPath());
        Dataset d = Hdf5.dataset(g, "data");
        if (!Hdf5.numeric(d)) throw TridentException.file(file, "EMD data " + d.getPath() + " is not numeric");
        int[] s = d.getDimensions();
        if (s.length < 2 || s.length > 4) throw TridentException.file(file, "EMD data of " + s.length + " dimensions is not supported (image, tilt series or spectrum image)");
        Dim[] dims = new Dim[s.length];
        boolean offsetStep = false;
        for (int k = 0; k < s.length; k++) {
            Dataset dk = Hdf5.dataset(g, "dim" + (k + 1));
            if (dk == null) throw TridentException.file(file, "EMD group " + g.getPath() + " lacks dim" + (k + 1));
            float[] v = Hdf5.all(file, dk);
            double[] full = new double[s[k]];
            if (v.length == s[k]) {
                for (int i = 0; i < s[k]; i++) full[i] = v[i];
            } else if (v.length == 2) {
                // HyperSpy/RosettaSciIO write [offset, offset + scale] for a uniform axis of any length
                for (int i = 0; i < s[k]; i++) full[i] = v[0] + i * ((double) v[1] - v[0]);
                offsetStep = true;
            } else if (v.length == 1 && s[k] == 1) {
                full[0] = v[0];
            } else {
                throw TridentException.file(file, "corrupt: dim" + (k + 1) + " holds " + v.length + " values but data has " + s[k] + " along that axis");
            }
            dims[k] = new Dim(full, String.valueOf(Hdf5.text(dk, "name")), Hdf5.text(dk, "units") == null ? "" : Hdf5.text(dk, "units"));
        }
        if (offsetStep) rec.note("dim vectors of two values read as [offset, offset + step] (as HyperSpy writes them)");
        Layout lay = layout(file, dims, opt);
        if (lay.reversed) rec.note("axes stored in reverse order (energy or tilt axis first, as HyperSpy writes data.T); x = dim" + (lay.x + 1) + ", y = dim" + (lay.y + 1));
        String title = g.getName();
        if (title.startsWith("__")) title = DmReader.stem(file);
        int tilts = lay.t < 0 ? 1 : s[lay.t];
        double[] angles = MicroscopeFiles.sidecarAngles(file, tilts, rec, opt);
        if (angles == null && lay.t >= 0) {
            Dim td = dims[lay.t];
            boolean rad = Units.isRadians(td.units);
            angles = new double[tilts];
            for (int i = 0; i < tilts; i++) angles[i] = rad ? Math.toDegrees(td.values[i]) : td.values[i];
            rec.angleSource("EMD dim" + (lay.t + 1) + " '" + td.name + "' (" + (rad ? "radians, converted" : "degrees") + ")");
        } else if (angles == null) {
            rec.angleSource("none in the file; 0° assumed (one projection)");
            angles = new double[]{0};
        }
        Dim xd = dims[lay.x], yd = dims[lay.y];
        double px = Math.abs(xd.step()) * Units.toNm(xd.units);
        if (Math.abs(Math.abs(yd.step()) * Units.toNm(yd.units) / px - 1) > 1e-3) rec.note("y spacing " + Math.abs(yd.step()) + " " + yd.units + " differs from x; x spacing used");
        px = rec.pixelSize(opt, px, "EMD dim" + (lay.x + 1) + " spacing");
        if (lay.e >= 0) {
            Dim ed = dims[lay.e];
            String st = String.valueOf(Hdf5.text(g, "signal_type")).toUpperCase(Locale.ROOT);
            String unit = Units.toEv(ed.units) == 1e3 ? "keV" : "eV";
            Signal sig = st.startsWith("EDS") || unit.equals("keV") && !st.startsWith("EELS") ? Signal.EDS : Signal.EELS;
            rec.note("spectra taken as " + sig.label() + " (signal_type '" + Hdf5.text(g, "signal_type") + "', energy unit " + unit + ")");
            var stack = new PermutedHdf5.Spectra(file, d, lay.t, lay.y, lay.x, lay.e);
            Channel c = Channel.spectrum(sig.label(), sig, stack, new EnergyAxis(ed.values[0], ed.step(), unit));
            return rec.finish(title, px, angles, List.of(c), null, opt);
        }
        ImageStack st = PermutedHdf5.images(file, d, lay.t, lay.y, lay.x);
        return rec.finish(title, px, angles, List.of(MicroscopeFiles.imageChannel(title, "group name", st, rec)), null, opt);
    }

    /** Indices of the tilt, y, x and energy dims (-1 when absent) and whether they are stored reversed. */
    private record Layout(int t, int y, int x, int e, boolean reversed) {}

    private static Layout layout(Path file, Dim[] dims, ImportOptions opt) {
        int t = -1, e = -1;
        List<Integer> space = new java.util.ArrayList<>();
        for (int k = 0; k < dims.length; k++) {
            if (e < 0 && dims[k].energy()) e = k;
            else if (t < 0 && dims[k].angle()) t = k;
            else space.add(k);
        }
        if (space.size() == 3 && t < 0 && e < 0) {
            // no unit says which axis is the tilt: Tomviz's C order puts it first (dim1), given angles
            if (opt.anglesFile() == null && AngleFiles.sibling(file) == null) {
                throw TridentException.file(file, "EMD dim1 ('" + dims[0].name + "', units '" + dims[0].units + "') is not a tilt axis in degrees; give the angles with --angles FILE");
            }
            t = space.remove(0);
        }
        if (space.size() != 2) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < dims.length; k++) b.append(k == 0 ? "" : ", ").append("dim").append(k + 1).append(" '").append(dims[k].name).append("' [").append(dims[k].units).append("]");
            throw TridentException.file(file, "EMD axes (" + b + ") are not two spatial axes plus at most one tilt axis (degrees) and one energy axis (eV/keV)");
        }
        int a = space.get(0), b = space.get(1);
        boolean reversed = e >= 0 && e < a || t >= 0 && t > b;
        String na = dims[a].name.trim().toLowerCase(Locale.ROOT), nb = dims[b].name.trim().toLowerCase(Locale.ROOT);
        if (na.equals("x") && nb.equals("y")) return new Layout(t, b, a, e, reversed);
        if (na.equals("y") && nb.equals("x")) return new Layout(t, a, b, e, reversed);
        return reversed ? new Layout(t, b, a, e, true) : new Layout(t, a, b, e, false);
    }
}
