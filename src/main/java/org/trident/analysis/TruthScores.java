package org.trident.analysis;

import org.trident.io.Mrc;
import org.trident.model.TridentException;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores an analysis against a simulation's truth ({@code simulate}'s {@code truth/}, contract
 * section 7), with the project's accuracy measures:
 * <ul>
 *   <li>mean absolute error of a depth profile over the outer N shells (shells matched by depth);</li>
 *   <li>bulk-mean error of each fraction (bulk = depth ≥ bulk depth);</li>
 *   <li>surface enrichment (surface mean − bulk mean) measured vs true.</li>
 * </ul>
 * Truth surface and bulk means are computed from the truth volumes with the same rule as
 * {@code summary.csv}.
 */
public final class TruthScores {
    private TruthScores() {}

    /** Profile MAE of {@code quantity} over the outer {@code shells} shells; NaN when no shell matches. */
    public static double profileMae(Path truthDir, Path analysisDir, String quantity, int shells, String column) {
        return profileMaeOf(truthDir, analysisDir.resolve("depth-profiles.csv"), quantity, shells, column);
    }

    /** As {@link #profileMae(Path, Path, String, int, String)} on any profile file with depth-profiles.csv's first columns (e.g. profiles-fit.csv). */
    public static double profileMaeOf(Path truthDir, Path profileCsv, String quantity, int shells, String column) {
        Map<Double, Double> truth = profile(truthDir.resolve("depth-profiles.csv"), quantity, "mean");
        Map<Double, Double> got = profile(profileCsv, quantity, column);
        double sum = 0;
        int n = 0, k = 0;
        for (var e : truth.entrySet()) {
            if (k++ >= shells) break;
            Double g = got.get(e.getKey());
            if (g == null || !Double.isFinite(g) || !Double.isFinite(e.getValue())) continue;
            sum += Math.abs(g - e.getValue());
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Surface and bulk means {surface, bulk} of a truth volume with the summary's rule. */
    public static double[] truthSurfaceBulk(Path truthDir, String quantity, double surfaceNm, double bulkNm) {
        Volume mask = Mrc.readVolume(truthDir.resolve("mask.mrc"));
        Volume depth = Mrc.readVolume(truthDir.resolve("depth-nm.mrc"));
        Volume q = Mrc.readVolume(truthDir.resolve(AnalysisWriter.fileName(quantity) + ".mrc"));
        double s = 0, b = 0;
        long ns = 0, nb = 0;
        for (int i = 0; i < q.data().length; i++) {
            float d = depth.data()[i], v = q.data()[i];
            if (!(mask.data()[i] > 0.5f) || !Float.isFinite(d) || !Float.isFinite(v)) continue;
            if (d < surfaceNm) { s += v; ns++; }
            if (d >= bulkNm) { b += v; nb++; }
        }
        return new double[]{ns > 0 ? s / ns : Double.NaN, nb > 0 ? b / nb : Double.NaN};
    }

    /** Surface and bulk values {surface, bulk} from an analysis' summary.csv; {@code prefix} "" or "weighted_". */
    public static double[] measuredSurfaceBulk(Path analysisDir, String quantity, String prefix) {
        return surfaceBulk(analysisDir.resolve("summary.csv"), quantity, prefix);
    }

    /** Surface and bulk values from any file with summary.csv's first columns (e.g. summary-fit.csv). */
    public static double[] surfaceBulk(Path summaryCsv, String quantity, String prefix) {
        if (!Files.isRegularFile(summaryCsv)) throw TridentException.file(summaryCsv, "file not found");
        for (var r : Comparison.readCsv(summaryCsv).rows()) {
            if (quantity.equals(r.get("quantity"))) return new double[]{Comparison.num(r.get("surface_" + prefix + "mean")),
                    Comparison.num(r.get("bulk_" + prefix + "mean"))};
        }
        return new double[]{Double.NaN, Double.NaN};
    }

    /** A readable report of every score, for docs and test logs. */
    public static String report(Path truthDir, Path analysisDir, double surfaceNm, double bulkNm) {
        StringBuilder b = new StringBuilder();
        for (String q : List.of("valence-Mn", "valence-Co", "valence-Ni", "fraction-Ni", "fraction-Co", "fraction-Mn")) {
            b.append(String.format(Locale.ROOT, "%-12s MAE over the outer 10 shells: mean %.4f, weighted_mean %.4f%n", q,
                    profileMae(truthDir, analysisDir, q, 10, "mean"), profileMae(truthDir, analysisDir, q, 10, "weighted_mean")));
        }
        for (String prefix : List.of("", "weighted_")) {
            for (String el : List.of("Ni", "Co", "Mn")) {
                double[] t = truthSurfaceBulk(truthDir, "fraction-" + el, surfaceNm, bulkNm), m = measuredSurfaceBulk(analysisDir, "fraction-" + el, prefix);
                b.append(String.format(Locale.ROOT, "%smean fraction-%s bulk %.4f (truth %.4f, error %+.4f); surface - bulk %+.4f (truth %+.4f, ratio %.2f)%n",
                        prefix, el, m[1], t[1], m[1] - t[1], m[0] - m[1], t[0] - t[1], (m[0] - m[1]) / (t[0] - t[1])));
            }
        }
        return b.toString();
    }

    private static Map<Double, Double> profile(Path csv, String quantity, String column) {
        if (!Files.isRegularFile(csv)) throw TridentException.file(csv, "file not found");
        Map<Double, Double> out = new LinkedHashMap<>();
        for (var r : Comparison.readCsv(csv).rows()) {
            if (quantity.equals(r.get("quantity"))) out.put(Math.round(Comparison.num(r.get("depth_nm")) * 1000) / 1000.0, Comparison.num(r.get(column)));
        }
        return out;
    }
}
