package org.trident.analysis;

import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the surface and bulk shells of the summary hold any particle voxel. An empty shell makes
 * its {@code surface_*} or {@code bulk_*} columns NaN in {@code summary.csv}; the analysis says so
 * in words (a small particle has no voxel 40 nm deep) instead of leaving a bare NaN.
 */
public final class Shells {
    private Shells() {}

    /**
     * One sentence per empty shell, naming the dataset, the shell's depth and the depths the
     * particle does have; empty when both shells hold voxels.
     *
     * @param depthNm depth of every voxel in nm (NaN outside the mask)
     */
    public static List<String> emptyShellWarnings(String label, Volume depthNm, ParticleMask mask, double surfaceNm, double bulkNm) {
        long surface = 0, bulk = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        float[] d = depthNm.data();
        for (int i = 0; i < d.length; i++) {
            if (!mask.inMask(i) || !Double.isFinite(d[i])) continue;
            if (Profiles.inSurface(d[i], surfaceNm)) surface++;
            if (Profiles.inBulk(d[i], bulkNm)) bulk++;
            min = Math.min(min, d[i]);
            max = Math.max(max, d[i]);
        }
        List<String> w = new ArrayList<>();
        String who = "dataset " + (label == null || label.isBlank() ? "(unnamed)" : label) + ": ";
        if (bulk == 0) {
            w.add(who + String.format(Locale.ROOT, "the bulk shell is empty: no particle voxel is at least %s nm deep (the deepest is %s nm), "
                    + "so the bulk columns of summary.csv are NaN; set a smaller bulk depth (--bulk-nm)", fmt(bulkNm), fmt(max)));
        }
        if (surface == 0) {
            w.add(who + String.format(Locale.ROOT, "the surface shell is empty: no particle voxel is less than %s nm deep (the shallowest is %s nm), "
                    + "so the surface columns of summary.csv are NaN; set a larger surface depth (--surface-nm)", fmt(surfaceNm), fmt(min)));
        }
        return w;
    }

    /** Three significant digits without trailing zeros (40, 0.8, 23.4). */
    static String fmt(double v) {
        if (!Double.isFinite(v)) return "none";
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
