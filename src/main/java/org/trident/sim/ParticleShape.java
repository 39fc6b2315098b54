package org.trident.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a {@link ParticleSpec}, ready for fast point tests: the outer body (voids
 * filled) and the empty regions inside it. Points in nm, centred coordinates.
 */
final class ParticleShape {
    private final double[] centre;
    private final double[] inv; // 1 / semi-axes
    private final double[][] rot; // rows: body axes in lab frame (lab -> body is rot * p)
    private final boolean ellipsoid;
    private final double[][] facetNormals;
    private final double[] facetDistances;
    private final List<ParticleSpec.Pore> voids;
    private final List<ParticleSpec.Crack> cracks;
    private final double[][] crackNormals;

    ParticleShape(ParticleSpec spec) {
        ParticleSpec.Shape s = spec.shape();
        centre = s.centreNm() == null ? new double[3] : s.centreNm().clone();
        double[] a = s.semiAxesNm();
        inv = new double[]{1 / a[0], 1 / a[1], 1 / a[2]};
        double[] r = s.rotationDeg() == null ? new double[3] : s.rotationDeg();
        rot = transpose(rotation(Math.toRadians(r[0]), Math.toRadians(r[1]), Math.toRadians(r[2])));
        ellipsoid = "ellipsoid".equals(s.type());
        List<ParticleSpec.Facet> facets = s.facets() != null ? s.facets() : defaultFacets();
        facetNormals = new double[facets.size()][];
        facetDistances = new double[facets.size()];
        for (int i = 0; i < facets.size(); i++) {
            double[] n = facets.get(i).normal();
            double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            facetNormals[i] = new double[]{n[0] / len, n[1] / len, n[2] / len};
            facetDistances[i] = facets.get(i).distance();
        }
        voids = spec.voids() == null ? List.of() : spec.voids();
        cracks = spec.cracks() == null ? List.of() : spec.cracks();
        crackNormals = new double[cracks.size()][];
        for (int i = 0; i < cracks.size(); i++) {
            double[] n = cracks.get(i).normal();
            double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            crackNormals[i] = new double[]{n[0] / len, n[1] / len, n[2] / len};
        }
    }

    /**
     * A bevelled hexagonal platelet, the habit of layered-oxide primary particles: six side
     * facets, the two basal planes and twelve bevels that cut the rims.
     */
    static List<ParticleSpec.Facet> defaultFacets() {
        List<ParticleSpec.Facet> f = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double phi = Math.PI / 3 * k;
            f.add(new ParticleSpec.Facet(new double[]{Math.cos(phi), Math.sin(phi), 0}, Math.cos(Math.PI / 6)));
            for (int sz = -1; sz <= 1; sz += 2) {
                f.add(new ParticleSpec.Facet(new double[]{Math.cos(phi), Math.sin(phi), sz}, 1.45 / Math.sqrt(2)));
            }
        }
        f.add(new ParticleSpec.Facet(new double[]{0, 0, 1}, 1));
        f.add(new ParticleSpec.Facet(new double[]{0, 0, -1}, 1));
        return f;
    }

    /** True when the point lies in the outer body (voids and cracks count as inside). */
    boolean insideBody(double x, double y, double z) {
        double dx = x - centre[0], dy = y - centre[1], dz = z - centre[2];
        double qx = (rot[0][0] * dx + rot[0][1] * dy + rot[0][2] * dz) * inv[0];
        double qy = (rot[1][0] * dx + rot[1][1] * dy + rot[1][2] * dz) * inv[1];
        double qz = (rot[2][0] * dx + rot[2][1] * dy + rot[2][2] * dz) * inv[2];
        if (ellipsoid) return qx * qx + qy * qy + qz * qz <= 1.0;
        for (int i = 0; i < facetNormals.length; i++) {
            double[] n = facetNormals[i];
            if (n[0] * qx + n[1] * qy + n[2] * qz > facetDistances[i]) return false;
        }
        return true;
    }

    /** True when the point lies in a void or crack (empty space inside the body). */
    boolean inEmpty(double x, double y, double z) {
        for (ParticleSpec.Pore v : voids) {
            double[] c = v.centreNm();
            double dx = x - c[0], dy = y - c[1], dz = z - c[2];
            if (dx * dx + dy * dy + dz * dz <= v.radiusNm() * v.radiusNm()) return true;
        }
        for (int i = 0; i < cracks.size(); i++) {
            ParticleSpec.Crack c = cracks.get(i);
            double[] n = crackNormals[i];
            double dx = x - c.centreNm()[0], dy = y - c.centreNm()[1], dz = z - c.centreNm()[2];
            double along = n[0] * dx + n[1] * dy + n[2] * dz;
            if (Math.abs(along) > c.halfWidthNm()) continue;
            double r2 = dx * dx + dy * dy + dz * dz - along * along;
            if (r2 <= c.radiusNm() * c.radiusNm()) return true;
        }
        return false;
    }

    boolean material(double x, double y, double z) {
        return insideBody(x, y, z) && !inEmpty(x, y, z);
    }

    /** R = Rz · Ry · Rx (body to lab). */
    static double[][] rotation(double ax, double ay, double az) {
        double[][] rx = {{1, 0, 0}, {0, Math.cos(ax), -Math.sin(ax)}, {0, Math.sin(ax), Math.cos(ax)}};
        double[][] ry = {{Math.cos(ay), 0, Math.sin(ay)}, {0, 1, 0}, {-Math.sin(ay), 0, Math.cos(ay)}};
        double[][] rz = {{Math.cos(az), -Math.sin(az), 0}, {Math.sin(az), Math.cos(az), 0}, {0, 0, 1}};
        return mul(rz, mul(ry, rx));
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = a[j][i];
        return t;
    }
}
