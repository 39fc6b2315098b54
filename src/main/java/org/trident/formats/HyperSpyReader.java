package org.trident.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * HyperSpy HDF5 ({@code .hspy}, older {@code .hdf5}): {@code /Experiments/<title>/data} with one
 * {@code axis-i} group per array axis (name, size, offset, scale, units, navigate). Spectra (one
 * signal axis, last) become a spectrum channel; images (two signal axes) an image channel; a
 * navigation axis in degrees in front is the tilt axis. Metadata (stage tilt of one projection,
 * beam, detectors, elements) is read by {@link HyperSpyMetadata}.
 */
final class HyperSpyReader {
    private HyperSpyReader() {}

    record Axis(String name, long size, double offset, double scale, String units, boolean navigate) {
        double value(int i) { return offset + i * scale; }
    }

    static Datasets.Opened open(Path file, Group exps, ImportOptions opt) {
        Group exp = null;
        Dataset d = null;
        for (Node n : exps.getChildren().values()) {
            if (n instanceof Group g && Hdf5.dataset(g, "data") != null) { exp = g; d = Hdf5.dataset(g, "data"); break; }
        }
        if (exp == null) throw TridentException.file(file, "HyperSpy file holds no /Experiments/<title>/data");
        if (!Hdf5.numeric(d)) throw TridentException.file(file, "HyperSpy data " + d.getPath() + " is not numeric");
        ImportRecord rec = new ImportRecord("HyperSpy HDF5").source(file).put("experiment", exp.getName());
        int[] s = d.getDimensions();
        int rank = s.length;
        if (rank < 1 || rank > 4) throw TridentException.file(file, "HyperSpy data of " + rank + " dimensions is not supported");
        Axis[] ax = new Axis[rank];
        for (int i = 0; i < rank; i++) {
            Group a = Hdf5.group(exp, "axis-" + i);
            if (a == null) throw TridentException.file(file, "HyperSpy data has " + rank + " dimensions but no group axis-" + i);
            Double size = Hdf5.number(a, "size");
            if (size != null && size.longValue() != s[i]) throw TridentException.file(file, "corrupt: axis-" + i + " declares size " + size.longValue() + " but the data has " + s[i]);
            Double off = Hdf5.number(a, "offset"), sc = Hdf5.number(a, "scale");
            Boolean nav = Hdf5.bool(a, "navigate");
            ax[i] = new Axis(String.valueOf(Hdf5.text(a, "name")), s[i], off == null ? 0 : off, sc == null ? 1 : sc,
                    Hdf5.text(a, "units") == null ? "" : Hdf5.text(a, "units"), nav == null ? i < rank - 1 : nav);
        }
        Group meta = Hdf5.group(exp, "metadata");
        String signalType = meta != null && Hdf5.group(meta, "Signal") != null ? Hdf5.text(Hdf5.group(meta, "Signal"), "signal_type") : null;
        String title = meta != null && Hdf5.group(meta, "General") != null ? Hdf5.text(Hdf5.group(meta, "General"), "title") : null;
        if (title == null || title.isBlank()) title = exp.getName();
        int signalAxes = 0;
        for (Axis a : ax) if (!a.navigate()) signalAxes++;
        ObjectNode extra = Json.object();
        HyperSpyMetadata md = new HyperSpyMetadata(meta);
        ObjectNode acq = md.acquisition();
        if (acq.has("beamEnergyKeV") && !(acq.get("beamEnergyKeV").asDouble() > 0)) acq.remove("beamEnergyKeV");
        if (!acq.isEmpty()) extra.set("acquisition", acq);
        if (signalAxes == 1 && !ax[rank - 1].navigate()) return spectra(file, d, ax, signalType, title, rec, opt, meta, extra);
        if (signalAxes == 2 && rank >= 2 && rank <= 3 && !ax[rank - 1].navigate() && !ax[rank - 2].navigate()) return images(file, d, ax, signalType, title, rec, opt, meta, extra);
        throw TridentException.file(file, "HyperSpy data with " + signalAxes + " signal axes in this order is not a layout Trident reads (spectra [.., x, energy] or images [.., y, x])");
    }

