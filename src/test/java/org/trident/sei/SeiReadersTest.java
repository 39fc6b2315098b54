package org.trident.sei;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.TridentException;
import org.trident.sei.maps.Channel;
import org.trident.sei.maps.GwyReader;
import org.trident.sei.maps.IbwReader;
import org.trident.sei.maps.MapFiles;
import org.trident.sei.maps.SeiMap;
import org.trident.sei.xps.Spectrum;
import org.trident.sei.xps.SpectrumCsv;
import org.trident.sei.xps.VamasReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Readers against fixtures written from the format descriptions by src/test/resources/sei/make_fixtures.py. */
class SeiReadersTest {
    static final Path FIX = Path.of("src/test/resources/sei");
    @TempDir Path tmp;

    @Test
    void asylumIbwV5ChannelsValuesScalingUnits() {
        List<Channel> ch = IbwReader.channels(FIX.resolve("asylum_v5.ibw"));
        assertEquals(List.of("HeightRetrace", "AmplitudeRetrace", "PhaseRetrace"), ch.stream().map(Channel::name).toList());
        SeiMap amp = ch.get(1).map();
        assertEquals(8, amp.width());
        assertEquals(6, amp.height());
        assertEquals(7.8125, amp.pixelSizeNm(), 1e-9);
        assertEquals("m", amp.unit());
        // value(x, y, c) = (x + 10 y + 100 c) nm
        assertEquals((3 + 10 * 4 + 100) * 1e-9, amp.get(3, 4), 1e-15 + 1e-7 * 143e-9);
        assertEquals((7 + 50 + 200) * 1e-9, ch.get(2).map().get(7, 5), 1e-7 * 257e-9);
        assertSame(amp.getClass(), MapFiles.read(FIX.resolve("asylum_v5.ibw"), "amplituderetrace").getClass());
    }

    @Test
    void ibwV2BigEndianIsReadButIsNoMap() {
        IbwReader.Wave w = IbwReader.read(FIX.resolve("wave_v2_be.ibw"));
        assertArrayEquals(new int[]{10}, w.dims());
        assertEquals(4.5, w.values()[9], 0);
        assertEquals(0.25, w.delta()[0], 0);
        assertEquals("V", w.dataUnit());
        assertEquals("s", w.dimUnits()[0]);
        assertEquals("version 2 note", w.note());
        var e = assertThrows(TridentException.class, () -> IbwReader.channels(FIX.resolve("wave_v2_be.ibw")));
        assertTrue(e.getMessage().contains("1-D"), e.getMessage());
    }

    @Test
    void gwyFieldsTitlesSizeUnits() {
        List<Channel> ch = GwyReader.channels(FIX.resolve("two_fields.gwy"));
        assertEquals(List.of("HeightRetrace", "PhaseRetrace"), ch.stream().map(Channel::name).toList());
        SeiMap h = ch.get(0).map(), p = ch.get(1).map();
        assertEquals(7, h.width());
        assertEquals(5, h.height());
        assertEquals(20.0, h.pixelSizeNm(), 1e-9);
        assertEquals("m", h.unit());
        assertEquals("deg", p.unit());
        assertEquals((6 + 10 * 4) * 1e-9, h.get(6, 4), 1e-7 * 46e-9);
        assertEquals(90 + 2 - 3, p.get(2, 3), 1e-6);
    }

    @Test
    void imageJTiffCalibration() {
        SeiMap m = MapFiles.read(FIX.resolve("imagej_um.tif"), null);
        assertEquals(9, m.width());
        assertEquals(6, m.height());
        assertEquals(15.6, m.pixelSizeNm(), 1e-3);
        assertEquals(0.5 * (2 * 9 + 4), m.get(4, 2), 0);
    }

    @Test
    void vamasBlocksInBindingEnergy() {
        List<VamasReader.Block> b = VamasReader.read(FIX.resolve("two_blocks.vms"));
        assertEquals(2, b.size());
        assertEquals("F 1s", b.get(0).region());
        Spectrum f = b.get(0).spectrum();
        assertEquals(21, f.size());
        assertEquals(680.0, f.bindingEv()[0], 1e-9);
        assertEquals(690.0, f.bindingEv()[20], 1e-9);
        assertEquals(1100, f.counts()[10], 1e-3); // the peak at 685 eV
        Spectrum li = b.get(1).spectrum();
        assertEquals("Li 1s", b.get(1).region());
        assertEquals(50.0, li.bindingEv()[0], 1e-9);
        int max = 0;
        for (int i = 0; i < li.size(); i++) if (li.counts()[i] > li.counts()[max]) max = i;
        assertEquals(55.5, li.bindingEv()[max], 0.13);
    }

    @Test
    void csvEitherOrderWithHeader() {
        Spectrum s = SpectrumCsv.read(FIX.resolve("f1s.csv"), "F 1s");
        assertEquals(680.0, s.bindingEv()[0], 1e-9);
        assertEquals(1100, s.counts()[10], 1e-3);
    }

    @Test
    void corruptInputsGiveOneLineNamingTheFile() throws Exception {
        byte[] ibw = Files.readAllBytes(FIX.resolve("asylum_v5.ibw"));
        Path trunc = tmp.resolve("trunc.ibw");
        Files.write(trunc, java.util.Arrays.copyOf(ibw, 500));
        Path badsum = tmp.resolve("badsum.ibw");
        byte[] b2 = ibw.clone();
        b2[64 + 68] = 9; // nDim[0] changed: the checksum no longer adds up
        Files.write(badsum, b2);
        byte[] gwy = Files.readAllBytes(FIX.resolve("two_fields.gwy"));
        Path gtrunc = tmp.resolve("trunc.gwy");
        Files.write(gtrunc, java.util.Arrays.copyOf(gwy, gwy.length - 40));
        Path gmagic = tmp.resolve("magic.gwy");
        Files.writeString(gmagic, "GWYQ nonsense");
        List<String> vms = Files.readAllLines(FIX.resolve("two_blocks.vms"));
        Path vtrunc = tmp.resolve("trunc.vms");
        Files.write(vtrunc, vms.subList(0, vms.size() - 30));
        Path vbad = tmp.resolve("bad.vms");
        List<String> v2 = new java.util.ArrayList<>(vms);
        v2.set(v2.size() - 5, "abc");
        Files.write(vbad, v2);
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "e,c\n1,2\nx,y\n");
        Path csvAbsurd = tmp.resolve("absurd.csv");
        Files.writeString(csvAbsurd, "1,2\n2,3\n3,4\n1e9,5\n5,6\n");
        Path tif = tmp.resolve("bad.tif");
        Files.writeString(tif, "II*\0garbage");
        for (Path p : List.of(trunc, badsum, gtrunc, gmagic, vtrunc, vbad, csv, csvAbsurd, tif)) {
            TridentException e = assertThrows(TridentException.class, () -> {
                String n = p.getFileName().toString();
                if (n.endsWith(".vms")) VamasReader.read(p);
                else if (n.endsWith(".csv")) SpectrumCsv.read(p, "x");
                else MapFiles.read(p, "0");
            }, p.toString());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
