package org.trident.recon;

import org.trident.job.Checksums;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code reconstruct} output layout (contract section 6): one float32 MRC per channel named
 * after the channel ({@code EDS:Ni} → {@code EDS_Ni.mrc}), half-set volumes
 * ({@code EDS_Ni.odd.mrc}, {@code EDS_Ni.even.mrc}), and {@code reconstruction.json} written
 * last, so a folder holding the JSON is complete. Volumes are written as soon as they are added,
 * so only one needs to be in memory at a time.
 */
public final class ReconstructionWriter {
    public static final String FORMAT = "trident.reconstruction/1";
    public static final String FILE = "reconstruction.json";

    private final Path dir;
    private final ObjectNode root = Json.object();
    private final ObjectNode channels;
    private final ObjectNode odd = Json.object(), even = Json.object();
    private final Set<String> used = new HashSet<>();

    /** Starts the record for {@code ts} in {@code dir} (which must exist; see io.OutputDirs). */
    public ReconstructionWriter(Path dir, TiltSeries ts) {
        this.dir = dir;
        root.put("format", FORMAT);
        root.put("schemaVersion", 1);
        root.put("name", ts.name());
        if (ts.extra().has("sample")) root.set("sample", ts.extra().get("sample").deepCopy());
        root.put("pixelSizeNm", ts.pixelSizeNm());
        root.put("voxelSizeNm", ts.pixelSizeNm());
        ArrayNode a = root.putArray("tiltAnglesDeg");
        for (double v : ts.tiltAnglesDeg()) a.add(v);
        if (ts.extra().has("quantification")) root.set("quantification", ts.extra().get("quantification").deepCopy());
        for (String k : new String[]{"acquisition", "alignment"}) if (ts.extra().has(k)) root.set(k, ts.extra().get(k).deepCopy());
        ObjectNode g = root.putObject("geometry");
        g.put("convention", "contract section 1: u = x·cosθ + z·sinθ, v = y; voxel (i,j,k) centred at i-(X-1)/2, j-(Y-1)/2, k-(Z-1)/2");
        projector(ProjectorModel.DEFAULT);
        g.put("units", "projection units per pixel length (line integrals in pixels)");
        channels = root.putObject("channels");
    }

    /** Records the projector model that made the volumes (the default unless a caller chose another). */
    public void projector(ProjectorModel m) {
        ObjectNode g = (ObjectNode) root.get("geometry");
        g.put("projector", m.description());
        g.put("projectorModel", m.label());
    }

    /** The MRC file name for a channel: safe characters only, unique within this folder. */
    private String fileName(String channel, String suffix) {
        String base = BundleWriter.safeName(channel) + suffix;
        String f = base + ".mrc";
        for (int i = 2; !used.add(f.toLowerCase(Locale.ROOT)); i++) f = base + "-" + i + ".mrc";
        return f;
    }

    /** Writes a channel's volume and records it with its metadata, parameters and statistics. */
    public ObjectNode addChannel(Channel ch, Volume v, ReconParams p, Reconstructor.Result r) {
        String file = fileName(ch.name(), "");
        Mrc.write(dir.resolve(file), v, ch.name(), "reconstructed intensity, a.u.");
        ObjectNode c = channels.putObject(ch.name());
        c.put("file", file);
        c.put("signal", ch.signal().label());
        c.set("element", ch.extra().has("element") ? ch.extra().get("element").deepCopy() : elementFromName(ch.name()));
        c.set("reference", ch.extra().has("reference") ? ch.extra().get("reference").deepCopy() : Json.MAPPER.nullNode());
        ObjectNode extra = ch.extra().deepCopy();
        extra.remove(java.util.List.of("element", "reference"));
        c.setAll(extra);
        ArrayNode shape = c.putArray("shape");
        shape.add(v.nx()).add(v.ny()).add(v.nz());
        c.set("parameters", parameters(p));
        if (r != null) {
            c.put("iterations", r.iterations());
            if (!Double.isNaN(r.residual())) c.put("relativeResidual", r.residual());
            c.put("converged", r.converged());
            c.put("seconds", round(r.seconds()));
        }
        return c;
    }

    /** Writes a half-set volume ({@code odd} true for the odd tilts) and lists it under "halfSets". */
    public void addHalfSet(Channel ch, boolean oddTilts, Volume v) {
        String file = fileName(ch.name(), oddTilts ? ".odd" : ".even");
        Mrc.write(dir.resolve(file), v);
        (oddTilts ? odd : even).put(ch.name(), file);
    }

    /** The JSON being built, for extra fields (timings, inputs, threads). */
    public ObjectNode root() { return root; }

    /** Records an input file with its SHA-256. */
    public void addInput(Path file) {
        ArrayNode in = root.has("inputs") ? (ArrayNode) root.get("inputs") : root.putArray("inputs");
        ObjectNode n = in.addObject();
        n.put("path", file.toAbsolutePath().normalize().toString());
        n.put("sha256", Checksums.sha256(file));
    }

    /** Writes reconstruction.json (last, atomically). */
    public Path finish(int threads, double seconds, String version) {
        if (!odd.isEmpty() || !even.isEmpty()) {
            ObjectNode h = root.putObject("halfSets");
            h.set("odd", odd);
            h.set("even", even);
        }
        root.put("threads", threads);
        // which projector kernels ran (native-avx512 … or java; docs/decisions/1201-native-kernels.md): same
        // matrix either way, results agree to float rounding
        root.put("kernels", Reconstructor.kernels());
        root.put("seconds", round(seconds));
        root.put("version", version);
        root.put("created", Instant.now().toString());
        Path f = dir.resolve(FILE);
        Json.write(f, root);
        return f;
    }

    /** Parameters as JSON, units in the names. */
    public static ObjectNode parameters(ReconParams p) {
        ObjectNode n = Json.object();
        n.put("algorithm", p.algorithm().label());
        if (p.algorithm().iterative()) {
            n.put("iterations", p.iterations());
            n.put("relaxation", p.relaxation());
            n.put("tolerance", p.tolerance());
        }
        n.put("nonNegative", p.nonNegative());
        n.put("thicknessVoxels", p.thicknessVoxels());
        if (p.algorithm() == Algorithm.WBP) {
            n.put("filter", p.filter().label());
            n.put("filterCutoff", p.filterCutoff());
        }
        if (p.algorithm() == Algorithm.SART) n.put("subsets", p.subsets());
        if (p.algorithm() == Algorithm.ART || p.algorithm() == Algorithm.SART) {
            n.put("randomOrder", p.randomOrder());
            n.put("seed", p.seed());
        }
        return n;
    }

    private static com.fasterxml.jackson.databind.JsonNode elementFromName(String name) {
        // "EDS:Ni" → Ni, "EELS:Mn-L3" → Mn; others have no element
        int colon = name.indexOf(':');
        if (colon < 0) return Json.MAPPER.nullNode();
        String rest = name.substring(colon + 1);
        int dash = rest.indexOf('-');
        String el = dash > 0 ? rest.substring(0, dash) : rest;
        return el.matches("[A-Z][a-z]?") ? Json.MAPPER.getNodeFactory().textNode(el) : Json.MAPPER.nullNode();
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
