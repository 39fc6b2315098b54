package org.trident.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one cursor every view of the window shares: a point in nm in the contract's centred
 * coordinates (x, y image axes at 0° tilt, z the beam). Views convert it to their own voxels,
 * so volumes of different voxel sizes stay linked by physical position. Toolkit-free.
 */
public final class SharedCursor {
    private double xNm, yNm, zNm;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public double xNm() { return xNm; }
    public double yNm() { return yNm; }
    public double zNm() { return zNm; }

    public void set(double x, double y, double z) {
        if (x == xNm && y == yNm && z == zNm) return;
        xNm = x;
        yNm = y;
        zNm = z;
        listeners.forEach(Runnable::run);
    }

    public void addListener(Runnable r) { listeners.add(r); }
    public void removeListener(Runnable r) { listeners.remove(r); }

    /** Voxel index along an axis of {@code n} voxels of {@code voxelNm}: nearest centre, clamped. */
    public static int index(double nm, int n, double voxelNm) {
        int i = (int) Math.round(nm / voxelNm + (n - 1) / 2.0);
        return Math.max(0, Math.min(n - 1, i));
    }

    /** Centred position in nm of voxel {@code i} along an axis of {@code n} voxels. */
    public static double nm(double i, int n, double voxelNm) {
        return (i - (n - 1) / 2.0) * voxelNm;
    }
}
