package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.TridentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Metadata that is present but invalid is refused by name (file and field), never replaced by a
 * plausible value: the silent-wrong cases the fuzzing campaign of issue 19 found.
 */
class RefuseNotSubstituteTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    /** The error: one line, naming the file, containing every given fragment. */
    static String refused(Path file, Runnable r, String... fragments) {
        TridentException e = assertThrows(TridentException.class, r::run);
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()) || m.contains(file.getFileName().toString()), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        for (String f : fragments) assertTrue(m.contains(f), "'" + f + "' in: " + m);
        return m;
    }

    @Test
    void aDecimalCommaInAnAngleFileIsRefusedNotReadAsTwoColumns() throws Exception {
        Path tlt = Files.writeString(dir.resolve("a.tlt"), "-1,5\n0,0\n1,5\n");
        refused(tlt, () -> AngleFiles.read(tlt), "decimal comma");
        Path one = Files.writeString(dir.resolve("b.tlt"), "-30\n1,5\n30\n");
        refused(one, () -> AngleFiles.read(one), "line 2");
        // strict numbers: no hex, no type suffixes, no Infinity
        for (String bad : new String[]{"0x1p3", "12d", "Infinity", "1.5f"}) {
            Path f = Files.writeString(dir.resolve("bad.tlt"), "-30\n" + bad + "\n30\n");
            refused(f, () -> AngleFiles.read(f), "line 2");
        }
        assertArrayEquals(new double[]{-1.5, 0, 1.5e0}, AngleFiles.read(Files.writeString(dir.resolve("ok.tlt"), " -1.5\n0\n+1.5E0\n")));
    }

    @Test
    void csvAnglesComeFromTheNamedAngleColumnNeverFromAnIndex() throws Exception {
        Path both = Files.writeString(dir.resolve("a.csv"), "tilt_index,angle\n0,-30\n1,0\n2,30\n");
        assertArrayEquals(new double[]{-30, 0, 30}, AngleFiles.read(both));
        Path tilt = Files.writeString(dir.resolve("b.csv"), "tilt_index;tilt_deg\n0;-30\n1;0\n2;30\n");
        assertArrayEquals(new double[]{-30, 0, 30}, AngleFiles.read(tilt));
        Path none = Files.writeString(dir.resolve("c.csv"), "index,value\n0,-30\n1,0\n");
        refused(none, () -> AngleFiles.read(none), "names no angle column", "index, value");
        Path two = Files.writeString(dir.resolve("d.csv"), "angle_a,angle_b\n0,-30\n1,0\n");
        refused(two, () -> AngleFiles.read(two), "several possible angle columns");
        Path headless = Files.writeString(dir.resolve("e.csv"), "0,-30\n1,0\n2,30\n");
        refused(headless, () -> AngleFiles.read(headless), "no header line");
    }

    /** A valid NPY file with its header dict text replaced (padded to the same length). */
    static byte[] npyWithHeader(String dict) throws Exception {
        byte[] b = Files.readAllBytes(FIX.resolve("npy_uint16_le.npy"));
        int len = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        byte[] h = new byte[len];
        Arrays.fill(h, (byte) ' ');
        h[len - 1] = '\n';
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(d, 0, h, 0, d.length);
        byte[] out = b.clone();
        System.arraycopy(h, 0, out, 10, len);
        return out;
    }

    @Test
    void anNpyHeaderNumpyRefusesIsRefusedWithoutEchoingIt() throws Exception {
        String[] bad = {
                "{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4, 5), 'extra': 1}",
                "{'descr': '<u2', 'fortran_order': False, 'shape': (3, 4, 5), } \u0001\u0002junk",
                "'descr': '<u2', 'fortran_order': False, 'shape': (3, 4, 5),",
                "{'descr': '<u2', 'fortran_order': False, 'shape': (60)}",
                "{'descr': '<u2', 'fortran_order': 0, 'shape': (3, 4, 5), }",
                "{'descr': '<u2', 'descr': '<u2', 'fortran_order': False, 'shape': (3, 4, 5), }",
                "{'junk': \"'descr': '<u2', 'fortran_order': False, 'shape': (3, 4, 5),\"}"};
        for (int i = 0; i < bad.length; i++) {
            Path f = Files.write(dir.resolve("bad" + i + ".npy"), npyWithHeader(bad[i]));
            String m = refused(f, () -> org.trident.io.Npy.readImages(f), "malformed NPY header");
            assertFalse(m.contains("junk") || m.contains("extra"), m);
        }
        // what numpy itself writes still reads, in either quote style and key order
        Path ok = Files.write(dir.resolve("ok.npy"), npyWithHeader("{\"shape\": (3, 4, 5), \"fortran_order\": False, \"descr\": \"<u2\"}"));
        assertEquals(3, org.trident.io.Npy.readImages(ok).tilts());
    }

    @Test
    void invalidDmStageTiltsAreRefusedByFieldNotTakenAsZero() throws Exception {
        DmFiles.Group[] axes = {DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm")};
        for (double alpha : new double[]{120, Double.POSITIVE_INFINITY, Double.NaN}) {
            Path f = Files.write(dir.resolve("tilt.dm3"), DmFiles.image(false, new long[]{4, 3}, DmReaderTest.ramp(12), axes, alpha, null));
            String m = refused(f, () -> Datasets.open(f), "Stage Alpha");
            assertFalse(m.contains("no stage tilt"), m);
        }
        Path ok = Files.write(dir.resolve("ok.dm3"), DmFiles.image(false, new long[]{4, 3}, DmReaderTest.ramp(12), axes, 35.0, null));
        assertEquals(35.0, Datasets.open(ok).series().tiltAnglesDeg()[0]);
        Path none = Files.write(dir.resolve("none.dm3"), DmFiles.image(false, new long[]{4, 3}, DmReaderTest.ramp(12), axes, null, null));
        assertTrue(Datasets.open(none).notes().stream().anyMatch(n -> n.contains("no stage tilt")), "a truly missing tilt keeps its truthful note");
    }

    @Test
    void anInvalidMsaTiltIsRefused() throws Exception {
        String msa = "#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n#TITLE       : t\n#NPOINTS     : 3\n#NCOLUMNS    : 1\n"
                + "#XUNITS      : eV\n#XPERCHAN    : 10\n#OFFSET      : 0\n#DATATYPE    : Y\n#XTILTSTGE   : @T@\n#SPECTRUM    :\n1\n2\n3\n#ENDOFDATA   :\n";
        for (String t : new String[]{"120", "NaN", "1,5"}) {
            Path f = Files.writeString(dir.resolve("s.msa"), msa.replace("@T@", t));
            refused(f, () -> Datasets.open(f), "#XTILTSTGE");
        }
        Path ok = Files.writeString(dir.resolve("ok.msa"), msa.replace("@T@", "-12.5"));
        assertEquals(-12.5, Datasets.open(ok).series().tiltAnglesDeg()[0]);
    }

    @Test
    void anInvalidSerialEmTiltIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(FIX.resolve("mrc_serialem_angles.mrc"));
        // section 0 tilt × 100 as int16 at the start of the extended header: 120° → 12000
        b[1024] = (byte) (12000 & 0xff);
        b[1025] = (byte) (12000 >> 8);
        Path f = Files.write(dir.resolve("a.mrc"), b);
        refused(f, () -> Datasets.open(f), "SerialEM", "section 0");
    }

    @Test
    void aComplexTiffIsRefusedNotReadAsInt32() throws Exception {
        byte[] b = Files.readAllBytes(FIX.resolve("tiff_int32.tif"));
        int at = indexOf(b, new byte[]{0x53, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00}); // SampleFormat, SHORT, count 1
        assertTrue(at > 0);
        assertEquals(2, b[at + 8]);
        b[at + 8] = 5;
        Path f = Files.write(dir.resolve("c.tif"), b);
        Files.writeString(dir.resolve("c.tlt"), "-30\n0\n30\n");
        refused(f, () -> Datasets.open(f), "SampleFormat 5", "complex");
    }

    /** HDF5 fixtures from make_hostile_fixtures.py (h5py). */
    @Test
    void veloxFramesWithoutMetadataAndAnUnreadableEnergyOffsetAreRefused() {
        Path missing = FIX.resolve("hostile_velox_missing_metadata.emd");
        refused(missing, () -> Datasets.open(missing), "Metadata", "frame 1");
        Path offset = FIX.resolve("hostile_velox_offset_abc.emd");
        refused(offset, () -> FuzzTest.consume(offset), "OffsetEnergy", "abc");
    }

    @Test
    void aHyperSpyTiltAxisOfScaleZeroIsRefused() {
        Path f = FIX.resolve("hostile_hspy_tilt_scale0.hspy");
        refused(f, () -> Datasets.open(f), "tilt axis 'tilt'", "scale 0.0");
    }

    /** Found by FuzzTest (dm3-stack mutant 37): a flipped exponent made a NaN pixel that import passed on. */
    @Test
    void aNonFinitePixelInAMicroscopeFileIsRefused() throws Exception {
        DmFiles.Group[] axes = {DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"), DmFiles.axis(1, 30, "deg")};
        float[] data = DmReaderTest.ramp(36);
        data[17] = Float.NaN;
        Path f = Files.write(dir.resolve("nan.dm3"), DmFiles.image(false, new long[]{4, 3, 3}, data, axes, 10.0, null));
        refused(f, () -> Datasets.open(f), "non-finite", "tilt 1");
    }

    static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int j = 0; j < p.length; j++) if (b[i + j] != p[j]) continue outer;
            return i;
        }
        return -1;
    }
}