    private static double[] angles(Path file, Axis tiltAxis, int tilts, Group meta, ImportRecord rec, ImportOptions opt) {
        double[] side = MicroscopeFiles.sidecarAngles(file, tilts, rec, opt);
        if (side != null) return side;
        if (tiltAxis != null) {
            double f = Units.isDegrees(tiltAxis.units()) ? 1 : Units.isRadians(tiltAxis.units()) ? 180 / Math.PI : Double.NaN;
            if (Double.isFinite(f)) {
                if (tilts > 1 && !(tiltAxis.scale() != 0 && Double.isFinite(tiltAxis.scale()) && Double.isFinite(tiltAxis.offset()))) {
                    throw TridentException.file(file, "the tilt axis '" + tiltAxis.name() + "' has offset " + tiltAxis.offset() + " and scale "
                            + tiltAxis.scale() + ", which do not give one angle per tilt; give the angles with --angles FILE");
                }
                double[] a = new double[tilts];
                for (int i = 0; i < tilts; i++) a[i] = tiltAxis.value(i) * f;
                rec.angleSource("HyperSpy navigation axis '" + tiltAxis.name() + "' (offset + index × scale, " + tiltAxis.units() + ")");
                return a;
            }
            throw TridentException.file(file, "holds " + tilts + " tilts but its first axis '" + tiltAxis.name() + "' is not in degrees; give the angles with --angles FILE");
        }
        Double alpha = new HyperSpyMetadata(meta).stageTilt();
        if (alpha != null && !(Math.abs(alpha) <= 90)) {
            throw TridentException.file(file, "metadata Acquisition_instrument.TEM (or SEM).Stage.tilt_alpha is " + alpha
                    + ", not a tilt angle within ±90°; give the angle with --angles FILE");
        }
        if (alpha != null) {
            rec.angleSource("HyperSpy metadata Acquisition_instrument.TEM (or SEM).Stage.tilt_alpha");
            return new double[]{alpha};
        }
        rec.angleSource("none in the file; 0° assumed (one projection)");
        return new double[]{0};
    }

    private static Datasets.Opened spectra(Path file, Dataset d, Axis[] ax, String signalType, String title, ImportRecord rec,
                                           ImportOptions opt, Group meta, ObjectNode extra) {
        int rank = ax.length;
        int nav = rank - 1;
        int channels = (int) ax[rank - 1].size();
        int width = nav >= 1 ? (int) ax[rank - 2].size() : 1;
        int height = nav >= 2 ? (int) ax[rank - 3].size() : 1;
        int tilts = nav >= 3 ? (int) ax[0].size() : 1;
        if ((long) width * channels > Integer.MAX_VALUE / 8) throw TridentException.file(file, "one row of this spectrum image is too large");
        Axis e = ax[rank - 1];
        String st = signalType == null ? "" : signalType.toUpperCase(Locale.ROOT);
        Signal signal = st.startsWith("EDS") || "keV".equalsIgnoreCase(e.units()) && !st.startsWith("EELS") ? Signal.EDS : Signal.EELS;
        String unit = Double.isFinite(Units.toEv(e.units())) ? e.units() : (signal == Signal.EDS ? "keV" : "eV");
        if (!Double.isFinite(Units.toEv(e.units()))) rec.note("the energy axis has unit '" + e.units() + "'; " + unit + " assumed");
        rec.note("spectra taken as " + signal.label() + (signalType != null ? " (signal_type " + signalType + ")" : ""));
        var stack = new Hdf5SpectrumStack(file, d.getPath(), rank, tilts, height, width, channels, Hdf5.typeName(d));
        double[] angles = angles(file, nav >= 3 ? ax[0] : null, tilts, meta, rec, opt);
        double px = nav >= 1 ? ax[rank - 2].scale() * Units.toNm(ax[rank - 2].units()) : Double.NaN;
        px = rec.pixelSize(opt, px, "HyperSpy axis '" + (nav >= 1 ? ax[rank - 2].name() : "") + "'");
        Channel c = Channel.spectrum(signal.label(), signal, stack, new EnergyAxis(e.offset(), e.scale(), unit));
        List<String> elements = new HyperSpyMetadata(meta).elements(file);
        if (!elements.isEmpty() && signal == Signal.EDS) {
            ObjectNode ce = Json.object();
            elements.forEach(ce.putObject("quantification").putArray("elements")::add);
            c = c.withExtra(ce);
            rec.note("EDS elements from HyperSpy metadata Sample.elements: " + String.join(", ", elements));
        }
        return rec.finish(title, px, angles, List.of(c), extra, opt);
    }

    private static Datasets.Opened images(Path file, Dataset d, Axis[] ax, String signalType, String title, ImportRecord rec,
                                          ImportOptions opt, Group meta, ObjectNode extra) {
        int rank = ax.length;
        ImageStack st = Hdf5Files.images(file, d, rec);
        double[] angles = angles(file, rank == 3 ? ax[0] : null, st.tilts(), meta, rec, opt);
        double px = rec.pixelSize(opt, ax[rank - 1].scale() * Units.toNm(ax[rank - 1].units()), "HyperSpy axis '" + ax[rank - 1].name() + "'");
        return rec.finish(title, px, angles, List.of(MicroscopeFiles.imageChannel(title, "title", st, rec)), extra, opt);
    }
}
