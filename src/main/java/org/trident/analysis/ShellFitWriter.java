package org.trident.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ShellFit.Result} beside analyze's outputs, never over them:
 * <ul>
 *   <li>{@code profiles-fit.csv}: {@code quantity,depth_nm,mean,std,voxels} as depth-profiles.csv
 *   ({@code mean} the fitted shell value, {@code std} NaN: the fit gives one value per shell, not a
 *   spread), then {@code err} (1 σ from the Fisher information), {@code voxel_mean} and
 *   {@code voxel_weighted_mean} (the voxel profile's values for the same shell, for comparison);</li>
 *   <li>{@code summary-fit.csv}: {@code quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm}
 *   as summary.csv, then {@code surface_err,bulk_err,surface_voxels,bulk_voxels};</li>
 *   <li>{@code profiles-fit.json} ({@value ShellFit#FORMAT}): per-channel coefficients, errors,
 *   background, variance model, χ²/dof; shells; notes; provenance.</li>
 * </ul>
 */
public final class ShellFitWriter {
    public static final String PROFILES = "profiles-fit.csv", SUMMARY = "summary-fit.csv", RECORD = "profiles-fit.json";
    public static final String PROFILE_HEADER = "quantity,depth_nm,mean,std,voxels,err,voxel_mean,voxel_weighted_mean";
    public static final String SUMMARY_HEADER = "quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm,surface_err,bulk_err,surface_voxels,bulk_voxels";

    private ShellFitWriter() {}

    /** @param voxelRows analyze's pooled depth-profile rows, for the comparison columns (may be empty) */
    public static void write(ShellFit.Result r, List<Profiles.Row> voxelRows, ObjectNode provenance, Path dir) {
        AnalysisWriter.writeText(dir.resolve(PROFILES), profiles(r.rows(), voxelRows));
        AnalysisWriter.writeText(dir.resolve(SUMMARY), summary(r.summary()));
        ObjectNode rec = r.record().deepCopy();
        if (provenance != null) rec.set("provenance", provenance);
        Json.write(dir.resolve(RECORD), rec);
    }

    static String profiles(List<ShellFit.Row> rows, List<Profiles.Row> voxelRows) {
        Map<String, Profiles.Row> voxel = new HashMap<>();
        for (Profiles.Row v : voxelRows) if (v.particle() == 0) voxel.put(key(v.quantity(), v.depthNm()), v);
        StringBuilder b = new StringBuilder(PROFILE_HEADER).append('\n');
        for (ShellFit.Row x : rows) {
            Profiles.Row v = voxel.get(key(x.quantity(), x.depthNm()));
            b.append(AnalysisWriter.csv(x.quantity())).append(',').append(AnalysisWriter.num(x.depthNm())).append(',')
                    .append(AnalysisWriter.num(x.value())).append(",NaN,").append(x.voxels()).append(',')
                    .append(AnalysisWriter.num(x.err())).append(',')
                    .append(AnalysisWriter.num(v == null ? Double.NaN : v.mean())).append(',')
                    .append(AnalysisWriter.num(v == null ? Double.NaN : v.weightedMean())).append('\n');
        }
        return b.toString();
    }

    static String summary(List<ShellFit.SurfaceBulk> rows) {
        StringBuilder b = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (ShellFit.SurfaceBulk s : rows) {
            b.append(AnalysisWriter.csv(s.quantity())).append(',').append(AnalysisWriter.num(s.surface())).append(',')
                    .append(AnalysisWriter.num(s.bulk())).append(',').append(AnalysisWriter.num(s.surfaceDepthNm())).append(',')
                    .append(AnalysisWriter.num(s.bulkDepthNm())).append(',').append(AnalysisWriter.num(s.surfaceErr())).append(',')
                    .append(AnalysisWriter.num(s.bulkErr())).append(',').append(s.surfaceVoxels()).append(',').append(s.bulkVoxels()).append('\n');
        }
        return b.toString();
    }

    /**
     * The fitted summary in summary.csv's shape (for a pipeline that reports it): means from the
     * fit, std NaN (not estimated), half-set errors replaced by the fit's errors, weighted means
     * equal to the fitted values (a fitted shell value is already amount-weighted).
     */
    public static List<Profiles.Summary> asSummary(List<ShellFit.SurfaceBulk> rows) {
        return rows.stream().map(s -> new Profiles.Summary(s.quantity(), s.surface(), s.bulk(), s.surfaceDepthNm(), s.bulkDepthNm(),
                Double.NaN, Double.NaN, s.surfaceVoxels(), s.bulkVoxels(), s.surfaceErr(), s.bulkErr(), s.surface(), s.bulk())).toList();
    }

    private static String key(String q, double depth) {
        return q + "@" + Math.round(depth * 1000);
    }
}
