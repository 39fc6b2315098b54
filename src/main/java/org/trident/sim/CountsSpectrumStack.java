package org.trident.sim;

import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

/**
 * A spectrum stack of Poisson counts held as uint16 ({@code char}), one array per tilt
 * ({@code [y][x][energy]}): half the memory of float32, and written as uint16 NPY.
 */
final class CountsSpectrumStack implements SpectrumStack {
    private final int width, height, channels;
    private final char[][] data;

    CountsSpectrumStack(int width, int height, int channels, char[][] data) {
        for (char[] d : data) {
            if (d.length != width * height * channels) throw new TridentException("count tilt holds " + d.length + " values, expected " + width * height * channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** The counts of {@code values} when every one is a whole number in [0, 65535], else null. */
    static char[] toCounts(float[] values) {
        char[] c = new char[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!(v >= 0 && v <= 65535) || v != Math.rint(v)) return null;
            c[i] = (char) v;
        }
        return c;
    }

    @Override public int tilts() { return data.length; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }
    @Override public int channels() { return channels; }
    @Override public String sourceType() { return "uint16"; }
    @Override public boolean holdsCounts() { return true; }

    @Override
    public void readRow(int t, int y, float[] dst) {
        int len = width * channels, off = y * len;
        char[] d = data[t];
        for (int i = 0; i < len; i++) dst[i] = d[off + i];
    }
}
