package org.trident.sei.maps;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gwyddion native files ({@code .gwy}, "GWYP" serialisation, little-endian, as documented in the
 * Gwyddion user guide's file-format appendix): a {@code GwyContainer} whose {@code /N/data}
 * items are {@code GwyDataField}s with {@code xres}, {@code yres}, {@code xreal} (the field
 * width, N pixels × step), {@code data} (row-major doubles) and {@code GwySIUnit}s
 * {@code si_unit_xy} / {@code si_unit_z}; {@code /N/data/title} names the channel.
 */
public final class GwyReader {
    private GwyReader() {}

    /** A deserialised object: its type name and components (numbers, strings, arrays, objects). */
    record Obj(String type, Map<String, Object> items) {}

    public static List<Channel> channels(Path file) {
        byte[] b;
        try {
            if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw TridentException.file(file, "too large to read");
        }
        if (b.length < 4 || b[0] != 'G' || b[1] != 'W' || b[2] != 'Y' || b[3] != 'P') {
            throw TridentException.file(file, "not a Gwyddion GWYP file (bad magic)");
        }
        Parser p = new Parser(file, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        p.pos = 4;
        Obj top = p.object(0);
        if (!top.type().equals("GwyContainer")) throw TridentException.file(file, "Gwyddion file holds a " + top.type() + ", not a GwyContainer");
        Map<Integer, Obj> fields = new TreeMap<>();
        for (var e : top.items().entrySet()) {
            var m = java.util.regex.Pattern.compile("/(\\d+)/data").matcher(e.getKey());
            if (m.matches() && e.getValue() instanceof Obj o && o.type().equals("GwyDataField")) fields.put(Integer.parseInt(m.group(1)), o);
        }
        if (fields.isEmpty()) throw TridentException.file(file, "Gwyddion file holds no data field (/N/data)");
        List<Channel> out = new ArrayList<>();
        for (var e : fields.entrySet()) {
            Object t = top.items().get("/" + e.getKey() + "/data/title");
            String title = t instanceof String s && !s.isBlank() ? s : "channel " + e.getKey();
            out.add(new Channel(title, field(file, e.getValue(), title)));
        }
        return out;
    }

    private static SeiMap field(Path file, Obj f, String title) {
        int xres = intItem(file, f, "xres"), yres = intItem(file, f, "yres");
        Object d = f.items().get("data");
        if (!(d instanceof double[] data)) throw TridentException.file(file, "data field '" + title + "' has no data array");
        if (xres <= 0 || yres <= 0 || (long) xres * yres != data.length) {
            throw TridentException.file(file, "data field '" + title + "' is " + xres + "x" + yres + " but holds " + data.length + " values");
        }
        List<String> notes = new ArrayList<>();
        double xreal = f.items().get("xreal") instanceof Double x ? x : Double.NaN;
        String xy = unit(f.items().get("si_unit_xy"));
        double px = xreal / xres * Units.nanometres(xy.isEmpty() ? "m" : xy);
        if (xy.isEmpty()) notes.add("no lateral unit in the file; metres assumed (Gwyddion's base unit)");
        if (!(px > 0) || !Double.isFinite(px)) {
            notes.add("no usable field size (xreal " + xreal + " " + xy + ")");
            px = Double.NaN;
        }
        float[] v = new float[data.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) data[i];
        return new SeiMap(xres, yres, v, px, unit(f.items().get("si_unit_z")), notes);
    }

    private static String unit(Object o) {
        return o instanceof Obj u && u.items().get("unitstr") instanceof String s ? s : "";
    }

    private static int intItem(Path file, Obj f, String key) {
        if (f.items().get(key) instanceof Integer i) return i;
        throw TridentException.file(file, "data field lacks its integer '" + key + "'");
    }

    private static final class Parser {
        final Path file;
        final ByteBuffer b;
        int pos;

        Parser(Path file, ByteBuffer b) {
            this.file = file;
            this.b = b;
        }

        TridentException corrupt(String what) {
            return TridentException.file(file, "corrupt Gwyddion file: " + what + " at byte " + pos);
        }

        String cstring() {
            int start = pos;
            while (pos < b.limit() && b.get(pos) != 0) pos++;
            if (pos >= b.limit()) throw corrupt("unterminated string");
            String s = new String(b.array(), start, pos - start, StandardCharsets.UTF_8);
            pos++;
            return s;
        }

        int count(int itemBytes) {
            need(4);
            long n = b.getInt(pos) & 0xffffffffL;
            pos += 4;
            if (n * itemBytes > b.limit() - pos) throw corrupt("array of " + n + " items runs past the end");
            return (int) n;
        }

        void need(int n) {
            if (pos + n > b.limit()) throw corrupt("truncated value");
        }

        Obj object(int depth) {
            if (depth > 64) throw corrupt("objects nested too deeply");
            String type = cstring();
            need(4);
            long size = b.getInt(pos) & 0xffffffffL;
            pos += 4;
            long end = pos + size;
            if (end > b.limit()) throw corrupt("object " + type + " of " + size + " bytes runs past the end");
            Map<String, Object> items = new LinkedHashMap<>();
            while (pos < end) {
                String key = cstring();
                need(1);
                char t = (char) b.get(pos++);
                items.put(key, value(t, depth));
            }
            if (pos != end) throw corrupt("object " + type + " overruns its declared size");
            return new Obj(type, items);
        }

        Object value(char t, int depth) {
            switch (t) {
                case 'b': need(1); return b.get(pos++) != 0;
                case 'c': need(1); return (char) b.get(pos++);
                case 'i': need(4); pos += 4; return b.getInt(pos - 4);
                case 'q': need(8); pos += 8; return b.getLong(pos - 8);
                case 'd': need(8); pos += 8; return b.getDouble(pos - 8);
                case 's': return cstring();
                case 'o': return object(depth + 1);
                case 'C': { int n = count(1); pos += n; return null; }
                case 'I': { int n = count(4); int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = b.getInt(pos + 4 * i); pos += 4 * n; return a; }
                case 'Q': { int n = count(8); pos += 8 * n; return null; }
                case 'D': { int n = count(8); double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = b.getDouble(pos + 8 * i); pos += 8 * n; return a; }
                case 'S': { int n = count(1); List<String> a = new ArrayList<>(); for (int i = 0; i < n; i++) a.add(cstring()); return a; }
                case 'O': { int n = count(1); List<Obj> a = new ArrayList<>(); for (int i = 0; i < n; i++) a.add(object(depth + 1)); return a; }
                default: throw corrupt("unknown component type '" + t + "'");
            }
        }
    }
}
