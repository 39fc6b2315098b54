package org.trident.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Mrc;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.trident.contract.Cli.lines;
import static org.trident.contract.Cli.ok;

/**
 * Contract section 6's definitions of the derived volumes and tables, checked against values
 * computed here from first principles on a hand-made reconstruct output: a box of material that
 * touches the grid border on one side and holds a closed void, plus a small cube apart, with
 * known EDS and MLLS maps.
 */
class ContractAnalysisTest {
    static final int N = 20;
    static final double VOXEL_NM = 2.0;
    static final double K_NI = 1.16, K_CO = 1.08, K_MN = 1.0;

    @TempDir
    static Path dir;
    static Path out;
    static boolean[] material;
    static double[] depth, fracNi;

    static boolean inBox(int i, int j, int k) {
        return i <= 11 && j >= 4 && j <= 15 && k >= 4 && k <= 15;
    }

    /** A second, small particle, apart from the box. */
    static boolean inCube(int i, int j, int k) {
        return i >= 14 && i <= 17 && j >= 14 && j <= 17 && k >= 14 && k <= 17;
    }

    static boolean inVoid(int i, int j, int k) {
        return i >= 5 && i <= 7 && j >= 8 && j <= 10 && k >= 8 && k <= 10;
    }

    static int idx(int i, int j, int k) {
        return (k * N + j) * N + i;
    }

    static double ni(int i, int j, int k) {
        return 2 + 0.5 * ((i * 7 + j * 3 + k * 5) % 4);
    }

