package org.trident.formats;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequential reads from a file through a small window, with every read checked against the file
 * size, so that a corrupt length field ends in a sentence instead of a huge allocation or a hang.
 */
final class BinaryInput implements AutoCloseable {
    private final Path file;
    private final FileChannel ch;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(1 << 16);
    private long windowStart;
    private long pos;

    BinaryInput(Path file) {
        this.file = file;
        try {
            this.ch = FileChannel.open(file, StandardOpenOption.READ);
            this.size = ch.size();
        } catch (NoSuchFileException e) {
            throw TridentException.file(file, "file not found");
        } catch (IOException e) {
            throw TridentException.file(file, "cannot open: " + e.getMessage(), e);
        }
        window.limit(0);
    }

    Path file() { return file; }
    long size() { return size; }
    long position() { return pos; }
    long remaining() { return size - pos; }
    FileChannel channel() { return ch; }

    void seek(long p) {
        if (p < 0 || p > size) throw corrupt("points to byte " + p + " beyond the end of the file (" + size + " bytes)");
        pos = p;
    }

    void skip(long n) {
        if (n < 0 || n > remaining()) throw truncated(n);
        pos += n;
    }

    TridentException truncated(long need) {
        return TridentException.file(file, "truncated or corrupt: needs " + need + " more bytes at byte " + pos
                + " but the file ends at byte " + size);
    }

    TridentException corrupt(String what) {
        return TridentException.file(file, "corrupt: " + what);
    }

    /** A buffer holding the next {@code n} bytes (n at most 64 KiB) in the given order; advances. */
    ByteBuffer take(int n, ByteOrder order) {
        if (n > window.capacity()) throw new IllegalArgumentException("read too large");
        if (n > remaining()) throw truncated(n);
        long off = pos - windowStart;
        if (off < 0 || off + n > window.limit()) fill();
        ByteBuffer b = window.duplicate().order(order);
        int at = (int) (pos - windowStart);
        b.position(at).limit(at + n);
        pos += n;
        return b.slice().order(order);
    }

    private void fill() {
        window.clear();
        windowStart = pos;
        try {
            while (window.hasRemaining()) {
                int r = ch.read(window, windowStart + window.position());
                if (r < 0) break;
            }
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        window.flip();
    }

    int u8() { return take(1, ByteOrder.BIG_ENDIAN).get() & 0xff; }
    int u16(ByteOrder o) { return take(2, o).getShort() & 0xffff; }
    int i32(ByteOrder o) { return take(4, o).getInt(); }
    long u32(ByteOrder o) { return take(4, o).getInt() & 0xffffffffL; }
    long i64(ByteOrder o) { return take(8, o).getLong(); }

    byte[] bytes(int n) {
        if (n < 0 || n > remaining()) throw truncated(n);
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, window.capacity());
            take(k, ByteOrder.BIG_ENDIAN).get(out, done, k);
            done += k;
        }
        return out;
    }

    /** Reads {@code buf.remaining()} bytes at absolute position {@code at}, without moving. */
    void readAt(long at, ByteBuffer buf) {
        if (at < 0 || at + buf.remaining() > size) throw TridentException.file(file, "truncated: data at byte " + at
                + " (" + buf.remaining() + " bytes) runs past the end of the file (" + size + " bytes)");
        try {
            long p = at;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, p);
                if (r < 0) throw TridentException.file(file, "truncated: unexpected end of file at byte " + p);
                p += r;
            }
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // reading is finished; a failing close changes nothing for the caller
        }
    }
}
