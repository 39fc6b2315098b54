package org.trident.render;

import org.trident.job.Progress;
import org.trident.model.Volume;

import java.util.Arrays;

/**
 * Triangle meshes of the surface where a volume crosses a level, for the 3-D view: surface nets
 * (one vertex per boundary cell, at the mean of the level's crossings on the cell's edges; one
 * quad per grid edge that crosses the level), which gives closed, watertight, evenly sized
 * triangles without a case table. For noisy maps the volume can be averaged in blocks first
 * ({@code step}, also the decimation of large volumes) and the mesh relaxed with Taubin's λ|μ
 * smoothing (Taubin 1995, SIGGRAPH), which smooths without shrinking. A clip keeps only the part
 * of the volume on the low side of an x, y or z position, so the surface is closed by a cap
 * there (the clipping plane of the view). Coordinates are the contract's centred ones, in nm.
 * NaN voxels (outside a mask) count as below the level. No toolkit; run it off the UI thread.
 */
public final class IsoSurface {
    private IsoSurface() {}

    /** A mesh: vertex coordinates x, y, z in nm (centred) and triangles as vertex index triples. */
    public record Mesh(float[] points, int[] triangles) {
        public int vertices() { return points.length / 3; }
        public int faces() { return triangles.length / 3; }

        /** Total area in nm². */
        public double area() {
            double a = 0;
            for (int f = 0; f < triangles.length; f += 3) a += cross(f).length() / 2;
            return a;
        }

        /** Enclosed volume in nm³ (divergence theorem; positive for outward-facing triangles). */
        public double enclosedVolume() {
            double v = 0;
            for (int f = 0; f < triangles.length; f += 3) {
                int a = 3 * triangles[f], b = 3 * triangles[f + 1], c = 3 * triangles[f + 2];
                v += points[a] * (points[b + 1] * points[c + 2] - points[b + 2] * points[c + 1])
                        - points[a + 1] * (points[b] * points[c + 2] - points[b + 2] * points[c])
                        + points[a + 2] * (points[b] * points[c + 1] - points[b + 1] * points[c]);
            }
            return v / 6;
        }

        private Vec cross(int f) {
            int a = 3 * triangles[f], b = 3 * triangles[f + 1], c = 3 * triangles[f + 2];
            double ux = points[b] - points[a], uy = points[b + 1] - points[a + 1], uz = points[b + 2] - points[a + 2];
            double vx = points[c] - points[a], vy = points[c + 1] - points[a + 1], vz = points[c + 2] - points[a + 2];
            return new Vec(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
        }

        private record Vec(double x, double y, double z) {
            double length() { return Math.sqrt(x * x + y * y + z * z); }
        }
    }

    /** Which side of a clipping plane is kept: none, or the voxels with coordinate ≤ {@code atNm} along x, y or z. */
    public record Clip(int axis, double atNm) {
        public static final Clip NONE = new Clip(-1, 0);
    }

    /**
     * The surface at {@code level} of {@code v}, averaged in blocks of {@code step}³ voxels
     * first (1: none), clipped, and smoothed by {@code smoothing} Taubin iterations (0: none).
     */
    public static Mesh build(Volume v, double level, int step, Clip clip, int smoothing, Progress progress) {
        return build(v, level, step, clip, smoothing, 0, progress);
    }

