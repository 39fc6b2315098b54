package org.trident.sim;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Volume;
import org.trident.spectra.EelsEdges;
import org.trident.spectra.XrayLines;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectraTest {
    private static int argmax(double[] a, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) if (a[i] > a[best]) best = i;
        return best;
    }

    @Test
    void edsLinesSitAtTheirEnergiesWithFanoWidths() {
        EdsModel m = new EdsModel(1024, 0.005, 0.01);
        for (String el : List.of("Mn", "Co", "Ni", "O")) {
            double[] t = m.template(EdsModel.ELEMENTS.indexOf(el));
            double ka = XrayLines.family(el, "K").get(0).energyKeV();
            int c = (int) Math.round(m.axis().channelOf(ka));
            int peak = argmax(t, c - 10, c + 10);
            assertEquals(ka, m.axis().energy(peak), 0.0101, el + " Kα");
        }
        // Mn Kα: full width at half maximum from the template itself
        double[] mn = m.template(EdsModel.ELEMENTS.indexOf("Mn"));
        int p = argmax(mn, 570, 610);
        double half = mn[p] / 2;
        int lo = p, hi = p;
        while (mn[lo] > half) lo--;
        while (mn[hi] > half) hi++;
        double fwhm = (hi - lo - 2 + (mn[lo + 1] - half) / (mn[lo + 1] - mn[lo]) + (mn[hi - 1] - half) / (mn[hi - 1] - mn[hi])) * 10;
        assertEquals(130, fwhm, 6, "FWHM of Mn Kα in eV");
        assertEquals(62, EdsModel.fwhmEv(525), 4, "FWHM at O K");
        // Kβ/Kα of Mn: areas in ±2σ windows
        double kb = 0, ka = 0;
        for (int c = 0; c < 1024; c++) {
            double e = m.axis().energy(c);
            if (Math.abs(e - 5.899) < 0.11) ka += mn[c];
            if (Math.abs(e - 6.490) < 0.11) kb += mn[c];
        }
        assertEquals(0.13, kb / ka, 0.02);
        // Cliff–Lorimer: k·(K-family yield per atom) is the same for every element
        for (String el : List.of("Ni", "Co", "Mn", "O")) {
            assertEquals(EdsModel.MN_SENSITIVITY_NM2, EdsModel.K_FACTORS.get(el) * EdsModel.sensitivity(el), 1e-15);
        }
    }

    @Test
    void eelsWhiteLinesMoveWithValenceAndReferencesShareTheirPostEdge() {
        EelsModel m = new EelsModel(1100, 450, 0.5);
        for (Species s : Species.ALL) {
            if (!s.isTransitionMetal()) continue;
            double[] t = m.coreTemplate(s);
            EelsEdges.WhiteLine wl = EelsEdges.whiteLine(s.element);
            int c = (int) Math.round(m.axis().channelOf(wl.l3At(s.valence)));
            int peak = argmax(t, c - 8, c + 8);
            assertEquals(wl.l3At(s.valence), m.axis().energy(peak), 0.51, s.label() + " L3");
            int c2 = (int) Math.round(m.axis().channelOf(wl.l3At(s.valence) + wl.splitEv()));
            assertEquals(wl.l3At(s.valence) + wl.splitEv(), m.axis().energy(argmax(t, c2 - 6, c2 + 6)), 0.51, s.label() + " L2");
            assertEquals(0, t[(int) m.axis().channelOf(wl.l3Ev() - 20)], 1e-15, "nothing before the edge");
        }
        // the L3 line of Mn2+ is taller than its L2 by more than Mn4+'s
        double r2 = heightRatio(m, Species.MN2), r4 = heightRatio(m, Species.MN4);
        assertTrue(r2 > r4 + 0.5, r2 + " vs " + r4);
        double[] o = m.coreTemplate(Species.O);
        assertTrue(o[(int) m.axis().channelOf(520)] < 1e-3 * o[(int) m.axis().channelOf(540)], "O K starts at 532 eV");
        References refs = m.references();
        assertEquals(7, refs.entries().size());
        for (References.Entry e : refs.entries()) {
            double area = 0;
            for (int c = 0; c < 1100; c++) {
                double en = refs.axis().energy(c);
                if (en >= e.windowFromEv() && en < e.windowToEv()) area += e.spectrum()[c] * 0.5;
            }
            assertEquals(1.0, area, 1e-5, e.name() + " has unit area in its window");
            References.Entry first = refs.entries().stream().filter(x -> x.element().equals(e.element())).findFirst().orElseThrow();
            for (int c = 0; c < 1100; c++) {
                double en = refs.axis().energy(c);
                if (en >= e.windowFromEv() && en < e.windowToEv()) assertEquals(first.spectrum()[c], e.spectrum()[c], 1e-6 * first.spectrum()[c] + 1e-9);
            }
        }
    }

    private static double heightRatio(EelsModel m, Species s) {
        double[] t = m.coreTemplate(s);
        EelsEdges.WhiteLine wl = EelsEdges.whiteLine(s.element);
        double l3 = t[(int) Math.round(m.axis().channelOf(wl.l3At(s.valence)))];
        double l2 = t[(int) Math.round(m.axis().channelOf(wl.l3At(s.valence) + wl.splitEv()))];
        return l3 / l2;
    }

    /** MLLS on a noise-free pixel with the references recovers the projected amount and valence of Mn. */
    @Test
    void eelsIsLinearInSpeciesAmountsSoReferencesRecoverThem() {
        SimulationParams p = SimulationParams.defaults("cycled-100").withSize(16).withPixelSizeNm(12)
                .withAngles(new double[]{0}).withSpectra(false, true).withNoise(false);
        Simulation sim = Simulator.run(p, Progress.NONE, 1);
        References refs = sim.references();
        EelsModel m = new EelsModel(p.eelsChannels(), p.eelsOffsetEv(), p.eelsScaleEv());
        double fluence = p.dosePerTiltElectronsPerA2() * 100;
        int n = 16, channels = p.eelsChannels();
        // the exact projected amounts, straight from the fine particle model
        float[][] maps = new FineProjector(FineModel.build(sim.particle(), n, p.pixelSizeNm(), p.oversample(), 1, Progress.NONE)).project(0);
        Volume dMn = sim.truth().volume("density-Mn");
        int tested = 0;
        for (int[] px : new int[][]{{8, 8}, {5, 9}, {10, 4}}) {
            float[] s = sim.series().channel("EELS").spectra().pixel(0, px[0], px[1]);
            double amount = 0, vsum = 0, column = 0;
            for (Species sp : Species.ofElement("Mn")) {
                amount += maps[sp.ordinal()][px[1] * n + px[0]];
                vsum += sp.valence * maps[sp.ordinal()][px[1] * n + px[0]];
            }
            for (int k = 0; k < n; k++) column += dMn.get(px[0], px[1], k);
            if (amount <= 0) continue;
            assertEquals(column, amount, 1e-4 * amount, "at 0° a column of the truth is the projection");
            // basis: power-law background, O K, then every reference
            int nb = 2 + refs.entries().size();
            double[][] basis = new double[nb][channels];
            double[] o = m.coreTemplate(Species.O);
            for (int c = 0; c < channels; c++) {
                basis[0][c] = Math.pow(refs.axis().energy(c) / 640.0, -3);
                basis[1][c] = o[c];
                for (int r = 0; r < refs.entries().size(); r++) basis[2 + r][c] = refs.entries().get(r).spectrum()[c];
            }
            double[] w = leastSquares(basis, s);
            double fitted = 0, weighted = 0, weights = 0;
            for (int r = 0; r < refs.entries().size(); r++) {
                References.Entry e = refs.entries().get(r);
                if (!e.element().equals("Mn")) continue;
                fitted += w[2 + r] / (e.scale() * fluence);
                weighted += e.valence() * w[2 + r];
                weights += w[2 + r];
            }
            assertEquals(amount, fitted, 1e-3 * amount, "Mn atoms in the column of pixel " + px[0] + "," + px[1]);
            assertEquals(vsum / amount, weighted / weights, 1e-3, "Mn valence of the column");
            tested++;
        }
        assertTrue(tested >= 2);
    }

    /** Plain normal equations solved by Gaussian elimination with partial pivoting. */
    static double[] leastSquares(double[][] basis, float[] y) {
        int nb = basis.length;
        double[][] a = new double[nb][nb + 1];
        double[] norm = new double[nb];
        for (int i = 0; i < nb; i++) {
            for (double v : basis[i]) norm[i] += v * v;
            norm[i] = Math.sqrt(norm[i]);
        }
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < nb; j++) {
                double s = 0;
                for (int c = 0; c < y.length; c++) s += basis[i][c] * basis[j][c];
                a[i][j] = s / (norm[i] * norm[j]);
            }
            double s = 0;
            for (int c = 0; c < y.length; c++) s += basis[i][c] * y[c];
            a[i][nb] = s / norm[i];
        }
        for (int col = 0; col < nb; col++) {
            int piv = col;
            for (int r = col + 1; r < nb; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] tmp = a[col]; a[col] = a[piv]; a[piv] = tmp;
            for (int r = 0; r < nb; r++) {
                if (r == col) continue;
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= nb; k++) a[r][k] -= f * a[col][k];
            }
        }
        double[] w = new double[nb];
        for (int i = 0; i < nb; i++) w[i] = a[i][nb] / a[i][i] / norm[i];
        return w;
    }
}
