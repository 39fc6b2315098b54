package org.trident.model;

/**
 * A 4-D spectrum stack {@code [tilt][y][x][energy]}. It may be far larger than one Java array
 * (2 GiB and more), so access is per row of one tilt: {@code width * channels} values,
 * energy fastest. Implementations are in memory or file-backed (memory-mapped NPY).
 */
public interface SpectrumStack {
    int tilts();
    int height();
    int width();
    int channels();

    /** Fills {@code dst} (length at least {@code width * channels}) with row {@code y} of tilt {@code t}. */
    void readRow(int t, int y, float[] dst);

    /** The data type of the underlying file (e.g. uint16); values are delivered as float. */
    String sourceType();

    /**
     * True when every value is a whole number of counts in [0, 65535], so that writers may store
     * the stack as uint16 without loss (half the bytes of float32). False unless a stack knows it.
     */
    default boolean holdsCounts() {
        return false;
    }

    default long size() {
        return (long) tilts() * height() * width() * channels();
    }

    /** One pixel's spectrum (a convenience; reads the whole row). */
    default float[] pixel(int t, int x, int y) {
        float[] row = new float[width() * channels()];
        readRow(t, y, row);
        float[] s = new float[channels()];
        System.arraycopy(row, x * channels(), s, 0, channels());
        return s;
    }

    /** Whole tilt {@code [y][x][energy]} flattened; refuses tilts over 2^31 values. */
    default float[] readTilt(int t) {
        long n = (long) height() * width() * channels();
        if (n > Integer.MAX_VALUE - 8) throw new TridentException("one tilt of this spectrum stack holds " + n
                + " values, too many for one array; read it row by row");
        float[] all = new float[(int) n];
        float[] row = new float[width() * channels()];
        int rowLen = row.length;
        for (int y = 0; y < height(); y++) {
            readRow(t, y, row);
            System.arraycopy(row, 0, all, y * rowLen, rowLen);
        }
        return all;
    }
}
