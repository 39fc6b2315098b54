package org.trident.recon;

/**
 * The discrete 3-D gradient used by total variation: forward differences along x, y and z,
 * counted only between two voxels that are both inside the support. The support's own edge
 * (particle against vacuum, found on the HAADF) is therefore not penalised: TV smooths inside
 * the particle without eating its border, which would otherwise bias the weak channels' surface
 * voxels more than the strong ones' (and with them every ratio at the surface).
 * {@link #adjoint} is the exact adjoint ∇ᵀ of {@link #gradient}. Each voxel enters at
 * most six differences with coefficient ±1, so ‖∇‖ row sums are 2 and column sums ≤ 6.
 */
final class TvGradient {
    private final int nx, ny, nz;
    private final boolean[] support; // null = everywhere

    TvGradient(int nx, int ny, int nz, boolean[] support) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.support = support;
    }

    private boolean in(int v) {
        return support == null || support[v];
    }

    /** {@code g[0..2][v]} = differences along x, y, z at voxel v (0 where the pair leaves the support or the grid). */
    void gradient(float[] x, float[][] g) {
        float[] gx = g[0], gy = g[1], gz = g[2];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = (k * ny + j) * nx;
                for (int i = 0; i < nx; i++) {
                    int v = base + i;
                    if (!in(v)) { gx[v] = 0; gy[v] = 0; gz[v] = 0; continue; }
                    float xv = x[v];
                    gx[v] = i + 1 < nx && in(v + 1) ? x[v + 1] - xv : 0f;
                    gy[v] = j + 1 < ny && in(v + nx) ? x[v + nx] - xv : 0f;
                    gz[v] = k + 1 < nz && in(v + nx * ny) ? x[v + nx * ny] - xv : 0f;
                }
            }
        }
    }

    /** {@code out = ∇ᵀ z} (overwritten; minus the divergence); z must be zero on pairs the gradient does not count. */
    void adjoint(float[][] z, float[] out) {
        float[] zx = z[0], zy = z[1], zz = z[2];
        int sxy = nx * ny;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = (k * ny + j) * nx;
                for (int i = 0; i < nx; i++) {
                    int v = base + i;
                    float d = -(zx[v] + zy[v] + zz[v]);
                    if (i > 0) d += zx[v - 1];
                    if (j > 0) d += zy[v - nx];
                    if (k > 0) d += zz[v - sxy];
                    out[v] = d;
                }
            }
        }
    }

    /** Isotropic TV: Σ_v |∇x|_v. */
    double tv(float[] x, float[][] scratch) {
        gradient(x, scratch);
        double s = 0;
        for (int v = 0; v < x.length; v++) {
            float a = scratch[0][v], b = scratch[1][v], c = scratch[2][v];
            s += Math.sqrt(a * a + b * b + c * c);
        }
        return s;
    }
}
