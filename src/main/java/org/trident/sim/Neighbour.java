package org.trident.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;

/**
 * A second particle half outside the field of view, as in cathode powders: a sphere of the
 * main particle's bulk composition (radius 0.2 of the field) whose centre lies just beyond the
 * right edge (x = 0.55, y = 0.15 of the field, z = 0). As the series tilts it moves in and out
 * of view (at ±70° its centre projects 0.19 of the field right of the middle, over the main
 * particle), so no reconstruction of the field explains it: clutter for alignment. Its column
 * amounts are exact chord lengths (3 × 3 sub-samples per pixel), added to every signal. It is
 * not part of the truth volumes, which describe the particle being studied.
 */
final class Neighbour {
    private final double x0, y0, z0, radius;
    private final double[] perVoxel; // atoms of each species in one fully filled voxel

    private Neighbour(double x0, double y0, double z0, double radius, double[] perVoxel) {
        this.x0 = x0;
        this.y0 = y0;
        this.z0 = z0;
        this.radius = radius;
        this.perVoxel = perVoxel;
    }

    /** Placed for a field of {@code size} px, filled like the main particle's fullest fine voxels. */
    static Neighbour of(FineModel fine) {
        int ns = Species.ALL.size();
        double max = 0;
        for (int v = 0; v < fine.count; v++) max = Math.max(max, total(fine.amounts, v, ns));
        double[] sum = new double[ns];
        int k = 0;
        for (int v = 0; v < fine.count; v++) {
            if (total(fine.amounts, v, ns) < 0.98 * max) continue;
            for (int s = 0; s < ns; s++) sum[s] += fine.amounts[v * ns + s];
            k++;
        }
        double f3 = Math.pow(fine.factor, 3);
        for (int s = 0; s < ns; s++) sum[s] = k > 0 ? sum[s] / k * f3 : 0;
        int n = fine.size;
        return new Neighbour(0.55 * n, 0.15 * n, 0, 0.2 * n, sum);
    }

    private static double total(float[] a, int v, int ns) {
        double t = 0;
        for (int s = 0; s < ns; s++) t += a[v * ns + s];
        return t;
    }

    /** Adds its column amounts at tilt {@code angleDeg} to {@code maps[species][row * size + col]} (ideal detector). */
    void add(float[][] maps, int size, double angleDeg) {
        double th = Math.toRadians(angleDeg);
        double u0 = x0 * Math.cos(th) + z0 * Math.sin(th), half = (size - 1) / 2.0, r2 = radius * radius;
        int m = 3;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double chord = 0;
                for (int j = 0; j < m; j++) for (int i = 0; i < m; i++) {
                    double u = col - half + (i + 0.5) / m - 0.5 - u0, v = row - half + (j + 0.5) / m - 0.5 - y0;
                    double q = r2 - u * u - v * v;
                    if (q > 0) chord += 2 * Math.sqrt(q);
                }
                if (chord == 0) continue;
                chord /= m * m;
                for (int s = 0; s < perVoxel.length; s++) maps[s][row * size + col] += (float) (perVoxel[s] * chord);
            }
        }
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.putArray("centrePx").add(x0).add(y0).add(z0);
        o.put("radiusPx", radius);
        o.put("note", "a sphere of the particle's bulk composition, half outside the field; not in the truth volumes");
        return o;
    }
}
