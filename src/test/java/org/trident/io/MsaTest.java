package org.trident.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsaTest {
    static final Path DATA = Path.of("..", "shared", "data");

    @Test
    void readsYAndXyFormatsWithTheirAxes() {
        Msa.Spectrum y = Msa.parse(Path.of("y.msa"), List.of("#FORMAT : EMSA/MAS Spectral Data File", "#NPOINTS : 5", "#NCOLUMNS : 1",
                "#XUNITS : eV", "#DATATYPE : Y", "#XPERCHAN : 0.5", "#OFFSET : 100", "#SPECTRUM :", "1, 2, 3", "4", "5", "#ENDOFDATA :"));
        assertEquals(5, y.length());
        assertEquals(101.0, y.axis().energy(2), 1e-12);
        assertEquals(5f, y.values()[4]);
        Msa.Spectrum xy = Msa.parse(Path.of("xy.msa"), List.of("#FORMAT : EMSA/MAS Spectral Data File", "#DATATYPE : XY", "#XUNITS : keV",
                "#SPECTRUM :", "0.0, 3", "0.01, 4", "0.02, 5"));
        assertEquals("keV", xy.axis().unit());
        assertEquals(0.01, xy.axis().scale(), 1e-12);
        assertEquals(4f, xy.values()[1]);
    }

    @Test
    void refusesBrokenFilesWithASentence() {
        var e = assertThrows(TridentException.class, () -> Msa.parse(Path.of("bad.msa"), List.of("#FORMAT : EMSA/MAS Spectral Data File",
                "#NPOINTS : 4", "#XUNITS : eV", "#XPERCHAN : 1", "#SPECTRUM :", "1", "2", "3")));
        assertTrue(e.getMessage().startsWith("bad.msa: #NPOINTS says 4 but 3 values follow"), e.getMessage());
        assertThrows(TridentException.class, () -> Msa.parse(Path.of("nounit.msa"), List.of("#FORMAT : EMSA/MAS Spectral Data File",
                "#XPERCHAN : 1", "#SPECTRUM :", "1", "2")));
        assertThrows(TridentException.class, () -> Msa.parse(Path.of("text.msa"), List.of("#FORMAT : EMSA/MAS Spectral Data File",
                "#XUNITS : eV", "#XPERCHAN : 1", "#SPECTRUM :", "1", "x")));
        assertThrows(TridentException.class, () -> Msa.parse(Path.of("notmsa.txt"), List.of("640.0\t12", "640.25\t13")));
        assertThrows(TridentException.class, () -> Msa.read(Path.of("does-not-exist.msa")));
    }

    @Test
    void readsRealSpectra() {
        Path core = DATA.resolve("eels_mn_o_coreloss_lowloss_hyperspy/coreloss_spectrum.msa");
        Path eds = DATA.resolve("eds_spectra_fept_tem_tm002_sem/EDS_SEM_TM002_10kV.msa");
        Assumptions.assumeTrue(Files.exists(core) && Files.exists(eds));
        Msa.Spectrum c = Msa.read(core);
        assertEquals(2048, c.length());
        assertEquals(360.0, c.axis().energy(0), 1e-9);
        assertEquals(769.8, c.axis().energy(2049), 1e-6);
        assertEquals(47179f, c.values()[0]);
        Msa.Spectrum e = Msa.read(eds);
        assertEquals(1024, e.length());
        assertEquals(-0.1, e.axis().offset(), 1e-12);
        assertEquals("keV", e.axis().unit());
        assertEquals("130.0", e.header().get("FWHMMNKA"));
    }
}
