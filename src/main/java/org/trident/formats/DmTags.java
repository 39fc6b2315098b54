package org.trident.formats;

import org.trident.model.TridentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag tree of a Gatan DigitalMicrograph DM3 or DM4 file, parsed from the public descriptions
 * of the format (Greg Jefferis' DM3 notes and Chris Boothroyd's DM3/DM4 page): a big-endian
 * header (version, root length, byte order of the data), then nested tag groups. Each data tag
 * carries "%%%%", an encoded type (a list of integers) and its values; DM4 widens every length to
 * 64 bits and gives each tag its byte size. Large arrays (image data) are not loaded: only their
 * position is kept. Every count and length is checked against the file size.
 */
public final class DmTags {
    /** A tag group: labelled entries in file order (labels may be empty, as in lists). */
    public record Group(List<String> labels, List<Object> values) {
        /** The entry with this label, or null. */
        public Object get(String label) {
            int i = labels.indexOf(label);
            return i < 0 ? null : values.get(i);
        }

        /** Follows a path of labels; null when any step is missing. */
        public Object path(String... labels) {
            Object o = this;
            for (String l : labels) {
                if (!(o instanceof Group g)) return null;
                o = g.get(l);
            }
            return o;
        }

        public Group group(String... labels) {
            return path(labels) instanceof Group g ? g : null;
        }

        public Double number(String... labels) {
            Object o = path(labels);
            return o instanceof Number n ? n.doubleValue() : null;
        }

        /** A text tag: DM stores most strings as arrays of UTF-16 code units. */
        public String text(String... labels) {
            Object o = path(labels);
            if (o instanceof String s) return s;
            if (o instanceof Array a) return a.text();
            return null;
        }

        public int size() { return values.size(); }
    }

    /** An array kept on disk: {@code count} elements of {@code type} at byte {@code offset}. */
    public record Array(int type, long count, long offset, int elementBytes, ByteOrder order, byte[] small) {
        /** The array read as UTF-16 (type ushort) or bytes, for short text arrays; null otherwise. */
        public String text() {
            if (small == null) return null;
            if (type == 4) return new String(small, order == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE).trim();
            if (type == 9 || type == 10) return new String(small, StandardCharsets.ISO_8859_1).trim();
            return null;
        }
    }

    public static final int GROUP = 20, DATA = 21;
    private static final int MAX_DEPTH = 64;
    private static final long MAX_TAGS = 2_000_000;
    private static final int SMALL = 4096;

    private final BinaryInput in;
    private final boolean dm4;
    private final ByteOrder dataOrder;
    private long tags;

    public final int version;
    public final Group root;

    private DmTags(BinaryInput in) {
        this.in = in;
        long fileSize = in.size();
        if (fileSize < 16) throw TridentException.file(in.file(), "not a DM3/DM4 file (only " + fileSize + " bytes)");
        version = in.i32(ByteOrder.BIG_ENDIAN);
        if (version != 3 && version != 4) throw TridentException.file(in.file(), "not a DM3/DM4 file (version field is " + version + ")");
        dm4 = version == 4;
        if (dm4) in.i64(ByteOrder.BIG_ENDIAN); else in.u32(ByteOrder.BIG_ENDIAN);
        int bo = in.i32(ByteOrder.BIG_ENDIAN);
        if (bo != 0 && bo != 1) throw in.corrupt("DM byte-order field is " + bo + " (0 or 1 expected)");
        dataOrder = bo == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        root = group(0);
    }

    public static DmTags read(Path file) {
        try (BinaryInput in = new BinaryInput(file)) {
            return new DmTags(in);
        } catch (StackOverflowError | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw TridentException.file(file, "corrupt DM file (" + e.getClass().getSimpleName() + ")");
        }
    }

    public ByteOrder dataOrder() { return dataOrder; }

    private long length() {
        long v = dm4 ? in.i64(ByteOrder.BIG_ENDIAN) : in.u32(ByteOrder.BIG_ENDIAN);
        if (v < 0) throw in.corrupt("negative length at byte " + (in.position() - 8));
        return v;
    }

