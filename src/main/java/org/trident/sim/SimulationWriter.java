package org.trident.sim;

import org.trident.io.AtomicFiles;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.job.Progress;
import org.trident.model.Volume;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link Simulation} in the contract's layout: {@code DIR/bundle/} (a
 * {@code trident.tiltseries/1} bundle), {@code DIR/references/} (references.json and one .npy
 * per valence state, when EELS was simulated) and {@code DIR/truth/} (MRC volumes,
 * depth-profiles.csv, truth.json). Every file is written atomically; the bundle's JSON last.
 */
public final class SimulationWriter {
    private SimulationWriter() {}

    public static void write(Simulation sim, Path dir, Progress progress) {
        writeTruth(sim.truth(), dir.resolve("truth"));
        if (sim.references() != null) sim.references().write(dir.resolve("references"));
        BundleWriter.write(sim.series(), dir.resolve("bundle"), progress);
    }

    public static void writeTruth(Truth truth, Path dir) {
        for (Map.Entry<String, Volume> e : truth.volumes().entrySet()) {
            Mrc.write(dir.resolve(BundleWriter.safeName(e.getKey()) + ".mrc"), e.getValue());
        }
        AtomicFiles.write(dir.resolve("depth-profiles.csv"), truth.profilesCsv().getBytes(StandardCharsets.UTF_8));
        Json.write(dir.resolve("truth.json"), truth.json());
    }
}
