package org.trident.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.trident.model.SpectrumStack;

import java.nio.file.Path;

/**
 * Spectra in an HDF5 dataset laid out {@code [tilt][y][x][energy]} (leading axes may be absent),
 * read one row at a time through jhdf slices; nothing is loaded up front. The file stays open
 * while the stack is in use; reads are serialised because jhdf slices share one channel.
 */
final class Hdf5SpectrumStack implements SpectrumStack {
    private final Path file;
    private final String path;
    private final int tilts, height, width, channels;
    private final int rank;
    private final String type;
    private HdfFile hdf;
    private Dataset ds;

    Hdf5SpectrumStack(Path file, String datasetPath, int rank, int tilts, int height, int width, int channels, String type) {
        this.file = file;
        this.path = datasetPath;
        this.rank = rank;
        this.tilts = tilts;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.type = type;
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

    /** Rows are read in blocks (chunked, compressed datasets decompress whole chunks), the last block kept. */
    private float[] block;
    private int blockTilt = -1, blockY0 = -1, blockRows;

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
            int rows = (int) Math.max(1, Math.min(height, (16L << 20) / Math.max(1, rowLen)));
            int y0 = rank >= 3 ? y / rows * rows : 0;
            rows = rank >= 3 ? Math.min(rows, height - y0) : 1;
            long[] off = new long[rank];
            int[] shape = new int[rank];
            // the last axes are always [x][energy]; y and tilt exist only when the rank says so
            shape[rank - 1] = channels;
            if (rank >= 2) shape[rank - 2] = width;
            if (rank >= 3) { off[rank - 3] = y0; shape[rank - 3] = rows; }
            if (rank >= 4) { off[rank - 4] = t; shape[rank - 4] = 1; }
            float[] b = block != null && block.length == rows * rowLen ? block : new float[rows * rowLen];
            blockTilt = -1;
            Hdf5.slice(file, ds, off, shape, b, 0);
            block = b;
            blockTilt = t;
            blockY0 = y0;
            blockRows = rows;
        }
        System.arraycopy(block, (y - blockY0) * rowLen, dst, 0, rowLen);
    }
}
