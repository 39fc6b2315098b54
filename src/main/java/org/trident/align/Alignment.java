package org.trident.align;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alignment of a tilt series (contract section 6): the aligned image at centred position
 * {@code q} is the raw image sampled at {@code R(r)·q + (dx, dy)}, with {@code r} the tilt-axis
 * rotation in degrees (in (-90°, 90°]) and one shift pair in pixels per tilt. {@code extra} keeps
 * any other field of {@code alignment.json} (method, scores, offset) so a rewrite never drops it.
 */
public record Alignment(double tiltAxisRotationDeg, double[] dx, double[] dy, ObjectNode extra) {
    public static final String FORMAT = "trident.alignment/1";
    public static final String FILE = "alignment.json";

    public Alignment {
        if (dx == null || dy == null || dx.length != dy.length) throw new TridentException("an alignment needs one (dx, dy) pair per tilt");
        if (!Double.isFinite(tiltAxisRotationDeg)) throw new TridentException("the tilt-axis rotation must be a finite number of degrees");
        for (int t = 0; t < dx.length; t++) {
            if (!Double.isFinite(dx[t]) || !Double.isFinite(dy[t])) throw new TridentException("the shift of tilt " + t + " is not finite");
        }
        tiltAxisRotationDeg = normaliseRotation(tiltAxisRotationDeg);
        dx = dx.clone();
        dy = dy.clone();
        if (extra == null) extra = JsonNodeFactory.instance.objectNode();
    }

    public Alignment(double tiltAxisRotationDeg, double[] dx, double[] dy) {
        this(tiltAxisRotationDeg, dx, dy, null);
    }

    /** No rotation, no shifts. */
    public static Alignment identity(int tilts) {
        return new Alignment(0, new double[tilts], new double[tilts]);
    }

    public int tilts() { return dx.length; }

    @Override public double[] dx() { return dx.clone(); }
    @Override public double[] dy() { return dy.clone(); }
    public double dx(int t) { return dx[t]; }
    public double dy(int t) { return dy[t]; }

    public Alignment withShifts(double[] newDx, double[] newDy) {
        return new Alignment(tiltAxisRotationDeg, newDx, newDy, extra.deepCopy());
    }

    public Alignment withRotation(double rotationDeg) {
        return new Alignment(rotationDeg, dx, dy, extra.deepCopy());
    }

    public Alignment withExtra(ObjectNode e) {
        return new Alignment(tiltAxisRotationDeg, dx, dy, e);
    }

    /** Raw indices of the tilts left out of the aligned series ({@code excludedTilts}), ascending; empty when none. */
    public int[] excludedTilts() {
        JsonNode e = extra.path("excludedTilts");
        if (!e.isArray()) return new int[0];
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (JsonNode v : e) if (v.canConvertToInt() && v.asInt() >= 0 && v.asInt() < dx.length) s.add(v.asInt());
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when tilt {@code t} is left out of the aligned series. */
    public boolean isExcluded(int t) {
        for (int e : excludedTilts()) if (e == t) return true;
        return false;
    }

    /**
     * The same alignment with {@code tilts} left out ({@code excludedTilts}, reasons kept for those
     * already listed, new ones marked as chosen by hand); an empty list keeps every tilt.
     */
    public Alignment withExcluded(java.util.Collection<Integer> tilts) {
        ObjectNode e = extra.deepCopy();
        JsonNode oldReasons = extra.path("excludedReasons");
        e.remove("excludedTilts");
        e.remove("excludedReasons");
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>(tilts);
        if (!s.isEmpty()) {
            ArrayNode a = e.putArray("excludedTilts");
            ObjectNode why = e.putObject("excludedReasons");
            for (int t : s) {
                if (t < 0 || t >= dx.length) throw new TridentException("cannot exclude tilt " + t + ": the series has tilts 0 to " + (dx.length - 1));
                a.add(t);
                why.put(Integer.toString(t), oldReasons.path(Integer.toString(t)).asText("excluded by hand"));
            }
        }
        return new Alignment(tiltAxisRotationDeg, dx, dy, e);
    }

    /** The alignment of the tilts {@code keep} (raw indices) only, in that order. */
    public Alignment subset(int[] keep) {
        double[] sx = new double[keep.length], sy = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            sx[k] = dx[keep[k]];
            sy[k] = dy[keep[k]];
        }
        ObjectNode e = extra.deepCopy();
        e.remove("excludedTilts");
        e.remove("excludedReasons");
        return new Alignment(tiltAxisRotationDeg, sx, sy, e);
    }

