package org.trident.sei.sim;

import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.TridentException;
import org.trident.sim.SampleData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The sample SEI study the workstation opens (File ▸ Open sample SEI study): made by the
 * simulator with its defaults on first use, in a temporary folder that is renamed into the
 * cache ({@link SampleData#cacheRoot()}) only when complete, so an interrupted run leaves no
 * half study behind. A marker names the simulator parameters, so changed defaults regenerate.
 */
public final class SeiSample {
    private SeiSample() {}

    static final String MARKER = "complete.json";
    /** Bump when the simulator's output changes for the same parameters, so caches regenerate. */
    static final int GENERATION = 1;

    public static Path ensure(Progress progress) {
        return ensure(SampleData.cacheRoot(), SeiSimParams.defaults(), progress);
    }

    /** The study folder under {@code root}, generated when missing. */
    public static Path ensure(Path root, SeiSimParams p, Progress progress) {
        Path target = root.resolve("sei-sample-v" + GENERATION + "-" + Integer.toHexString(p.hashCode()));
        if (Files.isRegularFile(target.resolve(MARKER)) && Files.isRegularFile(target.resolve("study.json"))) return target;
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, ".sei-sample-");
            SeiSimulator.write(tmp, p, progress);
            Json.write(tmp.resolve(MARKER), Json.object().put("params", p.toString()));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another process finished first: use its copy
                if (!Files.isRegularFile(target.resolve(MARKER))) throw e;
            }
            tmp = null;
            return target;
        } catch (IOException e) {
            throw TridentException.file(target, "cannot prepare the sample SEI study: " + e.getMessage(), e);
        } finally {
            if (tmp != null) delete(tmp);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a hidden temporary folder left behind is harmless
        }
    }
}
