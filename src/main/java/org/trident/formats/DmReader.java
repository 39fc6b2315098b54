package org.trident.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.DataType;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gatan DM3/DM4 images, image stacks and spectrum images. The main image is the largest entry of
 * {@code ImageList} that is not an RGB thumbnail. Calibrations follow DM: value = (index − origin)
 * × scale, in the axis' units. Tilt angles come from the stage alpha tag for one image; for a
 * stack from {@code Meta Data.Dimension info.2.Data} (one angle per slice, as Gatan's tomography
 * acquisition writes it), else from the third axis when it is calibrated in degrees.
 */
public final class DmReader {
    private DmReader() {}

    /** One calibrated axis in DM order (x first). */
    public record Axis(long size, double origin, double scale, String units) {
        public double value(double index) { return (index - origin) * scale; }
    }

    /** The main image of a DM file: sizes (x first), axes, element type and where the data is. */
    public record Image(Path file, String name, long[] dims, Axis[] axes, DataType type, ByteOrder order,
                        long dataOffset, DmTags.Group tags) {
        public int width() { return (int) dims[0]; }
        public int height() { return dims.length > 1 ? (int) dims[1] : 1; }

        /** The stage alpha tilt in degrees, or null. */
        public Double stageAlpha() {
            return tags == null ? null : tags.number("Microscope Info", "Stage Position", "Stage Alpha");
        }

        public String format() {
            return tags == null ? null : tags.text("Meta Data", "Format");
        }
    }

    public static final String ALPHA_TAG = "DM tag Microscope Info.Stage Position.Stage Alpha";

    public static Image mainImage(Path file) {
        DmTags t = DmTags.read(file);
        DmTags.Group list = t.root.group("ImageList");
        if (list == null || list.size() == 0) throw TridentException.file(file, "DM file holds no ImageList");
        Image best = null;
        long bestCount = -1;
        for (Object o : list.values()) {
            if (!(o instanceof DmTags.Group g)) continue;
            Double dt = g.number("ImageData", "DataType");
            if (dt == null || dt.intValue() == 23) continue; // 23: RGBA thumbnail
            if (!(g.path("ImageData", "Data") instanceof DmTags.Array data)) continue;
            if (data.count() > bestCount) {
                best = image(file, g, dt.intValue(), data);
                bestCount = data.count();
            }
        }
        if (best == null) throw TridentException.file(file, "DM file holds no image data besides its thumbnail");
        return best;
    }

    private static Image image(Path file, DmTags.Group g, int dmType, DmTags.Array data) {
        DmTags.Group dimsG = g.group("ImageData", "Dimensions");
        if (dimsG == null || dimsG.size() == 0 || dimsG.size() > 4) throw TridentException.file(file, "DM image has no valid Dimensions tag");
        long[] dims = new long[dimsG.size()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (!(dimsG.values().get(i) instanceof Number v) || v.longValue() <= 0 || v.longValue() > Integer.MAX_VALUE) {
                throw TridentException.file(file, "DM image dimension " + i + " is not a positive size");
            }
            dims[i] = v.longValue();
            try {
                n = Math.multiplyExact(n, dims[i]);
            } catch (ArithmeticException ex) {
                throw TridentException.file(file, "corrupt: the DM image dimensions overflow");
            }
        }
        if (dmType == 3 || dmType == 13 || dmType == 5) throw TridentException.file(file, "complex-valued DM images are not supported");
        DataType type = switch (data.type()) {
            case 2 -> DataType.INT16;
            case 3 -> DataType.INT32;
            case 4 -> DataType.UINT16;
            case 5 -> DataType.UINT32;
            case 6 -> DataType.FLOAT32;
            case 7 -> DataType.FLOAT64;
            case 8, 10 -> DataType.UINT8;
            case 9 -> dmType == 9 ? DataType.INT8 : DataType.UINT8;
            case 11 -> DataType.INT64;
            default -> throw TridentException.file(file, "DM image data of element type " + data.type() + " is not supported");
        };
        if (dmType == 9 && type == DataType.UINT8) type = DataType.INT8;
        if (n != data.count()) {
            StringBuilder s = new StringBuilder();
            for (long d : dims) s.append(s.length() > 0 ? " x " : "").append(d);
            throw TridentException.file(file, "corrupt: the DM image declares " + s + " = " + n + " values but its data array holds " + data.count());
        }
        Axis[] axes = new Axis[dims.length];
        DmTags.Group cal = g.group("ImageData", "Calibrations", "Dimension");
        for (int i = 0; i < dims.length; i++) {
            DmTags.Group c = cal != null && i < cal.size() && cal.values().get(i) instanceof DmTags.Group cg ? cg : null;
            double origin = c != null && c.number("Origin") != null ? c.number("Origin") : 0;
            double scale = c != null && c.number("Scale") != null ? c.number("Scale") : 1;
            String units = c != null && c.text("Units") != null ? c.text("Units") : "";
            axes[i] = new Axis(dims[i], origin, scale, units);
        }
        String name = g.text("Name");
        return new Image(file, name == null ? "" : name, dims, axes, type, data.order(), data.offset(), g.group("ImageTags"));
    }

