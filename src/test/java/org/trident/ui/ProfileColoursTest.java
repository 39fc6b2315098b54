package org.trident.ui;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A colour is a dataset: its voxel profile (solid), its shell fit (dots at the fitted shells) and
 * its simulation truth (dashed) share the dataset's colour; the next dataset has the next colour.
 */
class ProfileColoursTest {
    static Dataset dataset(String label, double offset, boolean fit, boolean truth) {
        Dataset d = new Dataset(label, Path.of(label));
        d.setProfiles(new DepthProfiles(Map.of("fraction-Ni", List.of(new DepthProfiles.Shell(1, 0.5 + offset, 0.05, 100),
                new DepthProfiles.Shell(3, 0.45 + offset, 0.05, 100)))));
        if (fit) d.setFitProfiles(new DepthProfiles(Map.of("fraction-Ni", List.of(new DepthProfiles.Shell(1, 0.6 + offset, Double.NaN, 100, 0.02),
                new DepthProfiles.Shell(3, 0.4 + offset, Double.NaN, 100, 0.03)))));
        if (truth) d.setTruthProfiles(new DepthProfiles(Map.of("fraction-Ni", List.of(new DepthProfiles.Shell(1, 0.62 + offset, 0, 100),
                new DepthProfiles.Shell(3, 0.38 + offset, 0, 100)))));
        return d;
    }

    private static PlotCanvas.Series named(List<PlotCanvas.Series> s, String name) {
        return s.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + s));
    }

    @Test
    void voxelFitAndTruthOfOneDatasetShareItsColour() {
        Dataset a = dataset("A", 0, true, true), b = dataset("B", 0.1, true, false);
        List<PlotCanvas.Series> s = ProfilesView.series(List.of(a, b), "fraction-Ni", ProfilesView.Show.BOTH);
        assertEquals(5, s.size(), "A: voxel, fit, truth; B: voxel, fit");
        var av = named(s, "A" + ProfilesView.VOXEL_SUFFIX);
        var af = named(s, "A" + ProfilesView.FIT_SUFFIX);
        var at = named(s, "A (truth)");
        var bv = named(s, "B" + ProfilesView.VOXEL_SUFFIX);
        var bf = named(s, "B" + ProfilesView.FIT_SUFFIX);
        assertEquals(ProfilesView.PALETTE[0], av.color());
        assertEquals(av.color(), af.color(), "the fit in the dataset's colour");
        assertEquals(av.color(), at.color(), "the truth in the dataset's colour");
        assertEquals(ProfilesView.PALETTE[1], bv.color());
        assertEquals(bv.color(), bf.color());
        assertNotEquals(av.color(), bv.color());
        // told apart by style: voxel solid without dots, fit solid with dots, truth dashed
        assertFalse(av.markers() || av.dashed());
        assertTrue(af.markers() && !af.dashed());
        assertTrue(at.dashed() && !at.markers());
        // the fit's values and its ± 1 σ as the band
        assertArrayEquals(new double[]{0.6, 0.4}, af.y(), 1e-12);
        assertArrayEquals(new double[]{0.02, 0.03}, af.band(), 1e-12);
        assertArrayEquals(new double[]{0.05, 0.05}, av.band(), 1e-12);
    }

    @Test
    void showingOnlyTheFitKeepsTheDatasetColour() {
        Dataset a = dataset("A", 0, true, false), b = dataset("B", 0.1, true, false);
        List<PlotCanvas.Series> s = ProfilesView.series(List.of(a, b), "fraction-Ni", ProfilesView.Show.FIT);
        assertEquals(List.of("A" + ProfilesView.FIT_SUFFIX, "B" + ProfilesView.FIT_SUFFIX), s.stream().map(PlotCanvas.Series::name).toList());
        assertEquals(ProfilesView.PALETTE[0], s.get(0).color());
        assertEquals(ProfilesView.PALETTE[1], s.get(1).color());
        Color voxelB = ProfilesView.series(List.of(a, b), "fraction-Ni", ProfilesView.Show.VOXEL).get(1).color();
        assertEquals(voxelB, s.get(1).color(), "B's colour does not change with what is shown");
    }
}
