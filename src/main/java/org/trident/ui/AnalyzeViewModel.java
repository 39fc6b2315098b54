package org.trident.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.analysis.AnalysisInputs;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.Profiles;
import org.trident.analysis.ReconstructionReader;
import org.trident.analysis.ShellFit;
import org.trident.pipeline.ShellFitStep;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.AnalyzeStep;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Analyze step without the toolkit: gathers a dataset's reconstructed channels (made here,
 * or a reconstruct output on disk) with what the bundle says of each (signal, element,
 * reference) and the quantification record, runs the pipeline's {@link AnalyzeStep}, and turns its result into
 * volumes and depth profiles the viewers show.
 */
public final class AnalyzeViewModel {
    private AnalyzeViewModel() {}

    /** The analysis inputs of {@code d}; a sentence saying what is missing when there are none. */
    public static AnalysisInputs inputs(Dataset d) {
        return input(d).volumes();
    }

    /** As {@link #inputs}, with the reconstruct folder they were read from (null for volumes made in this session), for provenance. */
    static AnalyzeStep.Input input(Dataset d) {
        List<AnalysisInputs.ReconChannel> chs = new ArrayList<>();
        var ts = d.series();
        for (var v : d.volumes()) {
            if (v.file() != null || v.name().contains("/")) continue; // made in this session only
            Channel c = ts == null ? null : ts.channel(v.name());
            Signal sig = c != null ? c.signal() : Signal.inferFromName(v.name());
            String element = c == null ? null : c.extraText("element");
            JsonNode ref = c == null ? null : c.extra().get("reference");
            String refName = null;
            double val = Double.NaN;
            if (ref != null && ref.isObject()) {
                if (element == null && ref.hasNonNull("element")) element = ref.get("element").asText();
                if (ref.path("valence").isNumber()) val = ref.get("valence").asDouble();
                refName = ref.hasNonNull("name") ? ref.get("name").asText() : null;
            }
            if (element == null && v.name().startsWith("EDS:")) element = v.name().substring(4);
            chs.add(new AnalysisInputs.ReconChannel(v.name(), sig, element, refName, val, v.volume()));
        }
        if (!chs.isEmpty()) {
            ObjectNode q = ts != null && ts.extra().path("quantification").isObject() ? (ObjectNode) ts.extra().get("quantification") : null;
            return new AnalyzeStep.Input(null, new AnalysisInputs(d.label(), chs, q, null, null));
        }
        Path src = d.source();
        Path results = d.resultsDir() == null ? src : d.resultsDir();
        for (Path dir : new Path[]{results.resolve("volumes"), src.resolve("volumes"), src}) {
            if (Files.isRegularFile(dir.resolve(ReconstructionReader.FILE))) {
                AnalysisInputs in = ReconstructionReader.read(dir);
                return new AnalyzeStep.Input(dir, new AnalysisInputs(d.label(), in.channels(), in.quantification(), in.halfA(), in.halfB()));
            }
        }
        throw new TridentException("dataset " + d.label() + " has no reconstructed channels: run Reconstruct first (with the quantified maps for chemistry)");
    }

    /**
     * Runs the analyze step (the one {@code trident analyze} runs: same checks, provenance in the
     * record) with the settings' thread count.
     */
    public static AnalysisResult run(Dataset d, AnalysisParams p, Progress progress) {
        var problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException("the analysis settings cannot run: " + String.join(" ", problems));
        return new AnalyzeStep().run(input(d), p, RunContext.of(p.threads(), progress)).analysis();
    }

    /**
     * An analysis with its shell fit.
     *
     * @param fit           the depth profiles fitted in the projection domain, or null (mode off, no element or MLLS
     *                      maps, or a fit that could not run: {@code profileSource.reason} says which)
     * @param profileSource which summary this analysis reports and why ({@link ShellFitStep#attempt}, as
     *                      {@code pipeline}'s provenance.json has it), or null when there was nothing to fit
     * @param warning       one line for the user when the fit was asked for (mode on) and could not run, else null
     */
    public record Analysed(AnalysisResult analysis, ShellFitStep.Result fit, com.fasterxml.jackson.databind.node.ObjectNode profileSource, String warning) {
        public Analysed(AnalysisResult analysis, ShellFitStep.Attempt a) {
            this(analysis, a.fit(), a.profileSource(), a.warning());
        }
    }

    /**
     * The analyze step, then the shell fit by the pipeline's own rule ({@link ShellFitStep#attempt})
     * on the series the volumes were made from; one job, cancellable at every stage of either. A fit
     * that cannot run leaves the voxel profiles, with the reason (and a warning in mode on).
     */
    public static Analysed runWithFit(Dataset d, AnalysisParams p, Progress progress) {
        AnalysisResult a = run(d, p, progress);
        return new Analysed(a, ShellFitStep.attempt(d.series(), seriesSource(d), a, p, null, RunContext.of(p.threads(), progress)));
    }

    /** Where the series later steps use was written (for provenance): this workspace's aligned or quantified folder, else what was opened. */
    static Path seriesSource(Dataset d) {
        if (d.resultsDir() != null) {
            if (d.alignedHere()) return d.resultsDir().resolve(Project.folderOf("align"));
            if (d.rawSeries() != d.openedSeries()) return d.resultsDir().resolve(Project.folderOf("quantify"));
        }
        return d.seriesPath();
    }

    /** Puts the derived volumes and pooled profiles of {@code r} into {@code d}. */
    public static void adopt(Dataset d, AnalysisResult r) {
        r.volumes().forEach((name, v) -> d.addVolume(new Dataset.VolumeItem(name, v, null)));
        d.setProfiles(profiles(r.profiles()));
    }

    /** As {@link #adopt(Dataset, AnalysisResult)}, with the fitted profiles (or none, so that an old fit is not shown as this one's). */
    public static void adopt(Dataset d, Analysed r) {
        adopt(d, r.analysis());
        d.setFitProfiles(r.fit() == null ? null : fitProfiles(r.fit().fit().rows()));
    }

    static DepthProfiles fitProfiles(List<ShellFit.Row> rows) {
        Map<String, List<DepthProfiles.Shell>> m = new LinkedHashMap<>();
        for (ShellFit.Row row : rows) {
            m.computeIfAbsent(row.quantity(), k -> new ArrayList<>()).add(new DepthProfiles.Shell(row.depthNm(), row.value(), Double.NaN,
                    row.voxels(), row.err()));
        }
        return new DepthProfiles(m);
    }

    static DepthProfiles profiles(List<Profiles.Row> rows) {
        Map<String, List<DepthProfiles.Shell>> m = new LinkedHashMap<>();
        for (Profiles.Row row : rows) {
            m.computeIfAbsent(row.quantity(), k -> new ArrayList<>()).add(new DepthProfiles.Shell(row.depthNm(), row.mean(), row.std(), row.voxels()));
        }
        return new DepthProfiles(m);
    }

    /** The engine's sentences name command-line options; in the workstation the same settings are fields of the Analyze panel. */
    public static String inGuiTerms(String sentence) {
        return sentence.replace("set --threshold", "set the ADF threshold")
                .replace("--threshold", "the ADF threshold setting")
                .replace("--min-particle-voxels", "the smallest particle setting")
                .replace("--smooth-voxels", "the smoothing setting")
                .replace("--surface-nm", "the surface depth setting")
                .replace("--bulk-nm", "the bulk depth setting");
    }
}
