package org.trident.sei.maps;

import org.trident.io.Tiff;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TIFF maps (float or integer, one channel per page) with ImageJ's calibration honoured: the
 * ImageDescription {@code ImageJ=…} block's {@code unit=} (µm, nm, …) with XResolution as
 * pixels per unit, and its linear value calibration ({@code cf=0}, {@code c0}, {@code c1},
 * {@code vunit}). Without ImageJ's block, a ResolutionUnit of centimetres counts as a pixel
 * size; inches do not (that is a print resolution, mostly 72 dpi by default).
 */
public final class TiffMaps {
    private TiffMaps() {}

    public static List<Channel> channels(Path file) {
        ImageStack s = Tiff.readImages(file);
        Map<Integer, Object> tags = firstPageTags(file);
        List<String> notes = new ArrayList<>();
        double px = Double.NaN;
        String unit = "";
        double c0 = 0, c1 = 1;
        String desc = tags.get(270) instanceof String d ? d : "";
        double xres = tags.get(282) instanceof Double r ? r : Double.NaN;
        int resUnit = tags.get(296) instanceof Long u ? u.intValue() : 2;
        if (desc.startsWith("ImageJ=")) {
            Map<String, String> kv = new HashMap<>();
            for (String line : desc.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
            String u = kv.getOrDefault("unit", "");
            if (u.startsWith("\\u00B5") || u.startsWith("\\u00b5")) u = "µ" + u.substring(6);
            double nm = Units.nanometres(u);
            if (xres > 0 && Double.isFinite(nm)) {
                px = nm / xres;
                notes.add("pixel size from the ImageJ calibration: " + (1 / xres) + " " + u);
            } else if (!u.isEmpty() && !u.equals("pixel")) {
                notes.add("ImageJ unit '" + u + "' is not a length unit; no pixel size taken from the file");
            }
            if ("0".equals(kv.get("cf")) && kv.containsKey("c0") && kv.containsKey("c1")) {
                try {
                    c0 = Double.parseDouble(kv.get("c0"));
                    c1 = Double.parseDouble(kv.get("c1"));
                    unit = kv.getOrDefault("vunit", "");
                    notes.add("ImageJ value calibration applied: " + c0 + " + " + c1 + " × raw");
                } catch (NumberFormatException e) {
                    throw TridentException.file(file, "unreadable ImageJ value calibration c0/c1");
                }
            }
        } else if (resUnit == 3 && xres > 0) {
            px = 1e7 / xres;
            notes.add("pixel size from the TIFF resolution (pixels per cm)");
        }
        List<Channel> out = new ArrayList<>();
        for (int p = 0; p < s.tilts(); p++) {
            float[] v = s.tilt(p).clone();
            if (c0 != 0 || c1 != 1) for (int i = 0; i < v.length; i++) v[i] = (float) (c0 + c1 * v[i]);
            out.add(new Channel(Integer.toString(p), new SeiMap(s.width(), s.height(), v, px, unit, notes)));
        }
        return out;
    }

    /** Tags 270 (text), 282 (rational as Double) and 296 (Long) of the first page of a classic TIFF. */
    static Map<Integer, Object> firstPageTags(Path file) {
        Map<Integer, Object> out = new HashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = read(ch, 0, 8, size);
            if (head == null) return out;
            head.order(head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            if ((head.getShort(2) & 0xffff) != 42) return out; // BigTIFF: ImageJ never writes it
            long ifd = head.getInt(4) & 0xffffffffL;
            ByteBuffer cnt = read(ch, ifd, 2, size);
            if (cnt == null) return out;
            int n = cnt.order(head.order()).getShort(0) & 0xffff;
            ByteBuffer e = read(ch, ifd + 2, 12 * n, size);
            if (e == null) return out;
            e.order(head.order());
            for (int i = 0; i < n; i++) {
                int tag = e.getShort(12 * i) & 0xffff, type = e.getShort(12 * i + 2) & 0xffff;
                long count = e.getInt(12 * i + 4) & 0xffffffffL, val = e.getInt(12 * i + 8) & 0xffffffffL;
                if (tag == 270 && type == 2 && count < (1 << 20)) {
                    ByteBuffer t = count <= 4 ? e.slice(12 * i + 8, (int) count) : read(ch, val, (int) count, size);
                    if (t != null) {
                        byte[] a = new byte[t.remaining()];
                        t.get(a);
                        String s = new String(a, StandardCharsets.UTF_8);
                        int z = s.indexOf('\0');
                        out.put(270, z >= 0 ? s.substring(0, z) : s);
                    }
                } else if (tag == 282 && type == 5) {
                    ByteBuffer r = read(ch, val, 8, size);
                    if (r != null) {
                        r.order(head.order());
                        long num = r.getInt(0) & 0xffffffffL, den = r.getInt(4) & 0xffffffffL;
                        if (den != 0) out.put(282, (double) num / den);
                    }
                } else if (tag == 296) {
                    out.put(296, (long) (type == 3 ? e.getShort(12 * i + 8) & 0xffff : val));
                }
            }
        } catch (IOException ex) {
            throw TridentException.file(file, "cannot read the TIFF tags: " + ex.getMessage(), ex);
        }
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, long size) throws IOException {
        if (pos < 0 || pos + n > size) return null;
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) return null;
        return b.flip();
    }
}
