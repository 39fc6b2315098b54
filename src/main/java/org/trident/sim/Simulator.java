package org.trident.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TiltSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates a multi-modal STEM tilt series of an NCM111 particle with its ground truth.
 * Per tilt: the fine particle model is projected into per-species column amounts
 * ({@link FineProjector}); those maps are moved onto the raw (misaligned) detector; then the
 * expected HAADF image and EDS/EELS spectra are sums of per-species templates (every signal is
 * linear in the projected amount of each species) and Poisson counts are drawn with a generator
 * seeded per tilt and row, so the bytes do not depend on the thread count.
 */
public final class Simulator {
    /** HAADF exponent: signal ∝ Σ atoms · Z^γ. */
    public static final double GAMMA = 1.7;
    /**
     * HAADF cross-section per Z^γ (nm²): a 150 nm thick NCM111 column scatters ~15% of the
     * beam onto the annular detector.
     */
    public static final double ADF_CROSS_SECTION_NM2 = 9.7e-8;
    public static final double BEAM_ENERGY_KEV = 200.0;

    private Simulator() {}

    /** HAADF counts per atom of each species at a fluence of 1 e⁻/nm². */
    static double[] adfWeights() {
        double[] w = new double[Species.ALL.size()];
        for (Species s : Species.ALL) w[s.ordinal()] = ADF_CROSS_SECTION_NM2 * Math.pow(s.z, GAMMA);
        return w;
    }

    /**
     * Runs the simulation. {@code threads} only changes the speed, never the result.
     * Long work checks {@code progress} for cancellation between tilts.
     */
    public static Simulation run(SimulationParams p, Progress progress, int threads) {
        p.requireValid();
        ParticleSpec spec = p.particle();
        int n = p.size(), tilts = p.anglesDeg().length;
        FineModel fine = FineModel.build(spec, n, p.pixelSizeNm(), p.oversample(), threads, progress);
        progress.checkCancelled();
        double fluence = p.dosePerTiltElectronsPerA2() * 100.0; // e⁻/nm² per tilt
        double[] adf = adfWeights();
        for (int s = 0; s < adf.length; s++) adf[s] *= fluence;
        Misalignment.Applied mis = p.misalignment() == null ? Misalignment.Applied.none(tilts) : p.misalignment().draw(p.seed(), tilts);

        ObjectNode truthJson = truthJson(p, spec, mis);
        Neighbour neighbour = p.neighbour() ? Neighbour.of(fine) : null;
        if (neighbour != null) truthJson.set("neighbour", neighbour.toJson());
        progress.start("truth volumes", 1);
        Truth truth = Truth.build(fine, p.pixelSizeNm(), adf, truthJson);
        progress.start("spectrum templates", 1);
        EdsModel edsModel = p.eds() ? new EdsModel(p.edsChannels(), p.edsOffsetKeV(), p.edsScaleKeV()) : null;
        EelsModel eelsModel = p.eels() ? new EelsModel(p.eelsChannels(), p.eelsOffsetEv(), p.eelsScaleEv()) : null;

        FineProjector projector = new FineProjector(fine);

        float[][] haadf = new float[tilts][];
        // spectra are kept as uint16 counts per tilt when they fit (half the memory and file size)
        float[][] eds = edsModel == null ? null : new float[tilts][];
        float[][] eels = eelsModel == null ? null : new float[tilts][];
        char[][] edsCounts = new char[tilts][], eelsCounts = new char[tilts][];
        progress.start("simulating tilts", tilts);
        AtomicInteger done = new AtomicInteger();
        FineModel.parallel(Math.min(threads, tilts), tilts, t -> {
            progress.checkCancelled();
            float[][] maps = projector.project(p.anglesDeg()[t]);
            if (neighbour != null) neighbour.add(maps, n, p.anglesDeg()[t]);
            if (p.misalignment() != null) {
                for (int s = 0; s < maps.length; s++) maps[s] = Misalignment.resample(maps[s], n, n, mis, t);
            }
            haadf[t] = haadfImage(maps, adf, n, p.noise(), p.seed(), t);
            if (edsModel != null) keep(edsModel.tilt(maps, n, fluence, p.noise(), p.seed(), t), p.noise(), eds, edsCounts, t);
            if (eelsModel != null) keep(eelsModel.tilt(maps, n, fluence, p.noise(), p.seed(), t), p.noise(), eels, eelsCounts, t);
            progress.advance(1);
            done.incrementAndGet();
        });
        progress.checkCancelled();

        progress.start("assembling the series", 1);
        List<Channel> channels = new ArrayList<>();
        channels.add(Channel.image("HAADF", Signal.ADF, new ImageStack(n, n, haadf)));
        if (edsModel != null) {
            Channel c = Channel.spectrum("EDS", Signal.EDS, stack(n, edsModel.channels(), eds, edsCounts), edsModel.axis());
            ObjectNode extra = Json.object();
            extra.set("quantification", edsModel.quantificationJson());
            extra.put("units", "counts");
            channels.add(c.withExtra(extra));
        }
        if (eelsModel != null) {
            Channel c = Channel.spectrum("EELS", Signal.EELS, stack(n, eelsModel.channels(), eels, eelsCounts), eelsModel.axis());
            ObjectNode extra = Json.object();
            extra.put("units", "counts");
            channels.add(c.withExtra(extra));
        }
        TiltSeries ts = new TiltSeries(spec.name() == null ? "simulated " + p.stage() : spec.name() + " (simulated)",
                p.pixelSizeNm(), p.anglesDeg().clone(), channels, seriesExtra(p, spec, edsModel));
        References refs = eelsModel == null ? null : eelsModel.references();
        return new Simulation(p, spec, ts, truth, refs, mis);
    }

