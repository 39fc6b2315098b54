package org.trident.io;

import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** NumPy {@code .npy} arrays: image stacks read whole, spectrum stacks streamed row by row. */
public final class Npy {
    private Npy() {}

    public static NpyHeader header(Path file) {
        try (FileChannel ch = open(file)) {
            return NpyHeader.read(file, ch);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw TridentException.file(file, "file not found");
        }
    }

    /** Reads a 3-D {@code [tilt][y][x]} array (a 2-D array is one tilt). */
    public static ImageStack readImages(Path file) {
        try (FileChannel ch = open(file)) {
            NpyHeader h = NpyHeader.read(file, ch);
            long[] s = h.shape();
            long tilts, height, width;
            if (s.length == 3) {
                tilts = s[0]; height = s[1]; width = s[2];
            } else if (s.length == 2) {
                tilts = 1; height = s[0]; width = s[1];
            } else {
                throw TridentException.file(file, "an image stack must be 3-D [tilt][y][x], this array has shape " + h.shapeText());
            }
            if (width * height > Integer.MAX_VALUE - 8 || width == 0 || height == 0 || tilts == 0) {
                throw TridentException.file(file, "image shape " + h.shapeText() + " is empty or too large");
            }
            int n = (int) (width * height);
            if (tilts > Integer.MAX_VALUE - 8) throw TridentException.file(file, "image shape " + h.shapeText() + " has too many tilts");
            Memory.check(file, 4L * n * tilts);
            float[][] data = new float[(int) tilts][n];
            ByteBuffer buf = ByteBuffer.allocate(n * h.type().bytes).order(h.order());
            for (int t = 0; t < tilts; t++) {
                buf.clear();
                readFully(ch, buf, h.dataOffset() + (long) t * buf.capacity(), file);
                buf.flip();
                h.type().read(buf, data[t], 0, n);
            }
            return new ImageStack((int) width, (int) height, data, h.type().label);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a 1-D array (e.g. a reference spectrum). */
    public static float[] readVector(Path file) {
        try (FileChannel ch = open(file)) {
            NpyHeader h = NpyHeader.read(file, ch);
            if (h.shape().length != 1) throw TridentException.file(file, "expected a 1-D array, got shape " + h.shapeText());
            int n = (int) h.count();
            ByteBuffer buf = ByteBuffer.allocate(n * h.type().bytes).order(h.order());
            readFully(ch, buf, h.dataOffset(), file);
            buf.flip();
            float[] out = new float[n];
            h.type().read(buf, out, 0, n);
            return out;
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Opens a 4-D {@code [tilt][y][x][energy]} array without loading it. */
    public static SpectrumStack openSpectra(Path file) {
        NpyHeader h = header(file);
        if (h.shape().length != 4) throw TridentException.file(file, "a spectrum stack must be 4-D [tilt][y][x][energy], this array has shape " + h.shapeText());
        for (long d : h.shape()) if (d == 0) throw TridentException.file(file, "spectrum stack shape " + h.shapeText() + " is empty");
        if (h.shape()[2] * h.shape()[3] > Integer.MAX_VALUE / 8) throw TridentException.file(file, "one row of shape " + h.shapeText() + " is too large");
        return new NpySpectrumStack(file, h);
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) throw TridentException.file(file, "truncated: unexpected end of file at byte " + pos);
            pos += r;
        }
    }

    /** The header of a version-1 NPY file of {@code descr} (e.g. {@code <f4}) and {@code shape}, padded to 64 bytes. */
    public static byte[] headerBytes(String descr, long... shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        if (shape.length == 1) s.append(",");
        s.append(")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** Writes float32 little-endian data with the given shape to a stream. */
    static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.min(values.length, 1 << 16) * 4).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < values.length) {
            b.clear();
            int n = Math.min(values.length - i, b.capacity() / 4);
            b.asFloatBuffer().put(values, i, n);
            out.write(b.array(), 0, n * 4);
            i += n;
        }
    }

    /** Writes an image stack as float32 {@code [tilt][y][x]}, atomically. */
    public static void writeImages(Path file, ImageStack images) {
        AtomicFiles.write(file, out -> {
            out.write(headerBytes("<f4", images.tilts(), images.height(), images.width()));
            for (int t = 0; t < images.tilts(); t++) writeFloats(out, images.tilt(t));
        });
    }

    /** Writes a 1-D float32 array, atomically. */
    public static void writeVector(Path file, float[] values) {
        AtomicFiles.write(file, out -> {
            out.write(headerBytes("<f4", values.length));
            writeFloats(out, values);
        });
    }

    /**
     * Streams a spectrum stack to {@code [tilt][y][x][energy]}, row by row, atomically: as uint16
     * when the stack {@link SpectrumStack#holdsCounts() holds counts}, else as float32.
     */
    public static void writeSpectra(Path file, SpectrumStack s, Progress progress) {
        if (s.holdsCounts()) {
            writeCounts(file, s, progress);
            return;
        }
        AtomicFiles.write(file, out -> {
            out.write(headerBytes("<f4", s.tilts(), s.height(), s.width(), s.channels()));
            float[] row = new float[s.width() * s.channels()];
            for (int t = 0; t < s.tilts(); t++) {
                progress.checkCancelled();
                for (int y = 0; y < s.height(); y++) {
                    s.readRow(t, y, row);
                    writeFloats(out, row);
                }
                progress.advance(1);
            }
        });
    }

    private static void writeCounts(Path file, SpectrumStack s, Progress progress) {
        AtomicFiles.write(file, out -> {
            out.write(headerBytes("<u2", s.tilts(), s.height(), s.width(), s.channels()));
            float[] row = new float[s.width() * s.channels()];
            ByteBuffer b = ByteBuffer.allocate(row.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int t = 0; t < s.tilts(); t++) {
                progress.checkCancelled();
                for (int y = 0; y < s.height(); y++) {
                    s.readRow(t, y, row);
                    b.clear();
                    for (float v : row) {
                        if (!(v >= 0 && v <= 65535) || v != Math.rint(v)) throw TridentException.file(file, "value " + v + " is not a uint16 count");
                        b.putShort((short) (int) v);
                    }
                    out.write(b.array(), 0, b.position());
                }
                progress.advance(1);
            }
        });
    }

    /** Writes any-dimensional float data (C order) atomically; {@code shape} must multiply to the length. */
    public static void write(Path file, float[] values, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != values.length) throw new TridentException("shape does not match " + values.length + " values");
        AtomicFiles.write(file, out -> {
            out.write(headerBytes("<f4", shape));
            writeFloats(out, values);
        });
    }
}
