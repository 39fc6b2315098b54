package org.trident.formats;

import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Decodes Bruker's packed spectrum image ({@code EDSDatabase/SpectrumData0}) into a temporary
 * float32 NPY file {@code [1][height][width][channels]} (deleted at exit), one scan row at a time,
 * so memory stays at one row. Layout (little-endian, as RosettaSciIO documents it): height and
 * width (int32) at byte 0, pixel data from byte 0x1A0; per row an int32 count of the pixels that
 * follow; per pixel a 22-byte header — x (uint32), channels (uint16), stored channels (uint16),
 * 4 unknown bytes, packing flag (uint16), 2 unknown bytes, pulse count (uint16), data size
 * (uint32) — and then:
 * <ul>
 * <li>flag 0: data size bytes of uint16 pulses, each one count in that channel;</li>
 * <li>flag 1: pulse count pulses of 12 bits, packed in byte-swapped 16-bit words;</li>
 * <li>flag &gt; 1: run instructions (a width byte w and a channel count n; w = 0: n empty
 * channels; otherwise a base of w bytes and n values of w/2 bytes, or of 4 bits when w = 1, each
 * added to the base), ending 4 bytes before data size; those 4 bytes give the size of extra
 * uint16 pulses that follow when the pulse count is not zero.</li>
 * </ul>
 * Counts in channels beyond the map's channel count are left out and counted in the note.
 */
final class BcfSpectra {
    private BcfSpectra() {}

    record Decoded(SpectrumStack stack, Path file, long total, long dropped) {}