    /**
     * Same, then drops every connected piece of surface with fewer triangles than
     * {@code minPiece} × the largest piece's (0: keep all): the speckle of noise crossing the level
     * in isolated voxels, which no smoothing removes.
     */
    public static Mesh build(Volume v, double level, int step, Clip clip, int smoothing, double minPiece, Progress progress) {
        if (step < 1) throw new IllegalArgumentException("step must be at least 1");
        int nx = ceilDiv(v.nx(), step), ny = ceilDiv(v.ny(), step), nz = ceilDiv(v.nz(), step);
        int px = nx + 2, py = ny + 2, pz = nz + 2;
        float below = (float) (level - 1);
        float[] g = new float[px * py * pz];
        Arrays.fill(g, Float.isFinite(below) ? below : Float.NEGATIVE_INFINITY);
        double vs = v.voxelSizeNm();
        progress.start("building the isosurface", nz + 2L);
        for (int k = 0; k < nz; k++) {
            progress.checkCancelled();
            for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
                double s = 0;
                int n = 0;
                for (int c = k * step; c < Math.min(v.nz(), (k + 1) * step); c++)
                    for (int b = j * step; b < Math.min(v.ny(), (j + 1) * step); b++)
                        for (int a = i * step; a < Math.min(v.nx(), (i + 1) * step); a++) {
                            float x = v.get(a, b, c);
                            if (Float.isFinite(x)) { s += x; n++; } else { s += level - 1; n++; }
                        }
                double val = n == 0 ? level - 1 : s / n;
                if (clip.axis() >= 0) {
                    int idx = clip.axis() == 0 ? i : clip.axis() == 1 ? j : k;
                    int len = clip.axis() == 0 ? v.nx() : clip.axis() == 1 ? v.ny() : v.nz();
                    if (coord(idx, step, len, vs) > clip.atNm()) val = level - 1;
                }
                g[((k + 1) * py + j + 1) * px + i + 1] = (float) val;
            }
            progress.advance(1);
        }
        Mesh m = nets(g, px, py, pz, level, step, v, vs);
        progress.advance(1);
        if (minPiece > 0) m = dropSmallPieces(m, minPiece);
        if (smoothing > 0) m = taubin(m, smoothing);
        progress.advance(1);
        return m;
    }