    @BeforeAll
    static void analyzeHandMadeReconstruction() {
        Path rec = dir.resolve("rec");
        float[] haadf = new float[N * N * N], eNi = new float[N * N * N], eCo = new float[N * N * N], eMn = new float[N * N * N];
        float[] w2 = new float[N * N * N], w4 = new float[N * N * N];
        material = new boolean[N * N * N];
        for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) {
            if (!(inBox(i, j, k) && !inVoid(i, j, k) || inCube(i, j, k))) continue;
            int x = idx(i, j, k);
            material[x] = true;
            haadf[x] = 100;
            eNi[x] = (float) ni(i, j, k);
            eCo[x] = 1.5f;
            eMn[x] = 1.0f;
            w2[x] = 1;
            w4[x] = 3;
        }
        try {
            Files.createDirectories(rec);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, float[]> vols = new HashMap<>(Map.of("HAADF", haadf, "EDS:Ni", eNi, "EDS:Co", eCo, "EDS:Mn", eMn,
                "EELS:Mn-Mn2+", w2, "EELS:Mn-Mn4+", w4));
        ObjectNode root = Cli.JSON.createObjectNode();
        root.put("format", "trident.reconstruction/1");
        root.putObject("sample").put("stage", "synthetic");
        ObjectNode chs = root.putObject("channels");
        for (var e : vols.entrySet()) {
            String file = e.getKey().replaceAll("[^A-Za-z0-9._+-]", "_") + ".mrc";
            Mrc.write(rec.resolve(file), new Volume(N, N, N, e.getValue(), VOXEL_NM));
            ObjectNode c = chs.putObject(e.getKey());
            c.put("file", file);
            String name = e.getKey();
            c.put("signal", name.equals("HAADF") ? "ADF" : "map");
            if (name.equals("HAADF")) {
                c.putNull("element");
                c.putNull("reference");
            } else if (name.startsWith("EDS:")) {
                c.put("element", name.substring(4));
                c.putNull("reference");
            } else {
                c.put("element", "Mn");
                c.putObject("reference").put("element", "Mn").put("valence", name.endsWith("2+") ? 2 : 4);
            }
        }
        root.putObject("parameters").put("algorithm", "hand-made");
        ObjectNode q = root.putObject("quantification");
        q.putObject("kFactors").put("Ni", K_NI).put("Co", K_CO).put("Mn", K_MN);
        q.putArray("transitionMetals").add("Ni").add("Co").add("Mn");
        ArrayNode refs = q.putArray("references");
        refs.addObject().put("name", "Mn2+").put("element", "Mn").put("valence", 2).put("scale", 1.0);
        refs.addObject().put("name", "Mn4+").put("element", "Mn").put("valence", 4).put("scale", 1.0);
        org.trident.io.Json.write(rec.resolve("reconstruction.json"), root);

        out = dir.resolve("an");
        ok("analyze", rec.toString(), "--out", out.toString(), "--surface-nm", "4", "--bulk-nm", "8", "--threads", "2");

        // expected depth by brute force over every voxel centre outside the particles with their voids
        // filled, and the virtual voxels beyond the grid border
        depth = new double[N * N * N];
        List<int[]> outside = new java.util.ArrayList<>();
        for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) for (int i = 0; i < N; i++)
            if (!inBox(i, j, k) && !inCube(i, j, k)) outside.add(new int[]{i, j, k});
        fracNi = new double[N * N * N];
        for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) {
            int x = idx(i, j, k);
            if (!material[x]) {
                depth[x] = Double.NaN;
                fracNi[x] = Double.NaN;
                continue;
            }
            double d2 = Math.pow(Math.min(Math.min(Math.min(i + 1, N - i), Math.min(j + 1, N - j)), Math.min(k + 1, N - k)), 2);
            for (int[] o : outside) {
                int a = o[0] - i, b = o[1] - j, c = o[2] - k;
                d2 = Math.min(d2, a * a + b * b + c * c);
            }
            depth[x] = (Math.sqrt(d2) - 0.5) * VOXEL_NM;
            double n = K_NI * ni(i, j, k);
            fracNi[x] = n / (n + K_CO * 1.5 + K_MN * 1.0);
        }
    }

    static float[] read(String name) {
        Path p = out.resolve(name + ".mrc");
        Cli.MrcInfo m = Cli.mrc(p);
        assertEquals(List.of(N, N, N, 2), List.of(m.nx(), m.ny(), m.nz(), m.mode()), name);
        assertEquals(VOXEL_NM * 10, m.voxelAngstrom(), 1e-3, name + ": voxel size in Å");
        return Mrc.readVolume(p).data();
    }

    @Test
    void maskIsTheMaterialWithoutTheVoid() {
        float[] mask = read("mask");
        for (int x = 0; x < mask.length; x++) assertEquals(material[x], mask[x] > 0, "mask at voxel " + x);
    }

    @Test
    void depthFollowsTheExactDefinition() {
        float[] d = read("depth-nm");
        for (int x = 0; x < d.length; x++) {
            if (Double.isNaN(depth[x])) assertTrue(Float.isNaN(d[x]), "NaN outside the mask at voxel " + x + ": " + d[x]);
            else assertEquals(depth[x], d[x], 1e-4, "depth at voxel " + x);
        }
        assertEquals(0.5 * VOXEL_NM, d[idx(0, 9, 9)], 1e-4, "a voxel on the grid border sits at 0.5 voxel");
        assertEquals(4.5 * VOXEL_NM, d[idx(4, 9, 9)], 1e-4, "a voxel beside the void is as deep as if the void were filled");
        assertEquals(1.5 * VOXEL_NM, d[idx(15, 15, 15)], 1e-4, "the small particle has its own depth");
    }

    @Test
    void fractionAndValenceFollowTheirDefinitions() {
        float[] f = read("fraction-Ni"), v = read("valence-Mn");
        read("fraction-Co");
        read("fraction-Mn");
        for (int x = 0; x < f.length; x++) {
            if (!material[x]) {
                assertTrue(Float.isNaN(f[x]) && Float.isNaN(v[x]), "NaN outside the mask at voxel " + x);
                continue;
            }
            assertEquals(fracNi[x], f[x], 1e-5, "fraction-Ni at voxel " + x);
            assertEquals((2 * 1 + 4 * 3) / 4.0, v[x], 1e-5, "valence-Mn at voxel " + x);
        }
    }

    @Test
    void inhomogeneityIsLocalStdOverMeanOfFractionNi() {
        float[] h = read("inhomogeneity");
        int checked = 0;
        for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) {
            int x = idx(i, j, k);
            if (!material[x]) {
                assertTrue(Float.isNaN(h[x]), "NaN outside the mask at voxel " + x);
                continue;
            }
            double s = 0, s2 = 0;
            int n = 0;
            for (int c = -1; c <= 1; c++) for (int b = -1; b <= 1; b++) for (int a = -1; a <= 1; a++) {
                int ii = i + a, jj = j + b, kk = k + c;
                if (ii < 0 || jj < 0 || kk < 0 || ii >= N || jj >= N || kk >= N) continue;
                double f = fracNi[idx(ii, jj, kk)];
                if (Double.isNaN(f)) continue;
                s += f;
                s2 += f * f;
                n++;
            }
            if (n < 14) {
                assertTrue(Float.isNaN(h[x]), "fewer than 14 mask neighbours gives NaN at " + i + "," + j + "," + k);
            } else {
                double mean = s / n, sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
                assertEquals(sd / mean, h[x], 1e-4, "inhomogeneity at " + i + "," + j + "," + k);
                checked++;
            }
        }
        assertTrue(checked > 500, "most voxels have a full neighbourhood");
    }

    @Test
    void depthProfilesPoolShellsOfOneVoxel() {
        List<String> rows = lines(out.resolve("depth-profiles.csv"));
        assertTrue(rows.get(0).startsWith("quantity,depth_nm,mean,std,voxels"), rows.get(0));
        Map<Double, double[]> expected = shells(fracNi, VOXEL_NM);
        int seen = 0;
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            if (!c[0].equals("fraction-Ni")) continue;
            double[] e = expected.get(Double.parseDouble(c[1]));
            if (e == null) fail("unexpected shell centre " + c[1] + " (shells are [k·w,(k+1)·w), centre (k+½)·w)");
            assertEquals(e[0], Double.parseDouble(c[2]), 1e-5, "mean in " + r);
            assertEquals(e[1], Double.parseDouble(c[3]), 1e-5, "population std in " + r);
            assertEquals((int) e[2], Integer.parseInt(c[4]), "voxels in " + r);
            seen++;
        }
        assertEquals(expected.size(), seen, "one row per non-empty shell");
        List<String> byParticle = lines(out.resolve("depth-profiles-by-particle.csv"));
        List<String> header = List.of(byParticle.get(0).split(","));
        assertTrue(header.contains("particle") && header.containsAll(List.of("quantity", "depth_nm", "mean", "std", "voxels")), header.toString());
        int iq = header.indexOf("quantity"), ip = header.indexOf("particle"), id = header.indexOf("depth_nm"), iv = header.indexOf("voxels");
        Set<String> particles = new HashSet<>();
        Map<Double, Integer> voxels = new HashMap<>();
        for (String r : byParticle.subList(1, byParticle.size())) {
            String[] c = r.split(",");
            if (!c[iq].equals("fraction-Ni")) continue;
            particles.add(c[ip]);
            voxels.merge(Double.parseDouble(c[id]), Integer.parseInt(c[iv]), Integer::sum);
        }
        assertEquals(2, particles.size(), "two particles: " + particles);
        for (var e : expected.entrySet()) assertEquals((int) e.getValue()[2], voxels.get(e.getKey()), "per-particle voxels add up to the pooled ones at " + e.getKey());
    }

    @Test
    void summarySplitsSurfaceAndBulk() {
        List<String> rows = lines(out.resolve("summary.csv"));
        assertTrue(rows.get(0).startsWith("quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm"), rows.get(0));
        double ss = 0, bs = 0;
        int sn = 0, bn = 0;
        for (int x = 0; x < fracNi.length; x++) {
            if (Double.isNaN(fracNi[x])) continue;
            if (depth[x] < 4) { ss += fracNi[x]; sn++; }
            if (depth[x] >= 8) { bs += fracNi[x]; bn++; }
        }
        for (String r : rows) {
            String[] c = r.split(",");
            if (!c[0].equals("fraction-Ni")) continue;
            assertEquals(ss / sn, Double.parseDouble(c[1]), 1e-5, "surface mean");
            assertEquals(bs / bn, Double.parseDouble(c[2]), 1e-5, "bulk mean");
            assertEquals(4.0, Double.parseDouble(c[3]));
            assertEquals(8.0, Double.parseDouble(c[4]));
            return;
        }
        fail("no fraction-Ni row in summary.csv");
    }

    /** Shell centre → {mean, population std, finite count}. */
    static Map<Double, double[]> shells(double[] values, double w) {
        Map<Double, double[]> acc = new HashMap<>();
        for (int x = 0; x < values.length; x++) {
            if (Double.isNaN(values[x]) || Double.isNaN(depth[x])) continue;
            double centre = (Math.floor(depth[x] / w) + 0.5) * w;
            double[] a = acc.computeIfAbsent(centre, c -> new double[3]);
            a[0] += values[x];
            a[1] += values[x] * values[x];
            a[2]++;
        }
        for (double[] a : acc.values()) {
            double mean = a[0] / a[2];
            a[1] = Math.sqrt(Math.max(0, a[1] / a[2] - mean * mean));
            a[0] = mean;
        }
        return acc;
    }
}
