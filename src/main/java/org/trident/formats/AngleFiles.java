package org.trident.formats;

import org.trident.io.Numbers;
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
 * and CSV. Lines starting with '#' are skipped. Numbers are read strictly ('.' is the decimal
 * separator; "1,5" is refused, never read as 1 or 5). A file of one value per line needs no
 * header. A file with several columns must name them in a header line, and exactly one column
 * must be the angle: one whose name contains "angle", else one containing "tilt" that is not an
 * index ("tilt_index", "tilt_no", …); anything ambiguous is refused with the columns listed.
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
        int column = -1, columns = -1;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = fields(line);
            if (first) {
                first = false;
                columns = parts.length;
                boolean header = false;
                for (String p : parts) header |= !Numbers.isDecimal(p);
                if (header) {
                    column = angleColumn(file, parts);
                    continue;
                }
                if (parts.length > 1) {
                    throw TridentException.file(file, "line " + (i + 1) + " holds " + parts.length + " values but the file has no header line"
                            + " naming the angle column (a decimal comma? Trident reads '.' as the decimal separator)");
                }
                column = 0;
            }
            if (parts.length != columns) {
                throw TridentException.file(file, "line " + (i + 1) + " holds " + parts.length + " values, the first line " + columns
                        + " (a decimal comma? Trident reads '.' as the decimal separator)");
            }
            String v = parts[column];
            if (!Numbers.isDecimal(v)) throw TridentException.file(file, "line " + (i + 1) + " is not an angle: '" + clip(v) + "'");
            double a = Double.parseDouble(v);
            if (!Double.isFinite(a) || Math.abs(a) > 90) throw TridentException.file(file, "line " + (i + 1) + ": tilt angle " + clip(v) + " is outside [-90, 90] degrees");
            out.add(a);
        }
        if (out.isEmpty()) throw TridentException.file(file, "holds no tilt angles");
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Fields of a line: comma-, semicolon- or tab-separated when it has such a separator, else by spaces. */
    private static String[] fields(String line) {
        String[] p = line.split(line.matches(".*[,;\t].*") ? "\\s*[,;\t]\\s*" : "\\s+", -1);
        for (int i = 0; i < p.length; i++) p[i] = p[i].strip();
        return p;
    }

    /** The one column of a header that holds the angles. */
    private static int angleColumn(Path file, String[] header) {
        List<Integer> angle = new ArrayList<>(), tilt = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            String h = header[c].toLowerCase(Locale.ROOT);
            if (h.contains("angle")) angle.add(c);
            else if (h.contains("tilt") && !h.matches(".*(index|idx|number|num|no|#|count|id)\\b.*|.*_(n|i)$")) tilt.add(c);
        }
        List<Integer> pick = !angle.isEmpty() ? angle : tilt;
        if (pick.size() == 1) return pick.get(0);
        throw TridentException.file(file, (pick.isEmpty() ? "names no angle column" : "names several possible angle columns")
                + " (columns: " + clip(String.join(", ", header)) + "); name exactly one column 'angle'");
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    static boolean isNumber(String s) {
        return Numbers.isDecimal(s);
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
