package org.trident.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ground truth of a simulation on the reconstruction grid (contract section 7): the ADF
 * signal per voxel, atoms per voxel of each element, the particle mask, depth below the surface,
 * transition-metal fractions and valences, the inhomogeneity of the Ni fraction, their depth
 * profiles and {@code truth.json}. Volumes are keyed by their file stem ("HAADF",
 * "density-Ni", "mask", "depth-nm", "fraction-Ni", "valence-Mn", "inhomogeneity").
 */
public record Truth(Map<String, Volume> volumes, List<ProfileRow> profiles, ObjectNode json) {
    /** One row of depth-profiles.csv (contract section 6). */
    public record ProfileRow(String quantity, double depthNm, double mean, double std, long voxels) {}

    public static final List<String> PROFILE_QUANTITIES = List.of("fraction-Ni", "fraction-Co", "fraction-Mn",
            "valence-Mn", "valence-Co", "valence-Ni", "inhomogeneity");

    public Volume volume(String name) {
        return volumes.get(name);
    }

    /** Sums the fine model into the reconstruction grid and derives every truth volume. */
    static Truth build(FineModel m, double pixelNm, double[] adfWeights, ObjectNode json) {
        int n = m.size, f = m.factor, nf = m.n, ns = Species.ALL.size();
        int nv = n * n * n;
        double[][] amount = new double[ns][nv];
        for (int v = 0; v < m.count; v++) {
            int idx = m.index[v];
            int a = idx % nf, b = (idx / nf) % nf, c = idx / (nf * nf);
            int coarse = ((c / f) * n + b / f) * n + a / f;
            for (int s = 0; s < ns; s++) amount[s][coarse] += m.amounts[v * ns + s];
        }
        Map<String, Volume> vols = new LinkedHashMap<>();
        float[] haadf = new float[nv];
        for (int s = 0; s < ns; s++) for (int i = 0; i < nv; i++) haadf[i] += (float) (adfWeights[s] * amount[s][i]);
        vols.put("HAADF", new Volume(n, n, n, haadf, pixelNm));
        Map<String, double[]> element = new LinkedHashMap<>();
        for (String el : Species.ELEMENTS) {
            double[] e = new double[nv];
            for (Species s : Species.ofElement(el)) for (int i = 0; i < nv; i++) e[i] += amount[s.ordinal()][i];
            element.put(el, e);
            vols.put("density-" + el, new Volume(n, n, n, toFloat(e), pixelNm));
        }
        double full = ParticleSpec.TM_PER_NM3 * pixelNm * pixelNm * pixelNm;
        boolean[] mask = new boolean[nv];
        float[] maskF = new float[nv];
        double[] tm = new double[nv];
        for (String el : Species.TRANSITION_METALS) for (int i = 0; i < nv; i++) tm[i] += element.get(el)[i];
        for (int i = 0; i < nv; i++) {
            mask[i] = tm[i] >= 0.5 * full;
            maskF[i] = mask[i] ? 1f : 0f;
        }
        vols.put("mask", new Volume(n, n, n, maskF, pixelNm));
        float[] depth = Depths.depthNm(Depths.fillHoles(mask, n, n, n), n, n, n, pixelNm);
        for (int i = 0; i < nv; i++) if (!mask[i]) depth[i] = Float.NaN; // voids are not material
        vols.put("depth-nm", new Volume(n, n, n, depth, pixelNm));
        for (String el : Species.TRANSITION_METALS) {
            float[] fr = new float[nv];
            double[] e = element.get(el);
            for (int i = 0; i < nv; i++) fr[i] = mask[i] && tm[i] > 0 ? (float) (e[i] / tm[i]) : Float.NaN;
            vols.put("fraction-" + el, new Volume(n, n, n, fr, pixelNm));
        }
        for (String el : Species.TRANSITION_METALS) {
            float[] va = new float[nv];
            double[] e = element.get(el);
            for (int i = 0; i < nv; i++) {
                if (!mask[i] || !(e[i] > 0)) { va[i] = Float.NaN; continue; }
                double sum = 0;
                for (Species s : Species.ofElement(el)) sum += s.valence * amount[s.ordinal()][i];
                va[i] = (float) (sum / e[i]);
            }
            vols.put("valence-" + el, new Volume(n, n, n, va, pixelNm));
        }
        vols.put("inhomogeneity", inhomogeneity(vols.get("fraction-Ni"), mask));
        List<ProfileRow> rows = new ArrayList<>();
        for (String q : PROFILE_QUANTITIES) rows.addAll(profile(q, vols.get(q), vols.get("depth-nm"), pixelNm));
        return new Truth(vols, rows, json);
    }

    /** Population std / mean of the finite values in the 3×3×3 neighbourhood (mask voxels, at least 14). */
    static Volume inhomogeneity(Volume fraction, boolean[] mask) {
        int nx = fraction.nx(), ny = fraction.ny(), nz = fraction.nz();
        float[] f = fraction.data();
        float[] out = new float[f.length];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            int idx = (k * ny + j) * nx + i;
            out[idx] = Float.NaN;
            if (!mask[idx]) continue;
            double s = 0, s2 = 0;
            int c = 0;
            for (int dk = -1; dk <= 1; dk++) for (int dj = -1; dj <= 1; dj++) for (int di = -1; di <= 1; di++) {
                int a = i + di, b = j + dj, cc = k + dk;
                if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
                int q = (cc * ny + b) * nx + a;
                if (!mask[q] || !Float.isFinite(f[q])) continue;
                s += f[q];
                s2 += (double) f[q] * f[q];
                c++;
            }
            if (c < 14) continue;
            double mean = s / c;
            if (!(mean > 0)) continue;
            out[idx] = (float) (Math.sqrt(Math.max(0, s2 / c - mean * mean)) / mean);
        }
        return new Volume(nx, ny, nz, out, fraction.voxelSizeNm());
    }

    /** Shell statistics of {@code q} by depth; shell k holds depths in [k·w, (k+1)·w). */
    static List<ProfileRow> profile(String name, Volume q, Volume depth, double w) {
        float[] d = depth.data(), v = q.data();
        int shells = 0;
        for (float x : d) if (Float.isFinite(x)) shells = Math.max(shells, (int) Math.floor(x / w) + 1);
        double[] s = new double[shells], s2 = new double[shells];
        long[] c = new long[shells];
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i]) || !Float.isFinite(v[i])) continue;
            int k = (int) Math.floor(d[i] / w);
            s[k] += v[i];
            s2[k] += (double) v[i] * v[i];
            c[k]++;
        }
        List<ProfileRow> rows = new ArrayList<>();
        for (int k = 0; k < shells; k++) {
            if (c[k] == 0) continue;
            double mean = s[k] / c[k];
            rows.add(new ProfileRow(name, (k + 0.5) * w, mean, Math.sqrt(Math.max(0, s2[k] / c[k] - mean * mean)), c[k]));
        }
        return rows;
    }

    /** depth-profiles.csv text. */
    public String profilesCsv() {
        StringBuilder b = new StringBuilder("quantity,depth_nm,mean,std,voxels\n");
        for (ProfileRow r : profiles) {
            b.append(String.format(Locale.ROOT, "%s,%.4g,%.6g,%.6g,%d\n", r.quantity(), r.depthNm(), r.mean(), r.std(), r.voxels()));
        }
        return b.toString();
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
