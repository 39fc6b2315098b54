package org.trident.formats;

import org.trident.model.TridentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The "SFS" single-file system (AidAim) that Bruker Esprit {@code .bcf} files are, written from
 * the public description of its layout in RosettaSciIO's Bruker reader documentation and source
 * (read for facts; no code taken). Little-endian. The file is a run of chunks of {@code chunkSize}
 * bytes after a 0x118-byte preamble; each chunk starts with a 32-byte header whose first uint32
 * is the index of the next chunk of a chain. A tree of 512-byte entries (name, size, parent,
 * directory flag, first chunk of the entry's pointer table) lists the files; a file's pointer
 * table lists its data chunks. Files may be zlib-compressed (signature "AACS" at the start of the
 * data; then independent zlib blocks from byte 0x80, each after a 16-byte header whose first
 * uint32 is its compressed size). Every index and size is checked against the file.
 */
final class SfsContainer implements AutoCloseable {
    private static final long PREAMBLE = 0x118;
    private static final int ENTRY = 0x200;

    record Entry(String path, long size, boolean directory, long[] chunks) {}

    private final BinaryInput in;
    private final int chunkSize, usable;
    private final long chunkCount;
    private final List<Entry> entries = new ArrayList<>();
    private boolean compressed;

    SfsContainer(Path file) {
        in = new BinaryInput(file);
        try {
            if (in.size() < 0x150) throw in.truncated(0x150 - in.size());
            byte[] magic = in.bytes(8);
            if (!new String(magic, StandardCharsets.ISO_8859_1).equals("AAMVHFSS")) throw in.corrupt("not a Bruker .bcf (SFS container signature AAMVHFSS missing)");
            ByteOrder le = ByteOrder.LITTLE_ENDIAN;
            in.seek(0x128);
            long cs = in.u32(le);
            if (cs < 0x400 || cs > 1 << 24) throw in.corrupt("SFS chunk size " + cs);
            chunkSize = (int) cs;
            usable = chunkSize - 32;
            in.seek(0x140);
            long treeAt = in.u32(le), items = in.u32(le);
            chunkCount = (in.size() - PREAMBLE) / chunkSize;
            if (items == 0 || items > chunkCount * (usable / ENTRY) + 1) throw in.corrupt("SFS declares " + items + " entries");
            byte[] tree = chain(treeAt, items * ENTRY, usable / ENTRY * ENTRY);
            List<String> names = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            List<long[]> raw = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                ByteBuffer b = ByteBuffer.wrap(tree, i * ENTRY, ENTRY).slice().order(le);
                long table = b.getInt(0) & 0xffffffffL;
                long size = b.getLong(4);
                int parent = b.getInt(0x28);
                boolean dir = b.get(0xdc) != 0;
                int end = 0xe0;
                while (end < 0xe0 + 256 && b.get(end) != 0) end++;
                byte[] nm = new byte[end - 0xe0];
                b.get(0xe0, nm);
                if (size < 0 || size > chunkCount * (long) usable) throw in.corrupt("SFS entry " + i + " declares " + size + " bytes");
                if (parent < -1 || parent >= items) throw in.corrupt("SFS entry " + i + " has parent " + parent);
                names.add(new String(nm, StandardCharsets.UTF_8));
                parents.add(parent);
                raw.add(new long[]{table, size, dir ? 1 : 0});
            }
            for (int i = 0; i < items; i++) {
                StringBuilder p = new StringBuilder(names.get(i));
                int up = parents.get(i), depth = 0;
                while (up >= 0) {
                    if (++depth > 64) throw in.corrupt("SFS directory tree has a loop");
                    p.insert(0, names.get(up) + "/");
                    up = parents.get(up);
                }
                long[] r = raw.get(i);
                boolean dir = r[2] == 1;
                entries.add(new Entry(p.toString(), r[1], dir, dir ? new long[0] : pointers(r[0], r[1])));
            }
            for (Entry e : entries) {
                if (!e.directory() && e.size() >= 4) {
                    ByteBuffer b = ByteBuffer.allocate(4);
                    in.readAt(dataAt(e, 0), b);
                    compressed = new String(b.array(), StandardCharsets.ISO_8859_1).equals("AACS");
                    break;
                }
            }
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    List<Entry> entries() {
        return entries;
    }

    Entry find(String path) {
        for (Entry e : entries) if (e.path().equals(path) && !e.directory()) return e;
        return null;
    }

    /** Bytes of a chain of chunks starting at {@code first}: {@code perChunk} data bytes from each. */
    private byte[] chain(long first, long total, int perChunk) {
        if (total > Integer.MAX_VALUE - 64) throw in.corrupt("SFS table of " + total + " bytes");
        byte[] out = new byte[(int) total];
        long at = first;
        int done = 0, hops = 0;
        while (done < total) {
            checkChunk(at);
            if (++hops > chunkCount) throw in.corrupt("SFS chunk chain loops");
            int k = (int) Math.min(perChunk, total - done);
            ByteBuffer b = ByteBuffer.wrap(out, done, k);
            in.readAt(PREAMBLE + at * chunkSize + 32, b);
            done += k;
            if (done < total) {
                ByteBuffer nx = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                in.readAt(PREAMBLE + at * chunkSize, nx);
                at = nx.getInt(0) & 0xffffffffL;
            }
        }
        return out;
    }

    private void checkChunk(long index) {
        if (index < 0 || index >= chunkCount) throw in.corrupt("SFS chunk " + index + " is beyond the " + chunkCount + " chunks in the file");
    }

    private long[] pointers(long table, long size) {
        long n = (size + usable - 1) / usable;
        byte[] t = chain(table, n * 4, usable / 4 * 4);
        long[] p = new long[(int) n];
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            p[i] = b.getInt(i * 4) & 0xffffffffL;
            checkChunk(p[i]);
        }
        return p;
    }

    private long dataAt(Entry e, long offset) {
        return PREAMBLE + e.chunks()[(int) (offset / usable)] * chunkSize + 32 + offset % usable;
    }

    /** Reads {@code n} bytes of the stored (possibly compressed) entry from {@code offset}. */
    private void rawRead(Entry e, long offset, byte[] dst, int off, int n) {
        if (offset < 0 || offset + n > e.size()) throw in.corrupt("SFS entry " + e.path() + " read beyond its " + e.size() + " bytes");
        while (n > 0) {
            int k = (int) Math.min(n, usable - offset % usable);
            in.readAt(dataAt(e, offset), ByteBuffer.wrap(dst, off, k));
            offset += k;
            off += k;
            n -= k;
        }
    }

    /** The entry's content, decompressed when the container is compressed; read as it is consumed. */
    InputStream open(Entry e) {
        return compressed ? new Blocks(e) : new Raw(e);
    }

    /** The whole entry in memory (for the XML header), refused beyond {@code limit} bytes. */
    byte[] readAll(Entry e, int limit) {
        try (InputStream s = open(e)) {
            byte[] b = s.readNBytes(limit + 1);
            if (b.length > limit) throw in.corrupt(e.path() + " is larger than " + limit + " bytes");
            return b;
        } catch (IOException x) {
            throw TridentException.file(in.file(), "cannot read " + e.path() + ": " + x.getMessage(), x);
        }
    }

    private final class Raw extends InputStream {
        private final Entry e;
        private long pos;

        Raw(Entry e) {
            this.e = e;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= e.size()) return -1;
            int k = (int) Math.min(len, e.size() - pos);
            rawRead(e, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    /** zlib blocks: header "AACS", block size, (unknown), block count; blocks from byte 0x80. */
    private final class Blocks extends InputStream {
        private final Entry e;
        private final long blockSize, blocks;
        private long pos = 0x80, done;
        private byte[] buf = new byte[0];
        private int at;

        Blocks(Entry e) {
            this.e = e;
            byte[] h = new byte[16];
            rawRead(e, 0, h, 0, 16);
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) != 0x53434141) throw in.corrupt(e.path() + " lacks the AACS compression header");
            blockSize = b.getInt(4) & 0xffffffffL;
            blocks = b.getInt(12) & 0xffffffffL;
            if (blockSize == 0 || blockSize > 1 << 26 || blocks > e.size()) throw in.corrupt(e.path() + " declares " + blocks + " compressed blocks of " + blockSize + " bytes");
        }

        private boolean next() {
            if (done >= blocks) return false;
            byte[] h = new byte[16];
            rawRead(e, pos, h, 0, 16);
            long n = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
            if (n > e.size() - pos - 16) throw in.corrupt(e.path() + " compressed block " + done + " of " + n + " bytes runs past its end");
            byte[] z = new byte[(int) n];
            rawRead(e, pos + 16, z, 0, (int) n);
            pos += 16 + n;
            done++;
            Inflater inf = new Inflater();
            try {
                inf.setInput(z);
                byte[] out = new byte[(int) blockSize];
                int k = 0;
                while (!inf.finished() && k < out.length) {
                    int r = inf.inflate(out, k, out.length - k);
                    if (r == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                    k += r;
                }
                if (!inf.finished()) throw in.corrupt(e.path() + " compressed block " + (done - 1) + " does not inflate to at most " + blockSize + " bytes");
                buf = java.util.Arrays.copyOf(out, k);
                at = 0;
            } catch (DataFormatException x) {
                throw in.corrupt(e.path() + " compressed block " + (done - 1) + ": " + x.getMessage());
            } finally {
                inf.end();
            }
            return true;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (at >= buf.length) if (!next()) return -1;
            int k = Math.min(len, buf.length - at);
            System.arraycopy(buf, at, b, off, k);
            at += k;
            return k;
        }
    }

    @Override
    public void close() {
        in.close();
    }
}