    /** Keeps the connected pieces (vertices joined by triangles) with at least {@code fraction} of the largest piece's triangles. */
    static Mesh dropSmallPieces(Mesh m, double fraction) {
        int nv = m.vertices();
        int[] parent = new int[nv];
        for (int i = 0; i < nv; i++) parent[i] = i;
        int[] t = m.triangles();
        for (int f = 0; f < t.length; f += 3) { union(parent, t[f], t[f + 1]); union(parent, t[f], t[f + 2]); }
        int[] count = new int[nv];
        for (int f = 0; f < t.length; f += 3) count[find(parent, t[f])]++;
        int largest = 0;
        for (int c : count) largest = Math.max(largest, c);
        double keep = fraction * largest;
        int[] map = new int[nv];
        Arrays.fill(map, -1);
        FloatList pts = new FloatList();
        IntList tris = new IntList();
        int next = 0;
        for (int f = 0; f < t.length; f += 3) {
            if (count[find(parent, t[f])] < keep) continue;
            int[] idx = new int[3];
            for (int e = 0; e < 3; e++) {
                int o = t[f + e];
                if (map[o] < 0) {
                    map[o] = next++;
                    pts.add(m.points()[3 * o]);
                    pts.add(m.points()[3 * o + 1]);
                    pts.add(m.points()[3 * o + 2]);
                }
                idx[e] = map[o];
            }
            tris.add(idx[0], idx[1], idx[2]);
        }
        return new Mesh(pts.toArray(), tris.toArray());
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) { p[i] = p[p[i]]; i = p[i]; }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) p[ra] = rb;
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** Centre of block {@code idx} (of {@code step} voxels) of an axis of {@code len} voxels, in nm. */
    private static double coord(double idx, int step, int len, double vs) {
        return (idx * step + (Math.min(step, len) - 1) / 2.0 - (len - 1) / 2.0) * vs;
    }

    private static Mesh nets(float[] g, int px, int py, int pz, double level, int step, Volume v, double vs) {
        int cx = px - 1, cy = py - 1, cz = pz - 1;
        int[] cell = new int[cx * cy * cz];
        Arrays.fill(cell, -1);
        FloatList pts = new FloatList();
        IntList tris = new IntList();
        int[][] corners = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};
        int[][] edges = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
        float[] val = new float[8];
        int vertices = 0;
        for (int k = 0; k < cz; k++) for (int j = 0; j < cy; j++) for (int i = 0; i < cx; i++) {
            int inside = 0;
            for (int c = 0; c < 8; c++) {
                val[c] = g[((k + corners[c][2]) * py + j + corners[c][1]) * px + i + corners[c][0]];
                if (val[c] >= level) inside++;
            }
            if (inside == 0 || inside == 8) continue;
            double sx = 0, sy = 0, sz = 0;
            int n = 0;
            for (int[] e : edges) {
                float a = val[e[0]], b = val[e[1]];
                if ((a >= level) == (b >= level)) continue;
                double t = (level - a) / (b - a);
                int[] p = corners[e[0]], q = corners[e[1]];
                sx += p[0] + t * (q[0] - p[0]);
                sy += p[1] + t * (q[1] - p[1]);
                sz += p[2] + t * (q[2] - p[2]);
                n++;
            }
            // padded index → block index (−1 for the padding) → nm
            pts.add((float) coord(i + sx / n - 1, step, v.nx(), vs));
            pts.add((float) coord(j + sy / n - 1, step, v.ny(), vs));
            pts.add((float) coord(k + sz / n - 1, step, v.nz(), vs));
            cell[(k * cy + j) * cx + i] = vertices++;
        }
        for (int k = 1; k < pz - 1; k++) for (int j = 1; j < py - 1; j++) for (int i = 1; i < px - 1; i++) {
            boolean in = g[(k * py + j) * px + i] >= level;
            // x edge to (i+1, j, k): cells (i, j-1..j, k-1..k), ordered so the normal is +x
            if ((g[(k * py + j) * px + i + 1] >= level) != in)
                quad(tris, in, cell, cx, cy, new int[]{i, j - 1, k - 1}, new int[]{i, j, k - 1}, new int[]{i, j, k}, new int[]{i, j - 1, k});
            if ((g[(k * py + j + 1) * px + i] >= level) != in)
                quad(tris, in, cell, cx, cy, new int[]{i - 1, j, k - 1}, new int[]{i - 1, j, k}, new int[]{i, j, k}, new int[]{i, j, k - 1});
            if ((g[((k + 1) * py + j) * px + i] >= level) != in)
                quad(tris, in, cell, cx, cy, new int[]{i - 1, j - 1, k}, new int[]{i, j - 1, k}, new int[]{i, j, k}, new int[]{i - 1, j, k});
        }
        return new Mesh(pts.toArray(), tris.toArray());
    }

    /** Two triangles of the quad of cells a, b, c, d (normal along the edge's +axis); reversed when the edge's far end is inside. */
    private static void quad(IntList tris, boolean nearInside, int[] cell, int cx, int cy, int[] a, int[] b, int[] c, int[] d) {
        int va = cell[(a[2] * cy + a[1]) * cx + a[0]], vb = cell[(b[2] * cy + b[1]) * cx + b[0]];
        int vc = cell[(c[2] * cy + c[1]) * cx + c[0]], vd = cell[(d[2] * cy + d[1]) * cx + d[0]];
        if (nearInside) {
            tris.add(va, vb, vc);
            tris.add(va, vc, vd);
        } else {
            tris.add(va, vc, vb);
            tris.add(va, vd, vc);
        }
    }

    /** Taubin λ|μ smoothing (λ 0.5, μ −0.53) over each vertex's neighbours: smooths noise, keeps the volume. */
    static Mesh taubin(Mesh m, int iterations) {
        int nv = m.vertices();
        int[] t = m.triangles();
        int[] deg = new int[nv];
        for (int x : t) deg[x] += 2;
        int[] start = new int[nv + 1];
        for (int i = 0; i < nv; i++) start[i + 1] = start[i] + deg[i];
        int[] nb = new int[start[nv]], fill = start.clone();
        for (int f = 0; f < t.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                int a = t[f + e], b = t[f + (e + 1) % 3];
                nb[fill[a]++] = b;
                nb[fill[b]++] = a;
            }
        }
        float[] p = m.points().clone(), q = new float[p.length];
        for (int it = 0; it < 2 * iterations; it++) {
            double w = it % 2 == 0 ? 0.5 : -0.53;
            for (int i = 0; i < nv; i++) {
                int n = start[i + 1] - start[i];
                for (int d = 0; d < 3; d++) {
                    if (n == 0) { q[3 * i + d] = p[3 * i + d]; continue; }
                    double s = 0;
                    for (int k = start[i]; k < start[i + 1]; k++) s += p[3 * nb[k] + d];
                    q[3 * i + d] = (float) (p[3 * i + d] + w * (s / n - p[3 * i + d]));
                }
            }
            float[] sw = p; p = q; q = sw;
        }
        return new Mesh(p, t);
    }

    private static final class FloatList {
        float[] a = new float[1024];
        int n;
        void add(float x) { if (n == a.length) a = Arrays.copyOf(a, 2 * n); a[n++] = x; }
        float[] toArray() { return Arrays.copyOf(a, n); }
    }

    private static final class IntList {
        int[] a = new int[1024];
        int n;
        void add(int x, int y, int z) {
            if (n + 3 > a.length) a = Arrays.copyOf(a, 2 * a.length + 3);
            a[n++] = x; a[n++] = y; a[n++] = z;
        }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