    /** Reads image plane {@code z} ({@code width × height} values). */
    static float[] plane(Image im, int z, BinaryInput in) {
        int n = im.width() * im.height();
        float[] out = new float[n];
        long start = im.dataOffset() + (long) z * n * im.type().bytes;
        int chunk = Math.max(1, (1 << 20) / im.type().bytes);
        for (int i = 0; i < n; i += chunk) {
            int k = Math.min(chunk, n - i);
            ByteBuffer b = ByteBuffer.allocate(k * im.type().bytes).order(im.order());
            in.readAt(start + (long) i * im.type().bytes, b);
            b.flip();
            im.type().read(b, out, i, k);
        }
        return out;
    }

    public static Datasets.Opened open(Path file, ImportOptions opt) {
        Image im = mainImage(file);
        ImportRecord rec = new ImportRecord(file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dm4") ? "DM4" : "DM3").source(file);
        int energyAxis = energyAxis(im);
        if (energyAxis >= 0) return spectrumImage(im, energyAxis, rec, opt);
        if (im.dims().length > 3) throw TridentException.file(file, "DM images of " + im.dims().length + " dimensions are read only as spectrum images");
        int tilts = im.dims().length == 3 ? (int) im.dims()[2] : 1;
        double[] angles = stackAngles(im, tilts, rec, opt);
        long total = (long) im.width() * im.height() * tilts;
        Datasets.checkMemory(file, total * 4L);
        float[][] data = new float[tilts][];
        try (BinaryInput in = new BinaryInput(file)) {
            for (int z = 0; z < tilts; z++) data[z] = plane(im, z, in);
        }
        ImageStack stack = new ImageStack(im.width(), im.height(), data, im.type().label);
        Signal signal = imageSignal(im, rec);
        double px = rec.pixelSize(opt, im.axes()[0].scale() * Units.toNm(im.axes()[0].units()), "DM calibration of the x axis");
        String name = im.name().isBlank() ? stem(file) : im.name();
        return rec.finish(name, px, angles, List.of(Channel.image(channelName(signal, im), signal, stack)), acquisition(im), opt);
    }

    private static String channelName(Signal s, Image im) {
        return switch (s) {
            case ADF -> im.name().toUpperCase(Locale.ROOT).contains("HAADF") || parentName(im).toUpperCase(Locale.ROOT).contains("HAADF") ? "HAADF" : "ADF";
            case BF -> "BF";
            case EDS -> "EDS";
            case EELS -> "EELS";
            case EELS_LOWLOSS -> "EELS-lowloss";
            default -> im.name().isBlank() ? "image" : im.name();
        };
    }

    private static String parentName(Image im) {
        String p = im.tags() == null ? null : im.tags().text("Parent", "Name");
        return p == null ? "" : p;
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static Signal imageSignal(Image im, ImportRecord rec) {
        Signal s = Signal.inferFromName(im.name());
        if (s == null || s == Signal.MAP) s = Signal.inferFromName(parentName(im));
        if (s != null && s != Signal.MAP) return s;
        String mode = im.tags() == null ? null : im.tags().text("Microscope Info", "Operation Mode");
        if (mode != null && mode.toUpperCase(Locale.ROOT).contains("SCAN")) {
            rec.note("signal not named in the file; a STEM image is taken as ADF");
            return Signal.ADF;
        }
        rec.note("signal not named in the file; taken as BF (a TEM image)");
        return Signal.BF;
    }

    private static double[] stackAngles(Image im, int tilts, ImportRecord rec, ImportOptions opt) {
        if (opt.anglesFile() != null) {
            rec.angleSource("angle file " + opt.anglesFile().toAbsolutePath().normalize());
            return AngleFiles.forStack(opt.anglesFile(), tilts);
        }
        if (tilts == 1) {
            Double a = im.stageAlpha();
            if (a != null && !(Math.abs(a) <= 90)) {
                throw TridentException.file(im.file(), "ImageTags.Microscope Info.Stage Position.Stage Alpha is " + a
                        + ", not a tilt angle within ±90°; give the angle with --angles FILE");
            }
            if (a != null) {
                rec.angleSource(ALPHA_TAG);
                return new double[]{a};
            }
            rec.angleSource("none in the file; 0° assumed");
            rec.note("the file gives no stage tilt; 0° assumed");
            return new double[]{0};
        }
        DmTags.Group list = im.tags() == null ? null : im.tags().group("Meta Data", "Dimension info", "2", "Data");
        if (list != null && list.size() == tilts) {
            double[] a = new double[tilts];
            boolean ok = true;
            for (int i = 0; i < tilts && ok; i++) {
                Object v = list.get(Integer.toString(i));
                if (v instanceof Number num && Math.abs(num.doubleValue()) <= 90) a[i] = num.doubleValue();
                else throw TridentException.file(im.file(), "DM tag Meta Data.Dimension info.2.Data." + i + " is " + v
                        + ", not a tilt angle within ±90°; give the angles with --angles FILE");
            }
            if (ok) {
                rec.angleSource("DM tag Meta Data.Dimension info.2.Data (one angle per slice)");
                return a;
            }
        }
        Axis z = im.axes()[2];
        if (Units.isDegrees(z.units()) && z.scale() != 0) {
            double[] a = new double[tilts];
            for (int i = 0; i < tilts; i++) a[i] = z.value(i);
            if (Math.abs(a[0]) <= 90 && Math.abs(a[tilts - 1]) <= 90) {
                rec.angleSource("DM calibration of the stack axis ((index − origin) × scale, degrees)");
                return a;
            }
        }
        throw TridentException.file(im.file(), "holds a stack of " + tilts + " images but no tilt angles; give them with --angles FILE");
    }

    /** Index (DM order) of the axis calibrated in eV/keV, or of the last axis of a "Spectrum image"; −1 for images. */
    static int energyAxis(Image im) {
        for (int i = 0; i < im.axes().length; i++) if (Double.isFinite(Units.toEv(im.axes()[i].units()))) return i;
        String f = im.format();
        if (f != null && f.toLowerCase(Locale.ROOT).contains("spectrum")) return im.dims().length - 1;
        if (im.dims().length == 1) return 0;
        return -1;
    }

    private static Datasets.Opened spectrumImage(Image im, int e, ImportRecord rec, ImportOptions opt) {
        int nd = im.dims().length;
        if (nd > 3) throw TridentException.file(im.file(), "DM spectrum data of " + nd + " dimensions is not supported (a spectrum image is at most 3-D)");
        long[] stride = new long[nd];
        long s = 1;
        for (int i = 0; i < nd; i++) { stride[i] = s; s *= im.dims()[i]; }
        List<Integer> spatial = new ArrayList<>();
        for (int i = 0; i < nd; i++) if (i != e) spatial.add(i);
        int xi = spatial.isEmpty() ? -1 : spatial.get(0);
        int yi = spatial.size() > 1 ? spatial.get(1) : -1;
        int width = xi < 0 ? 1 : (int) im.dims()[xi];
        int height = yi < 0 ? 1 : (int) im.dims()[yi];
        int channels = (int) im.dims()[e];
        if ((long) width * channels > Integer.MAX_VALUE / 8) throw TridentException.file(im.file(), "one row of this spectrum image is too large");
        SpectrumStack st = new StridedSpectrumStack(im.file(), im.dataOffset(), im.type(), im.order(), height, width, channels,
                yi < 0 ? 0 : stride[yi], xi < 0 ? 0 : stride[xi], stride[e]);
        Axis ea = im.axes()[e];
        double toEv = Units.toEv(ea.units());
        String unit = Double.isFinite(toEv) ? ea.units().trim() : "eV";
        if (!Double.isFinite(toEv)) rec.note("the energy axis has no eV/keV unit ('" + ea.units() + "'); eV assumed");
        EnergyAxis axis = new EnergyAxis(ea.value(0), ea.scale(), unit);
        String sig = im.tags() == null ? null : im.tags().text("Meta Data", "Signal");
        Signal signal = sig != null && sig.toUpperCase(Locale.ROOT).contains("X-RAY") || Signal.inferFromName(im.name()) == Signal.EDS
                || "keV".equalsIgnoreCase(unit) ? Signal.EDS : Signal.EELS;
        rec.note("spectrum data taken as " + signal.label() + (sig != null ? " (Meta Data.Signal = " + sig + ")" : " (from the energy unit)"));
        double[] angles = stackAngles(im, 1, rec, opt);
        double px = xi < 0 ? Double.NaN : im.axes()[xi].scale() * Units.toNm(im.axes()[xi].units());
        px = rec.pixelSize(opt, px, "DM calibration of the x axis");
        String name = im.name().isBlank() ? stem(im.file()) : im.name();
        return rec.finish(name, px, angles, List.of(Channel.spectrum(signal.label(), signal, st, axis)), acquisition(im), opt);
    }

    private static ObjectNode acquisition(Image im) {
        ObjectNode ex = Json.object();
        if (im.tags() == null) return ex;
        Double kv = im.tags().number("Microscope Info", "Voltage");
        if (kv != null && kv > 0) ex.putObject("acquisition").put("beamEnergyKeV", kv / 1000.0);
        return ex;
    }
}
