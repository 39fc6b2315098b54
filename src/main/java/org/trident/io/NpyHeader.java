package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1 to 3): data type, byte order,
 * shape and where the data starts. Parsed from the public format description
 * (numpy.lib.format); only C order is accepted.
 */
public record NpyHeader(DataType type, ByteOrder order, long[] shape, long dataOffset) {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

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
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw TridentException.file(file, "NPY header lacks descr, fortran_order or shape: " + header.trim());
        if (f.group(1).equals("True")) throw TridentException.file(file, "Fortran-ordered NPY arrays are not supported; save it in C order (numpy.ascontiguousarray)");
        String descr = d.group(1);
        if (descr.length() < 3) throw TridentException.file(file, "unknown NPY data type '" + descr + "'");
        char endian = descr.charAt(0);
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (endian == '=') order = ByteOrder.nativeOrder();
        DataType type = DataType.fromNpy(descr.substring(1));
        if (type == null) throw TridentException.file(file, "NPY data type '" + descr + "' is not supported (uint8, int8, uint16, int16, int32, uint32, int64, float32, float64 are)");
        String[] parts = s.group(1).split(",");
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            String t = p.trim().replace("L", "");
            if (t.isEmpty()) continue;
            try {
                long v = Long.parseLong(t);
                if (v < 0) throw new NumberFormatException();
                dims.add(v);
            } catch (NumberFormatException e) {
                throw TridentException.file(file, "NPY shape is not a list of sizes: (" + s.group(1) + ")");
            }
        }
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
}
