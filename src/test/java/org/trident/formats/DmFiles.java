package org.trident.formats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small DM3/DM4 files for tests, following the same public format description the reader
 * uses (big-endian structure, little-endian data, DM4 with 64-bit lengths and tag sizes). Used to
 * test what no real file in the developer set covers: DM4, spectrum images, corrupt variants.
 */
final class DmFiles {
    sealed interface Node permits Group, Scalar, Arr {}
    record Group(List<String> labels, List<Node> nodes) implements Node {
        Group() { this(new ArrayList<>(), new ArrayList<>()); }
        Group add(String label, Node n) { labels.add(label); nodes.add(n); return this; }
    }
    record Scalar(int type, double value) implements Node {}
    record Arr(int type, int count, byte[] data) implements Node {}

    static Scalar f32(double v) { return new Scalar(6, v); }
    static Scalar f64(double v) { return new Scalar(7, v); }
    static Scalar i32(long v) { return new Scalar(3, v); }

    static Arr text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        return new Arr(4, s.length(), b);
    }

    static Arr floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return new Arr(6, v.length, b.array());
    }

    static Arr ushorts(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putShort((short) x);
        return new Arr(4, v.length, b.array());
    }

    private final boolean dm4;
    DmFiles(boolean dm4) { this.dm4 = dm4; }

    /** A calibrated axis group: Origin, Scale, Units. */
    static Group axis(double origin, double scale, String units) {
        return new Group().add("Origin", f32(origin)).add("Scale", f32(scale)).add("Units", text(units));
    }

    /**
     * A file with a thumbnail and one main image of {@code dims} (x first) holding {@code data}
     * (float32), its axes, an optional stage alpha and an optional Meta Data.Format.
     */
    static byte[] image(boolean dm4, long[] dims, float[] data, Group[] axes, Double alpha, String format) {
        Group thumbDims = new Group().add("", i32(2)).add("", i32(2));
        Group thumb = new Group().add("ImageData", new Group()
                .add("Data", new Arr(5, 4, new byte[16])).add("DataType", i32(23)).add("Dimensions", thumbDims));
        Group dimsG = new Group();
        for (long d : dims) dimsG.add("", i32(d));
        Group cal = new Group();
        for (Group a : axes) cal.add("", a);
        Group tags = new Group();
        Group mi = new Group().add("Voltage", f64(200000));
        if (alpha != null) mi.add("Stage Position", new Group().add("Stage Alpha", f64(alpha)));
        tags.add("Microscope Info", mi);
        if (format != null) tags.add("Meta Data", new Group().add("Format", text(format)));
        Group main = new Group()
                .add("ImageData", new Group().add("Calibrations", new Group().add("Dimension", cal))
                        .add("Data", floats(data)).add("DataType", i32(2)).add("Dimensions", dimsG))
                .add("ImageTags", tags)
                .add("Name", text("HAADF test"));
        Group root = new Group().add("ImageList", new Group().add("", thumb).add("", main));
        return new DmFiles(dm4).file(root);
    }

    byte[] file(Group root) {
        byte[] body = group(root);
        ByteBuffer h = ByteBuffer.allocate(dm4 ? 16 : 12).order(ByteOrder.BIG_ENDIAN);
        h.putInt(dm4 ? 4 : 3);
        if (dm4) h.putLong(body.length); else h.putInt(body.length);
        h.putInt(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(body);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    private void len(ByteArrayOutputStream o, long v) {
        ByteBuffer b = ByteBuffer.allocate(dm4 ? 8 : 4).order(ByteOrder.BIG_ENDIAN);
        if (dm4) b.putLong(v); else b.putInt((int) v);
        o.writeBytes(b.array());
    }

    private byte[] group(Group g) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0);
        o.write(1);
        len(o, g.nodes().size());
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            byte[] content = n instanceof Group sub ? group(sub) : data(n);
            o.write(n instanceof Group ? 20 : 21);
            byte[] label = g.labels().get(i).getBytes(StandardCharsets.ISO_8859_1);
            o.write(label.length >> 8);
            o.write(label.length & 0xff);
            o.writeBytes(label);
            if (dm4) len(o, content.length);
            o.writeBytes(content);
        }
        return o.toByteArray();
    }

    private byte[] data(Node n) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("%%%%".getBytes(StandardCharsets.ISO_8859_1));
        if (n instanceof Scalar s) {
            len(o, 1);
            len(o, s.type());
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            switch (s.type()) {
                case 3 -> b.putInt((int) s.value());
                case 6 -> b.putFloat((float) s.value());
                case 7 -> b.putDouble(s.value());
                default -> throw new IllegalArgumentException();
            }
            o.write(b.array(), 0, b.position());
        } else if (n instanceof Arr a) {
            len(o, 3);
            len(o, 20);
            len(o, a.type());
            len(o, a.count());
            o.writeBytes(a.data());
        }
        return o.toByteArray();
    }
}
