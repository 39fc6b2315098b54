package org.trident.recon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native kernels (src/main/c) against the Java kernels on random data: forward and back agree
 * to float rounding over odd geometries, block sizes that are not whole vectors and tiles cut by
 * the volume's edge; the native forward and back are exact adjoints; whole SIRT, SART, CGLS, WBP
 * and EM runs agree with the Java runs. Skipped when the library is not built (no gcc).
 */
class NativeKernelsTest {
    /** width, thickness, tilts, range (degrees): odd sizes, partial 32-voxel tiles, a ±90° view */
    private static final double[][] GEOMETRIES = {{37, 23, 7, 60}, {70, 45, 13, 70}, {33, 65, 9, 90}, {64, 64, 61, 70}};
    private static final int[] BLOCKS = {1, 5, 16, 17, 33, 64};

    @AfterEach
    void restore() {
        NativeKernels.select("auto", null);
    }

    @Test
    void gatherAndScatterMatchTheJavaLoops() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        int nx = 19, ny = 23, nz = 7, j0 = 5, nb = 17, st = NativeKernels.stride(nb);
        Random rnd = new Random(4);
        float[] vol = new float[nx * ny * nz];
        for (int i = 0; i < vol.length; i++) vol[i] = rnd.nextFloat();
        float[][] rows = Kernels.rows(nx * nz, nb);
        Blocks.gatherVolume(vol, nx, ny, nz, j0, nb, rows);
        float[] flat = new float[nx * nz * st];
        java.util.Arrays.fill(flat, 9f);
        NativeKernels.gather(vol, nx, ny, nz, j0, nb, st, flat);
        for (int v = 0; v < nx * nz; v++) {
            for (int b = 0; b < st; b++) assertEquals(b < nb ? rows[v][b] : 0f, flat[v * st + b], "voxel " + v + " lane " + b);
        }
        float[] parts = new float[flat.length];
        java.util.Arrays.fill(parts, 9f);
        NativeKernels.gather(vol, nx, ny, nz, j0, nb, st, parts, 0, 6);
        NativeKernels.gather(vol, nx, ny, nz, j0, nb, st, parts, 6, nb);
        assertEquals(0, java.util.Arrays.compare(flat, parts), "gathered in two parts by slices");
        for (int v = 0; v < nx * nz; v++) for (int b = 0; b < nb; b++) flat[v * st + b] = rows[v][b] += 0.5f * rnd.nextFloat();
        float[] vj = vol.clone(), vn = vol.clone();
        double[] cj = new double[ny], nj = new double[ny], cn = new double[ny], nn = new double[ny];
        Blocks.scatterVolume(rows, vj, nx, ny, nz, j0, nb, cj, nj);
        NativeKernels.scatter(flat, st, vn, nx, ny, nz, j0, nb, cn, nn);
        assertEquals(0, java.util.Arrays.compare(vj, vn), "scattered volume");
        float[] vp = vol.clone();
        double[] cp = new double[ny], np = new double[ny];
        NativeKernels.scatter(flat, st, vp, nx, ny, nz, j0, nb, cp, np, 0, 9);
        NativeKernels.scatter(flat, st, vp, nx, ny, nz, j0, nb, cp, np, 9, nb);
        assertEquals(0, java.util.Arrays.compare(vn, vp), "scattered in two parts by slices");
        assertEquals(0, java.util.Arrays.compare(cn, cp), "change summed in two parts by slices");
        for (int j = 0; j < ny; j++) {
            assertEquals(cj[j], cn[j], 1e-12 * Math.max(1, cj[j]), "change of slice " + j);
            assertEquals(nj[j], nn[j], 1e-12 * Math.max(1, nj[j]), "norm of slice " + j);
        }
    }

    private static double[] angles(int n, double range) {
        double[] a = new double[n];
        for (int t = 0; t < n; t++) a[t] = -range + 2 * range * t / (n - 1);
        return a;
    }

    private static SliceGeometry geometry(double[] c) {
        return new SliceGeometry((int) c[0], (int) c[1], angles((int) c[2], c[3]));
    }

    /** max |a − b| / max |b| over the first nb lanes of every row. */
    private static double relErr(float[][] rows, float[] flat, int st, int nb) {
        double d = 0, m = 0;
        for (int r = 0; r < rows.length; r++) {
            for (int b = 0; b < nb; b++) {
                d = Math.max(d, Math.abs(rows[r][b] - flat[r * st + b]));
                m = Math.max(m, Math.abs(rows[r][b]));
            }
        }
        return d / Math.max(m, 1e-30);
    }

    @Test
    void forwardAndBackAgreeWithJava() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        String best = NativeKernels.name().replace("native-", "");
        try {
            for (String set : new String[]{"avx512", "avx2", "sse2"}) {
                // every instruction set this CPU has (the others are compiled too and must be right where they run)
                if (NativeKernels.useVariant(set)) agreeWithJava(set);
            }
        } finally {
            NativeKernels.useVariant(best);
        }
    }

    private static void agreeWithJava(String set) {
        Random rnd = new Random(12);
        for (double[] c : GEOMETRIES) {
            SliceGeometry g = geometry(c);
            int nv = g.voxels(), np = g.tilts() * g.paddedWidth();
            int[] views = Kernels.allViews(g.tilts());
            for (int nb : BLOCKS) {
                int st = NativeKernels.stride(nb);
                float[][] x = Kernels.rows(nv, nb), p = Kernels.rows(np, nb);
                float[] fx = new float[nv * st], fp = new float[np * st];
                for (int v = 0; v < nv; v++) for (int b = 0; b < nb; b++) fx[v * st + b] = x[v][b] = rnd.nextFloat();
                for (int r = 0; r < np; r++) {
                    int bin = r % g.paddedWidth();
                    for (int b = 0; b < nb; b++) fp[r * st + b] = p[r][b] = g.isReal(bin) ? rnd.nextFloat() - 0.3f : 0f;
                }
                float[][] ax = Kernels.rows(np, nb);
                float[] fax = new float[np * st];
                Kernels.forwardTiled(g, x, ax, nb, views, 0, views.length);
                NativeKernels.forward(g, fx, fax, st, views, 0, views.length, true);
                String where = set + ", geometry " + java.util.Arrays.toString(c) + ", nb " + nb;
                assertTrue(relErr(ax, fax, st, nb) < 1e-5, "forward " + where + ": " + relErr(ax, fax, st, nb));
                float[] faxViews = new float[np * st];
                NativeKernels.forward(g, fx, faxViews, st, views, 0, views.length, false);
                assertTrue(relErr(ax, faxViews, st, nb) < 1e-5, "forward view by view " + where);

                float[][] atp = Kernels.rows(nv, nb), acc = Kernels.rows(Kernels.TILE, nb);
                for (int v0 = 0; v0 < nv; v0 += Kernels.TILE) {
                    int v1 = Math.min(nv, v0 + Kernels.TILE);
                    Kernels.backTile(g, p, acc, nb, views, 0, views.length, v0, v1);
                    for (int v = v0; v < v1; v++) System.arraycopy(acc[v - v0], 0, atp[v], 0, nb);
                }
                float[] fatp = new float[nv * st];
                NativeKernels.back(g, fp, fatp, st, views, 0, views.length, 0, 1);
                assertTrue(relErr(atp, fatp, st, nb) < 1e-5, "back " + where + ": " + relErr(atp, fatp, st, nb));
                // split into parts: every voxel is written by one part, with the same sums
                float[] split = new float[nv * st];
                for (int part = 0; part < 3; part++) NativeKernels.back(g, fp, split, st, views, 0, views.length, part, 3);
                assertEquals(0, java.util.Arrays.compare(fatp, split), "back split into 3 parts " + where);
                if (nb == 1) {
                    float[] out = new float[nv];
                    NativeKernels.backRange(g, fp, out, views, 0, views.length, 0, nv);
                    assertTrue(relErr(atp, out, 1, 1) < 1e-5, "back range " + where);
                }
            }
        }
    }

    @Test
    void nativeForwardAndBackAreAdjoint() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        Random rnd = new Random(7);
        for (double[] c : GEOMETRIES) {
            SliceGeometry g = geometry(c);
            int nv = g.voxels(), np = g.tilts() * g.paddedWidth(), nb = 17, st = NativeKernels.stride(nb);
            int[] views = Kernels.allViews(g.tilts());
            float[] x = new float[nv * st], y = new float[np * st], ax = new float[np * st], aty = new float[nv * st];
            for (int v = 0; v < nv; v++) for (int b = 0; b < nb; b++) x[v * st + b] = rnd.nextFloat() - 0.5f;
            for (int r = 0; r < np; r++) for (int b = 0; b < nb; b++) y[r * st + b] = rnd.nextFloat() - 0.5f;
            NativeKernels.forward(g, x, ax, st, views, 0, views.length, true);
            NativeKernels.back(g, y, aty, st, views, 0, views.length, 0, 1);
            for (int b = 0; b < nb; b++) {
                double l = 0, r = 0, scale = 0;
                for (int q = 0; q < np; q++) {
                    l += (double) ax[q * st + b] * y[q * st + b];
                    scale += Math.abs((double) ax[q * st + b] * y[q * st + b]);
                }
                for (int v = 0; v < nv; v++) r += (double) x[v * st + b] * aty[v * st + b];
                assertEquals(l, r, 1e-5 * scale, "<Ax,y> vs <x,Aᵀy>, slice " + b + " of geometry " + java.util.Arrays.toString(c));
            }
        }
    }

    /**
     * The preview's mirror-pair kernels (pairForward with its residual, pairUpdate) against the
     * plain one-slice kernels, on every instruction set the CPU has: the residual rows and their
     * sums, and x + λ·C·Aᵀp, agree to float rounding over odd widths (vector tails), odd
     * thicknesses (a middle row that is its own mirror), unpaired views and a ±90° pair; the
     * pair back-projection is the exact transpose of the forward; any split into units or row
     * pairs gives the same bits.
     */
    @Test
    void mirrorPairKernelsAgreeWithThePlainOnesAndAreAdjoint() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        String best = NativeKernels.name().replace("native-", "");
        double[][] geometries = {{37, 23, 7, 60}, {70, 45, 13, 70}, {33, 65, 9, 90}, {64, 64, 61, 70}, {50, 37, 29, 70}};
        try {
            for (String set : new String[]{"avx512", "avx2", "sse2"}) {
                if (!NativeKernels.useVariant(set)) continue;
                Random rnd = new Random(11);
                for (double[] c : geometries) {
                    SliceGeometry g = geometry(c);
                    String what = set + " " + java.util.Arrays.toString(c);
                    int nv = g.voxels(), pw = g.paddedWidth(), nt = g.tilts(), gu = SliceGeometry.GUARD, w = g.width();
                    int[][] units = SliceKernels.mirrorUnits(g);
                    int[] first = units[0], second = units[1];
                    assertTrue(first.length < nt, what + ": some views are paired");
                    int[] all = Kernels.allViews(nt);
                    float[] scratch = new float[nv];
                    float[] x = new float[nv], meas = new float[nt * pw];
                    for (int v = 0; v < nv; v++) x[v] = rnd.nextFloat();
                    for (int t = 0; t < nt; t++) for (int b = gu; b < gu + w; b++) meas[t * pw + b] = 3 * rnd.nextFloat();
                    // forward + residual: reference = plain forward, then R (b − A x)
                    float[] ref = new float[nt * pw];
                    NativeKernels.forward(g, x, ref, 1, all, 0, nt, false);
                    double[] refR2 = new double[nt];
                    float[] ir = g.invRowSum();
                    for (int t = 0; t < nt; t++) {
                        for (int b = 0; b < pw; b++) {
                            int k = t * pw + b;
                            if (!g.isReal(b)) { ref[k] = 0f; continue; }
                            float e = meas[k] - ref[k];
                            refR2[t] += (double) e * e;
                            ref[k] = e * ir[k];
                        }
                    }
                    float[] p = new float[nt * pw], p2 = new float[nt * pw];
                    java.util.Arrays.fill(p, 7f); // cleared by the kernel
                    double[] r2 = new double[nt], r2b = new double[nt];
                    NativeKernels.pairForward(g, x, p, meas, first, second, 0, first.length, r2);
                    int cut = first.length / 3;
                    NativeKernels.pairForward(g, x, p2, meas, first, second, cut, first.length, r2b);
                    NativeKernels.pairForward(g, x, p2, meas, first, second, 0, cut, r2b);
                    assertEquals(0, java.util.Arrays.compare(p, p2), what + ": units split");
                    assertEquals(0, java.util.Arrays.compare(r2, r2b), what + ": residual sums split");
                    double m = 0, d = 0;
                    for (int k = 0; k < p.length; k++) {
                        m = Math.max(m, Math.abs(ref[k]));
                        d = Math.max(d, Math.abs(ref[k] - p[k]));
                    }
                    assertTrue(d <= 1e-5 * m, what + ": residual rows differ by " + d + " of " + m);
                    for (int t = 0; t < nt; t++) assertEquals(refR2[t], r2[t], 1e-5 * refR2[t], what + ": residual sum of view " + t);
                    // update: x + λ·C·Aᵀp against the plain back-projection
                    float[] atp = new float[nv];
                    NativeKernels.backRange(g, p, atp, all, 0, nt, 0, nv);
                    float[] ic = g.invColSum(), xr = x.clone(), xn = x.clone(), xs = x.clone();
                    for (int v = 0; v < nv; v++) xr[v] = x[v] + 0.7f * ic[v] * atp[v];
                    NativeKernels.pairUpdate(g, p, xn, first, second, ic, 0.7f, false, 0, (g.nz() + 1) / 2, scratch);
                    int half = (g.nz() + 1) / 2, rc = half / 2;
                    NativeKernels.pairUpdate(g, p, xs, first, second, ic, 0.7f, false, rc, half, scratch);
                    NativeKernels.pairUpdate(g, p, xs, first, second, ic, 0.7f, false, 0, rc, scratch);
                    assertEquals(0, java.util.Arrays.compare(xn, xs), what + ": row pairs split");
                    assertTrue(relDiff(xn, xr) < 1e-5, what + ": update differs by " + relDiff(xn, xr));
                    // adjointness: with C = 1, λ = 1 and x = 0 the update is Aᵀy
                    float[] y = new float[nt * pw], ones = new float[nv], aty = new float[nv], ax = new float[nt * pw];
                    for (int t = 0; t < nt; t++) for (int b = gu; b < gu + w; b++) y[t * pw + b] = rnd.nextFloat() - 0.4f;
                    java.util.Arrays.fill(ones, 1f);
                    NativeKernels.pairUpdate(g, y, aty, first, second, ones, 1f, false, 0, half, scratch);
                    NativeKernels.forward(g, x, ax, 1, all, 0, nt, false);
                    double l = 0, r = 0, scale = 0;
                    for (int k = 0; k < y.length; k++) {
                        l += (double) ax[k] * y[k];
                        scale += Math.abs((double) ax[k] * y[k]);
                    }
                    for (int v = 0; v < nv; v++) r += (double) x[v] * aty[v];
                    assertEquals(l, r, 1e-5 * scale, what + ": <Ax,y> vs <x,Aᵀy> of the pair back-projection");
                    // the clamp
                    float[] xc = x.clone();
                    NativeKernels.pairUpdate(g, p, xc, first, second, ic, 50f, true, 0, half, scratch);
                    for (int v = 0; v < nv; v++) assertTrue(xc[v] >= 0f, what + ": clamped");
                }
            }
        } finally {
            NativeKernels.useVariant(best);
        }
    }

    /** Projections of a random smooth-ish volume through the Java forward (the data only need to be consistent). */
    private static ImageStack data(int w, int rows, double[] angles, long seed) {
        Random rnd = new Random(seed);
        float[][] d = new float[angles.length][w * rows];
        for (float[] img : d) for (int i = 0; i < img.length; i++) img[i] = (float) (20 + 5 * rnd.nextGaussian());
        return new ImageStack(w, rows, d);
    }

    private static float[] run(String kernels, Reconstructor r, ImageStack s, ReconParams p, boolean[] support, int threads) {
        NativeKernels.select(kernels, null);
        return r.run(s, 0, s.height(), 1.0, p, support, threads, Progress.NONE, null).volume().data();
    }

    private static double relDiff(float[] a, float[] b) {
        double d = 0, m = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            m = Math.max(m, Math.abs(b[i]));
        }
        return d / Math.max(m, 1e-30);
    }

    @Test
    void wholeRunsAgreeWithJava() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        int w = 45, rows = 21, z = 19;
        double[] a = angles(15, 65);
        ImageStack s = data(w, rows, a, 3);
        Reconstructor r = new Reconstructor(w, z, a);
        boolean[] support = new boolean[w * rows * z];
        for (int i = 0; i < support.length; i++) support[i] = (i % 7) != 0;
        List<ReconParams> runs = new ArrayList<>();
        runs.add(ReconParams.defaults(Algorithm.SIRT).withIterations(8).withThickness(z));
        runs.add(ReconParams.defaults(Algorithm.SIRT).withIterations(8).withThickness(z).withNonNegative(false));
        runs.add(ReconParams.defaults(Algorithm.SART).withIterations(4).withThickness(z).withOrder(false, 5, 1));
        runs.add(ReconParams.defaults(Algorithm.CGLS).withIterations(5).withThickness(z));
        runs.add(ReconParams.defaults(Algorithm.WBP).withThickness(z));
        for (ReconParams p : runs) {
            for (boolean[] sup : new boolean[][]{null, support}) {
                float[] j = run("java", r, s, p, sup, 2);
                float[] n1 = run("native", r, s, p, sup, 1);
                float[] n2 = run("native", r, s, p, sup, 2);
                String what = p.algorithm() + (sup == null ? "" : " with support") + (p.nonNegative() ? "" : ", no clamp");
                assertTrue(relDiff(n1, j) < 2e-5, what + ": native vs Java " + relDiff(n1, j));
                assertEquals(0, java.util.Arrays.compare(n1, n2), what + ": native on 1 and 2 threads differ");
            }
        }
    }

    @Test
    void previewAndVolumeProjectorAgreeWithJava() {
        assumeTrue(NativeKernels.available(), "native kernels not built");
        int w = 64, rows = 3;
        double[] a = angles(31, 60);
        ImageStack s = data(w, rows, a, 5);
        SlicePreview preview = new SlicePreview(w, w, a);
        for (ReconParams p : new ReconParams[]{ReconParams.defaults(Algorithm.SIRT).withIterations(5), ReconParams.defaults(Algorithm.WBP),
                ReconParams.defaults(Algorithm.SART).withIterations(2)}) {
            NativeKernels.select("java", null);
            float[] j = preview.slice(s, 1, p, 2);
            NativeKernels.select("native", null);
            float[] n = preview.slice(s, 1, p, 2);
            assertTrue(relDiff(n, j) < 2e-5, "preview " + p.algorithm() + ": " + relDiff(n, j));
        }
        // the whole-volume projector behind EM / OS-EM and the TV solvers, and EM itself
        VolumeProjector vp = new VolumeProjector(w, rows, 40, a, 2);
        float[][] meas = vp.measured(s, 0);
        NativeKernels.select("java", null);
        PoissonEm.Result ej = PoissonEm.solve(vp, meas, null, 4, 4, a, Progress.NONE);
        NativeKernels.select("native", null);
        PoissonEm.Result en = PoissonEm.solve(vp, meas, null, 4, 4, a, Progress.NONE);
        assertTrue(relDiff(en.x(), ej.x()) < 2e-5, "OS-EM native vs Java " + relDiff(en.x(), ej.x()));
    }

    @Test
    void propertyJavaForcesTheJavaKernels() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = System.getProperty("java.class.path");
        assertEquals("kernels=java", probe(java, cp, "java"));
        String auto = probe(java, cp, "auto");
        assertEquals("kernels=" + NativeKernels.select("auto", null), auto);
    }

    private static String probe(Path java, String cp, String setting) throws Exception {
        Process p = new ProcessBuilder(java.toString(), "-D" + NativeKernels.PROPERTY + "=" + setting, "-cp", cp,
                NativeKernelsProbe.class.getName()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("kernels=")).findFirst().orElse(out);
    }
}
