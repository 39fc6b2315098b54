package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Mrc;
import org.trident.io.Npy;
import org.trident.model.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;

import static org.trident.contract.Cli.json;
import static org.trident.contract.Cli.ok;

/**
 * One tiny simulated series (24³ voxels, 7 tilts, misaligned, unknown fields added) run once per
 * test JVM through quantify, align, reconstruct --half-sets and pipeline, shared by the contract
 * test classes; plus a HAADF-only series without sample.stage through pipeline.
 */
final class SimulatedRun {
    private SimulatedRun() {}

    static Path dir, sim, bundle, q, al, rec, pipe, pipeB;
    static Map<Path, String> inputHashes;

    static synchronized void ensure() throws Exception {
        if (pipeB != null) return;
        dir = Files.createTempDirectory("trident-contract-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        sim = dir.resolve("sim");
        ok("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "24", "--angles", "-60:60:20",
                "--seed", "3", "--misalign", "--threads", "2");
        bundle = sim.resolve("bundle");
        // unknown fields, top level and per channel, must survive every rewrite
        ObjectNode root = (ObjectNode) json(bundle.resolve("tiltseries.json"));
        root.putObject("labNotebook").put("page", 42);
        ((ObjectNode) root.get("sample")).put("operator", "Ada");
        ((ObjectNode) root.get("acquisition")).put("holder", "single-tilt tomography");
        for (JsonNode c : root.get("channels")) ((ObjectNode) c).put("detectorSerial", "X-" + c.get("name").asText());
        Files.writeString(bundle.resolve("tiltseries.json"), Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        inputHashes = hashes(bundle);
        String refs = sim.resolve("references/references.json").toString();
        q = dir.resolve("q");
        ok("quantify", bundle.toString(), "--out", q.toString(), "--references", refs, "--threads", "2");
        al = dir.resolve("al");
        ok("align", q.resolve("tiltseries.json").toString(), "--out", al.toString(), "--threads", "2");
        rec = dir.resolve("rec");
        ok("reconstruct", al.toString(), "--out", rec.toString(), "--half-sets", "--iterations", "10",
                "--channel", "HAADF", "--channel", "EDS:Ni", "--channel", "EDS:Co", "--channel", "EDS:Mn",
                "--channel", "EELS:Mn-Mn2+", "--channel", "EELS:Mn-Mn3+", "--channel", "EELS:Mn-Mn4+", "--threads", "2");
        pipe = dir.resolve("pipe");
        ok("pipeline", bundle.resolve("tiltseries.json").toString(), "--references", refs, "--out", pipe.toString(), "--threads", "2");
        Path simB = dir.resolve("simB");
        ok("simulate", "--stage", "pristine", "--out", simB.toString(), "--size", "24", "--angles", "-60:60:30",
                "--no-eds", "--no-eels", "--threads", "2");
        // no sample.stage: compare must label this dataset by its name
        ObjectNode b = (ObjectNode) json(simB.resolve("bundle/tiltseries.json"));
        b.remove("sample");
        b.put("name", "unstaged particle");
        Files.writeString(simB.resolve("bundle/tiltseries.json"), b.toString());
        pipeB = dir.resolve("pipeB");
        ok("pipeline", simB.resolve("bundle").toString(), "--out", pipeB.toString(), "--threads", "2");
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary folder left behind is harmless
        }
    }

    static Map<Path, String> hashes(Path d) throws Exception {
        Map<Path, String> h = new TreeMap<>();
        for (Path p : list(d)) {
            if (Files.isRegularFile(p)) h.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
        return h;
    }

    static void collectMrcNames(JsonNode n, List<String> out) {
        if (n.isTextual() && n.asText().endsWith(".mrc")) out.add(n.asText());
        n.forEach(c -> collectMrcNames(c, out));
    }

    static ImageStack readImages(Path p) {
        return p.toString().endsWith(".mrc") ? Mrc.readImages(p) : Npy.readImages(p);
    }

    static JsonNode parse(String s) {
        try {
            return Cli.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    static JsonNode channel(JsonNode ts, String name) {
        for (JsonNode c : ts.get("channels")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no channel " + name);
    }

    static Set<String> texts(JsonNode arr) {
        Set<String> s = new HashSet<>();
        arr.forEach(x -> s.add(x.asText()));
        return s;
    }

    static List<String> texts(JsonNode arr, String field) {
        List<String> s = new ArrayList<>();
        arr.forEach(x -> s.add(x.get(field).asText()));
        return s;
    }

    static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
