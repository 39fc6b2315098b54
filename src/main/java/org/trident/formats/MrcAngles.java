package org.trident.formats;

import org.trident.io.MrcHeader;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tilt angles stored in an MRC extended header, where the writer put them:
 * <ul>
 * <li>SerialEM ({@code exttyp} "SERI"): {@code nint} (bytes 128–129) bytes per section; when bit 1
 * of {@code nreal} (bytes 130–131) is set, each section starts with the tilt × 100 as a 16-bit
 * integer (IMOD's MRC format page);</li>
 * <li>Thermo Fisher/FEI ({@code exttyp} "FEI1"/"FEI2", MRC2014): one record per section whose
 * first 4 bytes give its size; the alpha tilt is the float64 at byte 100, in degrees;</li>
 * <li>the older FEI/Agard layout: 128-byte records per section with the alpha tilt as the first
 * float32.</li>
 * </ul>
 */
public final class MrcAngles {
    private MrcAngles() {}

    /** A result: angles in degrees and the sentence saying where they came from. */
    public record Found(double[] anglesDeg, String source) {}

    /** The angles of the extended header, or null when it carries none. */
    public static Found read(Path file, MrcHeader h) {
        int ext = h.extendedBytes();
        int nz = h.nz();
        if (ext <= 0) return null;
        ByteBuffer raw = h.raw().duplicate().order(h.order());
        String type = h.extType();
        byte[] bytes = new byte[(int) Math.min(ext, 64L << 20)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) if (ch.read(b, MrcHeader.SIZE + b.position()) < 0) break;
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read the extended header: " + e.getMessage(), e);
        }
        ByteBuffer e = ByteBuffer.wrap(bytes).order(h.order());
        int nint = raw.getShort(128), nreal = raw.getShort(130);
        if (type.equals("SERI") || (type.isEmpty() && nint > 0 && nint < 1024 && (nreal & 1) != 0 && (nreal & ~0x3ff) == 0)) {
            if (nint <= 0 || (nreal & 1) == 0) return null;
            if ((long) nint * nz > bytes.length) return null;
            double[] a = new double[nz];
            for (int z = 0; z < nz; z++) a[z] = e.getShort(z * nint) / 100.0;
            int bad = firstInvalid(a);
            if (bad >= 0) throw TridentException.file(file, "SerialEM extended header: section " + bad + " has tilt " + a[bad] + ", not within ±90°");
            return new Found(a, "SerialEM extended header (tilt × 100 per section)");
        }
        if (type.equals("FEI1") || type.equals("FEI2")) {
            double[] first = null;
            for (ByteOrder o : new ByteOrder[]{h.order(), h.order() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN}) {
                e.order(o);
                int rec = bytes.length >= 4 ? e.getInt(0) : 0;
                if (rec < 108 || (long) rec * nz > bytes.length) continue;
                double[] a = new double[nz];
                for (int z = 0; z < nz; z++) a[z] = e.getDouble(z * rec + 100);
                if (valid(a)) return new Found(a, "FEI/Thermo " + type + " extended header (alpha tilt per section)");
                if (o == h.order()) first = a;
            }
            if (first != null) {
                int bad = firstInvalid(first);
                throw TridentException.file(file, type + " extended header: section " + bad + " has alpha tilt " + first[bad] + ", not within ±90°");
            }
            return null;
        }
        if (type.isEmpty() || type.equals("AGAR")) {
            if ((long) 128 * nz > bytes.length) return null;
            double[] a = new double[nz];
            for (int z = 0; z < nz; z++) a[z] = e.getFloat(z * 128);
            return valid(a) && !allZero(a) ? new Found(a, "FEI/Agard extended header (alpha tilt per 128-byte record)") : null;
        }
        return null;
    }

    private static int firstInvalid(double[] a) {
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i]) <= 90)) return i;
        return -1;
    }

    private static boolean valid(double[] a) {
        for (double v : a) if (!Double.isFinite(v) || Math.abs(v) > 90) return false;
        return true;
    }

    private static boolean allZero(double[] a) {
        for (double v : a) if (v != 0) return false;
        return true;
    }
}
