package org.trident.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.sim.SimulationParams;
import org.trident.sim.Simulator;
import org.trident.spectra.EdgeWindows;
import org.trident.spectra.QuantModel;
import org.trident.spectra.QuantParams;

import static org.junit.jupiter.api.Assertions.*;

/** Editing the quantification windows in the Quantify step, without JavaFX. */
class QuantifyViewModelTest {
    static TiltSeries eels;

    @BeforeAll
    static void simulate() {
        // one tilt of a 16-pixel particle with a noise-free EELS core-loss channel (O K and the Mn, Co, Ni L2,3 edges)
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(16).withPixelSizeNm(12)
                .withAngles(new double[]{0}).withSpectra(false, true).withNoise(false);
        eels = Simulator.run(p, Progress.NONE, 1).series();
    }

    private static QuantifyViewModel vm() {
        QuantifyViewModel vm = new QuantifyViewModel();
        vm.setSeries(eels, null);
        return vm;
    }

    private static QuantifyViewModel.WindowRow row(QuantifyViewModel vm, String el, String key) {
        return vm.eelsWindows().stream().filter(r -> r.element().equals(el) && r.key().equals(key)).findFirst().orElseThrow();
    }

    private static EdgeWindows edge(QuantModel m, String el) {
        return m.eels().edges().stream().filter(e -> e.element().equals(el)).findFirst().orElseThrow();
    }

    @Test
    void anEditedWindowReachesTheEngineAndItsRecord() {
        QuantifyViewModel vm = vm();
        assertTrue(vm.canRun(), "defaults are valid: " + vm.problems());
        var l3 = row(vm, "Mn", "l3");
        assertEquals("L3 (eV)", l3.label());
        vm.setEelsWindow("Mn", "l3", l3.from() - 2, l3.to() + 1);
        assertArrayEquals(new double[]{l3.from() - 2, l3.to() + 1},
                new double[]{vm.params().eels().windows().get("Mn").get("l3").get(0).asDouble(),
                        vm.params().eels().windows().get("Mn").get("l3").get(1).asDouble()}, 1e-12);
        assertNull(vm.model(), "an edit drops the model fitted with the old settings");
        QuantModel m = vm.prepare(1, Progress.NONE);
        // the engine used the edited window (it overrides the peak refinement), and the other windows kept their defaults
        assertArrayEquals(new double[]{l3.from() - 2, l3.to() + 1}, edge(m, "Mn").l3(), 1e-12);
        assertEquals(row(vm, "Mn", "l3").from(), l3.from() - 2, 1e-12, "the form shows the model's windows");
        var r = vm.run(m, 1, Progress.NONE);
        String rec = r.record().toString();
        assertTrue(rec.contains(String.valueOf(l3.from() - 2)), "the quantification record carries the edited window");
        // a preview made for superseded settings is not kept
        QuantParams before = vm.params();
        QuantModel preview = vm.prepareFor(before, 1, Progress.NONE);
        vm.setFwhmMnKa(140);
        assertFalse(vm.offerModel(before, preview));
        assertNull(vm.model());
        assertTrue(vm.offerModel(vm.params(), vm.prepareFor(vm.params(), 1, Progress.NONE)));
    }

    @Test
    void anInvalidWindowIsExplainedAndBlocksRunUntilUndone() {
        QuantifyViewModel vm = vm();
        var pre = row(vm, "Ni", "preEdge");
        vm.setEelsWindow("Ni", "preEdge", pre.to(), pre.from());
        assertFalse(vm.canRun());
        assertEquals(1, vm.problems().size(), vm.problems().toString());
        assertTrue(vm.problems().get(0).startsWith("Ni preEdge window must start below its end"), vm.problems().get(0));
        assertThrows(TridentException.class, () -> vm.prepare(1, Progress.NONE), "the engine refuses it too");
        vm.undo();
        assertTrue(vm.canRun());
        assertEquals(pre.from(), row(vm, "Ni", "preEdge").from(), 1e-12);

        vm.setFwhmMnKa(5);
        assertFalse(vm.canRun());
        assertTrue(vm.problems().get(0).contains("FWHM at Mn Kα must be between 20 and 1000 eV"));
        vm.setEdsElements("ni, Xx");
        assertTrue(vm.problems().stream().anyMatch(s -> s.contains("EDS element Xx")), vm.problems().toString());
        assertEquals(java.util.List.of("Ni", "Xx"), vm.params().eds().elements());
        vm.resetDefaults();
        assertEquals(QuantParams.defaults(), vm.params());
        assertTrue(vm.canRun());
        vm.undo();
        assertFalse(vm.canRun(), "reset is undoable");
    }

    @Test
    void windowRowsFollowTheElementList() {
        QuantifyViewModel vm = vm();
        assertTrue(vm.eelsWindows().stream().anyMatch(r -> r.element().equals("O") && r.key().equals("l23")));
        vm.setEelsElements("Mn");
        assertEquals(java.util.Set.of("O", "Mn"), vm.eelsWindows().stream().map(QuantifyViewModel.WindowRow::element)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals("Mn:l3", QuantifyView.windowKey("Mn L3"));
        assertEquals("O:l23", QuantifyView.windowKey("O K"));
        assertEquals("eds:fit", QuantifyView.windowKey("fit range"));
        assertNull(QuantifyView.windowKey("Ni K (±1.2 FWHM)"), "EDS line windows follow the FWHM, not a window setting");
    }
}
