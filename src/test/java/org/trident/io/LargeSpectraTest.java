package org.trident.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.model.SpectrumStack;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Spectrum arrays of 2 GiB and more must open and read correctly (the contract says never assume
 * they fit in one Java array). The file is sparse: only the header and two marked rows hold data,
 * so the test costs a few kilobytes of disk on file systems that support holes.
 */
class LargeSpectraTest {
    @TempDir
    Path dir;

    @Test
    void readsRowsBeyondTwoGibibytes() throws Exception {
        int tilts = 9, h = 256, w = 256, ch = 2048; // 9 x 256 MiB of uint16: 2.25 GiB, 1.2 Gi values
        byte[] header = Npy.headerBytes("<u2", tilts, h, w, ch);
        long rowBytes = (long) w * ch * 2;
        long total = header.length + rowBytes * tilts * h;
        assumeTrue(total > (2L << 30) + 1, "the test file must exceed 2 GiB");
        Path f = dir.resolve("eels.npy");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(total);
            // mark the last row of the last tilt and one row that straddles the 2 GiB boundary
            long lastRow = header.length + rowBytes * ((long) tilts * h - 1);
            raf.seek(lastRow + 2L * (ch * (w - 1) + (ch - 1)));
            raf.write(le16(60000));
            int y2g = (int) (((2L << 30) - header.length) / rowBytes) % h;
            int t2g = (int) (((2L << 30) - header.length) / rowBytes) / h;
            raf.seek(header.length + rowBytes * ((long) t2g * h + y2g) + 2L * 7);
            raf.write(le16(1234));
            raf.close();
            assumeTrue(Files.size(f) == total);

            SpectrumStack s = Npy.openSpectra(f);
            assertEquals(tilts, s.tilts());
            assertEquals(ch, s.channels());
            assertEquals((long) tilts * h * w * ch, s.size());
            float[] row = new float[w * ch];
            s.readRow(tilts - 1, h - 1, row);
            assertEquals(60000f, row[ch * (w - 1) + ch - 1]);
            assertEquals(0f, row[0]);
            s.readRow(t2g, y2g, row);
            assertEquals(1234f, row[7]);
            assertEquals(60000f, s.pixel(tilts - 1, w - 1, h - 1)[ch - 1]);
        }
    }

    @Test
    void infoDescribesABundleWithAHugeSpectrumChannel() throws Exception {
        int tilts = 9, h = 256, w = 256, ch = 2048;
        Path f = dir.resolve("eels.npy");
        byte[] header = Npy.headerBytes("<u2", tilts, h, w, ch);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + (long) tilts * h * w * ch * 2);
        }
        Npy.writeImages(dir.resolve("haadf.npy"), org.trident.model.ImageStack.zeros(tilts, w, h));
        Files.writeString(dir.resolve("tiltseries.json"), """
                {"format": "trident.tiltseries/1", "name": "big", "pixelSizeNm": 1.0,
                 "tiltAnglesDeg": [-40, -30, -20, -10, 0, 10, 20, 30, 40],
                 "channels": [{"name": "HAADF", "kind": "image", "file": "haadf.npy"},
                              {"name": "EELS", "kind": "spectrum", "file": "eels.npy",
                               "energyAxis": {"offset": 400, "scale": 0.25, "unit": "eV"}}]}
                """);
        var out = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        int rc;
        try {
            rc = TridentCommand.run("info", dir.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc);
        String text = out.toString();
        assertEquals(true, text.contains("[9 x 256 x 256 x 2048] uint16"), text);
    }

    private static byte[] le16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }
}
