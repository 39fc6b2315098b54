package org.trident.align;

import org.trident.job.Parallel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.List;

/** Applies an {@link Alignment} to tilt series, channels and single images. */
public final class Alignments {
    private Alignments() {}

    /**
     * The aligned series: every channel resampled with the same interpolation. Image channels are
     * computed now (in parallel over tilts); spectrum channels are views computed row by row when
     * read (e.g. while {@code BundleWriter} streams them), so they never need to fit in memory.
     * The result's {@code tiltAxis} is {rotationDeg 0, offsetPx 0} and its {@code alignment}
     * field records what was applied.
     */
    public static TiltSeries apply(TiltSeries ts, Alignment a, Interpolation ip, int threads, Progress progress) {
        if (a.tilts() != ts.tilts()) throw new TridentException("the alignment has " + a.tilts() + " shifts but the series has " + ts.tilts() + " tilts");
        int[] keep = kept(a);
        List<Channel> out = new ArrayList<>();
        progress.start("applying the alignment", (long) keep.length * ts.channels().size());
        for (Channel c : ts.channels()) {
            if (c.isImage()) {
                out.add(c.withImages(apply(c.images(), a, ip, threads, progress)));
            } else {
                out.add(c.withSpectra(new ResampledSpectrumStack(c.spectra(), a, ip, keep)));
                progress.advance(keep.length);
            }
        }
        ObjectNode extra = ts.extra().deepCopy();
        ObjectNode axis = extra.putObject("tiltAxis");
        axis.put("rotationDeg", 0.0);
        axis.put("offsetPx", 0.0);
        ObjectNode rec = extra.putObject("alignment");
        rec.put("file", Alignment.FILE);
        rec.put("tiltAxisRotationDeg", a.tiltAxisRotationDeg());
        rec.put("tiltAxisOffsetPx", a.tiltAxisOffsetPx());
        rec.put("interpolation", ip.name().toLowerCase(java.util.Locale.ROOT));
        if (ts.extra().has("tiltAxis")) rec.set("rawTiltAxis", ts.extra().get("tiltAxis").deepCopy());
        int[] ex = a.excludedTilts();
        double[] angles = ts.tiltAnglesDeg();
        if (ex.length > 0) {
            ArrayNode e = rec.putArray("excludedTilts");
            for (int t : ex) e.add(t);
            ArrayNode src = rec.putArray("rawIndices");
            for (int t : keep) src.add(t);
            angles = new double[keep.length];
            for (int k = 0; k < keep.length; k++) angles[k] = ts.tiltAnglesDeg()[keep[k]];
            renumberTiltOrder(extra, keep, ts.tilts());
        }
        return new TiltSeries(ts.name(), ts.pixelSizeNm(), angles, out, extra);
    }

    /** Raw indices of the tilts the alignment keeps, ascending. */
    public static int[] kept(Alignment a) {
        int[] ex = a.excludedTilts();
        int[] keep = new int[a.tilts() - ex.length];
        for (int t = 0, k = 0; t < a.tilts(); t++) if (java.util.Arrays.binarySearch(ex, t) < 0) keep[k++] = t;
        return keep;
    }

    /** acquisition.tiltOrder (one index per tilt) follows the kept tilts: removed ones dropped, the rest renumbered. */
    private static void renumberTiltOrder(ObjectNode extra, int[] keep, int n) {
        JsonNode order = extra.path("acquisition").path("tiltOrder");
        if (!order.isArray() || order.size() != n) return;
        List<Integer> kept = new ArrayList<>();
        for (int t : keep) kept.add(t);
        ArrayNode o = ((ObjectNode) extra.get("acquisition")).putArray("tiltOrder");
        for (JsonNode v : order) {
            int idx = kept.indexOf(v.asInt());
            if (idx >= 0) o.add(idx);
        }
    }

    /** An aligned copy of an image stack, without the tilts the alignment excludes. */
    public static ImageStack apply(ImageStack im, Alignment a, Interpolation ip, int threads, Progress progress) {
        if (a.tilts() != im.tilts()) throw new TridentException("the alignment has " + a.tilts() + " shifts but the stack has " + im.tilts() + " tilts");
        int[] keep = kept(a);
        float[][] d = new float[keep.length][];
        Parallel.forEach(keep.length, threads, progress, k -> {
            d[k] = image(im.tilt(keep[k]), im.width(), im.height(), a, keep[k], ip);
            progress.advance(1);
        });
        return new ImageStack(im.width(), im.height(), d, im.sourceType());
    }

    /** Tilt {@code t} aligned (for a live preview): {@code out(q) = in(R(r)·q + d_t)}. */
    public static float[] image(float[] in, int width, int height, Alignment a, int t, Interpolation ip) {
        return Resampling.align(in, width, height, a.tiltAxisRotationDeg(), a.dx(t), a.dy(t), ip);
    }
}
