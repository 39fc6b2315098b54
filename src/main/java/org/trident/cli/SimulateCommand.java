package org.trident.cli;

import org.trident.io.OutputDirs;
import org.trident.sim.Misalignment;
import org.trident.sim.ParticleSpec;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.SimulationWriter;
import org.trident.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident simulate}: a synthetic NCM111 tilt series with references and ground truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate an HAADF + EDS + EELS tilt series of an NCM111 particle.",
                "Writes DIR/bundle (the tilt series), DIR/references (EELS spectra of each valence state) and DIR/truth (volumes, depth profiles, truth.json)."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--stage", description = "pristine, cycled-10 or cycled-100 (default: the spec's stage, else pristine).")
    String stage;

    @Option(names = "--spec", paramLabel = "FILE.json", description = "A particle spec (trident.particle/1) instead of a stage preset.")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (new or empty).")
    Path out;

    @Option(names = "--print-spec", description = "Print the particle spec (trident.particle/1) that would be simulated, as a template for --spec, and stop.")
    boolean printSpec;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--size", paramLabel = "N", description = "Grid edge in voxels (default ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--pixel-nm", paramLabel = "P", description = "Pixel (voxel) size in nm (default ${DEFAULT-VALUE}).")
    double pixelNm = 4.0;

    @Option(names = "--angles", paramLabel = "A:B:STEP|LIST", description = "Tilt angles in degrees: A:B:STEP or a comma list (default ${DEFAULT-VALUE}).")
    String angles = "-70:70:5";

    @Option(names = "--seed", paramLabel = "K", description = "Random seed (default ${DEFAULT-VALUE}); the same seed gives the same bytes.")
    long seed = 1;

    @Option(names = "--dose", paramLabel = "low|very-low|high|E", description = "low (a few EDS counts per particle pixel per tilt), very-low (1/4 of low), high (25x low) or a total in e-/A^2 (default ${DEFAULT-VALUE}).")
    String dose = "low";

    @Option(names = "--misalign", description = "Misalign the raw series (jumps, drift, axis rotation and offset; truth in truth/truth.json).")
    boolean misalign;

    @Option(names = "--jump-px", paramLabel = "PX", description = "Standard deviation of per-tilt jumps (default 2 px; implies --misalign).")
    Double jumpPx;

    @Option(names = "--drift-px", paramLabel = "PX", description = "Total linear drift over the series (default 3 px; implies --misalign).")
    Double driftPx;

    @Option(names = "--axis-rotation-deg", paramLabel = "DEG", description = "Tilt-axis rotation (default: random 1.5-3 deg either way; implies --misalign).")
    Double axisRotationDeg;

    @Option(names = "--axis-offset-px", paramLabel = "PX", description = "Tilt-axis offset (default: random within 2 px; implies --misalign).")
    Double axisOffsetPx;

    @Option(names = "--oversample", paramLabel = "F", description = "Fine voxels per voxel per axis used for the projections (2-4, default ${DEFAULT-VALUE}).")
    int oversample = 2;

    @Option(names = "--eds-channels", paramLabel = "C", description = "EDS channels of 10 eV from 0 keV (default ${DEFAULT-VALUE}).")
    int edsChannels = 1024;

    @Option(names = "--eels-channels", paramLabel = "C", description = "EELS channels of 0.5 eV from 450 eV (default ${DEFAULT-VALUE}).")
    int eelsChannels = 1100;

    @Option(names = "--no-eds", description = "Do not simulate EDS.")
    boolean noEds;

    @Option(names = "--no-eels", description = "Do not simulate EELS (and write no references).")
    boolean noEels;

    @Option(names = "--neighbour", description = "Add a second particle half outside the field of view (clutter that enters and leaves the field as the series tilts).")
    boolean neighbour;

    @Option(names = "--no-noise", description = "Write expected values instead of Poisson counts.")
    boolean noNoise;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        SimulationParams p = params();
        p.requireValid();
        if (printSpec) {
            System.out.println(org.trident.io.Json.toString(p.particle()));
            return 0;
        }
        if (out == null) throw new org.trident.model.TridentException("simulate needs --out DIR (or --print-spec)");
        OutputDirs.prepare(out, force, spec);
        long t0 = System.nanoTime();
        CliProgress progress = new CliProgress(false);
        Simulation sim = Simulator.run(p, progress, common.threads());
        long t1 = System.nanoTime();
        SimulationWriter.write(sim, out, progress);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "simulated %s: %d tilts of %dx%d px, %.1f s; written to %s in %.1f s%n",
                sim.series().label(), p.anglesDeg().length, p.size(), p.size(), (t1 - t0) / 1e9, out, (t2 - t1) / 1e9);
        return 0;
    }

    SimulationParams params() {
        ParticleSpec ps = spec == null ? null : ParticleSpec.read(spec);
        String st = stage != null ? stage : ps != null ? (ps.stage() != null ? ps.stage() : "custom") : "pristine";
        SimulationParams p = SimulationParams.defaults(st.trim().toLowerCase(Locale.ROOT))
                .withSize(size).withPixelSizeNm(pixelNm).withAngles(SimulationParams.parseAngles(angles))
                .withSeed(seed).withDose(dose).withOversample(oversample).withNoise(!noNoise)
                .withSpectra(!noEds, !noEels)
                .withEdsAxis(edsChannels, 0.005, 0.01)
                .withEelsAxis(eelsChannels, 450.0, 0.5);
        if (ps != null) p = p.withSpec(ps);
        if (neighbour) p = p.withNeighbour(true);
        if (misalign || jumpPx != null || driftPx != null || axisRotationDeg != null || axisOffsetPx != null) {
            Misalignment d = Misalignment.defaults();
            p = p.withMisalignment(new Misalignment(jumpPx != null ? jumpPx : d.jumpSigmaPx(), driftPx != null ? driftPx : d.driftPx(),
                    axisRotationDeg != null ? axisRotationDeg : d.axisRotationDeg(), axisOffsetPx != null ? axisOffsetPx : d.axisOffsetPx()));
        }
        return p;
    }
}
