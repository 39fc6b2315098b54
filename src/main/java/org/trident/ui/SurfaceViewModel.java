package org.trident.ui;

import org.trident.job.Progress;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.render.Contrast;
import org.trident.render.IsoSurface;

import java.util.ArrayList;
import java.util.List;

/**
 * The 3-D view without the toolkit: which quantities are drawn as surfaces, each with its level,
 * colour and opacity; the smoothing and block size; and the clipping plane at the shared cursor.
 * {@link #build} makes every mesh (run it off the FX thread), each at two levels of detail: the
 * mesh shown when the view is still and a coarse one shown while the user turns or zooms it.
 */
public final class SurfaceViewModel {
    /** One surface: a volume of the dataset at a level, drawn in an sRGB colour (0–1) with an opacity. */
    public record Layer(String name, double level, double[] rgb, double opacity) {}

    /**
     * A built surface: {@code mesh} for the still view, {@code coarse} for the view while it is
     * being turned — the same level of the same volume on blocks twice as large each way
     * ({@link #coarseStep}), with the same clip, smoothing and speckle rule.
     */
    public record Built(Layer layer, IsoSurface.Mesh mesh, IsoSurface.Mesh coarse) {}

    /** Axis of the clipping plane (-1 none, 0 x, 1 y, 2 z); the kept side is at or below the cursor. */
    private int clipAxis = -1;
    private int smoothing = 5;

    public int clipAxis() { return clipAxis; }
    public void setClipAxis(int a) { clipAxis = a; }
    public int smoothing() { return smoothing; }
    public void setSmoothing(int n) { smoothing = Math.max(0, n); }

    /** Elements keep one colour everywhere (as in the RGB overlay: Ni red, Co green, Mn blue); other quantities grey-blue. */
    public static double[] colour(String quantity) {
        String q = quantity.toLowerCase(java.util.Locale.ROOT);
        if (q.endsWith("-ni") || q.endsWith(":ni")) return new double[]{0.90, 0.20, 0.15};
        if (q.endsWith("-co") || q.endsWith(":co")) return new double[]{0.20, 0.75, 0.25};
        if (q.endsWith("-mn") || q.endsWith(":mn")) return new double[]{0.20, 0.40, 0.95};
        if (q.endsWith("-o") || q.endsWith(":o") || q.contains("o-k")) return new double[]{0.95, 0.75, 0.10};
        return new double[]{0.75, 0.78, 0.85};
    }

    /** The default level: the middle of the 0.5–99.5 % range of the finite values (for a mask, 0.5). */
    public static double defaultLevel(Volume v) {
        double[] lim = Contrast.percentiles(v.data(), 0.5, 99.5);
        return (lim[0] + lim[1]) / 2;
    }

    /**
     * Blocks of 2³ voxels from 100³ on, 3³ from 200³, 4³ from 300³: large volumes stay responsive
     * (a few hundred thousand triangles) and block means quiet the noise of low-dose maps.
     */
    public static int defaultStep(Volume v) {
        long n = (long) v.nx() * v.ny() * v.nz();
        return n >= 27_000_000L ? 4 : n >= 8_000_000L ? 3 : n >= 1_000_000L ? 2 : 1;
    }

    /**
     * The block size of the coarse level: twice the still view's, so about a quarter of the
     * triangles (a sixth on the 128³ particle, where smoothing and the speckle rule remove more).
     * Still the same isosurface (same level, block means of the same volume), at lower
     * resolution: never a different threshold.
     */
    public static int coarseStep(Volume v) { return 2 * defaultStep(v); }

    /** Pieces of surface smaller than this fraction of the largest are noise speckle and are not drawn. */
    public static final double MIN_PIECE = 0.02;

    /** A layer for each named volume of {@code d} with its default level, its colour and the given opacity. */
    public static List<Layer> layers(Dataset d, List<String> names, double opacity) {
        List<Layer> out = new ArrayList<>();
        for (String n : names) {
            var it = d.volume(n);
            if (it == null) throw new TridentException(d.label() + " has no volume " + n);
            out.add(new Layer(n, defaultLevel(it.volume()), colour(n), opacity));
        }
        return out;
    }

    /** Every layer's mesh and its coarse level, clipped at the cursor position along the clip axis. Blocking. */
    public List<Built> build(Dataset d, List<Layer> layers, double[] cursorNm, Progress progress) {
        List<Built> out = new ArrayList<>();
        IsoSurface.Clip clip = clipAxis < 0 ? IsoSurface.Clip.NONE : new IsoSurface.Clip(clipAxis, cursorNm[clipAxis]);
        for (Layer l : layers) {
            progress.checkCancelled();
            Volume v = d.volume(l.name()).volume();
            var mesh = IsoSurface.build(v, l.level(), defaultStep(v), clip, smoothing, MIN_PIECE, progress);
            out.add(new Built(l, mesh, IsoSurface.build(v, l.level(), coarseStep(v), clip, smoothing, MIN_PIECE, progress)));
        }
        return out;
    }
}
