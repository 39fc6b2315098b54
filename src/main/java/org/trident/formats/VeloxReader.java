package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thermo Fisher Velox EMD: {@code /Data/Image/<id>/Data} is {@code [height][width][frames]} with
 * {@code Metadata} holding one JSON text per frame (uint8 columns); frames are tilts, each with
 * {@code Stage.AlphaTilt} in radians. {@code /Data/SpectrumStream/<id>} holds the EDS events as
 * uint16 (65535 = next pixel, any other value = one count in that channel), with
 * {@code AcquisitionSettings} (bincount, raster size) and the detector's {@code Dispersion} and
 * {@code OffsetEnergy} (eV) in its metadata; it is decoded into a spectrum image by
 * {@link VeloxStream}.
 */
final class VeloxReader {
    private VeloxReader() {}

    static Datasets.Opened open(Path file, HdfFile h, ImportOptions opt) {
        ImportRecord rec = new ImportRecord("Velox EMD").source(file);
        Group data = Hdf5.group(h, "Data");
        Group images = Hdf5.group(data, "Image");
        List<Channel> chs = new ArrayList<>();
        double[] angles = null;
        double px = Double.NaN;
        ObjectNode extra = Json.object();
        Map<String, Integer> names = new LinkedHashMap<>();
        int tilts = -1;
        if (images != null) {
            for (Node n : images.getChildren().values()) {
                if (!(n instanceof Group g) || Hdf5.dataset(g, "Data") == null) continue;
                Dataset d = Hdf5.dataset(g, "Data");
                int[] s = d.getDimensions();
                if (s.length != 3) throw TridentException.file(file, "Velox image " + g.getName() + " has " + s.length + " dimensions (height × width × frames expected)");
                if (!Hdf5.numeric(d)) throw TridentException.file(file, "Velox image " + g.getName() + " is not numeric");
                int hh = s[0], ww = s[1], frames = s[2];
                if (tilts >= 0 && frames != tilts) {
                    rec.note("image " + g.getName() + " has " + frames + " frames, not " + tilts + "; left out");
                    continue;
                }
                Datasets.checkMemory(file, 4L * hh * ww * frames);
                float[][] planes = new float[frames][hh * ww];
                float[] col = new float[hh * ww];
                for (int f = 0; f < frames; f++) {
                    Hdf5.slice(file, d, new long[]{0, 0, f}, new int[]{hh, ww, 1}, col, 0);
                    System.arraycopy(col, 0, planes[f], 0, col.length);
                }
                ImageStack st = new ImageStack(ww, hh, planes, Hdf5.typeName(d));
                int[] bad = st.firstNonFinite();
                if (bad != null) throw TridentException.file(file, "Velox image " + g.getName() + ", frame " + bad[0] + " has a non-finite value");
                JsonNode[] meta = frameMetadata(file, g, frames);
                String det = meta[0].path("BinaryResult").path("Detector").asText("");
                if (det.isBlank()) det = "image";
                Signal sig = Signal.inferFromName(det);
                if (sig == null || sig == Signal.MAP) sig = det.toUpperCase(Locale.ROOT).contains("DF") ? Signal.ADF : Signal.MAP;
                String name = det;
                int k = names.merge(name, 1, Integer::sum);
                if (k > 1) name = name + "-" + k;
                chs.add(Channel.image(name, sig, st));
                if (tilts < 0) {
                    tilts = frames;
                    angles = frameAngles(file, meta, rec, opt);
                    px = pixelNm(meta[0]);
                    double kv = meta[0].path("Optics").path("AccelerationVoltage").asDouble(Double.NaN);
                    if (kv > 0) extra.putObject("acquisition").put("beamEnergyKeV", kv / 1000.0);
                }
            }
        }
        Group streams = Hdf5.group(data, "SpectrumStream");
        if (streams != null) {
            // several streams of one raster are the detectors of one system (e.g. four Super-X
            // quadrants): their counts are summed into one EDS channel, as Velox shows them
            List<VeloxStream.Decoded> sums = new ArrayList<>();
            for (Node n : streams.getChildren().values()) {
                if (!(n instanceof Group g) || Hdf5.dataset(g, "Data") == null) continue;
                if (tilts > 1) {
                    rec.note("EDS stream " + g.getName() + " left out: the images have " + tilts + " frames and a stream is one spectrum image");
                    continue;
                }
                VeloxStream.Decoded dec = null;
                for (VeloxStream.Decoded s : sums) {
                    dec = VeloxStream.decode(file, g, opt.progress(), s);
                    if (dec != null) break;
                }
                if (dec == null) {
                    dec = VeloxStream.decode(file, g, opt.progress());
                    sums.add(dec);
                }
                rec.note(dec.note() + (sums.contains(dec) ? "" : " (added to the matching stream)"));
            }
            for (VeloxStream.Decoded dec : sums) {
                if (!chs.isEmpty() && (chs.get(0).width() != dec.stack().width() || chs.get(0).height() != dec.stack().height())) {
                    rec.note("an EDS stream of " + dec.stack().width() + "x" + dec.stack().height() + " differs from the images; left out");
                    continue;
                }
                String name = names.containsKey("EDS") ? "EDS-" + (names.size() + 1) : "EDS";
                names.put(name, 1);
                chs.add(Channel.spectrum(name, Signal.EDS, dec.stack(), dec.axis()));
                if (tilts < 0) {
                    tilts = 1;
                    angles = frameAngles(file, new JsonNode[]{dec.metadata()}, rec, opt);
                    px = pixelNm(dec.metadata());
                }
            }
        }
        if (chs.isEmpty()) throw TridentException.file(file, "Velox file holds no image or spectrum stream Trident reads");
        px = rec.pixelSize(opt, px, "Velox metadata BinaryResult.PixelSize");
        return rec.finish(DmReader.stem(file), px, angles, chs, extra, opt);
    }

