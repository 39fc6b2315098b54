package org.trident.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.align.AlignParams;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFitWriter;
import org.trident.io.BundleReader;
import org.trident.io.Json;
import org.trident.io.OutputDirs;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;
import org.trident.recon.MethodChoice;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;
import org.trident.spectra.QuantParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole chain on one raw bundle, in this process: quantify (when the bundle has spectra) →
 * align (estimated on ADF, applied to every channel) → reconstruct every image channel with half
 * sets → analyze. Each step's typed result feeds the next; each writes the same folder its
 * stand-alone command writes:
 * <pre>
 * out/quantified/   (only with spectrum channels)
 * out/aligned/
 * out/volumes/
 * out/analysis/     (with profiles-fit.csv, summary-fit.csv, profiles-fit.json when the series has element maps)
 * out/provenance.json
 * </pre>
 * {@code provenance.json} ({@value Provenance#FORMAT}) lists every step with its parameters,
 * input checksums, threads and seconds; it is written even when a step fails (with
 * {@code failed}), and the step's exception then propagates unchanged.
 *
 * <p>Usage (a CLI, a GUI job or a batch worker):
 * <pre>{@code
 * Pipeline.Result r = Pipeline.run(bundle, references, Pipeline.Params.defaults(), RunContext.of(threads, progress), out);
 * }</pre>
 * The caller prepares {@code out} (new or empty; io.OutputDirs); existing step folders in it are
 * overwritten. Thread-safe: a run keeps no state outside its arguments.
 */
public final class Pipeline {
    public static final String PROVENANCE = "provenance.json";

    private Pipeline() {}

    /**
     * The settings of every step.
     *
     * @param quantify    quantification settings (used only when the bundle has spectra)
     * @param align       alignment settings (the rotation prior is used only when the bundle has no tiltAxis.rotationDeg)
     * @param reconstruct reconstruction settings (half sets on by default, for uncertainties)
     * @param analyze     analysis settings (its thread count is ignored: the run context's is used)
     */
    public record Params(QuantParams quantify, AlignParams align, SeriesReconstruction.Settings reconstruct, AnalysisParams analyze,
                         boolean chooseMethod, LowDoseParams lowDose) {
        public Params {
            if (lowDose == null) lowDose = LowDoseParams.defaults();
        }

        /**
         * Each stage's own defaults, with half sets on for the reconstruction, and the
         * reconstruction method chosen from the aligned data (recon.MethodChoice: sparse element
         * counts get the fused or Poisson + TV method, others SIRT).
         */
        public static Params defaults() {
            return new Params(QuantParams.defaults(), AlignParams.defaults(),
                    new SeriesReconstruction.Settings(java.util.List.of(), ReconParams.defaults(Algorithm.SIRT), null, true),
                    AnalysisParams.defaults(), true, LowDoseParams.defaults());
        }

        /** The four stages' settings; the method is chosen from the data. */
        public Params(QuantParams quantify, AlignParams align, SeriesReconstruction.Settings reconstruct, AnalysisParams analyze) {
            this(quantify, align, reconstruct, analyze, true);
        }

        /** As the canonical constructor, with the low-dose methods' defaults. */
        public Params(QuantParams quantify, AlignParams align, SeriesReconstruction.Settings reconstruct, AnalysisParams analyze, boolean chooseMethod) {
            this(quantify, align, reconstruct, analyze, chooseMethod, LowDoseParams.defaults());
        }

        public Params withQuantify(QuantParams q) { return new Params(q, align, reconstruct, analyze, chooseMethod, lowDose); }
        public Params withAlign(AlignParams a) { return new Params(quantify, a, reconstruct, analyze, chooseMethod, lowDose); }
        public Params withReconstruct(SeriesReconstruction.Settings r) { return new Params(quantify, align, r, analyze, chooseMethod, lowDose); }
        public Params withAnalyze(AnalysisParams a) { return new Params(quantify, align, reconstruct, a, chooseMethod, lowDose); }
        /** true: pick the reconstruction method from the aligned data; false: use reconstruct().base().algorithm() as given. */
        public Params withChooseMethod(boolean c) { return new Params(quantify, align, reconstruct, analyze, c, lowDose); }
        /** The settings of the low-dose methods (em, os-em, em-tv, sirt-tv, fused). */
        public Params withLowDose(LowDoseParams l) { return new Params(quantify, align, reconstruct, analyze, chooseMethod, l); }
    }

    /**
     * What a run wrote.
     *
     * @param out        the output folder
     * @param quantified out/quantified, or null when the bundle had no spectra
     * @param provenance the provenance.json written
     * @param summary    the surface/bulk summary: analysis/summary.csv's voxel values, or, when the element counts are
     *                   sparse, the shell fit's values for the quantities it gives (provenance "profileSource" says which)
     * @param warnings   what the user should hear about (quantify's warnings, an empty bulk or surface shell), also in
     *                   provenance.json under "warnings"
     */
    public record Result(Path out, Path quantified, Path aligned, Path volumes, Path analysis, ObjectNode provenance, List<org.trident.analysis.Profiles.Summary> summary,
                         List<String> warnings) {}

    /**
     * Runs the chain.
     *
     * @param bundle     a raw bundle (folder or tiltseries.json) or any dataset Trident reads
     * @param references reference spectra for MLLS and valence calibration, or null
     * @param out        output folder prepared by the caller
     * @throws TridentException with a sentence when an input is bad or a step cannot run
     */
    public static Result run(Path bundle, Path references, Params params, RunContext ctx, Path out) {
        return run(Bundle.read(bundle), references, params, ctx, out);
    }

    /** As {@link #run(Path, Path, Params, RunContext, Path)}, on a series already read (its source is what provenance records). */
    public static Result run(Bundle raw, Path references, Params params, RunContext ctx, Path out) {
        if (references != null && !Files.exists(references)) throw TridentException.file(references, "file not found");
        Path bundle = raw.source();
        ObjectNode prov = Json.object();
        prov.put("format", Provenance.FORMAT);
        prov.put("schemaVersion", Provenance.SCHEMA_VERSION);
        prov.put("version", ctx.version());
        prov.put("dataset", raw.series().label());
        prov.put("bundle", BundleReader.jsonFile(bundle).toAbsolutePath().normalize().toString());
        prov.put("threads", ctx.threads());
        prov.put("started", Instant.now().toString());
        ArrayNode steps = prov.putArray("steps");
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<org.trident.analysis.Profiles.Summary> summary = List.of();
        Path qDir = null, aDir = out.resolve("aligned"), vDir = out.resolve("volumes"), anDir = out.resolve("analysis");
        String label = raw.series().label();
        boolean spectra = raw.series().channels().stream().anyMatch(c -> c.isSpectrum());
        int k = 0, tilts = raw.series().tilts(), w = raw.series().width(), h = raw.series().height();
        int channels = raw.series().imageChannels() + (spectra ? QuantifyStep.mapsExpected(raw.series(), params.quantify()) : 0);
        // each stage's work as far as it is known now; revised once quantify made its maps and the method is chosen
        double[] plan = units(tilts, w, h, channels, params.reconstruct(), params);
        plan[0] = spectra ? QuantifyStep.workUnits(raw.series(), params.quantify()) : 0;
        Stages stages = new Stages(ctx, label, spectra ? plan : java.util.Arrays.copyOfRange(plan, 1, 4));
        try {
            Bundle next = raw;
            if (spectra) {
                qDir = out.resolve("quantified");
                stages.begin(++k, "quantify");
                OutputDirs.prepare(qDir, true);
                var r = quantify(raw, references, params.quantify(), ctx, qDir);
                ObjectNode s = record(steps, r.provenance(), r.quant().record(), out);
                if (!r.warnings().isEmpty()) r.warnings().forEach(s.putArray("warnings")::add);
                warnings.addAll(r.warnings());
                String amounts = org.trident.spectra.ElementAmounts.describe(r.quant().quantification());
                if (amounts != null && params.analyze().fractionsFrom() == org.trident.analysis.AnalysisParams.FractionsFrom.AUTO)
                    prov.put("fractionAmounts", amounts);
                next = new Bundle(qDir, r.quant().series());
                // the work quantify did, and the channels the later stages will have
                double[] now = units(tilts, w, h, next.series().imageChannels(), params.reconstruct(), params);
                stages.revise(1, QuantifyStep.workUnits(raw.series(), r));
                for (int i = 2; i <= 4; i++) stages.revise(i, now[i - 1]);
            } else {
                ObjectNode s = steps.addObject();
                s.put("step", "quantify");
                s.put("skipped", "the bundle has no spectrum channels; analyze writes what it can (mask, depth, ADF profile)");
            }
            raw = null; // the raw spectra are no longer needed; let them go before the volumes are made

            stages.begin(++k, "align");
            OutputDirs.prepare(aDir, true);
            var ar = align(next, params.align(), ctx, aDir);
            record(steps, ar.provenance(), ar.alignment().toJson(), out);
            next = new Bundle(aDir, ar.aligned());
            ar = null;

            int recStage = ++k;
            stages.begin(recStage, "reconstruct");
            OutputDirs.prepare(vDir, true);
            Reconstructed rec = reconstruct(next, params, ctx, vDir, u -> stages.revise(recStage, u));
            if (rec.choice() != null) prov.set("reconstructionMethod", rec.choice().toJson());
            record(steps, (ObjectNode) rec.record().get("provenance"), rec.record(), out);
            next = null;

            stages.begin(++k, "analyze");
            OutputDirs.prepare(anDir, true);
            var anr = analyze(vDir, null, params.analyze(), ctx, anDir);
            ObjectNode s = record(steps, anr.provenance(), anr.analysis().record(), out);
            if (!anr.analysis().warnings().isEmpty()) anr.analysis().warnings().forEach(s.putArray("warnings")::add);
            warnings.addAll(anr.analysis().warnings());
            summary = List.copyOf(anr.analysis().summary());
            summary = shellFit(aDir, anr, params, rec.choice(), ctx, anDir, prov, out, summary, warnings);
        } catch (RuntimeException | Error e) {
            // leave a record of what ran and where it stopped; the error itself goes to the caller
            prov.put("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            finish(prov, t0, out);
            throw e;
        }
        if (!warnings.isEmpty()) warnings.forEach(prov.putArray("warnings")::add);
        finish(prov, t0, out);
        return new Result(out, qDir, aDir, vDir, anDir, prov, summary, List.copyOf(warnings));
    }

    /**
     * The chain's quantify step: {@link QuantifyStep} run and written into {@code dir} (prepared by
     * the caller); its warnings go to the progress as messages. The GUI's Process calls this too.
     */
    public static QuantifyStep.Result quantify(Bundle raw, Path references, QuantParams p, RunContext ctx, Path dir) {
        QuantifyStep q = new QuantifyStep();
        var r = q.run(new QuantifyStep.Input(raw, references), p, ctx);
        q.write(r, dir, ctx.progress());
        r.warnings().forEach(w -> ctx.progress().message("warning: " + w));
        return r;
    }

    /**
     * The chain's align step: estimated on ADF with the series' {@code tiltAxis.rotationDeg} as
     * rotation prior when it has one (as {@code align} without {@code --rotation}), applied to every
     * channel, written into {@code dir} (prepared by the caller).
     */
    public static AlignStep.Result align(Bundle in, AlignParams p, RunContext ctx, Path dir) {
        AlignParams ap = p.withRotationSearch(AlignStep.prior(in.series(), p), p.rotationRangeDeg());
        AlignStep a = new AlignStep();
        var r = a.run(AlignStep.Input.of(in), ap, ctx);
        a.write(r, dir, ctx.progress());
        return r;
    }

    /**
     * What the reconstruct step wrote.
     *
     * @param record the reconstruction.json written
     * @param choice the method chosen from the data, or null when the settings named it
     */
    public record Reconstructed(ObjectNode record, MethodChoice.Choice choice) {}

    /**
     * The settings the chain reconstructs {@code series} with: {@code params.reconstruct()}, or,
     * when {@code params.chooseMethod()}, the method {@link MethodChoice} picks from the data (with
     * that method's defaults and the thickness asked for). Also the GUI's "automatic".
     */
    public static SeriesReconstruction.Settings reconstructSettings(org.trident.model.TiltSeries series, Params params, MethodChoice.Choice c) {
        SeriesReconstruction.Settings s = params.reconstruct();
        if (c == null || c.algorithm() == s.base().algorithm()) return s;
        return new SeriesReconstruction.Settings(s.channels(), ReconParams.defaults(c.algorithm()).withThickness(s.base().thicknessVoxels()),
                s.nonNegative(), s.halfSets());
    }

    /**
     * The chain's reconstruct step: every image channel of the aligned series (with the method
     * chosen from the data when {@code params.chooseMethod()}, said on the progress), each volume
     * written into {@code dir} (prepared by the caller) as it is made.
     */
    public static Reconstructed reconstruct(Bundle aligned, Params params, RunContext ctx, Path dir) {
        return reconstruct(aligned, params, ctx, dir, u -> {});
    }

    /** As {@link #reconstruct(Bundle, Params, RunContext, Path)}, telling {@code units} the step's work units once its settings are known. */
    static Reconstructed reconstruct(Bundle aligned, Params params, RunContext ctx, Path dir, java.util.function.DoubleConsumer units) {
        MethodChoice.Choice c = null;
        if (params.chooseMethod()) {
            c = MethodChoice.choose(aligned.series());
            ctx.progress().message("reconstructing with " + c.algorithm().label() + " because " + c.reason());
        }
        SeriesReconstruction.Settings settings = reconstructSettings(aligned.series(), params, c);
        units.accept(ReconstructStep.workUnits(aligned.series(), settings));
        ObjectNode rec = new ReconstructStep(params.lowDose()).runInto(ReconstructStep.Input.of(aligned), settings, ctx, dir);
        if (c != null) {
            rec.set("methodChoice", c.toJson());
            Json.write(dir.resolve(org.trident.recon.ReconstructionWriter.FILE), rec);
        }
        return new Reconstructed(rec, c);
    }

    /**
     * The chain's analyze step on a reconstruct folder, written into {@code dir} (prepared by the
     * caller); {@code label} names the dataset (null: the reconstruction's own label).
     */
    public static AnalyzeStep.Result analyze(Path volumes, String label, org.trident.analysis.AnalysisParams p, RunContext ctx, Path dir) {
        AnalyzeStep an = new AnalyzeStep();
        AnalyzeStep.Input in = AnalyzeStep.Input.read(volumes);
        if (label != null) {
            var v = in.volumes();
            in = new AnalyzeStep.Input(in.source(), new org.trident.analysis.AnalysisInputs(label, v.channels(), v.quantification(), v.halfA(), v.halfB()));
        }
        var r = an.run(in, p, ctx);
        an.write(r, dir);
        return r;
    }

    /**
     * The work units of quantify (left NaN: the caller counts them on the raw series), align,
     * reconstruct and analyze for a series of {@code channels} image channels after quantify.
     */
    private static double[] units(int tilts, int w, int h, int channels, SeriesReconstruction.Settings recon, Params params) {
        int made = recon.channels().isEmpty() ? channels : recon.channels().size();
        return new double[]{Double.NaN, AlignStep.workUnits(tilts, w, h, channels, params.align()),
                ReconstructStep.workUnits(tilts, w, h, made, recon),
                AnalyzeStep.workUnits((double) w * h * recon.base().thickness(w), made * (recon.halfSets() ? 3 : 1))};
    }

    /**
     * The projection-domain depth profiles (analysis.ShellFit) beside the analysis, when the
     * aligned series has element or MLLS maps and the shell-fit mode (analysis settings) is not
     * off. In mode auto, when the element counts are sparse (the same measure and threshold as
     * recon.MethodChoice), and always in mode on, the summary the pipeline reports takes the fitted
     * values for every quantity the fit gives (voxel profiles of so few counts are biased by
     * regularisation and limited resolution; docs/analysis.md), and says so on the progress and in
     * provenance ("profileSource", with the mode; the fit's own entry, with checksums and settings,
     * under "extraSteps"). analysis/summary.csv stays analyze's voxel summary. The rule is
     * {@link ShellFitStep#attempt} (shared with the workstation): a fit that cannot run leaves the
     * voxel summary with the reason, and a warning (added to {@code warnings}) when the mode is on.
     */
    private static List<org.trident.analysis.Profiles.Summary> shellFit(Path aDir, AnalyzeStep.Result anr, Params params, MethodChoice.Choice choice,
                                                                        RunContext ctx, Path anDir, ObjectNode prov, Path out,
                                                                        List<org.trident.analysis.Profiles.Summary> voxel, List<String> warnings) {
        Bundle aligned = Bundle.read(aDir);
        AnalysisParams ap = params.analyze().withThreads(ctx.threads());
        ShellFitStep.Attempt a = ShellFitStep.attempt(aligned.series(), aDir, anr.analysis(), ap, choice, ctx);
        if (a.profileSource() != null) prov.set("profileSource", a.profileSource());
        if (a.warning() != null) warnings.add(a.warning());
        if (a.fit() == null) return voxel;
        ShellFitStep.write(a.fit(), anDir);
        // recorded beside the four steps (not as a fifth), so the steps list keeps its shape for scripts
        ObjectNode fitRecord = Json.readObject(anDir.resolve(ShellFitWriter.RECORD));
        record(prov.putArray("extraSteps"), (ObjectNode) fitRecord.get("provenance"), fitRecord, out);
        if (!a.reportsFit()) return voxel;
        org.trident.analysis.ShellFit.Result fit = a.fit().fit();
        java.util.Map<String, org.trident.analysis.Profiles.Summary> fitted = new java.util.LinkedHashMap<>();
        for (var f : ShellFitWriter.asSummary(fit.summary())) fitted.put(f.quantity(), f);
        List<org.trident.analysis.Profiles.Summary> merged = new ArrayList<>();
        for (var v : voxel) merged.add(fitted.getOrDefault(v.quantity(), v));
        return List.copyOf(merged);
    }

    /** A step's entry: its provenance with inputs keyed by path relative to {@code out}, and its own record as "settings". */
    private static ObjectNode record(ArrayNode steps, ObjectNode p, JsonNode settings, Path out) {
        ObjectNode s = steps.addObject();
        s.put("step", p.path("step").asText());
        s.set("parameters", p.path("parameters").deepCopy());
        ObjectNode sums = s.putObject("inputs");
        Path base = out.toAbsolutePath().normalize();
        for (JsonNode i : p.path("inputs")) {
            Path f = Path.of(i.path("path").asText());
            sums.put(f.startsWith(base) ? base.relativize(f).toString().replace('\\', '/') : f.toString(), i.path("sha256").asText());
        }
        s.put("started", p.path("started").asText());
        s.put("threads", p.path("threads").asInt());
        s.put("seconds", p.path("seconds").asDouble());
        ObjectNode set = settings.deepCopy();
        set.remove("provenance"); // already summarised above
        s.set("settings", set);
        return s;
    }

    private static void finish(ObjectNode prov, long t0, Path out) {
        prov.put("finished", Instant.now().toString());
        prov.put("seconds", (System.nanoTime() - t0) / 1e9);
        Json.write(out.resolve(PROVENANCE), prov);
    }
}
