package org.trident.align;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.trident.job.Progress;
import org.trident.sim.Misalignment;
import org.trident.sim.Simulation;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;

import java.lang.management.ManagementFactory;

/**
 * Development runs for the clutter axis (not part of the suite): -Dclutter.dev=31:high,33:low
 * runs the full default alignment on those seeds (rotation and offset drawn from the seed) and
 * prints residual, axis error and CPU seconds. -Dclutter.cost=1 instead evaluates the axis
 * consistency cost at the simulator's true shifts (±1° search around the true rotation).
 * -Dclutter.mode=walk runs projection matching with the narrow axis walk started from the true
 * rotation and shifts; -Dclutter.mode=shifts fits shifts by projection matching at the fixed true
 * rotation (from the true shifts), prints how far they drift from the truth per tilt, then searches
 * ±1° at them. -Dclutter.clean=true drops the neighbour; -Dclutter.wide=true forces the wide-field
 * reconstruction in the two modes. The full alignment prints each axis search's result.
 * -Dclutter.size (48) and -Dclutter.step (5°, tilts from −70° to 70°) change the series.
 */
@EnabledIfSystemProperty(named = "clutter.dev", matches = ".+")
class ClutterAxisDevRun {
    @Test
    void run() {
        double[] ang = Phantoms.angles(-70, 70, Double.parseDouble(System.getProperty("clutter.step", "5")));
        int size = Integer.parseInt(System.getProperty("clutter.size", "48"));
        boolean cost = System.getProperty("clutter.cost") != null;
        String mode = System.getProperty("clutter.mode", "");
        StringBuilder table = new StringBuilder();
        for (String c : System.getProperty("clutter.dev").split(",")) {
            String[] f = c.split(":");
            long seed = Long.parseLong(f[0]);
            String dose = f.length > 1 ? f[1] : "high";
            SimulationParams p = SimulationParams.defaults("cycled-100").withSize(size).withPixelSizeNm(5.3).withAngles(ang)
                    .withSpectra(false, false).withDose(dose).withSeed(seed).withNeighbour(!Boolean.getBoolean("clutter.clean"))
                    .withMisalignment(new Misalignment(2.0, 3.0, Double.NaN, Double.NaN));
            Simulation sim = Simulator.run(p, Progress.NONE, 2);
            Alignment truth = Alignment.fromJson(sim.misalignment().alignmentJson(), null);
            long c0 = cpuNanos(), w0 = System.nanoTime();
            String line;
            if (!mode.isEmpty()) {
                // diagnostics of the search from the truth: "walk" runs projection matching with the axis
                // search (narrow walk) from the true rotation and shifts; "shifts" fits shifts at the fixed true
                // rotation and then searches ±1° at those shifts
                int n = ang.length, w = sim.series().width(), h = sim.series().height();
                var images = sim.series().adf().images();
                float[][] im = new float[n][];
                for (int t = 0; t < n; t++) im[t] = ImageOps.minus(images.tilt(t), ImageOps.borderMedian(images.tilt(t), w, h, 2));
                boolean wideF = Boolean.getBoolean("clutter.wide") || PmLevel.touchesBorder(im, w, h);
                ProjectionMatching pm = new ProjectionMatching(im, w, h, ang, AlignParams.defaults(), wideF, 2, Progress.NONE);
                double tr = truth.tiltAxisRotationDeg();
                double got;
                String extra = "";
                if (mode.equals("walk")) {
                    got = pm.refine(tr, truth.dx(), truth.dy(), true, false).rotationDeg();
                } else {
                    ProjectionMatching.Result sr = pm.refine(tr, truth.dx(), truth.dy(), false, false);
                    int b = pm.axisLevel(pm.levels());
                    PmLevel lv = new PmLevel(im, w, h, b, pm.rowBin(b), ang, AxisSearch.SIRT_ITERATIONS, wideF, 2, Progress.NONE);
                    got = new AxisSearch(lv, ang, 2, Progress.NONE).rotation(tr, sr.dx(), sr.dy(), 1.0).value();
                    {
                        double r = Math.toRadians(tr), cr = Math.cos(r), sn = Math.sin(r);
                        double[] ex = new double[n], ey = new double[n];
                        for (int t = 0; t < n; t++) {
                            double ddx = sr.dx()[t] - truth.dx(t), ddy = sr.dy()[t] - truth.dy(t);
                            ex[t] = cr * ddx + sn * ddy;
                            ey[t] = -sn * ddx + cr * ddy;
                        }
                        Families.removeTranslation(ang, ex, ey);
                        StringBuilder sb = new StringBuilder("  drift per tilt (perp, along):");
                        for (int t = 0; t < n; t++) sb.append(String.format(" %.0f:%+.2f,%+.2f", ang[t], ex[t], ey[t]));
                        System.out.println(sb);
                    }
                    extra = String.format(", shifts at the true axis %.3f px from truth (%d rounds, last change %.3f px)",
                            Families.residualRms(new Alignment(tr, sr.dx(), sr.dy()), truth, ang), sr.iterations(), sr.lastChangePx());
                }
                line = String.format("mode %s, seed %d %s: truth %.2f°, off by %+.3f°%s; %.1f s CPU", mode, seed, dose, tr, got - tr, extra, (cpuNanos() - c0) / 1e9);
            } else if (cost) {
                int n = ang.length, w = sim.series().width(), h = sim.series().height();
                var images = sim.series().adf().images();
                float[][] im = new float[n][];
                for (int t = 0; t < n; t++) im[t] = ImageOps.minus(images.tilt(t), ImageOps.borderMedian(images.tilt(t), w, h, 2));
                ProjectionMatching pm = new ProjectionMatching(im, w, h, ang, AlignParams.defaults(), 2, Progress.NONE);
                int b = pm.axisLevel(pm.levels());
                PmLevel lv = new PmLevel(im, w, h, b, pm.rowBin(b), ang, AxisSearch.SIRT_ITERATIONS, PmLevel.touchesBorder(im, w, h), 2, Progress.NONE);
                AxisSearch as = new AxisSearch(lv, ang, 2, Progress.NONE);
                AxisSearch.Found r = as.rotation(truth.tiltAxisRotationDeg(), truth.dx(), truth.dy(), 1.0);
                line = String.format("size %d, step %s°, seed %d %s: truth %.2f°, cost minimum off by %+.3f° (sd %.3f); %.1f s CPU",
                        size, System.getProperty("clutter.step", "5"), seed, dose, truth.tiltAxisRotationDeg(), r.value() - truth.tiltAxisRotationDeg(), r.sd(), (cpuNanos() - c0) / 1e9);
            } else {
                Progress pr = new Progress() {
                    @Override public void start(String message, long total) {}
                    @Override public void advance(long units) {}
                    @Override public void message(String m) { if (m.contains("offset")) System.out.println("    " + m); }
                    @Override public boolean isCancelled() { return false; }
                };
                Aligner.Result r = Aligner.estimate(sim.series(), null, AlignParams.defaults(), null, 2, pr);
                double rms = Families.residualRms(r.alignment(), truth, ang);
                double axis = r.alignment().tiltAxisRotationDeg() - truth.tiltAxisRotationDeg();
                line = String.format("size %d, step %s°, seed %d %s: truth %.2f°, residual %.3f px, axis error %+.3f°; %.1f s wall, %.1f s CPU",
                        size, System.getProperty("clutter.step", "5"), seed, dose, truth.tiltAxisRotationDeg(), rms, axis, (System.nanoTime() - w0) / 1e9, (cpuNanos() - c0) / 1e9);
                r.notes().forEach(s -> System.out.println("  " + s));
            }
            System.out.println(line);
            table.append(line).append('\n');
        }
        System.out.println("=== summary (load " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")\n" + table);
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}
