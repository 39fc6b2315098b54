package org.trident.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.trident.model.ImageStack;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.nio.file.Path;

/**
 * An HDF5 dataset whose axes are stored in any order (HyperSpy's NCEM EMD writer stores
 * {@code data.T}, e.g. {@code [energy][x][y]}), read as Trident's {@code [tilt][y][x]} images or
 * {@code [tilt][y][x][energy]} spectra. Axis arguments are indices into the stored shape; -1 for
 * an axis that is absent. Reads go through jhdf slices, a block of rows at a time for spectra.
 */
final class PermutedHdf5 {
    private PermutedHdf5() {}

    /** Reads every tilt as a {@code [y][x]} plane. */
    static ImageStack images(Path file, Dataset d, int tAxis, int yAxis, int xAxis) {
        int[] s = d.getDimensions();
        int tilts = tAxis < 0 ? 1 : s[tAxis], h = s[yAxis], w = s[xAxis];
        if (h <= 0 || w <= 0 || tilts <= 0) throw TridentException.file(file, "dataset " + d.getPath() + " is empty");
        Datasets.checkMemory(file, 4L * tilts * h * w);
        float[][] out = new float[tilts][h * w];
        float[] block = new float[h * w];
        for (int t = 0; t < tilts; t++) {
            long[] off = new long[s.length];
            int[] shape = s.clone();
            if (tAxis >= 0) { off[tAxis] = t; shape[tAxis] = 1; }
            Hdf5.slice(file, d, off, shape, block, 0);
            long[] st = strides(shape);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[t][y * w + x] = block[(int) (y * st[yAxis] + x * st[xAxis])];
            }
        }
        ImageStack stack = new ImageStack(w, h, out, Hdf5.typeName(d));
        int[] bad = stack.firstNonFinite();
        if (bad != null) throw TridentException.file(file, "dataset " + d.getPath() + ", tilt " + bad[0] + " has a non-finite value (NaN or Inf) at x=" + bad[1] + ", y=" + bad[2]);
        return stack;
    }

    /** C-order strides (in elements) of an array of {@code shape}. */
    static long[] strides(int[] shape) {
        long[] st = new long[shape.length];
        long n = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            st[k] = n;
            n *= shape[k];
        }
        return st;
    }

    /** Spectra streamed a block of rows at a time; the file stays open while the stack is used. */
    static final class Spectra implements SpectrumStack {
        private final Path file;
        private final String path;
        private final int[] dims;
        private final int tAxis, yAxis, xAxis, eAxis;
        private final int tilts, height, width, channels;
        private final String type;
        private HdfFile hdf;
        private Dataset ds;
        private float[] block;
        private int blockTilt = -1, blockY0 = -1, blockRows;
        private long[] blockStrides;

        Spectra(Path file, Dataset d, int tAxis, int yAxis, int xAxis, int eAxis) {
            this.file = file;
            this.path = d.getPath();
            this.dims = d.getDimensions();
            this.tAxis = tAxis;
            this.yAxis = yAxis;
            this.xAxis = xAxis;
            this.eAxis = eAxis;
            this.tilts = tAxis < 0 ? 1 : dims[tAxis];
            this.height = yAxis < 0 ? 1 : dims[yAxis];
            this.width = xAxis < 0 ? 1 : dims[xAxis];
            this.channels = dims[eAxis];
            this.type = Hdf5.typeName(d);
            if ((long) width * channels > Integer.MAX_VALUE / 8) throw TridentException.file(file, "one row of this spectrum image is too large");
        }

        @Override public int tilts() { return tilts; }
        @Override public int height() { return height; }
        @Override public int width() { return width; }
        @Override public int channels() { return channels; }
        @Override public String sourceType() { return type; }

        @Override
        public synchronized void readRow(int t, int y, float[] dst) {
            if (t < 0 || t >= tilts || y < 0 || y >= height) throw new IndexOutOfBoundsException("tilt " + t + ", row " + y);
            Watchdog.call(file, 30_000, () -> {
                read(t, y, dst);
                return null;
            });
        }

        private void read(int t, int y, float[] dst) {
            if (hdf == null) {
                hdf = Hdf5.open(file);
                try {
                    ds = hdf.getDatasetByPath(path);
                } catch (RuntimeException e) {
                    throw Hdf5.cannotRead(file, e);
                }
            }
            int rowLen = width * channels;
            if (t != blockTilt || y < blockY0 || y >= blockY0 + blockRows) {
                int rows = yAxis < 0 ? 1 : (int) Math.max(1, Math.min(height, (16L << 20) / Math.max(1, rowLen)));
                int y0 = y / rows * rows;
                rows = Math.min(rows, height - y0);
                long[] off = new long[dims.length];
                int[] shape = dims.clone();
                if (tAxis >= 0) { off[tAxis] = t; shape[tAxis] = 1; }
                if (yAxis >= 0) { off[yAxis] = y0; shape[yAxis] = rows; }
                float[] b = block != null && block.length == rows * rowLen ? block : new float[rows * rowLen];
                blockTilt = -1;
                Hdf5.slice(file, ds, off, shape, b, 0);
                block = b;
                blockStrides = strides(shape);
                blockTilt = t;
                blockY0 = y0;
                blockRows = rows;
            }
            long sy = yAxis < 0 ? 0 : blockStrides[yAxis], sx = xAxis < 0 ? 0 : blockStrides[xAxis], se = blockStrides[eAxis];
            long base = (y - blockY0) * sy;
            for (int x = 0; x < width; x++) {
                long p = base + x * sx;
                for (int e = 0; e < channels; e++) dst[x * channels + e] = block[(int) (p + e * se)];
            }
        }
    }
}
