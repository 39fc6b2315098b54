package org.trident.io;

import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A spectrum stack in an NPY file, read by positional reads one row at a time, so that files of
 * any size (2 GiB and more) work and several threads may read at once. The file is opened per
 * read, so no handle is left open between uses.
 */
final class NpySpectrumStack implements SpectrumStack {
    private final Path file;
    private final NpyHeader header;
    private final int tilts, height, width, channels;
    private final ThreadLocal<ByteBuffer> buffers;

    NpySpectrumStack(Path file, NpyHeader h) {
        this.file = file;
        this.header = h;
        long[] s = h.shape();
        this.tilts = (int) s[0];
        this.height = (int) s[1];
        this.width = (int) s[2];
        this.channels = (int) s[3];
        int rowBytes = width * channels * h.type().bytes;
        this.buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(rowBytes).order(h.order()));
    }

    @Override public int tilts() { return tilts; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }
    @Override public int channels() { return channels; }
    @Override public String sourceType() { return header.type().label; }

    Path file() { return file; }

    @Override
    public void readRow(int t, int y, float[] dst) {
        if (t < 0 || t >= tilts || y < 0 || y >= height) throw new IndexOutOfBoundsException("tilt " + t + ", row " + y);
        ByteBuffer buf = buffers.get();
        buf.clear();
        long pos = header.dataOffset() + ((long) t * height + y) * buf.capacity();
        try (FileChannel ch = FileChannel.open(file)) {
            Npy.readFully(ch, buf, pos, file);
        } catch (IOException e) {
            throw new UncheckedIOException(TridentException.file(file, "cannot read spectra: " + e.getMessage()).getMessage(), e);
        }
        buf.flip();
        header.type().read(buf, dst, 0, width * channels);
    }
}