    static JsonNode[] frameMetadata(Path file, Group g, int frames) {
        JsonNode[] out = new JsonNode[frames];
        Dataset m = Hdf5.dataset(g, "Metadata");
        for (int f = 0; f < frames; f++) out[f] = m == null ? Json.object() : parse(file, Hdf5.textData(file, m, f));
        return out;
    }

    static JsonNode parse(Path file, String text) {
        return Json.parse(file, "Velox metadata is not valid JSON", text);
    }

    private static double[] frameAngles(Path file, JsonNode[] meta, ImportRecord rec, ImportOptions opt) {
        double[] side = MicroscopeFiles.sidecarAngles(file, meta.length, rec, opt);
        if (side != null) return side;
        double[] a = new double[meta.length];
        for (int i = 0; i < a.length; i++) {
            JsonNode t = meta[i].path("Stage").path("AlphaTilt");
            if (t.isMissingNode() || t.isNull()) {
                if (meta.length == 1) {
                    rec.angleSource("none in the file; 0° assumed");
                    rec.note("the file gives no stage tilt; 0° assumed");
                    return new double[]{0};
                }
                throw TridentException.file(file, "Velox frame " + i + " has no Stage.AlphaTilt; give the angles with --angles FILE");
            }
            double r = t.isNumber() ? t.asDouble() : parseOr(t.asText(""), Double.NaN);
            if (!(Math.abs(r) <= Math.PI / 2 + 1e-9)) {
                throw TridentException.file(file, "Velox frame " + i + " Stage.AlphaTilt is '" + AngleFiles.clip(t.asText()) + "', not a tilt in radians"
                        + " within ±π/2; give the angles with --angles FILE");
            }
            a[i] = Math.toDegrees(r);
        }
        rec.angleSource("Velox metadata Stage.AlphaTilt per frame (radians, converted to degrees)");
        return a;
    }

    static double parseOr(String s, double fallback) {
        double v = org.trident.io.Numbers.parse(s);
        return Double.isNaN(v) ? fallback : v;
    }

    private static double pixelNm(JsonNode meta) {
        JsonNode p = meta.path("BinaryResult").path("PixelSize").path("width");
        double v = p.isNumber() ? p.asDouble() : parseOr(p.asText(""), Double.NaN);
        String unit = meta.path("BinaryResult").path("PixelUnitX").asText("m");
        return v * Units.toNm(unit);
    }
}
