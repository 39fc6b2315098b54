package org.trident.model;

/**
 * A stack of 2-D images {@code [tilt][y][x]}, float32, each tilt one row-major array
 * ({@code x} fastest). Row 0 is the first row of the file (never flipped).
 */
public final class ImageStack {
    private final int width;
    private final int height;
    private final float[][] data;
    private final String sourceType;

    /** Wraps (does not copy) {@code data}; each array must hold {@code width * height} values. */
    public ImageStack(int width, int height, float[][] data, String sourceType) {
        if (width <= 0 || height <= 0) throw new TridentException("image size must be positive, got " + width + "x" + height);
        for (int t = 0; t < data.length; t++) {
            if (data[t] == null || data[t].length != (long) width * height) {
                throw new TridentException("image " + t + " holds " + (data[t] == null ? 0 : data[t].length)
                        + " values, expected " + width + "x" + height);
            }
        }
        this.width = width;
        this.height = height;
        this.data = data;
        this.sourceType = sourceType == null ? "float32" : sourceType;
    }

    public ImageStack(int width, int height, float[][] data) {
        this(width, height, data, "float32");
    }

    public static ImageStack zeros(int tilts, int width, int height) {
        float[][] d = new float[tilts][width * height];
        return new ImageStack(width, height, d, "float32");
    }

    public int width() { return width; }
    public int height() { return height; }
    public int tilts() { return data.length; }
    /** The data type the values were read from (e.g. uint16); they are held as float32. */
    public String sourceType() { return sourceType; }

    /** The image of tilt {@code t}, row-major; live, not a copy. */
    public float[] tilt(int t) { return data[t]; }

    public float[][] data() { return data; }

    public float get(int t, int x, int y) { return data[t][y * width + x]; }

    public ImageStack copy() {
        float[][] d = new float[data.length][];
        for (int t = 0; t < d.length; t++) d[t] = data[t].clone();
        return new ImageStack(width, height, d, sourceType);
    }

    /** Index of the first non-finite value as {tilt, x, y}, or null when all are finite. */
    public int[] firstNonFinite() {
        for (int t = 0; t < data.length; t++) {
            float[] a = data[t];
            for (int i = 0; i < a.length; i++) {
                if (!Float.isFinite(a[i])) return new int[]{t, i % width, i / width};
            }
        }
        return null;
    }
}
