package org.trident.formats;

import org.trident.io.DataType;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One spectrum image (a single tilt) stored raw in a file with any element strides, read a row at
 * a time: energy-fastest layouts in one read, energy-slowest layouts (DM keeps spectrum images as
 * planes of one energy) with one read per energy channel. Nothing is loaded up front, so files of
 * any size work.
 */
final class StridedSpectrumStack implements SpectrumStack {
    private final Path file;
    private final long offset;
    private final DataType type;
    private final ByteOrder order;
    private final int height, width, channels;
    private final long strideY, strideX, strideE;

    StridedSpectrumStack(Path file, long offset, DataType type, ByteOrder order, int height, int width, int channels,
                         long strideY, long strideX, long strideE) {
        this.file = file;
        this.offset = offset;
        this.type = type;
        this.order = order;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.strideY = strideY;
        this.strideX = strideX;
        this.strideE = strideE;
    }

    @Override public int tilts() { return 1; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }
    @Override public int channels() { return channels; }
    @Override public String sourceType() { return type.label; }

    @Override
    public void readRow(int t, int y, float[] dst) {
        if (t != 0 || y < 0 || y >= height) throw new IndexOutOfBoundsException("tilt " + t + ", row " + y);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long rowStart = offset + (long) y * strideY * type.bytes;
            if (strideE == 1 && strideX == channels) {
                ByteBuffer b = read(ch, rowStart, width * channels);
                type.read(b, dst, 0, width * channels);
            } else if (strideX == 1) {
                float[] tmp = new float[width];
                for (int e = 0; e < channels; e++) {
                    ByteBuffer b = read(ch, rowStart + e * strideE * type.bytes, width);
                    type.read(b, tmp, 0, width);
                    for (int x = 0; x < width; x++) dst[x * channels + e] = tmp[x];
                }
            } else {
                for (int x = 0; x < width; x++) {
                    for (int e = 0; e < channels; e++) {
                        ByteBuffer b = read(ch, rowStart + (x * strideX + e * strideE) * type.bytes, 1);
                        dst[x * channels + e] = type.read(b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(TridentException.file(file, "cannot read spectra: " + e.getMessage()).getMessage(), e);
        }
    }

    private ByteBuffer read(FileChannel ch, long pos, int elements) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(elements * type.bytes).order(order);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) throw TridentException.file(file, "truncated: unexpected end of file at byte " + (pos + b.position()));
        }
        b.flip();
        return b;
    }
}