    private Group group(int depth) {
        if (depth > MAX_DEPTH) throw in.corrupt("tag groups nested deeper than " + MAX_DEPTH);
        in.u8();
        in.u8();
        long n = length();
        // each entry takes at least 3 bytes (type and label length), so a larger count is corrupt
        if (n > in.remaining() / 3) throw in.corrupt("a tag group declares " + n + " entries, more than the file can hold");
        List<String> labels = new ArrayList<>((int) Math.min(n, 1024));
        List<Object> values = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) {
            if (++tags > MAX_TAGS) throw in.corrupt("more than " + MAX_TAGS + " tags");
            long at = in.position();
            int type = in.u8();
            int len = in.u16(ByteOrder.BIG_ENDIAN);
            String label = new String(in.bytes(len), StandardCharsets.ISO_8859_1);
            long end = -1;
            if (dm4) {
                long tagLen = length();
                if (tagLen > in.remaining()) throw in.truncated(tagLen);
                end = in.position() + tagLen;
            }
            Object v;
            if (type == GROUP) v = group(depth + 1);
            else if (type == DATA) v = data(end);
            else throw in.corrupt("unknown tag type " + type + " at byte " + at);
            if (end >= 0 && in.position() != end) {
                // DM4 gives each tag's size: trust it over our decoding of unusual types
                if (end < in.position()) throw in.corrupt("tag '" + label + "' overruns its declared size");
                in.seek(end);
            }
            labels.add(label);
            values.add(v);
        }
        return new Group(labels, values);
    }

    private static int simpleBytes(long t) {
        return switch ((int) t) {
            case 2, 4 -> 2;
            case 3, 5, 6 -> 4;
            case 7, 11, 12 -> 8;
            case 8, 9, 10 -> 1;
            default -> -1;
        };
    }

    private Object data(long end) {
        long at = in.position();
        byte[] magic = in.bytes(4);
        if (magic[0] != '%' || magic[1] != '%' || magic[2] != '%' || magic[3] != '%') throw in.corrupt("data tag at byte " + at + " lacks its %%%% marker");
        long n = length();
        if (n < 1 || n > 1000) throw in.corrupt("data tag at byte " + at + " has an encoded type of " + n + " numbers");
        long[] info = new long[(int) n];
        for (int i = 0; i < n; i++) info[i] = length();
        int t = (int) info[0];
        if (simpleBytes(t) > 0) return simple(t);
        if (t == 18) {
            if (n < 2 || info[1] > in.remaining() / 2) throw in.corrupt("string tag at byte " + at);
            byte[] b = in.bytes((int) info[1] * 2);
            return new String(b, dataOrder == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        }
        if (t == 15) {
            long[] fields = structFields(info, 1, at);
            List<Object> out = new ArrayList<>();
            for (long f : fields) out.add(simple((int) f));
            return out;
        }
        if (t == 20) {
            if (n < 3) throw in.corrupt("array tag at byte " + at + " has a short type description");
            long elem = info[1];
            int elemBytes;
            long count;
            if (elem == 15) {
                long[] fields = structFields(info, 2, at);
                int sum = 0;
                for (long f : fields) sum += simpleBytes(f);
                elemBytes = sum;
                if (n <= 4 + 2L * fields.length) throw in.corrupt("array tag at byte " + at + " lacks its element count");
                count = info[4 + 2 * fields.length];
            } else {
                elemBytes = simpleBytes(elem);
                count = info[2];
            }
            if (elemBytes <= 0) {
                if (end >= 0) return null; // DM4 lets us skip types we do not read
                throw in.corrupt("array tag at byte " + at + " has element type " + elem + ", which Trident does not read");
            }
            if (count < 0 || count > in.remaining() / elemBytes) {
                throw TridentException.file(in.file(), "truncated or corrupt: an array at byte " + at + " declares " + count + " elements of "
                        + elemBytes + " bytes, but only " + in.remaining() + " bytes remain in the file");
            }
            long bytes = count * elemBytes;
            long offset = in.position();
            byte[] small = bytes <= SMALL && elem != 15 ? in.bytes((int) bytes) : null;
            if (small == null) in.skip(bytes);
            return new Array((int) elem, count, offset, elemBytes, dataOrder, small);
        }
        if (end >= 0) return null;
        throw in.corrupt("data tag at byte " + at + " has type " + t + ", which Trident does not read");
    }

    private long[] structFields(long[] info, int from, long at) {
        // struct: name length, field count, then (name length, type) per field
        if (info.length < from + 2) throw in.corrupt("struct tag at byte " + at + " has a short type description");
        long nf = info[from + 1];
        if (nf < 0 || info.length < from + 2 + 2 * nf) throw in.corrupt("struct tag at byte " + at + " declares " + nf + " fields");
        long[] f = new long[(int) nf];
        for (int i = 0; i < nf; i++) {
            f[i] = info[from + 3 + 2 * i];
            if (simpleBytes(f[i]) < 0) throw in.corrupt("struct tag at byte " + at + " has a field of type " + f[i]);
        }
        return f;
    }

    private Object simple(int t) {
        ByteBuffer b = in.take(simpleBytes(t), dataOrder);
        return switch (t) {
            case 2 -> b.getShort();
            case 3 -> b.getInt();
            case 4 -> b.getShort() & 0xffff;
            case 5 -> b.getInt() & 0xffffffffL;
            case 6 -> b.getFloat();
            case 7 -> b.getDouble();
            case 8 -> b.get() != 0;
            case 9, 10 -> b.get() & 0xff;
            case 11, 12 -> b.getLong();
            default -> throw in.corrupt("unknown simple type " + t);
        };
    }

    /** Every tag as "path = value" lines, for debugging and {@code info --verbose}. */
    public static void dump(Group g, String prefix, StringBuilder out, int maxArray) {
        for (int i = 0; i < g.size(); i++) {
            String label = g.labels().get(i).isEmpty() ? "[" + i + "]" : g.labels().get(i);
            Object v = g.values().get(i);
            String p = prefix.isEmpty() ? label : prefix + "." + label;
            if (v instanceof Group sub) dump(sub, p, out, maxArray);
            else if (v instanceof Array a) {
                String t = a.text();
                out.append(p).append(" = ").append(t != null && a.count() < maxArray ? "\"" + t + "\"" : "array type " + a.type() + " x " + a.count() + " @" + a.offset()).append('\n');
            } else out.append(p).append(" = ").append(v).append('\n');
        }
    }
}
