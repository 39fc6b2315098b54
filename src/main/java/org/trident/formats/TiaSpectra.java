package org.trident.formats;

import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The spectra of a TIA series laid out on its scan, read a row at a time: each pixel's spectrum is
 * its own element at its own offset (checked against the file size when the header was read), so
 * a row costs one positional read per pixel and nothing is loaded up front.
 */
final class TiaSpectra implements SpectrumStack {
    private final TiaSer ser;
    private final int width, height;

    /** Pixel (x, y) is element {@code y * width + x}: TIA scans x fastest. */
    TiaSpectra(TiaSer ser, int width, int height) {
        if ((long) width * height > ser.valid) throw new IllegalArgumentException("scan larger than the series");
        this.ser = ser;
        this.width = width;
        this.height = height;
    }

    @Override public int tilts() { return 1; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }
    @Override public int channels() { return ser.length; }
    @Override public String sourceType() { return ser.type.label; }

    @Override
    public boolean holdsCounts() {
        return ser.type == org.trident.io.DataType.UINT8 || ser.type == org.trident.io.DataType.UINT16;
    }

    @Override
    public void readRow(int t, int y, float[] dst) {
        if (t != 0 || y < 0 || y >= height) throw new IndexOutOfBoundsException("tilt " + t + ", row " + y);
        int n = ser.length;
        ByteBuffer b = ByteBuffer.allocate(TiaSer.SPECTRUM_HEADER + n * ser.type.bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(ser.file, StandardOpenOption.READ)) {
            for (int x = 0; x < width; x++) {
                long at = ser.dataOffsets[y * width + x];
                b.clear();
                while (b.hasRemaining()) {
                    if (ch.read(b, at + b.position()) < 0) throw TridentException.file(ser.file, "truncated: spectrum " + (y * width + x) + " runs past the end of the file");
                }
                b.flip();
                b.position(20);
                b.getShort(); // element type; the length check below catches a changed layout
                long len = b.getInt() & 0xffffffffL;
                if (len != n) throw TridentException.file(ser.file, "corrupt: spectrum " + (y * width + x) + " has " + len + " channels, the first has " + n);
                ser.type.read(b, dst, x * n, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(TridentException.file(ser.file, "cannot read spectra: " + e.getMessage()).getMessage(), e);
        }
    }
}
