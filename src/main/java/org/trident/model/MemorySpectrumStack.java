package org.trident.model;

/** A spectrum stack held in memory, one array per tilt ({@code [y][x][energy]}). */
public final class MemorySpectrumStack implements SpectrumStack {
    private final int width;
    private final int height;
    private final int channels;
    private final float[][] data;

    public MemorySpectrumStack(int width, int height, int channels, float[][] data) {
        long per = (long) width * height * channels;
        if (per > Integer.MAX_VALUE - 8) throw new TridentException("a tilt of " + per + " spectrum values does not fit in memory arrays");
        for (int t = 0; t < data.length; t++) {
            if (data[t].length != per) throw new TridentException("spectrum tilt " + t + " holds " + data[t].length + " values, expected " + per);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    public static MemorySpectrumStack zeros(int tilts, int width, int height, int channels) {
        return new MemorySpectrumStack(width, height, channels, new float[tilts][width * height * channels]);
    }

    @Override public int tilts() { return data.length; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }
    @Override public int channels() { return channels; }
    @Override public String sourceType() { return "float32"; }

    /** Tilt {@code t} as {@code [y][x][energy]}; live, not a copy. */
    public float[] tilt(int t) { return data[t]; }

    @Override
    public void readRow(int t, int y, float[] dst) {
        int len = width * channels;
        System.arraycopy(data[t], y * len, dst, 0, len);
    }

    @Override
    public float[] readTilt(int t) {
        return data[t].clone();
    }
}
