package org.trident.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.trident.model.TridentException;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Small helpers over jhdf: attributes as text or numbers, and numeric slices flattened to float. */
final class Hdf5 {
    private Hdf5() {}

    static {
        // jhdf logs through SLF4J; without a provider SLF4J prints three warning lines on stderr,
        // which would break the CLI's one-line error contract
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** Opens with jhdf; when jhdf cannot read the file, says exactly that. */
    static HdfFile open(Path file) {
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw cannotRead(file, e);
        }
    }

    static TridentException cannotRead(Path file, Throwable e) {
        return TridentException.file(file, "jhdf 0.13.0 (the HDF5 library Trident uses) cannot read this HDF5 file: " + e.getMessage()
                + "; re-save it with an older HDF5 layout (e.g. h5py libver='earliest') or export it to NPY/MRC", e);
    }

    /** What jhdf does not support (filters, layouts) is said as such; anything else is a damaged file. */
    static TridentException readFailure(Path file, Dataset d, RuntimeException e) {
        if (e instanceof io.jhdf.exceptions.HdfFilterException || e instanceof io.jhdf.exceptions.UnsupportedHdfException) {
            return cannotRead(file, e);
        }
        return TridentException.file(file, "cannot read dataset " + d.getPath() + " (truncated or corrupt?): " + e.getMessage(), e);
    }

    static Object attr(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null) return null;
        Object d = a.getData();
        if (d != null && d.getClass().isArray() && !(d instanceof byte[]) && Array.getLength(d) == 1) d = Array.get(d, 0);
        return d;
    }

    static String text(Node n, String name) {
        Object o = attr(n, name);
        if (o == null) return null;
        if (o instanceof byte[] b) return new String(b, StandardCharsets.UTF_8).trim();
        return o.toString();
    }

    static Double number(Node n, String name) {
        Object o = attr(n, name);
        if (o instanceof Number v) return v.doubleValue();
        if (o instanceof Boolean b) return b ? 1.0 : 0.0;
        if (o instanceof String s) {
            return org.trident.io.Numbers.parse(s); // NaN, not null: present but not a number is refused by the caller
        }
        return null;
    }

    static Boolean bool(Node n, String name) {
        Object o = attr(n, name);
        if (o instanceof Boolean b) return b;
        if (o instanceof Number v) return v.intValue() != 0;
        if (o instanceof String s) return s.equalsIgnoreCase("true");
        return null;
    }

    static Group group(Group g, String name) {
        Node n = g.getChild(name);
        return n instanceof Group gg ? gg : null;
    }

    static Dataset dataset(Group g, String name) {
        Node n = g.getChild(name);
        return n instanceof Dataset d ? d : null;
    }

    static boolean numeric(Dataset d) {
        Class<?> t = d.getJavaType();
        return t == byte.class || t == short.class || t == int.class || t == long.class || t == float.class || t == double.class;
    }

    static String typeName(Dataset d) {
        int bits = d.getDataType().getSize() * 8;
        if (d.getDataType() instanceof io.jhdf.object.datatype.FixedPoint f) return (f.isSigned() ? "int" : "uint") + bits;
        if (d.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint) return "float" + bits;
        return d.getDataType().getClass().getSimpleName();
    }

    /** Reads a slice and flattens it (C order) into {@code dst} from {@code off}. */
    static void slice(Path file, Dataset d, long[] offset, int[] shape, float[] dst, int off) {
        Object data;
        try {
            data = d.getData(offset, shape);
        } catch (RuntimeException e) {
            throw readFailure(file, d, e);
        }
        int[] pos = {off};
        flatten(file, data, dst, pos);
    }

    /** Reads a whole (small) dataset as floats. */
    static float[] all(Path file, Dataset d) {
        long n = d.getSize();
        if (n > Integer.MAX_VALUE - 8) throw TridentException.file(file, "dataset " + d.getPath() + " is too large to read at once");
        float[] out = new float[(int) n];
        Object data;
        try {
            data = d.getData();
        } catch (RuntimeException e) {
            throw readFailure(file, d, e);
        }
        if (d.isScalar()) {
            if (data instanceof Number v) return new float[]{v.floatValue()};
            throw TridentException.file(file, "dataset " + d.getPath() + " is not numeric");
        }
        flatten(file, data, out, new int[]{0});
        return out;
    }

    private static void flatten(Path file, Object a, float[] dst, int[] pos) {
        if (a instanceof float[] f) { System.arraycopy(f, 0, dst, pos[0], f.length); pos[0] += f.length; }
        else if (a instanceof double[] v) { for (double x : v) dst[pos[0]++] = (float) x; }
        else if (a instanceof int[] v) { for (int x : v) dst[pos[0]++] = x; }
        else if (a instanceof short[] v) { for (short x : v) dst[pos[0]++] = x; }
        else if (a instanceof byte[] v) { for (byte x : v) dst[pos[0]++] = x; }
        else if (a instanceof long[] v) { for (long x : v) dst[pos[0]++] = x; }
        else if (a instanceof Object[] o) { for (Object x : o) flatten(file, x, dst, pos); }
        else throw TridentException.file(file, "holds data of type " + (a == null ? "null" : a.getClass().getSimpleName()) + ", which is not numeric");
    }

    /** A text dataset (or uint8 array of JSON, as Velox writes) decoded as UTF-8. */
    static String textData(Path file, Dataset d, int column) {
        Object data;
        try {
            data = d.getData();
        } catch (RuntimeException e) {
            throw TridentException.file(file, "cannot read " + d.getPath() + ": " + e.getMessage(), e);
        }
        if (data instanceof String s) return s;
        if (data instanceof String[] s && s.length > 0) {
            if (column >= s.length) throw TridentException.file(file, d.getPath() + " holds " + s.length + " texts, none for frame " + column);
            return s[column];
        }
        int[] dims = d.getDimensions();
        int cols = dims.length == 2 ? dims[1] : 1;
        if (column >= cols) throw TridentException.file(file, d.getPath() + " has " + cols + " column(s), none for frame " + column);
        float[] v = all(file, d);
        int rows = dims.length >= 1 ? dims[0] : v.length;
        byte[] b = new byte[rows];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int x = (int) v[r * cols + Math.min(column, cols - 1)] & 0xff;
            if (x == 0) break;
            b[n++] = (byte) x;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
