package org.trident.sei.sim;

import org.trident.io.AtomicFiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a version-5 Igor binary wave as Asylum Research saves SPM images (TN003 layout):
 * {@code (x, y, channels)} float32 in Igor's column-major order, channel names as dim-2 labels,
 * the pixel size as wave scaling in metres, data unit as given, a short note.
 */
final class IbwWriter {
    private IbwWriter() {}

    /** {@code layers[c][y * nx + x]}. */
    static void write(Path file, int nx, int ny, float[][] layers, List<String> names, double pixelM, String unit, String note) {
        int nc = layers.length, npnts = nx * ny * nc;
        byte[] noteB = note.getBytes(StandardCharsets.ISO_8859_1);
        int labelBytes = 32 * (nc + 1);
        ByteBuffer b = ByteBuffer.allocate(384 + 4 * npnts + noteB.length + labelBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 5);
        b.putInt(4, 320 + 4 * npnts);
        b.putInt(12, noteB.length);
        b.putInt(36 + 8, labelBytes);
        int w = 64;
        b.putInt(w + 12, npnts);
        b.putShort(w + 16, (short) 2);
        b.putShort(w + 26, (short) 1);
        byte[] name = "SEI0000".getBytes(StandardCharsets.ISO_8859_1);
        b.put(w + 28, name, 0, name.length);
        b.putInt(w + 68, nx).putInt(w + 72, ny).putInt(w + 76, nc);
        b.putDouble(w + 84, pixelM).putDouble(w + 92, pixelM).putDouble(w + 100, 1).putDouble(w + 108, 1);
        byte[] u = unit.getBytes(StandardCharsets.ISO_8859_1);
        b.put(w + 148, u, 0, Math.min(3, u.length));
        b.put(w + 152, (byte) 'm');
        b.put(w + 156, (byte) 'm');
        int sum = 0;
        for (int i = 0; i < 384; i += 2) sum += b.getShort(i);
        b.putShort(2, (short) -sum);
        int at = 384;
        for (int c = 0; c < nc; c++) for (int i = 0; i < nx * ny; i++) b.putFloat(at + 4 * (c * nx * ny + i), layers[c][i]);
        at += 4 * npnts;
        b.put(at, noteB);
        at += noteB.length;
        for (int c = 0; c < nc; c++) {
            byte[] l = names.get(c).getBytes(StandardCharsets.ISO_8859_1);
            b.put(at + 32 * (c + 1), l, 0, Math.min(31, l.length));
        }
        AtomicFiles.write(file, b.array());
    }
}
