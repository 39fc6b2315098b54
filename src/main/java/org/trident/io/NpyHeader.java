package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The header of a NumPy {@code .npy} file (format versions 1 to 3): data type, byte order,
 * shape and where the data starts. Parsed from the public format description
 * (numpy.lib.format); only C order is accepted.
 */
public record NpyHeader(DataType type, ByteOrder order, long[] shape, long dataOffset) {

    public long count() {
        long n = 1;
        for (long s : shape) n = Math.multiplyExact(n, s);
        return n;
    }

    public long dataBytes() {
        return Math.multiplyExact(count(), (long) type.bytes);
    }

    public String shapeText() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static NpyHeader read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(pre, 0);
        if (pre.position() < 10) throw TridentException.file(file, "not an NPY file (too short for a header)");
        pre.flip();
        byte[] magic = new byte[6];
        pre.get(magic);
        if ((magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw TridentException.file(file, "not an NPY file (magic string missing)");
        }
        int major = pre.get() & 0xff;
        pre.get();
        long headerLen;
        int preamble;
        if (major == 1) {
            headerLen = pre.getShort() & 0xffff;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 4) throw TridentException.file(file, "truncated NPY header");
            headerLen = pre.getInt() & 0xffffffffL;
            preamble = 12;
        } else {
            throw TridentException.file(file, "NPY format version " + major + " is not supported (1 to 3 are)");
        }
        if (preamble + headerLen > size || headerLen > 1 << 20) throw TridentException.file(file, "truncated or corrupt NPY header");
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        ch.read(hb, preamble);
        String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Dict dict = Dict.parse(file, header);
        if (dict.fortran) throw TridentException.file(file, "Fortran-ordered NPY arrays are not supported; save it in C order (numpy.ascontiguousarray)");
        String descr = dict.descr;
        if (descr.length() < 3) throw TridentException.file(file, "unknown NPY data type '" + descr + "'");
        char endian = descr.charAt(0);
        if ("<>|=".indexOf(endian) < 0) throw TridentException.file(file, "unknown NPY data type '" + descr + "'");
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (endian == '=') order = ByteOrder.nativeOrder();
        DataType type = DataType.fromNpy(descr.substring(1));
        if (type == null) throw TridentException.file(file, "NPY data type '" + descr + "' is not supported (uint8, int8, uint16, int16, int32, uint32, int64, float32, float64 are)");
        java.util.List<Long> dims = dict.shape;
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        NpyHeader h = new NpyHeader(type, order, shape, preamble + headerLen);
        long need;
        try {
            need = h.dataOffset + h.dataBytes();
        } catch (ArithmeticException e) {
            throw TridentException.file(file, "NPY shape " + h.shapeText() + " is absurdly large");
        }
        if (size < need) {
            throw TridentException.file(file, "truncated: the header declares shape " + h.shapeText() + " of " + type.label
                    + " (" + h.dataBytes() + " bytes of data) but the file holds only " + (size - h.dataOffset) + " bytes of data");
        }
        return h;
    }

    /**
     * The header dictionary, parsed as strictly as numpy does: a Python dict literal with exactly the
     * keys descr (a string), fortran_order (True/False) and shape (a tuple of non-negative integers),
     * then only spaces and the closing newline. Anything else is refused, never half-read.
     */
    private record Dict(String descr, boolean fortran, java.util.List<Long> shape) {
        static Dict parse(Path file, String h) {
            Cursor c = new Cursor(file, h);
            String descr = null;
            Boolean fortran = null;
            java.util.List<Long> shape = null;
            c.expect('{');
            while (!c.peek('}')) {
                String key = c.string();
                c.expect(':');
                switch (key) {
                    case "descr" -> { if (descr != null) c.fail("repeats descr"); descr = c.string(); }
                    case "fortran_order" -> { if (fortran != null) c.fail("repeats fortran_order"); fortran = c.bool(); }
                    case "shape" -> { if (shape != null) c.fail("repeats shape"); shape = c.tuple(); }
                    default -> c.fail("has an unexpected key");
                }
                if (!c.peek('}')) c.expect(',');
            }
            c.expect('}');
            c.end();
            if (descr == null || fortran == null || shape == null) c.fail("lacks descr, fortran_order or shape");
            return new Dict(descr, fortran, shape);
        }
    }

    /** A tiny reader over the header text; errors never echo the text (it may be binary). */
    private static final class Cursor {
        private final Path file;
        private final String s;
        private int i;

        Cursor(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        void fail(String problem) {
            throw TridentException.file(file, "malformed NPY header (it " + problem + ", near character " + i + ")");
        }

        void skip() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        }

        boolean peek(char ch) {
            skip();
            return i < s.length() && s.charAt(i) == ch;
        }

        void expect(char ch) {
            if (!peek(ch)) fail("is not a Python dict literal");
            i++;
        }

        String string() {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) fail("has a key or value that is not a string");
            char q = s.charAt(i++);
            int start = i;
            while (i < s.length() && s.charAt(i) != q) {
                char ch = s.charAt(i);
                if (ch == '\\' || ch < 0x20 || ch > 0x7e) fail("has a string with a character numpy's writer never uses");
                i++;
            }
            if (i >= s.length()) fail("has an unterminated string");
            return s.substring(start, i++);
        }

        boolean bool() {
            skip();
            if (s.startsWith("True", i)) { i += 4; return true; }
            if (s.startsWith("False", i)) { i += 5; return false; }
            fail("has a fortran_order that is not True or False");
            return false;
        }

        java.util.List<Long> tuple() {
            expect('(');
            java.util.List<Long> out = new java.util.ArrayList<>();
            boolean comma = false;
            while (!peek(')')) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
                if (i == start || i - start > 18) fail("has a shape that is not a tuple of sizes");
                long v = Long.parseLong(s.substring(start, i));
                if (i < s.length() && s.charAt(i) == 'L') i++; // Python 2 long
                out.add(v);
                comma = peek(',');
                if (comma) i++;
                else if (!peek(')')) fail("has a shape that is not a tuple of sizes");
            }
            if (out.size() == 1 && !comma) fail("has a shape that is not a tuple (a one-element tuple needs a comma)");
            expect(')');
            return out;
        }

        void end() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\0')) i++;
            if (i != s.length()) fail("goes on after the dict");
        }
    }
}
