package org.trident.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code trident.tiltseries/1} bundle: a folder with {@code tiltseries.json} (or that
 * file itself). Image arrays are loaded; spectrum arrays stay on disk and are streamed.
 * Every inconsistency is refused with a sentence naming the file.
 */
public final class BundleReader {
    public static final String FORMAT = "trident.tiltseries/1";
    public static final String FILE = "tiltseries.json";

    /** What reading inferred or noticed (e.g. "signal of HAADF inferred as ADF"), for {@code info}. */
    private final List<String> notes = new ArrayList<>();
    private final boolean allowOutsidePaths;

    public BundleReader() {
        this(false);
    }

    /** @param allowOutsidePaths whether channel files may lie outside the bundle folder ({@code --allow-outside-paths}) */
    public BundleReader(boolean allowOutsidePaths) {
        this.allowOutsidePaths = allowOutsidePaths;
    }

    public List<String> notes() {
        return notes;
    }

    /** The bundle's JSON file for a folder or a file path. */
    public static Path jsonFile(Path bundle) {
        return Files.isDirectory(bundle) ? bundle.resolve(FILE) : bundle;
    }

    public static boolean isBundle(Path p) {
        return Files.isRegularFile(jsonFile(p)) && jsonFile(p).getFileName().toString().endsWith(".json");
    }

    public static TiltSeries read(Path bundle) {
        return new BundleReader().load(bundle);
    }

    public TiltSeries load(Path bundle) {
        Path json = jsonFile(bundle);
        if (!Files.exists(json)) throw TridentException.file(json, Files.isDirectory(bundle) ? "no tiltseries.json in this folder" : "file not found");
        ObjectNode root = Json.readObject(json);
        Path dir = json.toAbsolutePath().getParent();
        String format = root.path("format").asText("");
        if (!format.startsWith("trident.tiltseries/")) {
            throw TridentException.file(json, "not a Trident tilt-series bundle (format is '" + format + "', expected " + FORMAT + ")");
        }
        String ver = format.substring("trident.tiltseries/".length());
        if (!ver.equals("1") && !ver.startsWith("1.")) {
            throw TridentException.file(json, "bundle format " + format + " is newer than this Trident reads (" + FORMAT + "); please update Trident");
        }
        JsonNode px = root.get("pixelSizeNm");
        if (px == null || !px.isNumber() || !(px.asDouble() > 0)) throw TridentException.file(json, "pixelSizeNm must be a positive number");
        JsonNode ang = root.get("tiltAnglesDeg");
        if (ang == null || !ang.isArray() || ang.isEmpty()) throw TridentException.file(json, "tiltAnglesDeg is missing or empty");
        double[] angles = new double[ang.size()];
        for (int i = 0; i < angles.length; i++) {
            JsonNode a = ang.get(i);
            if (!a.isNumber() || !Double.isFinite(a.asDouble())) throw TridentException.file(json, "tilt angle " + i + " is not a number: " + a);
            angles[i] = a.asDouble();
        }
        JsonNode chs = root.get("channels");
        if (chs == null || !chs.isArray() || chs.isEmpty()) throw TridentException.file(json, "channels is missing or empty");
        List<Channel> channels = new ArrayList<>();
        for (JsonNode c : chs) channels.add(channel(json, dir, c, angles.length));
        ObjectNode extra = root.deepCopy();
        extra.remove(List.of("format", "name", "pixelSizeNm", "tiltAnglesDeg", "channels"));
        try {
            return new TiltSeries(root.path("name").asText(""), px.asDouble(), angles, channels, extra);
        } catch (TridentException e) {
            throw TridentException.file(json, e.getMessage());
        }
    }

    private Channel channel(Path json, Path dir, JsonNode c, int tilts) {
        if (!c.isObject()) throw TridentException.file(json, "each channel must be a JSON object");
        String name = c.path("name").asText("");
        if (name.isBlank()) throw TridentException.file(json, "a channel has no name");
        String kind = c.path("kind").asText("");
        String fileName = c.path("file").asText("");
        if (fileName.isBlank()) throw TridentException.file(json, "channel " + name + " names no file");
        Path file = BundlePaths.resolve(json, dir, fileName, "channel " + name, allowOutsidePaths);
        Signal signal = Signal.parse(c.path("signal").asText(null));
        if (c.hasNonNull("signal") && signal == null) {
            throw TridentException.file(json, "channel " + name + " has unknown signal '" + c.get("signal").asText()
                    + "' (ADF, BF, EDS, EELS, EELS-lowloss or map)");
        }
        if (signal == null) {
            signal = Signal.inferFromName(name);
            if (signal == null) {
                signal = kind.equals("spectrum") ? Signal.EELS : Signal.MAP;
                notes.add("signal of channel " + name + " not given and not recognised from its name; taken as " + signal.label());
            } else {
                notes.add("signal of channel " + name + " inferred from its name as " + signal.label());
            }
        }
        ObjectNode extra = ((ObjectNode) c).deepCopy();
        extra.remove(List.of("name", "signal", "kind", "file", "energyAxis"));
        if (kind.equals("image")) {
            ImageStack im = ArrayFiles.readImages(file);
            if (im.tilts() != tilts) throw TridentException.file(file, "holds " + im.tilts() + " tilt images but tiltAnglesDeg lists " + tilts + " angles");
            int[] bad = im.firstNonFinite();
            if (bad != null) throw TridentException.file(file, "tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]
                    + "; a tilt series must be finite everywhere");
            return new Channel(name, signal, im, null, null, extra);
        } else if (kind.equals("spectrum")) {
            JsonNode ax = c.get("energyAxis");
            if (ax == null || !ax.path("scale").isNumber() || !ax.path("offset").isNumber()) {
                throw TridentException.file(json, "spectrum channel " + name + " needs energyAxis with numeric offset and scale");
            }
            String unit = ax.path("unit").asText(signal == Signal.EDS ? "keV" : "eV");
            EnergyAxis axis;
            try {
                axis = new EnergyAxis(ax.get("offset").asDouble(), ax.get("scale").asDouble(), unit);
            } catch (TridentException e) {
                throw TridentException.file(json, "channel " + name + ": " + e.getMessage());
            }
            SpectrumStack sp = ArrayFiles.openSpectra(file);
            if (sp.tilts() != tilts) throw TridentException.file(file, "holds " + sp.tilts() + " tilts but tiltAnglesDeg lists " + tilts + " angles");
            return new Channel(name, signal, null, sp, axis, extra);
        } else {
            throw TridentException.file(json, "channel " + name + " has kind '" + kind + "' (image or spectrum expected)");
        }
    }
}