    /**
     * This alignment of the kept tilts {@code keep} back onto all {@code n} raw tilts: excluded
     * tilts get shifts interpolated linearly in angle from the nearest kept tilts (so applying the
     * alignment to every tilt still gives a sensible picture), and are listed in {@code excludedTilts}
     * with their reasons in {@code excludedReasons}.
     */
    public Alignment expand(int[] keep, int n, double[] anglesDeg, java.util.Map<Integer, String> reasons) {
        double[] ex = new double[n], ey = new double[n];
        boolean[] kept = new boolean[n];
        for (int k = 0; k < keep.length; k++) {
            ex[keep[k]] = dx[k];
            ey[keep[k]] = dy[k];
            kept[keep[k]] = true;
        }
        for (int t = 0; t < n; t++) {
            if (kept[t]) continue;
            int lo = -1, hi = -1;
            for (int k = 0; k < keep.length; k++) {
                double a = anglesDeg[keep[k]];
                if (a <= anglesDeg[t] && (lo < 0 || a > anglesDeg[keep[lo]])) lo = k;
                if (a >= anglesDeg[t] && (hi < 0 || a < anglesDeg[keep[hi]])) hi = k;
            }
            if (lo < 0) lo = hi;
            if (hi < 0) hi = lo;
            double a0 = anglesDeg[keep[lo]], a1 = anglesDeg[keep[hi]];
            double f = a1 > a0 ? (anglesDeg[t] - a0) / (a1 - a0) : 0;
            ex[t] = dx[lo] + f * (dx[hi] - dx[lo]);
            ey[t] = dy[lo] + f * (dy[hi] - dy[lo]);
        }
        ObjectNode e = extra.deepCopy();
        ArrayNode a = e.putArray("excludedTilts");
        ObjectNode why = e.putObject("excludedReasons");
        reasons.keySet().stream().sorted().forEach(t -> {
            a.add(t);
            why.put(Integer.toString(t), reasons.get(t));
        });
        return new Alignment(tiltAxisRotationDeg, ex, ey, e);
    }

    /** Maps a rotation onto (-90°, 90°]: the axis is a line, so r and r + 180° are the same axis. */
    public static double normaliseRotation(double deg) {
        double r = deg % 180.0;
        if (r <= -90.0) r += 180.0;
        if (r > 90.0) r -= 180.0;
        return r;
    }

