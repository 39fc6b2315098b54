package org.trident.sim;

/**
 * Projects the fine particle model onto the detector at one tilt (contract section 1:
 * u = x·cosθ + z·sinθ, v = y, line integrals in value × pixel length). Each fine voxel is a
 * uniform cube whose shadow along the beam is a trapezoid; its amount is split between the
 * detector columns it covers by the exact area of that trapezoid, and each fine row lies inside
 * one detector row. The result is the amount of every species in each detector pixel's column,
 * i.e. the projection of the reconstruction-grid truth up to the discretisation of the
 * fine grid. This is deliberately not the reconstruction's projector (no inverse crime).
 */
final class FineProjector {
    private final FineModel model;
    private final float[] xs; // fine voxel centre x in detector pixels (centred)
    private final float[] zs;
    private final int[] rows;

    FineProjector(FineModel m) {
        this.model = m;
        xs = new float[m.count];
        zs = new float[m.count];
        rows = new int[m.count];
        int n = m.n;
        double half = (n - 1) / 2.0;
        for (int v = 0; v < m.count; v++) {
            int idx = m.index[v];
            int a = idx % n, b = (idx / n) % n, c = idx / (n * n);
            xs[v] = (float) ((a - half) / m.factor);
            zs[v] = (float) ((c - half) / m.factor);
            rows[v] = b / m.factor;
        }
    }

    /**
     * Amount of each species in each pixel's column at tilt {@code angleDeg}: {@code [species][row * size + col]}
     * on the ideal (aligned) detector of {@code size × size} pixels.
     */
    float[][] project(double angleDeg) {
        int ns = Species.ALL.size();
        int w = model.size;
        double th = Math.toRadians(angleDeg);
        double c = Math.cos(th), s = Math.sin(th);
        double ac = Math.abs(c), as = Math.abs(s);
        // the cube's shadow: a trapezoid with a plateau of half-width a and ramps out to half-width b (pixels)
        double a = Math.abs(ac - as) / (2.0 * model.factor);
        double b = (ac + as) / (2.0 * model.factor);
        double[][] acc = new double[ns][w * w];
        double half = (w - 1) / 2.0;
        float[] amounts = model.amounts;
        double[] share = new double[ns];
        for (int v = 0; v < model.count; v++) {
            double pos = xs[v] * c + zs[v] * s + half; // column coordinate of the voxel centre
            int first = (int) Math.floor(pos - b + 0.5);
            int last = (int) Math.floor(pos + b + 0.5);
            int rowOff = rows[v] * w;
            int off = v * ns;
            for (int col = first; col <= last; col++) {
                if (col < 0 || col >= w) continue;
                double frac = cdf(col + 0.5 - pos, a, b) - cdf(col - 0.5 - pos, a, b);
                if (frac <= 0) continue;
                for (int sp = 0; sp < ns; sp++) share[sp] = amounts[off + sp] * frac;
                for (int sp = 0; sp < ns; sp++) acc[sp][rowOff + col] += share[sp];
            }
        }
        float[][] out = new float[ns][w * w];
        for (int sp = 0; sp < ns; sp++) for (int p = 0; p < w * w; p++) out[sp][p] = (float) acc[sp][p];
        return out;
    }

    /** Cumulative distribution of a unit-area trapezoid centred at 0 (plateau |t| ≤ a, zero beyond b). */
    static double cdf(double t, double a, double b) {
        if (t <= -b) return 0;
        if (t >= b) return 1;
        double h = 1.0 / (a + b);
        double ramp = b - a;
        if (ramp < 1e-12) return (t + b) / (2 * b);
        if (t < -a) return h * (t + b) * (t + b) / (2 * ramp);
        if (t <= a) return h * ramp / 2 + h * (t + a);
        return 1 - h * (b - t) * (b - t) / (2 * ramp);
    }
}
