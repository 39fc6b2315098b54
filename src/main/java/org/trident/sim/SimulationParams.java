package org.trident.sim;

import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@link Simulator} needs. Lengths in nm, angles in degrees, energies in keV (EDS)
 * and eV (EELS). {@code spec} null means the preset particle of {@code stage};
 * {@code misalignment} null means an ideally aligned series; {@code dose} is "low", "very-low" (¼ of low), "high" or a
 * total in e⁻/Å² over the whole series; {@code oversample} is how many fine voxels per
 * reconstruction voxel (per axis) the projections are computed from (at least 2); {@code neighbour}
 * adds a second particle half outside the field of view.
 */
public record SimulationParams(String stage, ParticleSpec spec, int size, double pixelSizeNm, double[] anglesDeg,
                               long seed, String dose, Misalignment misalignment, int oversample, boolean noise,
                               boolean eds, boolean eels, int edsChannels, double edsOffsetKeV, double edsScaleKeV,
                               int eelsChannels, double eelsOffsetEv, double eelsScaleEv, boolean neighbour) {
    /** Dose per tilt of {@code low}: a few EDS counts per particle pixel per tilt (docs/simulator.md). */
    public static final double LOW_DOSE_PER_TILT = 1500.0;
    /** {@code very-low} is this fraction of {@code low}: what a beam-sensitive cycled cathode tolerates. */
    public static final double VERY_LOW_FRACTION = 0.25;
    /** {@code high} is this many times {@code low}. */
    public static final double HIGH_FACTOR = 25.0;
    public static final int MAX_SIZE = 256;

    public static SimulationParams defaults(String stage) {
        return new SimulationParams(stage, null, 64, 4.0, angles(-70, 70, 5), 1L, "low", null, 2, true,
                true, true, 1024, 0.005, 0.01, 1100, 450.0, 0.5, false);
    }

    public SimulationParams withSize(int n) { return new SimulationParams(stage, spec, n, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withPixelSizeNm(double p) { return new SimulationParams(stage, spec, size, p, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withAngles(double[] a) { return new SimulationParams(stage, spec, size, pixelSizeNm, a, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withSeed(long s) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, s, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withDose(String d) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, d, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withMisalignment(Misalignment m) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, m, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withSpec(ParticleSpec s) { return new SimulationParams(s != null && s.stage() != null ? s.stage() : stage, s, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withOversample(int f) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, f, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withNoise(boolean n) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, n, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withSpectra(boolean withEds, boolean withEels) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, withEds, withEels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withEdsAxis(int channels, double offsetKeV, double scaleKeV) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, channels, offsetKeV, scaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, neighbour); }
    public SimulationParams withEelsAxis(int channels, double offsetEv, double scaleEv) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, channels, offsetEv, scaleEv, neighbour); }

    /** With a second particle half outside the field of view (clutter for alignment; see {@link Neighbour}). */
    public SimulationParams withNeighbour(boolean n) { return new SimulationParams(stage, spec, size, pixelSizeNm, anglesDeg, seed, dose, misalignment, oversample, noise, eds, eels, edsChannels, edsOffsetKeV, edsScaleKeV, eelsChannels, eelsOffsetEv, eelsScaleEv, n); }

    /** The particle to simulate: the given spec or the stage's preset for this field of view. */
    public ParticleSpec particle() {
        return spec != null ? spec : ParticleSpec.forStage(stage, size * pixelSizeNm);
    }

    /** Dose per tilt in e⁻/Å². */
    public double dosePerTiltElectronsPerA2() {
        String d = dose == null ? "low" : dose.trim().toLowerCase(Locale.ROOT);
        if (d.equals("low")) return LOW_DOSE_PER_TILT;
        if (d.equals("high")) return LOW_DOSE_PER_TILT * HIGH_FACTOR;
        if (d.equals("very-low")) return LOW_DOSE_PER_TILT * VERY_LOW_FRACTION;
        return parseDose(d) / anglesDeg.length;
    }

    public double totalDoseElectronsPerA2() {
        return dosePerTiltElectronsPerA2() * anglesDeg.length;
    }

    private static double parseDose(String d) {
        try {
            return Double.parseDouble(d);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Plain-language problems; empty when the simulation can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (spec == null && (stage == null || !ParticleSpec.STAGES.contains(stage.trim().toLowerCase(Locale.ROOT)))) {
            p.add("unknown stage '" + stage + "'; use one of " + String.join(", ", ParticleSpec.STAGES) + " or give a particle spec");
        }
        if (spec != null) p.addAll(spec.problems());
        if (size < 8 || size > MAX_SIZE) p.add("the size must be between 8 and " + MAX_SIZE + " voxels, got " + size);
        if (!(pixelSizeNm > 0.01 && pixelSizeNm <= 1000)) p.add("the pixel size must be between 0.01 and 1000 nm, got " + pixelSizeNm);
        if (anglesDeg == null || anglesDeg.length == 0) p.add("at least one tilt angle is needed");
        else for (double a : anglesDeg) if (!(Math.abs(a) <= 90)) { p.add("tilt angle " + a + "° is outside [-90°, 90°]"); break; }
        if (anglesDeg != null && anglesDeg.length > 720) p.add("at most 720 tilts are supported, got " + anglesDeg.length);
        String d = dose == null ? "low" : dose.trim().toLowerCase(Locale.ROOT);
        if (!d.equals("low") && !d.equals("high") && !d.equals("very-low") && !(parseDose(d) > 0 && parseDose(d) < 1e12)) {
            p.add("the dose must be low, very-low, high or a positive total in e-/A^2, got '" + dose + "'");
        }
        if (misalignment != null) p.addAll(misalignment.problems());
        if (oversample < 2 || oversample > 4) p.add("oversampling must be 2, 3 or 4 fine voxels per voxel, got " + oversample);
        if ((long) size * oversample > 512) p.add("size × oversampling must stay at or below 512 fine voxels per axis, got " + (long) size * oversample);
        if (eds && (edsChannels < 16 || edsChannels > 8192 || !(edsScaleKeV > 0) || !Double.isFinite(edsOffsetKeV))) {
            p.add("the EDS axis needs 16 to 8192 channels and a positive channel width");
        }
        if (eels && (eelsChannels < 16 || eelsChannels > 8192 || !(eelsScaleEv > 0) || !(eelsOffsetEv > 0))) {
            p.add("the EELS axis needs 16 to 8192 channels, a positive start energy and a positive channel width");
        }
        if (p.isEmpty()) {
            long need = memoryBytes(), have = Runtime.getRuntime().maxMemory();
            if (need > 0.8 * have) {
                p.add(String.format(Locale.ROOT, "this simulation needs about %.1f GB of memory but Java may use %.1f GB; "
                        + "use a smaller --size, fewer tilts or channels, or give Java more with -Xmx", need / 1e9, have / 1e9));
            }
        }
        return p;
    }

    /** Rough peak memory in bytes: the series in memory plus the fine model and the truth. */
    public long memoryBytes() {
        long pixels = (long) size * size * (anglesDeg == null ? 0 : anglesDeg.length);
        long channels = 1 + (eds ? edsChannels : 0) + (eels ? eelsChannels : 0);
        long fine = (long) size * oversample;
        long fineVoxels = fine * fine * fine;
        long coarse = (long) size * size * size;
        return pixels * channels * 4 + fineVoxels * 10 + (fine + 2) * (fine + 2) * (fine + 2) * 4
                + coarse * (Species.ALL.size() * 8L + 20 * 4);
    }

    /** Throws one sentence listing every problem. */
    public SimulationParams requireValid() {
        List<String> p = validate();
        if (!p.isEmpty()) throw new TridentException(String.join("; ", p));
        return this;
    }

    /** Angles from A to B (inclusive) in steps of STEP. */
    public static double[] angles(double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Math.round((from + i * step) * 1e9) / 1e9;
        return a;
    }

    /** Parses {@code A:B:STEP} or a comma-separated list of angles in degrees. */
    public static double[] parseAngles(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.contains(":")) {
                String[] parts = t.split(":");
                if (parts.length != 3) throw new TridentException("angles '" + text + "' must be A:B:STEP (e.g. -70:70:5) or a comma list");
                double a = Double.parseDouble(parts[0].trim()), b = Double.parseDouble(parts[1].trim()), s = Double.parseDouble(parts[2].trim());
                if (!(s > 0) || !(b >= a) || !Double.isFinite(a) || !Double.isFinite(b)) {
                    throw new TridentException("angles '" + text + "' need A ≤ B and a positive STEP");
                }
                if ((b - a) / s > 720) throw new TridentException("angles '" + text + "' give more than 720 tilts");
                return angles(a, b, s);
            }
            String[] parts = t.split(",");
            double[] a = new double[parts.length];
            for (int i = 0; i < parts.length; i++) a[i] = Double.parseDouble(parts[i].trim());
            return a;
        } catch (NumberFormatException e) {
            throw new TridentException("angles '" + text + "' must be A:B:STEP (e.g. -70:70:5) or a comma list of numbers");
        }
    }
}