    private static void keep(float[] tilt, boolean counts, float[][] floats, char[][] chars, int t) {
        char[] c = counts ? CountsSpectrumStack.toCounts(tilt) : null;
        if (c != null) chars[t] = c; else floats[t] = tilt;
    }

    /** uint16 counts when every tilt fits, else float32. */
    private static SpectrumStack stack(int n, int channels, float[][] floats, char[][] chars) {
        boolean allCounts = true;
        for (char[] c : chars) allCounts &= c != null;
        if (allCounts) return new CountsSpectrumStack(n, n, channels, chars);
        for (int t = 0; t < floats.length; t++) {
            if (floats[t] != null) continue;
            float[] f = new float[chars[t].length];
            for (int i = 0; i < f.length; i++) f[i] = chars[t][i];
            floats[t] = f;
            chars[t] = null;
        }
        return new MemorySpectrumStack(n, n, channels, floats);
    }

    static float[] haadfImage(float[][] maps, double[] weights, int n, boolean noise, long seed, int t) {
        float[] img = new float[n * n];
        for (int row = 0; row < n; row++) {
            SplittableRandom r = noise ? Noise.random(seed, 1, t, row) : null;
            for (int col = 0; col < n; col++) {
                int px = row * n + col;
                double e = 0;
                for (int s = 0; s < maps.length; s++) e += weights[s] * maps[s][px];
                img[px] = noise ? Noise.poisson(r, e) : (float) e;
            }
        }
        return img;
    }

    private static ObjectNode seriesExtra(SimulationParams p, ParticleSpec spec, EdsModel eds) {
        ObjectNode x = Json.object();
        ObjectNode sample = x.putObject("sample");
        sample.put("material", "NCM111");
        sample.put("stage", spec.stage() != null ? spec.stage() : p.stage());
        if (spec.cycles() != null) sample.put("cycles", spec.cycles());
        sample.put("simulated", true);
        ObjectNode acq = x.putObject("acquisition");
        acq.put("beamEnergyKeV", BEAM_ENERGY_KEV);
        acq.put("doseElectronsPerA2", p.totalDoseElectronsPerA2());
        var order = acq.putArray("tiltOrder");
        for (int t = 0; t < p.anglesDeg().length; t++) order.add(t);
        if (eds != null) {
            ObjectNode e = acq.putObject("eds");
            e.put("takeOffDeg", EdsModel.TAKE_OFF_DEG);
            e.put("solidAngleSr", EdsModel.SOLID_ANGLE_SR);
            ObjectNode q = x.putObject("quantification");
            q.set("kFactors", eds.quantificationJson().get("kFactors").deepCopy());
            q.putArray("transitionMetals").add("Ni").add("Co").add("Mn");
        }
        return x;
    }

    private static ObjectNode truthJson(SimulationParams p, ParticleSpec spec, Misalignment.Applied mis) {
        ObjectNode j = Json.object();
        j.put("format", "trident.truth/1");
        j.put("stage", spec.stage() != null ? spec.stage() : p.stage());
        j.put("seed", p.seed());
        j.put("size", p.size());
        j.put("pixelSizeNm", p.pixelSizeNm());
        j.put("oversample", p.oversample());
        j.put("dosePerTiltElectronsPerA2", p.dosePerTiltElectronsPerA2());
        j.put("doseElectronsPerA2", p.totalDoseElectronsPerA2());
        j.put("noise", p.noise());
        ObjectNode h = j.putObject("haadf");
        h.put("gamma", GAMMA);
        h.put("crossSectionNm2PerZGamma", ADF_CROSS_SECTION_NM2);
        h.put("units", "detected electrons per voxel at the dose of one tilt");
        j.set("particle", Json.MAPPER.valueToTree(spec));
        if (p.misalignment() != null) {
            ObjectNode m = mis.toJson();
            m.set("requested", Json.MAPPER.valueToTree(p.misalignment()));
            j.set("misalignment", m);
        } else {
            j.putNull("misalignment");
        }
        j.set("alignment", mis.alignmentJson());
        return j;
    }
}
