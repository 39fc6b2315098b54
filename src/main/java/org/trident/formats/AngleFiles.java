package org.trident.formats;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tilt-angle lists in degrees: IMOD {@code .tlt}/{@code .rawtlt} (one angle per line), plain text
 * and CSV. Lines starting with '#' and a non-numeric header line are skipped; in a CSV with
 * several columns the column named like "angle" or "tilt" is taken, else the last one.
 */
public final class AngleFiles {
    private AngleFiles() {}

    public static double[] read(Path file) {
        if (!Files.isRegularFile(file)) throw TridentException.file(file, "angle file not found");
        List<String> lines;
        try {
            if (Files.size(file) > 16 << 20) throw TridentException.file(file, "is too large for an angle list");
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        List<Double> out = new ArrayList<>();
        int column = -1;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("[,;\\s]+");
            if (first) {
                first = false;
                if (!isNumber(parts[0]) || (parts.length > 1 && !isNumber(parts[parts.length - 1]))) {
                    column = parts.length - 1;
                    for (int c = 0; c < parts.length; c++) {
                        String h = parts[c].toLowerCase(Locale.ROOT);
                        if (h.contains("angle") || h.contains("tilt")) { column = c; break; }
                    }
                    continue;
                }
            }
            int c = column >= 0 ? column : parts.length - 1;
            if (c >= parts.length || !isNumber(parts[c])) {
                throw TridentException.file(file, "line " + (i + 1) + " is not an angle: '" + line + "'");
            }
            double a = Double.parseDouble(parts[c]);
            if (!Double.isFinite(a) || Math.abs(a) > 90) throw TridentException.file(file, "line " + (i + 1) + ": tilt angle " + parts[c] + " is outside [-90, 90] degrees");
            out.add(a);
        }
        if (out.isEmpty()) throw TridentException.file(file, "holds no tilt angles");
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isBlank() && !s.equalsIgnoreCase("nan") && !s.toLowerCase(Locale.ROOT).contains("inf");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Checks the count; the message names the angle file. */
    public static double[] forStack(Path file, int tilts) {
        double[] a = read(file);
        if (a.length != tilts) throw TridentException.file(file, "lists " + a.length + " tilt angles but the stack holds " + tilts + " images");
        return a;
    }

    /** An IMOD-style angle file next to {@code data} (same base name, .tlt then .rawtlt), or null. */
    public static Path sibling(Path data) {
        String n = data.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        for (String ext : new String[]{".tlt", ".rawtlt"}) {
            Path p = data.resolveSibling(base + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
