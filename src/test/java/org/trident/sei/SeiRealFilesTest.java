package org.trident.sei;

import org.junit.jupiter.api.Test;
import org.trident.sei.maps.Channel;
import org.trident.sei.maps.GwyReader;
import org.trident.sei.maps.IbwReader;
import org.trident.sei.maps.SeiMap;
import org.trident.sei.xps.Spectrum;
import org.trident.sei.xps.VamasReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Readers on real instrument files from ../shared/data (facts from its README files); skipped where absent. */
class SeiRealFilesTest {
    static final Path ESM = Path.of("../shared/data/esm_ibw_asylum");
    static final Path XPS = Path.of("../shared/data/xps_vamas");

    static Path need(Path p) {
        assumeTrue(Files.isRegularFile(p), "real data absent: " + p);
        return p;
    }

    static double[] range(SeiMap m) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : m.values()) if (Float.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return new double[]{lo, hi};
    }

    @Test
    void cypherPfmIbw() {
        List<Channel> ch = IbwReader.channels(need(ESM.resolve("IgorIBWReader_P0089OP0027.ibw")));
        assertEquals(List.of("HeightRetrace", "AmplitudeRetrace", "DeflectionRetrace", "PhaseRetrace", "UserIn0Retrace"), ch.stream().map(Channel::name).toList());
        SeiMap amp = ch.get(1).map();
        assertEquals(256, amp.width());
        assertEquals(256, amp.height());
        assertEquals(2000.0 / 255, amp.pixelSizeNm(), 1e-3);
        assertEquals("m", amp.unit());
        double[] r = range(amp);
        assertEquals(0.75e-12, r[0], 0.05e-12);
        assertEquals(28.2e-12, r[1], 0.1e-12);
        double[] ph = range(ch.get(3).map());
        assertTrue(ph[0] >= -90.01 && ph[1] <= 270.01 && ph[1] - ph[0] > 100, java.util.Arrays.toString(ph));
    }

    @Test
    void dartPfmIbwAndSpectrumIsNoMap() {
        List<Channel> ch = IbwReader.channels(need(ESM.resolve("DartPFM.ibw")));
        assertEquals(6, ch.size());
        assertEquals("FrequencyRetrace", ch.get(5).name());
        assertEquals(20000.0 / 127, ch.get(0).map().pixelSizeNm(), 1e-2);
        double[] f = range(ch.get(5).map());
        assertEquals(323.5e3, f[0], 0.1e3);
        assertEquals(352.0e3, f[1], 0.1e3);
        IbwReader.Wave loop = IbwReader.read(need(ESM.resolve("DartPFMSpectrum.ibw")));
        assertArrayEquals(new int[]{6077, 8}, loop.dims());
        assertThrows(org.trident.model.TridentException.class, () -> IbwReader.channels(ESM.resolve("IgorIBWReader_ForceCurve.ibw")));
    }

    @Test
    void gwyddionPfm() {
        List<Channel> ch = GwyReader.channels(need(ESM.resolve("PTO_110_Virgin0001.gwy")));
        assertEquals(4, ch.size());
        assertTrue(ch.get(0).name().startsWith("Height"), ch.get(0).name());
        SeiMap h = ch.get(0).map();
        assertEquals(256, h.width());
        assertEquals(10000.0 / 255, h.pixelSizeNm(), 1e-2); // xreal = 10 µm × 256/255
        double[] r = range(h);
        assertEquals(-15.5e-9, r[0], 0.1e-9);
        assertEquals(109.6e-9, r[1], 0.1e-9);
        assertEquals("deg", ch.get(3).map().unit());
    }

    static double maxAt(Spectrum s) {
        int m = 0;
        for (int i = 0; i < s.size(); i++) if (s.counts()[i] > s.counts()[m]) m = i;
        return s.bindingEv()[m];
    }

    @Test
    void vamasFromFiveInstruments() {
        List<VamasReader.Block> k = VamasReader.read(need(XPS.resolve("0-150W.vms")));
        assertEquals(5, k.size());
        assertEquals(856.8, maxAt(k.get(1).spectrum()), 0.051);
        assertEquals(528.4, maxAt(k.get(2).spectrum()), 0.051);
        assertEquals(1206, k.get(0).spectrum().size());
        List<VamasReader.Block> phi = VamasReader.read(need(XPS.resolve("Mutlipak_vms.npl")));
        assertEquals(List.of("C 1s", "O 1s", "S 2p", "N 1s", "Mo 3d"), phi.stream().map(VamasReader.Block::region).toList());
        assertEquals(284.85, maxAt(phi.get(0).spectrum()), 0.026);
        Spectrum reg = VamasReader.read(need(XPS.resolve("regular.vms"))).get(0).spectrum();
        Spectrum irr = VamasReader.read(need(XPS.resolve("irregular.vms"))).get(0).spectrum();
        assertEquals(1351, reg.size());
        assertEquals(0.0, reg.bindingEv()[0], 1e-6);
        assertEquals(1350.0, reg.bindingEv()[1350], 1e-6);
        assertEquals(reg.size(), irr.size());
        for (int i = 0; i < reg.size(); i += 97) assertEquals(10 * reg.counts()[i], irr.counts()[i], 1e-6 * irr.counts()[i] + 1e-3);
        assertEquals(710.1, maxAt(VamasReader.read(need(XPS.resolve("FeO_analyzed.vms"))).get(0).spectrum()), 0.051);
        List<VamasReader.Block> eis = VamasReader.read(need(XPS.resolve("xps_eis.vms")));
        assertEquals(List.of(8201, 321, 941, 541), eis.stream().map(b -> b.spectrum().size()).toList());
    }
}
