package org.trident.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled sample workspace: three simulated particles (pristine, cycled-10, cycled-100)
 * made from the specs in sample-data/ (on the class path) with fixed seeds. They are generated
 * on first use into a cache folder outside the repository and reused afterwards: each sample is
 * built in a temporary folder and renamed into place, and a {@code complete.json} listing every
 * file and its size is written last and checked on reuse.
 */
public final class SampleData {
    public static final List<String> NAMES = List.of("pristine", "cycled-10", "cycled-100");
    /** Bump when the simulator's output for the same spec changes, so old caches are not reused. */
    static final int MODEL_REVISION = 2;
    private static final String MARKER = "complete.json";

    private SampleData() {}

    /** The bundle folders of the three samples, generating any that are missing (threads: all cores). */
    public static List<Path> ensure(Progress progress) {
        return ensure(cacheRoot(), progress, Runtime.getRuntime().availableProcessors());
    }

    /** Same, into {@code root} (the version folder is made inside it). */
    public static List<Path> ensure(Path root, Progress progress, int threads) {
        return ensure(root, NAMES.stream().map(SampleData::spec).toList(), progress, threads);
    }

    static List<Path> ensure(Path root, List<SampleSpec> specs, Progress progress, int threads) {
        Path dir = root.resolve("sample-" + version(specs));
        List<Path> bundles = new ArrayList<>();
        List<SampleSpec> missing = specs.stream().filter(s -> !isComplete(dir.resolve(s.name()))).toList();
        // one bar over all missing samples: each simulator phase fills its share of a sample's 100 units
        if (!missing.isEmpty()) progress.start("generating the sample data (first use only)", 100L * missing.size());
        for (SampleSpec s : specs) {
            progress.checkCancelled();
            Path target = dir.resolve(s.name());
            if (missing.contains(s)) generate(s, target, new PhaseShares(progress), threads);
            bundles.add(target.resolve("bundle"));
        }
        return bundles;
    }

    /** {@code $TRIDENT_CACHE}, else {@code ~/.cache/trident}. */
    public static Path cacheRoot() {
        String env = System.getenv("TRIDENT_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "trident");
    }

    /** The spec of one bundled sample, read from the class path. */
    public static SampleSpec spec(String name) {
        String res = "sample-data/" + name + ".json";
        try (InputStream in = SampleData.class.getResourceAsStream(res)) {
            if (in == null) throw new TridentException("the sample spec " + res + " is missing from the Trident jar");
            SampleSpec s = Json.MAPPER.readValue(in, SampleSpec.class);
            List<String> problems = s.params().validate();
            if (!problems.isEmpty()) throw new TridentException("the sample spec " + res + " is invalid: " + String.join("; ", problems));
            return s;
        } catch (IOException e) {
            throw new TridentException("cannot read the sample spec " + res + ": " + e.getMessage(), e);
        }
    }

    /** Trident's version plus a digest of the specs and the model revision. */
    static String version(List<SampleSpec> specs) {
        String v = SampleData.class.getPackage().getImplementationVersion();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("rev" + MODEL_REVISION).getBytes(StandardCharsets.UTF_8));
            for (SampleSpec s : specs) md.update(Json.toString(s).getBytes(StandardCharsets.UTF_8));
            return (v == null ? "dev" : v) + "-" + HexFormat.of().formatHex(md.digest(), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the folder holds a finished sample: the marker and every file it lists, at its size. */
    static boolean isComplete(Path target) {
        Path marker = target.resolve(MARKER);
        if (!Files.isRegularFile(marker)) return false;
        ObjectNode m;
        try {
            m = Json.readObject(marker);
        } catch (TridentException e) {
            return false; // a corrupt marker of Trident's own cache: the sample is made again
        }
        String format = m.path("format").asText("");
        if (format.startsWith("trident.sample-cache/") && !format.equals("trident.sample-cache/1") && !format.startsWith("trident.sample-cache/1.")) {
            throw TridentException.file(marker, "was written by a newer Trident (" + format + "); it is kept as it is: update Trident or set"
                    + " TRIDENT_CACHE to another folder");
        }
        try {
            JsonNode files = m.path("files");
            if (!files.isObject() || files.isEmpty()) return false;
            var it = files.fields();
            while (it.hasNext()) {
                var e = it.next();
                Path f = target.resolve(e.getKey());
                if (!Files.isRegularFile(f) || Files.size(f) != e.getValue().asLong()) return false;
            }
            return true;
        } catch (IOException | TridentException e) {
            return false;
        }
    }

    private static void generate(SampleSpec s, Path target, PhaseShares progress, int threads) {
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + s.name() + "-");
            progress.message("generating the " + s.name() + " sample (first use only)");
            Simulation sim = Simulator.run(s.params(), progress, threads);
            SimulationWriter.write(sim, tmp, progress);
            writeMarker(tmp, s);
            if (Files.exists(target)) deleteTree(target); // incomplete leftovers
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            tmp = null;
            progress.finish();
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process finished the same sample first; use it if it is whole
            if (!isComplete(target)) throw new TridentException(target + ": could not place the generated sample: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TridentException(parent + ": cannot write the sample data: " + e.getMessage(), e);
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** Maps the simulator's phases onto a fixed share of 100 units of the caller's progress. */
    static final class PhaseShares implements Progress {
        private static final java.util.Map<String, Integer> SHARE = java.util.Map.of(
                "particle model", 6, "truth volumes", 2, "spectrum templates", 1, "simulating tilts", 56, "writing bundle", 35);
        private final Progress parent;
        private long total = 1, done, given, used;
        private int share;

        PhaseShares(Progress parent) { this.parent = parent; }

        @Override public synchronized void start(String message, long t) {
            flush(share);
            used += share;
            share = SHARE.getOrDefault(message, 0);
            total = Math.max(1, t);
            done = 0;
            given = 0;
        }

        @Override public synchronized void advance(long units) {
            done += units;
            flush(Math.min(share, share * done / total));
        }

        /** Pays out the units of the current phase up to {@code upTo}, never more than 100 per sample. */
        private void flush(long upTo) {
            long pay = Math.min(upTo, 100 - used) - given;
            if (pay > 0) {
                parent.advance(pay);
                given += pay;
            }
        }

        @Override public void message(String m) { parent.message(m); }
        @Override public boolean isCancelled() { return parent.isCancelled(); }

        /** Completes the sample's 100 units. */
        synchronized void finish() {
            flush(share);
            used += share;
            share = 0;
            given = 0;
            if (used < 100) parent.advance(100 - used);
            used = 100;
        }
    }

    private static void writeMarker(Path dir, SampleSpec s) throws IOException {
        ObjectNode m = Json.object();
        m.put("format", "trident.sample-cache/1");
        m.put("name", s.name());
        ObjectNode files = m.putObject("files");
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path f : w.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.size(f));
            }
        }
        Json.write(dir.resolve(MARKER), m);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless; the next run replaces it
        }
    }
}