    static Decoded decode(Path source, InputStream raw, int width, int height, int channels, Progress progress) {
        if ((long) width * channels > Integer.MAX_VALUE / 8) throw TridentException.file(source, "one scan row of this map is too large");
        Path tmp;
        try {
            tmp = Files.createTempFile("trident-bcf-", ".npy");
            tmp.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new TridentException("cannot create a temporary file for the decoded EDS map: " + e.getMessage(), e);
        }
        Le in = new Le(new BufferedInputStream(raw, 1 << 16), source);
        float[] row = new float[width * channels];
        long total = 0, dropped = 0;
        int max = 0;
        progress.start("decoding Bruker EDS map", height);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            byte[] header = Npy.headerBytes("<f4", 1, height, width, channels);
            ch.write(ByteBuffer.wrap(header));
            int h = in.i32(), w = in.i32();
            if (h != height || w != width) throw TridentException.file(source, "corrupt: the spectrum map is " + w + "x" + h + " but the header says " + width + "x" + height);
            in.skip(0x1A0 - 8);
            int[] pixel = new int[4096];
            for (int y = 0; y < height; y++) {
                progress.checkCancelled();
                Arrays.fill(row, 0f);
                long n = in.u32();
                if (n > width) throw TridentException.file(source, "corrupt: row " + y + " declares " + n + " pixels of " + width);
                for (int k = 0; k < n; k++) {
                    long x = in.u32();
                    int chan = in.u16(), stored = in.u16();
                    in.skip(4);
                    int flag = in.u16();
                    in.skip(2);
                    int pulses = in.u16();
                    long size = in.u32();
                    if (x >= width) throw TridentException.file(source, "corrupt: pixel x " + x + " in row " + y + " of a map " + width + " wide");
                    if (size > 1 << 26) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") declares " + size + " bytes");
                    if (pixel.length < Math.max(chan, 4096)) pixel = new int[chan];
                    Arrays.fill(pixel, 0, Math.max(chan, 4096), 0);
                    long lost;
                    if (flag == 0) {
                        lost = pulses16(in, size / 2, pixel, chan);
                        if (size % 2 == 1) in.skip(1);
                    } else if (flag == 1) {
                        lost = pulses12(in, source, size, pulses, pixel, chan);
                    } else {
                        lost = runs(in, source, size, stored, pixel, chan, x, y);
                        long extra = in.u32();
                        if (pulses > 0) {
                            if (extra < 2L * pulses) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") has " + pulses + " extra pulses in " + extra + " bytes");
                            lost += pulses16(in, pulses, pixel, chan);
                            in.skip(extra - 2L * pulses);
                        }
                    }
                    int base = (int) x * channels;
                    int m = Math.min(chan, channels);
                    for (int c = 0; c < m; c++) {
                        row[base + c] = pixel[c];
                        total += pixel[c];
                        max = Math.max(max, pixel[c]);
                    }
                    for (int c = m; c < chan; c++) lost += pixel[c];
                    dropped += lost;
                }
                ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(row);
                long pos = header.length + (long) y * row.length * 4L;
                while (b.hasRemaining()) ch.write(b, pos + b.position());
                progress.advance(1);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw TridentException.file(tmp, "cannot write the decoded EDS map: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp); // a refused (corrupt) map leaves no temporary file behind
            throw e;
        }
        SpectrumStack stack = Npy.openSpectra(tmp);
        return new Decoded(max <= 65535 ? new Counts(stack) : stack, tmp, total, dropped);
    }

    /** Whole counts up to 65535 (known from the decode), so writers may keep them as uint16. */
    private record Counts(SpectrumStack s) implements SpectrumStack {
        @Override public int tilts() { return s.tilts(); }
        @Override public int height() { return s.height(); }
        @Override public int width() { return s.width(); }
        @Override public int channels() { return s.channels(); }
        @Override public String sourceType() { return "uint16"; }
        @Override public boolean holdsCounts() { return true; }
        @Override public void readRow(int t, int y, float[] dst) { s.readRow(t, y, dst); }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // deleteOnExit still holds it
        }
    }

    /** {@code n} uint16 pulses, one count each; returns the pulses beyond {@code chan} channels. */
    private static long pulses16(Le in, long n, int[] pixel, int chan) throws IOException {
        long lost = 0;
        for (long i = 0; i < n; i++) {
            int v = in.u16();
            if (v < chan) pixel[v]++;
            else lost++;
        }
        return lost;
    }

    /**
     * 12-bit pulses: each 6 bytes b0..b5 hold four values (b1·16 + b0/16), ((b0 mod 16)·256 + b3),
     * (b2·16 + b5/16), ((b5 mod 16)·256 + b4) — the 16-bit words are stored byte-swapped.
     */
    private static long pulses12(Le in, Path source, long size, int pulses, int[] pixel, int chan) throws IOException {
        if (size < (pulses * 3L + 1) / 2) throw TridentException.file(source, "corrupt: 12-bit pulses need " + (pulses * 3L + 1) / 2 + " bytes, the pixel has " + size);
        byte[] d = in.bytes((int) size);
        long lost = 0;
        for (int i = 0; i < pulses; i++) {
            int g = (i / 4) * 6;
            int v = switch (i % 4) {
                case 0 -> (at(d, g + 1) << 4) | (at(d, g) >> 4);
                case 1 -> ((at(d, g) & 0xf) << 8) | at(d, g + 3);
                case 2 -> (at(d, g + 2) << 4) | (at(d, g + 5) >> 4);
                default -> ((at(d, g + 5) & 0xf) << 8) | at(d, g + 4);
            };
            if (v < chan) pixel[v]++;
            else lost++;
        }
        return lost;
    }

    private static int at(byte[] d, int i) {
        return i < d.length ? d[i] & 0xff : 0;
    }

    /** Run instructions filling channels from 0; returns counts beyond {@code chan}. */
    private static long runs(Le in, Path source, long size, int stored, int[] pixel, int chan, long x, int y) throws IOException {
        if (size < 4) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") has " + size + " bytes of run data");
        long end = in.position() + size - 4;
        int c = 0;
        long lost = 0;
        while (in.position() < end) {
            int w = in.u8(), n = in.u8();
            if (w == 0) {
                c += n;
                continue;
            }
            if (w != 1 && w != 2 && w != 4 && w != 8) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") has a run of width " + w);
            long gain = in.unsigned(w);
            byte[] nibbles = w == 1 ? in.bytes((n + 1) / 2) : null;
            for (int i = 0; i < n; i++, c++) {
                long v = gain + (w == 1 ? (i % 2 == 0 ? nibbles[i / 2] & 0xf : (nibbles[i / 2] & 0xff) >> 4) : in.unsigned(w / 2));
                if (c < chan) pixel[c] = (int) Math.min(v, Integer.MAX_VALUE);
                else lost += v;
            }
        }
        if (in.position() != end) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") run data overruns its " + size + " bytes");
        if (c > Math.max(stored, chan)) throw TridentException.file(source, "corrupt: pixel (" + x + ", " + y + ") fills " + c + " channels of " + stored);
        return lost;
    }

    /** Little-endian reads from a stream with a position; the end of the stream is a truncated file. */
    private static final class Le {
        private final InputStream s;
        private final Path source;
        private long pos;

        Le(InputStream s, Path source) {
            this.s = s;
            this.source = source;
        }

        long position() { return pos; }

        int u8() throws IOException {
            int b = s.read();
            if (b < 0) throw truncated();
            pos++;
            return b;
        }

        int u16() throws IOException { return u8() | (u8() << 8); }

        int i32() throws IOException { return (int) u32(); }

        long u32() throws IOException { return u16() | ((long) u16() << 16); }

        long unsigned(int bytes) throws IOException {
            long v = 0;
            for (int i = 0; i < bytes; i++) v |= (long) u8() << (8 * i);
            if (v < 0) throw TridentException.file(source, "corrupt: a count beyond 2^63");
            return v;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = s.readNBytes(n);
            if (b.length < n) throw truncated();
            pos += n;
            return b;
        }

        void skip(long n) throws IOException {
            for (long k = n; k > 0; ) {
                long r = s.skip(k);
                if (r <= 0) {
                    if (s.read() < 0) throw truncated();
                    r = 1;
                }
                k -= r;
            }
            pos += n;
        }

        private TridentException truncated() {
            return TridentException.file(source, "truncated or corrupt: the EDS map data ends at byte " + pos + " of its stream before the last row");
        }
    }
}
