package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The page structure of a TIFF or BigTIFF file, walked from its header (TIFF 6.0 and the BigTIFF
 * extension): every IFD, its size and where its strips or tiles are. Common TIFF readers return
 * fewer pages from a truncated file without a word; Trident checks every declared strip or tile
 * against the file size first, as mrcfile does for MRC.
 */
final class TiffLayout {
    private TiffLayout() {}

    static final int MAX_PAGES = 1 << 20;

    /** Per page: width, height and the XResolution tag (NaN when absent). */
    record Page(long width, long height, long bits, int sampleFormat, double xResolution, int resolutionUnit, String description) {}

    /** Walks the file and returns its pages; throws a TridentException naming the file when anything points past its end. */
    static java.util.List<Page> check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = read(ch, 0, 16, size, file);
            ByteOrder order;
            if (head.get(0) == 'I' && head.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
            else if (head.get(0) == 'M' && head.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
            else throw TridentException.file(file, "not a TIFF file (no II/MM byte-order mark)");
            head.order(order);
            int magic = head.getShort(2) & 0xffff;
            boolean big;
            long ifd;
            if (magic == 42) {
                big = false;
                ifd = head.getInt(4) & 0xffffffffL;
            } else if (magic == 43) {
                big = true;
                if (head.getShort(4) != 8) throw TridentException.file(file, "corrupt BigTIFF header (offset size is not 8)");
                ifd = head.getLong(8);
            } else {
                throw TridentException.file(file, "not a TIFF file (magic number " + magic + ")");
            }
            java.util.List<Page> pages = new java.util.ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (ifd != 0) {
                if (!seen.add(ifd)) throw TridentException.file(file, "corrupt TIFF: its page list loops back to byte " + ifd);
                if (pages.size() >= MAX_PAGES) throw TridentException.file(file, "corrupt TIFF: more than " + MAX_PAGES + " pages");
                if (ifd < 8 || ifd >= size) throw TridentException.file(file, "truncated or corrupt TIFF: page " + pages.size() + " starts at byte " + ifd + ", beyond the end of the file (" + size + " bytes)");
                int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12;
                ByteBuffer cb = read(ch, ifd, countBytes, size, file).order(order);
                long n = big ? cb.getLong(0) : cb.getShort(0) & 0xffff;
                if (n <= 0 || n > 4096) throw TridentException.file(file, "corrupt TIFF: page " + pages.size() + " declares " + n + " tags");
                ByteBuffer e = read(ch, ifd + countBytes, (int) (n * entryBytes) + (big ? 8 : 4), size, file).order(order);
                long[] offsets = null, counts = null;
                long width = -1, height = -1, bits = 1, spp = 1, compression = 1, rowsPerStrip = -1, tileW = -1, tileH = -1;
                double xres = Double.NaN;
                int resUnit = 2, sampleFormat = 1;
                String description = null;
                for (int i = 0; i < n; i++) {
                    int at = i * entryBytes;
                    int tag = e.getShort(at) & 0xffff;
                    int type = e.getShort(at + 2) & 0xffff;
                    long cnt = big ? e.getLong(at + 4) : e.getInt(at + 4) & 0xffffffffL;
                    int valueAt = at + (big ? 12 : 8);
                    switch (tag) {
                        case 256 -> width = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 257 -> height = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 258 -> bits = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 259 -> compression = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 277 -> spp = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 278 -> rowsPerStrip = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 273, 324 -> offsets = value(ch, e, valueAt, type, cnt, big, order, size, file);
                        case 279, 325 -> counts = value(ch, e, valueAt, type, cnt, big, order, size, file);
                        case 322 -> tileW = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 323 -> tileH = value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 282 -> {
                            if (type == 5 && cnt == 1) {
                                // one rational is 8 bytes: inline in BigTIFF, at an offset in classic TIFF
                                ByteBuffer r = big ? e.duplicate().order(order).position(valueAt).slice().order(order)
                                        : read(ch, e.getInt(valueAt) & 0xffffffffL, 8, size, file).order(order);
                                long num = r.getInt(0) & 0xffffffffL, den = r.getInt(4) & 0xffffffffL;
                                xres = den == 0 ? Double.NaN : (double) num / den;
                            }
                        }
                        case 270 -> {
                            // ImageDescription (ImageJ keeps its calibration here); page 0 only, bounded
                            if (type == 2 && pages.isEmpty() && cnt > 0 && cnt <= 1 << 20) {
                                long at2 = cnt <= (big ? 8 : 4) ? -1 : big ? e.getLong(valueAt) : e.getInt(valueAt) & 0xffffffffL;
                                ByteBuffer t = at2 < 0 ? e.duplicate().position(valueAt).slice() : read(ch, at2, (int) cnt, size, file);
                                byte[] txt = new byte[(int) cnt];
                                t.get(txt);
                                int len = 0;
                                while (len < txt.length && txt[len] != 0) len++;
                                description = new String(txt, 0, len, java.nio.charset.StandardCharsets.UTF_8);
                            }
                        }
                        case 339 -> sampleFormat = (int) value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        case 296 -> resUnit = (int) value(ch, e, valueAt, type, cnt, big, order, size, file)[0];
                        default -> { }
                    }
                }
                int p = pages.size();
                if (width <= 0 || height <= 0) throw TridentException.file(file, "corrupt TIFF: page " + p + " has no valid width and height");
                if (offsets == null || counts == null) throw TridentException.file(file, "corrupt TIFF: page " + p + " has no strip or tile offsets and byte counts");
                if (offsets.length != counts.length) throw TridentException.file(file, "corrupt TIFF: page " + p + " lists " + offsets.length + " strips but " + counts.length + " byte counts");
                long declared = 0;
                for (int i = 0; i < offsets.length; i++) {
                    if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > size) {
                        throw TridentException.file(file, "truncated: TIFF page " + p + " declares " + (tileW > 0 ? "tile " : "strip ") + i + " at bytes "
                                + offsets[i] + "–" + (offsets[i] + counts[i]) + " but the file holds only " + size + " bytes");
                    }
                    declared += counts[i];
                }
                if (compression == 1 && tileW <= 0) {
                    long need = width * height * spp * bits / 8;
                    if (declared < need) throw TridentException.file(file, "truncated or corrupt: TIFF page " + p + " is " + width + "x" + height
                            + " of " + bits + "-bit samples (" + need + " bytes) but its strips hold " + declared + " bytes");
                }
                pages.add(new Page(width, height, bits, sampleFormat, xres, resUnit, description));
                ByteBuffer nx = e;
                int nextAt = (int) (n * entryBytes);
                ifd = big ? nx.getLong(nextAt) : nx.getInt(nextAt) & 0xffffffffL;
            }
            if (pages.isEmpty()) throw TridentException.file(file, "TIFF holds no page");
            return pages;
        } catch (IOException ex) {
            throw TridentException.file(file, "cannot read: " + ex.getMessage(), ex);
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, long size, Path file) throws IOException {
        if (pos < 0 || n < 0 || pos + n > size) throw TridentException.file(file, "truncated or corrupt TIFF: needs bytes " + pos + "–" + (pos + n) + " but the file holds " + size);
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) break;
        b.flip();
        return b;
    }

    /** The integer values of a SHORT, LONG or LONG8 tag (inline or at its offset). */
    private static long[] value(FileChannel ch, ByteBuffer e, int at, int type, long count, boolean big, ByteOrder order, long size, Path file) throws IOException {
        int unit = switch (type) {
            case 3 -> 2;
            case 4, 13 -> 4;
            case 16, 18 -> 8;
            case 1 -> 1;
            default -> throw TridentException.file(file, "corrupt TIFF: an integer tag has type " + type);
        };
        if (count <= 0 || count > 1 << 24) throw TridentException.file(file, "corrupt TIFF: a tag declares " + count + " values");
        long bytes = count * unit;
        ByteBuffer src;
        int base;
        if (bytes <= (big ? 8 : 4)) {
            src = e;
            base = at;
        } else {
            long off = big ? e.getLong(at) : e.getInt(at) & 0xffffffffL;
            src = read(ch, off, (int) bytes, size, file).order(order);
            base = 0;
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            int p = base + i * unit;
            out[i] = switch (unit) {
                case 1 -> src.get(p) & 0xff;
                case 2 -> src.getShort(p) & 0xffff;
                case 4 -> src.getInt(p) & 0xffffffffL;
                default -> src.getLong(p);
            };
        }
        return out;
    }
}
