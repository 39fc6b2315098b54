package org.trident.ui;

import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.recon.Algorithm;
import org.trident.recon.FusedReconstruction;
import org.trident.recon.LowDose;
import org.trident.recon.LowDoseParams;
import org.trident.recon.LowDoseSeries;
import org.trident.recon.ReconParams;
import org.trident.recon.SeriesReconstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * One slice (one detector row) by a low-dose method, for the Reconstruct preview. Each channel
 * gets what a whole-series run gives it ({@link LowDoseSeries}): count channels (EDS:&lt;El&gt;)
 * the chosen Poisson method, or for {@code fused} all count channels solved together with the
 * ADF row (the slice shown is the chosen channel's); {@code sirt-tv} also for the other maps;
 * ADF and other maps otherwise SIRT ({@link #usesSirt}). Unlike the full run, the preview has no
 * ADF support mask (that needs the whole ADF volume), so its slice is a little noisier outside
 * the particle.
 */
final class LowDosePreview {
    private LowDosePreview() {}

    /** True when a series run reconstructs {@code c} with plain SIRT under {@code a}. */
    static boolean usesSirt(Channel c, Algorithm a) {
        if (c.signal() == Signal.ADF) return true;
        return a != Algorithm.SIRT_TV && !LowDoseSeries.isCountChannel(c);
    }

    /** The slice of {@code c} at row {@code y} (nx × 1 × nz, x fastest); costs go to the progress (CostSink). */
    static float[] slice(TiltSeries ts, Channel c, int y, ReconParams p, LowDoseParams lp, Progress progress) {
        Algorithm a = p.algorithm();
        int w = ts.width(), z = p.thickness(w);
        double[] angles = ts.tiltAnglesDeg();
        if (a == Algorithm.FUSED) {
            Channel adf = ts.channels().stream().filter(x -> x.isImage() && x.signal() == Signal.ADF).findFirst().orElse(null);
            if (adf == null) throw new TridentException("the fused method needs an ADF/HAADF image channel; this series has none (use em-tv)");
            List<Channel> counts = ts.channels().stream().filter(x -> x.isImage() && LowDoseSeries.isCountChannel(x)).toList();
            int k = counts.indexOf(c);
            List<FusedReconstruction.Input> in = new ArrayList<>();
            for (Channel x : counts) in.add(new FusedReconstruction.Input(x.name(), x.name().substring(4), row(x.images(), y)));
            var o = FusedReconstruction.run(row(adf.images(), y), in, LowDoseSeries.kFactors(ts), angles, z, p, lp, null, 1, progress);
            return o.volumes().get(k);
        }
        ReconParams q = a == Algorithm.SIRT_TV
                ? p.withNonNegative(SeriesReconstruction.nonNegativeByDefault(c.signal())) : p;
        return LowDose.run(z, angles, c.images(), y, y + 1, ts.pixelSizeNm(), q, lp, null, 1, progress).result().volume().data();
    }

    /** Row {@code y} of every tilt, as a one-row stack. */
    static ImageStack row(ImageStack s, int y) {
        float[][] d = new float[s.tilts()][];
        for (int t = 0; t < d.length; t++) {
            d[t] = new float[s.width()];
            System.arraycopy(s.tilt(t), y * s.width(), d[t], 0, s.width());
        }
        return new ImageStack(s.width(), 1, d);
    }
}
