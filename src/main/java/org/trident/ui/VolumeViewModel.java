package org.trident.ui;

import org.trident.job.Progress;
import org.trident.model.Volume;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;
import org.trident.render.IsoSurface;
import org.trident.render.TransferFunction;
import org.trident.render.VolumeRaycaster;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * The volume rendering of the 3-D view without the toolkit: which quantity is rendered, its
 * transfer function (one per quantity, kept while the view is open), and how a frame is made:
 * coarse while the user drags (a quarter of the pixels each way, one sample per voxel), full when
 * the view is still (every pixel, two samples per voxel). {@link #render} is blocking: run it
 * off the FX thread.
 */
public final class VolumeViewModel {
    /** Coarse frames have 1/COARSE of the pixels along each side. */
    public static final int COARSE = 4;
    /** Default opacity per voxel at the top of the range: a 100-voxel particle is seen into, not through. */
    public static final double DEFAULT_MAX_OPACITY = 0.08;
    /** The 3-D view's background (also laid under transparent pixels in exports). */
    public static final int BACKGROUND_RGB = 0x1c1c20;

    private final Map<String, TransferFunction> functions = new HashMap<>();
    private String quantity;
    private boolean lit = true;

    public String quantity() { return quantity; }
    public void setQuantity(String q) { quantity = q; }
    public boolean lit() { return lit; }
    public void setLit(boolean b) { lit = b; }

    /** The transfer function of {@code q}: the one edited, else the default for its volume. */
    public TransferFunction function(String q, Volume v) {
        return functions.computeIfAbsent(q, k -> defaultFunction(v));
    }

    public void setFunction(String q, TransferFunction tf) { functions.put(q, tf); }

    /** Forgets the edits (a new dataset). */
    public void clear() { functions.clear(); }

    /** Transparent below a quarter of the 0.5–99.5 % range, rising to {@link #DEFAULT_MAX_OPACITY}; viridis over the range. */
    public static TransferFunction defaultFunction(Volume v) {
        double[] lim = Contrast.percentiles(v.data(), 0.5, 99.5);
        return TransferFunction.ramp(lim[0], lim[1], ColorMap.VIRIDIS, DEFAULT_MAX_OPACITY);
    }

    /** One frame: {@code width × height} view pixels, coarse or full. Returns ARGB at the rendered size. */
    public Frame render(Volume v, TransferFunction tf, VolumeRaycaster.Camera cam, IsoSurface.Clip clip,
                        int width, int height, boolean coarse, int threads, Progress progress) {
        int w = coarse ? Math.max(1, width / COARSE) : width, h = coarse ? Math.max(1, height / COARSE) : height;
        int[] px = VolumeRaycaster.render(v, tf, cam, clip, w, h, coarse ? 1.0 : 0.5, lit, threads, progress);
        return new Frame(px, w, h, coarse);
    }

    /** A rendered frame. */
    public record Frame(int[] argb, int width, int height, boolean coarse) {
        public BufferedImage image() {
            BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            im.setRGB(0, 0, width, height, argb, 0, width);
            return im;
        }
    }

    /**
     * An exported frame: the background, the volume rendering (scaled to the size when it was
     * rendered smaller) and the overlay (the 3-D scene's snapshot: scale cube, surfaces) on top.
     */
    public static BufferedImage compose(int width, int height, Frame volume, BufferedImage overlay) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var g = out.createGraphics();
        g.setColor(new java.awt.Color(BACKGROUND_RGB));
        g.fillRect(0, 0, width, height);
        if (volume != null) g.drawImage(volume.image(), 0, 0, width, height, null);
        if (overlay != null) g.drawImage(overlay, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
