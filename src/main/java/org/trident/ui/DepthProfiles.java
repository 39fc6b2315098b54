package org.trident.ui;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code depth-profiles.csv} (contract section 6) or a shell fit's {@code profiles-fit.csv} held
 * for charts: per quantity, the shells' depth centre, mean, std and voxel count, and the fit's
 * error ({@code err}, NaN in a voxel profile). Other columns are ignored; a leading {@code dataset}
 * column (as {@code compare} writes) is kept as part of the key "dataset: quantity".
 */
public record DepthProfiles(Map<String, List<Shell>> byQuantity) {
    /** @param err the fitted value's 1 σ error (shell fit), NaN for a voxel profile */
    public record Shell(double depthNm, double mean, double std, long voxels, double err) {
        public Shell(double depthNm, double mean, double std, long voxels) {
            this(depthNm, mean, std, voxels, Double.NaN);
        }
    }

    public List<String> quantities() { return List.copyOf(byQuantity.keySet()); }

    public List<Shell> get(String quantity) { return byQuantity.getOrDefault(quantity, List.of()); }

    public static DepthProfiles read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw TridentException.file(csv, "cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) throw TridentException.file(csv, "is empty; expected a header quantity,depth_nm,mean,std,voxels");
        List<String> head = List.of(lines.get(0).trim().split(","));
        int q = head.indexOf("quantity"), d = head.indexOf("depth_nm"), m = head.indexOf("mean"), s = head.indexOf("std"),
                n = head.indexOf("voxels"), ds = head.indexOf("dataset"), er = head.indexOf("err");
        if (q < 0 || d < 0 || m < 0 || s < 0) throw TridentException.file(csv, "lacks the columns quantity, depth_nm, mean and std");
        Map<String, List<Shell>> map = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",", -1);
            if (f.length < head.size()) throw TridentException.file(csv, "line " + (i + 1) + " has " + f.length + " fields, expected " + head.size());
            String key = ds >= 0 ? f[ds] + ": " + f[q] : f[q];
            try {
                map.computeIfAbsent(key, k -> new ArrayList<>()).add(new Shell(num(f[d]), num(f[m]), num(f[s]),
                        n >= 0 && !f[n].isBlank() ? Long.parseLong(f[n].trim()) : 0, er >= 0 ? num(f[er]) : Double.NaN));
            } catch (NumberFormatException e) {
                throw TridentException.file(csv, "line " + (i + 1) + " has a value that is not a number: " + e.getMessage());
            }
        }
        return new DepthProfiles(map);
    }

    private static double num(String s) {
        String t = s.trim();
        return t.isEmpty() || t.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(t);
    }
}
