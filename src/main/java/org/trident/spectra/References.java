package org.trident.spectra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.io.Msa;
import org.trident.io.Npy;
import org.trident.model.EnergyAxis;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reference spectra of standards, {@code trident.references/1} (contract section 3): each a
 * background-removed spectrum of known element and valence, stored as a 1-D {@code .npy} on the
 * JSON's energy axis or as an {@code .msa}/{@code .emsa} spectrum on its own axis (resampled
 * onto the JSON's axis on reading).
 */
public final class References {
    public static final String FORMAT = "trident.references/1";

    /**
     * One standard; {@code values} are counts per channel on the references' axis;
     * {@code postEdgeWindowEv} is the file's own normalisation window (optional field
     * {@code postEdgeWindowEv: [from, to]}), or null.
     */
    public record Reference(String name, String element, double valence, float[] values, double[] postEdgeWindowEv) {}

    private final Path file;
    private final String channel;
    private final EnergyAxis axis;
    private final List<Reference> list;

    public References(Path file, String channel, EnergyAxis axis, List<Reference> list) {
        this.file = file;
        this.channel = channel;
        this.axis = axis;
        this.list = List.copyOf(list);
    }

    public Path file() { return file; }
    public String channel() { return channel; }
    public EnergyAxis axis() { return axis; }
    public List<Reference> list() { return list; }

    public List<Reference> of(String element) {
        return list.stream().filter(r -> r.element().equals(element)).toList();
    }

    public static References read(Path json) {
        Path f = Files.isDirectory(json) ? json.resolve("references.json") : json;
        ObjectNode root = Json.readObject(f);
        String format = root.path("format").asText("");
        if (!format.startsWith("trident.references/")) throw TridentException.file(f, "not a reference list (format is '" + format + "', expected " + FORMAT + ")");
        if (!format.equals(FORMAT) && !format.startsWith(FORMAT + ".")) throw TridentException.file(f, "reference format " + format + " is newer than this Trident reads (" + FORMAT + ")");
        JsonNode ax = root.get("energyAxis");
        if (ax == null || !ax.path("offset").isNumber() || !ax.path("scale").isNumber()) throw TridentException.file(f, "energyAxis with numeric offset and scale is required");
        EnergyAxis axis;
        try {
            axis = new EnergyAxis(ax.get("offset").asDouble(), ax.get("scale").asDouble(), ax.path("unit").asText("eV"));
        } catch (TridentException e) {
            throw TridentException.file(f, e.getMessage());
        }
        JsonNode refs = root.get("references");
        if (refs == null || !refs.isArray() || refs.isEmpty()) throw TridentException.file(f, "references is missing or empty");
        Path dir = f.toAbsolutePath().getParent();
        List<Reference> list = new ArrayList<>();
        Integer length = null;
        for (JsonNode r : refs) {
            String name = r.path("name").asText("");
            String el = r.path("element").asText("");
            if (name.isBlank() || el.isBlank()) throw TridentException.file(f, "each reference needs a name and an element");
            if (!r.path("valence").isNumber()) throw TridentException.file(f, "reference " + name + " needs a numeric valence");
            if (list.stream().anyMatch(x -> x.name().equals(name))) throw TridentException.file(f, "reference name " + name + " appears twice");
            String fileName = r.path("file").asText("");
            if (fileName.isBlank()) throw TridentException.file(f, "reference " + name + " names no file");
            Path sp = dir.resolve(fileName).normalize();
            float[] v;
            String ext = fileName.toLowerCase(Locale.ROOT);
            if (ext.endsWith(".npy")) {
                v = Npy.readVector(sp);
                if (length == null) length = v.length;
            } else if (ext.endsWith(".msa") || ext.endsWith(".emsa")) {
                Msa.Spectrum m = Msa.read(sp);
                int n = length != null ? length : Math.max(2, (int) Math.round((lastEv(m) - axis.energyEv(0)) / Math.abs(axis.scale() * axis.toEv())) + 1);
                v = resample(m.values(), m.axis(), axis, length != null ? length : n);
            } else {
                throw TridentException.file(sp, "reference spectra must be .npy, .msa or .emsa");
            }
            for (float x : v) if (!Float.isFinite(x)) throw TridentException.file(sp, "holds a non-finite value");
            double[] win = null;
            JsonNode pw = r.get("postEdgeWindowEv");
            if (pw != null && pw.isArray() && pw.size() == 2 && pw.get(0).isNumber() && pw.get(1).isNumber() && pw.get(1).asDouble() > pw.get(0).asDouble()) {
                win = new double[]{pw.get(0).asDouble(), pw.get(1).asDouble()};
            }
            list.add(new Reference(name, el, r.get("valence").asDouble(), v, win));
        }
        return new References(f, root.path("channel").asText("EELS"), axis, list);
    }

    private static double lastEv(Msa.Spectrum m) {
        return m.axis().energyEv(m.length() - 1);
    }

    /**
     * Resamples counts-per-channel values from one axis onto another by linear interpolation of
     * the density (counts per eV), then times the target channel width. Zero outside the source.
     */
    public static float[] resample(float[] src, EnergyAxis from, EnergyAxis to, int n) {
        double wFrom = Math.abs(from.scale() * from.toEv()), wTo = Math.abs(to.scale() * to.toEv());
        float[] out = new float[n];
        for (int c = 0; c < n; c++) {
            double e = to.energyEv(c);
            double x = (e / from.toEv() - from.offset()) / from.scale();
            int i = (int) Math.floor(x);
            if (i < 0 || i >= src.length - 1) {
                if (Math.abs(x - (src.length - 1)) < 1e-9) out[c] = (float) (src[src.length - 1] / wFrom * wTo);
                continue;
            }
            double t = x - i;
            out[c] = (float) (((1 - t) * src[i] + t * src[i + 1]) / wFrom * wTo);
        }
        return out;
    }

    /** A reference on a data axis, moved by {@code shiftEv} (the tilt's energy offset), as doubles. */
    public double[] onAxis(Reference r, EnergyAxis target, int channels, double shiftEv) {
        EnergyAxis shifted = new EnergyAxis(axis.offset() + shiftEv / axis.toEv(), axis.scale(), axis.unit());
        float[] f = resample(r.values(), shifted, target, channels);
        double[] d = new double[channels];
        for (int i = 0; i < channels; i++) d[i] = f[i];
        return d;
    }
}