    /**
     * The raw tilt axis (contract section 2): with {@code p_t = R(-r)·(dx, dy)} the shift in the
     * axis frame, the offset is the mean of {@code p_t.x} (pixels, perpendicular to the axis).
     */
    public double tiltAxisOffsetPx() {
        double c = Math.cos(Math.toRadians(tiltAxisRotationDeg)), s = Math.sin(Math.toRadians(tiltAxisRotationDeg));
        double sum = 0;
        int k = 0;
        int[] ex = excludedTilts();
        for (int t = 0; t < dx.length; t++) {
            if (java.util.Arrays.binarySearch(ex, t) >= 0) continue; // their shifts are interpolated, not measured
            sum += c * dx[t] + s * dy[t];
            k++;
        }
        return k == 0 ? 0 : sum / k;
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("tiltAxisRotationDeg", tiltAxisRotationDeg);
        ArrayNode sh = root.putArray("shiftsPx");
        for (int t = 0; t < dx.length; t++) sh.addArray().add(dx[t]).add(dy[t]);
        for (var it = extra.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!root.has(e.getKey())) root.set(e.getKey(), e.getValue().deepCopy());
        }
        return root;
    }

    public void write(Path file) {
        Json.write(file, toJson());
    }

    public static Alignment fromJson(JsonNode root, Path source) {
        String format = root.path("format").asText("");
        if (!format.startsWith("trident.alignment/")) {
            throw TridentException.file(source, "not a Trident alignment (format is '" + format + "', expected " + FORMAT + ")");
        }
        String ver = format.substring("trident.alignment/".length());
        if (!ver.equals("1") && !ver.startsWith("1.")) throw TridentException.file(source, "alignment format " + format + " is newer than this Trident reads");
        JsonNode r = root.get("tiltAxisRotationDeg");
        if (r == null || !r.isNumber()) throw TridentException.file(source, "tiltAxisRotationDeg is missing or not a number");
        JsonNode sh = root.get("shiftsPx");
        if (sh == null || !sh.isArray() || sh.isEmpty()) throw TridentException.file(source, "shiftsPx is missing or empty");
        double[] dx = new double[sh.size()], dy = new double[sh.size()];
        for (int t = 0; t < dx.length; t++) {
            JsonNode p = sh.get(t);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw TridentException.file(source, "shiftsPx[" + t + "] must be a pair of numbers [dx, dy]");
            }
            dx[t] = p.get(0).asDouble();
            dy[t] = p.get(1).asDouble();
        }
        ObjectNode extra = ((ObjectNode) root).deepCopy();
        extra.remove(List.of("format", "tiltAxisRotationDeg", "shiftsPx"));
        try {
            return new Alignment(r.asDouble(), dx, dy, extra);
        } catch (TridentException e) {
            throw TridentException.file(source, e.getMessage());
        }
    }

    /** Reads {@code alignment.json} (or a folder holding it), or a CSV of per-tilt shifts. */
    public static Alignment read(Path file) {
        Path f = Files.isDirectory(file) ? file.resolve(FILE) : file;
        if (!Files.exists(f)) throw TridentException.file(f, "file not found");
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) return readCsv(f);
        ObjectNode root = Json.readObject(f);
        if (root.has("alignment") && root.get("alignment").isObject() && !root.has("shiftsPx")) {
            return fromJson(root.get("alignment"), f); // e.g. simulate's truth.json
        }
        return fromJson(root, f);
    }

    /**
     * A CSV with a header naming at least the shift columns ({@code dx} or {@code dx_px}, {@code dy}
     * or {@code dy_px}); an optional {@code index} column orders rows, an optional
     * {@code rotation_deg} column (first row) gives the rotation. Lines starting with # are comments.
     */
    public static Alignment readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        lines.removeIf(l -> l.isBlank() || l.stripLeading().startsWith("#"));
        if (lines.size() < 2) throw TridentException.file(file, "needs a header line and one line per tilt");
        String[] head = lines.get(0).split(",");
        int ix = -1, iy = -1, ii = -1, ir = -1;
        for (int c = 0; c < head.length; c++) {
            String h = head[c].trim().toLowerCase(Locale.ROOT);
            switch (h) {
                case "dx", "dx_px" -> ix = c;
                case "dy", "dy_px" -> iy = c;
                case "index", "tilt" -> ii = c;
                case "rotation_deg", "rotationdeg" -> ir = c;
                default -> { }
            }
        }
        if (ix < 0 || iy < 0) throw TridentException.file(file, "the header must name columns dx and dy (or dx_px and dy_px)");
        int n = lines.size() - 1;
        double[] dx = new double[n], dy = new double[n];
        boolean[] seen = new boolean[n];
        double rot = 0;
        for (int k = 0; k < n; k++) {
            String[] f = lines.get(k + 1).split(",");
            try {
                int t = ii >= 0 ? Integer.parseInt(f[ii].trim()) : k;
                if (t < 0 || t >= n || seen[t]) throw TridentException.file(file, "line " + (k + 2) + ": tilt index " + t + " is out of range or repeated");
                seen[t] = true;
                dx[t] = Double.parseDouble(f[ix].trim());
                dy[t] = Double.parseDouble(f[iy].trim());
                if (ir >= 0 && k == 0 && ir < f.length && !f[ir].isBlank()) rot = Double.parseDouble(f[ir].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw TridentException.file(file, "line " + (k + 2) + " is not a row of numbers: " + lines.get(k + 1));
            }
        }
        try {
            return new Alignment(rot, dx, dy);
        } catch (TridentException e) {
            throw TridentException.file(file, e.getMessage());
        }
    }

    /** Shifts as a list of [dx, dy] for display. */
    public List<double[]> shiftPairs() {
        List<double[]> l = new ArrayList<>();
        for (int t = 0; t < dx.length; t++) l.add(new double[]{dx[t], dy[t]});
        return l;
    }
}
