package org.trident.align;

import org.trident.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code alignment-report.csv}: one row per tilt (file order) with the final shift (raw frame and
 * axis frame), the score and the shifts of the intermediate steps; empty cells where a step
 * did not run. Columns: index, angle_deg, dx_px, dy_px, score, axis_dx_px, axis_dy_px,
 * rotation_deg, xcorr_dx_px, xcorr_dy_px, com_dx_px, com_dy_px, residual (relative reprojection misfit
 * inside the object's support after projection matching), rotation_sd_deg (standard error of the
 * rotation), excluded (the reason, empty when kept).
 */
public final class AlignmentReport {
    private AlignmentReport() {}

    public static String csv(double[] anglesDeg, Alignment a, double[] score, double[][] xcorr, double[][] com) {
        return csv(anglesDeg, a, score, xcorr, com, null);
    }

    public static String csv(double[] anglesDeg, Alignment a, double[] score, double[][] xcorr, double[][] com, double[] residual) {
        double sd = a.extra().path("tiltAxisRotationSdDeg").asDouble(Double.NaN);
        StringBuilder b = new StringBuilder("index,angle_deg,dx_px,dy_px,score,axis_dx_px,axis_dy_px,rotation_deg,xcorr_dx_px,xcorr_dy_px,com_dx_px,com_dy_px,residual,rotation_sd_deg,excluded\n");
        for (int t = 0; t < a.tilts(); t++) {
            double[] ax = Aligner.toAxis(a.tiltAxisRotationDeg(), a.dx(t), a.dy(t));
            b.append(t).append(',').append(num(anglesDeg[t])).append(',').append(num(a.dx(t))).append(',').append(num(a.dy(t)))
                    .append(',').append(score == null ? "" : num(score[t]))
                    .append(',').append(num(ax[0])).append(',').append(num(ax[1]))
                    .append(',').append(num(a.tiltAxisRotationDeg()))
                    .append(',').append(xcorr == null ? "" : num(xcorr[t][0])).append(',').append(xcorr == null ? "" : num(xcorr[t][1]))
                    .append(',').append(com == null ? "" : num(com[t][0])).append(',').append(com == null ? "" : num(com[t][1]))
                    .append(',').append(residual == null ? "" : num(residual[t])).append(',').append(num(sd))
                    .append(',').append(a.isExcluded(t) ? quote(a.extra().path("excludedReasons").path(Integer.toString(t)).asText("excluded")) : "")
                    .append('\n');
        }
        return b.toString();
    }

    public static void write(Path file, double[] anglesDeg, Alignment a, double[] score, double[][] xcorr, double[][] com) {
        AtomicFiles.write(file, csv(anglesDeg, a, score, xcorr, com).getBytes(StandardCharsets.UTF_8));
    }

    /** The report of an estimate (score, intermediate shifts and residuals from {@code r}) for the final alignment {@code a}. */
    public static void write(Path file, double[] anglesDeg, Alignment a, Aligner.Result r) {
        AtomicFiles.write(file, csv(anglesDeg, a, r.score(), r.xcorr(), r.com(), r.residual()).getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }
}
