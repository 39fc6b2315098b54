package org.trident.analysis;

import org.trident.io.AtomicFiles;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Volume;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link AnalysisResult} into a folder: one MRC per derived volume, the contract's
 * {@code depth-profiles.csv}, {@code depth-profiles-by-particle.csv}, {@code summary.csv}, and
 * {@code analysis.json} (settings, mask facts, methods, notes).
 */
public final class AnalysisWriter {
    private AnalysisWriter() {}

    public static final String PROFILE_HEADER = "quantity,depth_nm,mean,std,voxels,sem,halfset_err,std_intrinsic,weighted_mean,weighted_halfset_err";
    public static final String SUMMARY_HEADER = "quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm,"
            + "surface_std,bulk_std,surface_voxels,bulk_voxels,surface_halfset_err,bulk_halfset_err,surface_weighted_mean,bulk_weighted_mean";

    public static void write(AnalysisResult r, Path dir) {
        for (Map.Entry<String, Volume> e : r.volumes().entrySet()) Mrc.write(dir.resolve(fileName(e.getKey()) + ".mrc"), e.getValue(), e.getKey(), Comparison.axisLabel(e.getKey()));
        writeText(dir.resolve("depth-profiles.csv"), profiles(r.profiles(), false));
        writeText(dir.resolve("depth-profiles-by-particle.csv"), profiles(r.byParticle(), true));
        writeText(dir.resolve("summary.csv"), summary(r.summary()));
        Json.write(dir.resolve("analysis.json"), r.record());
    }

    /** The contract's file-name rule: characters other than letters, digits, '.', '_', '+', '-' become '_'. */
    public static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._+\\-]", "_");
    }

    public static String profiles(List<Profiles.Row> rows, boolean withParticle) {
        StringBuilder b = new StringBuilder(withParticle ? "particle," + PROFILE_HEADER : PROFILE_HEADER).append('\n');
        for (Profiles.Row x : rows) {
            if (withParticle) b.append(x.particle()).append(',');
            b.append(csv(x.quantity())).append(',').append(num(x.depthNm())).append(',').append(num(x.mean())).append(',')
                    .append(num(x.std())).append(',').append(x.voxels()).append(',').append(num(x.sem())).append(',')
                    .append(num(x.halfsetErr())).append(',').append(num(x.stdIntrinsic())).append(',')
                    .append(num(x.weightedMean())).append(',').append(num(x.weightedHalfsetErr())).append('\n');
        }
        return b.toString();
    }

    public static String summary(List<Profiles.Summary> rows) {
        StringBuilder b = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Profiles.Summary s : rows) {
            b.append(csv(s.quantity())).append(',').append(num(s.surfaceMean())).append(',').append(num(s.bulkMean())).append(',')
                    .append(num(s.surfaceDepthNm())).append(',').append(num(s.bulkDepthNm())).append(',')
                    .append(num(s.surfaceStd())).append(',').append(num(s.bulkStd())).append(',')
                    .append(s.surfaceVoxels()).append(',').append(s.bulkVoxels()).append(',')
                    .append(num(s.surfaceHalfsetErr())).append(',').append(num(s.bulkHalfsetErr())).append(',')
                    .append(num(s.surfaceWeightedMean())).append(',').append(num(s.bulkWeightedMean())).append('\n');
        }
        return b.toString();
    }

    /**
     * One summary row as JSON with summary.csv's column names and values (NaN as null, since JSON has
     * no NaN), for machine-readable command output.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode summaryJson(Profiles.Summary s) {
        var n = Json.object();
        n.put("quantity", s.quantity());
        double[] v = {s.surfaceMean(), s.bulkMean(), s.surfaceDepthNm(), s.bulkDepthNm(), s.surfaceStd(), s.bulkStd()};
        String[] k = {"surface_mean", "bulk_mean", "surface_depth_nm", "bulk_depth_nm", "surface_std", "bulk_std"};
        for (int i = 0; i < v.length; i++) putNumber(n, k[i], v[i]);
        n.put("surface_voxels", s.surfaceVoxels());
        n.put("bulk_voxels", s.bulkVoxels());
        putNumber(n, "surface_halfset_err", s.surfaceHalfsetErr());
        putNumber(n, "bulk_halfset_err", s.bulkHalfsetErr());
        putNumber(n, "surface_weighted_mean", s.surfaceWeightedMean());
        putNumber(n, "bulk_weighted_mean", s.bulkWeightedMean());
        return n;
    }

    /** A finite number as is; NaN and infinities as null. */
    public static void putNumber(com.fasterxml.jackson.databind.node.ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }

    /** Numbers as pandas and R read them: plain, 7 significant digits, NaN spelled "NaN". */
    public static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        String s = String.format(Locale.ROOT, "%.7g", v);
        if (s.contains("e")) return s;
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static void writeText(Path file, String text) {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
