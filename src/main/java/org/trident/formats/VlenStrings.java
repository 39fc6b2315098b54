package org.trident.formats;

import io.jhdf.GlobalHeap;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.storage.HdfBackingStorage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small chunked 1-D dataset of variable-length strings stored deflate + shuffle compressed (how
 * h5py stores HyperSpy's metadata lists). jhdf 0.13.0's shuffle filter fails on such chunks (it
 * expects an element size the file does not give), so they are inflated here; each 16-byte element is (length uint32, global heap
 * collection address uint64, object index uint32), as the HDF5 file format specification gives.
 */
final class VlenStrings {
    private VlenStrings() {}

    private static final int ELEMENT = 16;

    /** The strings, or null when the dataset is not of this form. */
    static String[] read(Dataset d) {
        if (!(d instanceof ChunkedDataset c) || d.getDimensions().length != 1) return null;
        int n = d.getDimensions()[0], chunk = c.getChunkDimensions()[0];
        if (n < 0 || n > 4096 || chunk <= 0) return null;
        HdfBackingStorage hs = d.getHdfFile().getHdfBackingStorage();
        String[] out = new String[n];
        try {
            for (int start = 0; start < n; start += chunk) {
                ByteBuffer raw = c.getRawChunkBuffer(new int[]{start});
                byte[] packed = new byte[raw.remaining()];
                raw.get(packed);
                byte[] b = inflate(packed);
                // the shuffle filter h5py adds has no element size for this type and leaves the
                // bytes as they were; un-shuffle only when the plain reading makes no sense
                if (!plausible(b)) b = unshuffle(b, ELEMENT);
                ByteBuffer e = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = start; i < Math.min(n, start + chunk) && (i - start + 1) * ELEMENT <= b.length; i++) {
                    int len = e.getInt((i - start) * ELEMENT);
                    long addr = e.getLong((i - start) * ELEMENT + 4);
                    int index = e.getInt((i - start) * ELEMENT + 12);
                    if (len < 0 || len > 4096) return null;
                    ByteBuffer s = new GlobalHeap(hs, addr).getObjectData(index);
                    byte[] sb = new byte[Math.min(len, s.remaining())];
                    s.get(sb);
                    out[i] = new String(sb, StandardCharsets.UTF_8);
                }
            }
        } catch (RuntimeException | DataFormatException ex) {
            return null;
        }
        return out;
    }

    private static boolean plausible(byte[] b) {
        ByteBuffer e = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p + ELEMENT <= b.length; p += ELEMENT) {
            int len = e.getInt(p);
            if (len < 0 || len > 4096 || e.getLong(p + 4) < 0) return false;
        }
        return true;
    }

    private static byte[] inflate(byte[] in) throws DataFormatException {
        Inflater inf = new Inflater();
        inf.setInput(in);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inf.finished()) {
            int k = inf.inflate(buf);
            if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
            o.write(buf, 0, k);
            if (o.size() > 1 << 20) throw new DataFormatException("too large");
        }
        inf.end();
        return o.toByteArray();
    }

    /** Inverse of HDF5's byte shuffle: byte j of every element was stored together. */
    static byte[] unshuffle(byte[] in, int size) {
        int count = in.length / size;
        byte[] out = in.clone();
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < count; i++) out[i * size + j] = in[j * count + i];
        }
        return out;
    }
}
