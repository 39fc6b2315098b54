package org.trident.recon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the reconstruction method from the data, for {@code pipeline}: when the element count
 * channels are sparse — fewer than {@link #SPARSE_COUNTS} net counts per particle pixel per
 * tilt on average — least squares (SIRT) treats a map of a few counts like an image of
 * thousands and the counting noise goes straight into every ratio; then the count channels are
 * reconstructed by the fused method (with an ADF channel) or by Poisson + TV (without one).
 * Otherwise SIRT: above ~10 counts Poisson noise is close to Gaussian and least squares is
 * near-optimal (and linear, the safest for ratios). Particle pixels are those with at least
 * 5 % of the ADF's peak (all pixels without an ADF channel).
 */
public final class MethodChoice {
    /** Mean net counts per particle pixel per tilt below which count channels count as sparse. */
    public static final double SPARSE_COUNTS = 10.0;

    /** The method, why, and the measured mean counts (NaN when there are no count channels). */
    public record Choice(Algorithm algorithm, String reason, double meanCounts, List<String> countChannels) {
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("algorithm", algorithm.label());
            o.put("reason", reason);
            o.put("meanCountsPerParticlePixelPerTilt", meanCounts);
            o.put("sparseBelow", SPARSE_COUNTS);
            var a = o.putArray("countChannels");
            countChannels.forEach(a::add);
            return o;
        }
    }

    private MethodChoice() {}

    public static Choice choose(TiltSeries ts) {
        Channel adf = ts.channels().stream().filter(c -> c.isImage() && c.signal() == Signal.ADF).findFirst().orElse(null);
        List<Channel> counts = new ArrayList<>();
        for (Channel c : ts.channels()) if (c.isImage() && LowDoseSeries.isCountChannel(c)) counts.add(c);
        List<String> names = counts.stream().map(Channel::name).toList();
        if (counts.isEmpty()) return new Choice(Algorithm.SIRT, "no element count channels (EDS:<El>): SIRT for every channel", Double.NaN, names);
        boolean[][] particle = particlePixels(adf, ts.tilts(), ts.width() * ts.height());
        double sum = 0;
        long n = 0;
        for (Channel c : counts) {
            for (int t = 0; t < ts.tilts(); t++) {
                float[] img = c.images().tilt(t);
                for (int i = 0; i < img.length; i++) {
                    if (!particle[t][i]) continue;
                    sum += img[i];
                    n++;
                }
            }
        }
        double mean = sum / Math.max(1, n);
        String m = String.format(Locale.ROOT, "%.2f", mean);
        if (mean >= SPARSE_COUNTS) {
            return new Choice(Algorithm.SIRT, "element count channels hold " + m + " counts per particle pixel per tilt (>= "
                    + SPARSE_COUNTS + "): counting noise is near Gaussian, SIRT", mean, names);
        }
        if (adf != null) {
            return new Choice(Algorithm.FUSED, "element count channels hold only " + m + " counts per particle pixel per tilt (< "
                    + SPARSE_COUNTS + "): fused reconstruction of the counts with the " + adf.name() + " (Poisson + HAADF link + TV)", mean, names);
        }
        return new Choice(Algorithm.EM_TV, "element count channels hold only " + m + " counts per particle pixel per tilt (< "
                + SPARSE_COUNTS + ") and there is no ADF channel: Poisson + TV", mean, names);
    }

    private static boolean[][] particlePixels(Channel adf, int tilts, int pixels) {
        boolean[][] p = new boolean[tilts][pixels];
        if (adf == null) {
            for (boolean[] r : p) java.util.Arrays.fill(r, true);
            return p;
        }
        float peak = 0;
        for (int t = 0; t < tilts; t++) for (float v : adf.images().tilt(t)) peak = Math.max(peak, v);
        for (int t = 0; t < tilts; t++) {
            float[] img = adf.images().tilt(t);
            for (int i = 0; i < pixels; i++) p[t][i] = img[i] >= 0.05f * peak;
        }
        return p;
    }
}
