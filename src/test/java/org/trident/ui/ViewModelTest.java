package org.trident.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.job.Progress;
import org.trident.model.TridentException;
import org.trident.render.ColorMap;
import org.trident.render.Slices.Plane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The workstation's view models, driven without JavaFX. */
class ViewModelTest {
    @Test
    void loaderRecognisesAPipelineOutput(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir.resolve("p"), "pristine", 0, 0.33), Progress.NONE);
        assertEquals("pristine", d.label(), "label from sample.stage");
        assertNotNull(d.series());
        assertEquals(5, d.series().tilts());
        assertEquals(List.of("HAADF", "fraction-Co", "fraction-Mn", "fraction-Ni", "mask"), d.volumes().stream().map(Dataset.VolumeItem::name).toList());
        assertNotNull(d.profiles());
        assertEquals(5, d.profiles().get("fraction-Ni").size());
        assertEquals(0.23, d.profiles().get("fraction-Ni").get(0).mean(), 1e-9);
        Dataset one = DatasetLoader.load(dir.resolve("p/analysis/mask.mrc"), Progress.NONE);
        assertEquals("mask", one.label());
        assertEquals(1, one.volumes().size());
        assertThrows(TridentException.class, () -> DatasetLoader.load(Files.createDirectories(dir.resolve("empty")), Progress.NONE));
    }

    @Test
    void cursorIsInCentredNanometres(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        SharedCursor c = new SharedCursor();
        OrthoViewModel vm = new OrthoViewModel(c);
        vm.setDataset(d);
        assertEquals("HAADF", vm.item().name());
        // voxel 0 of 16 at 4 nm is at -30 nm; voxel 15 at +30 nm
        vm.moveTo(Plane.XY, 0, 15);
        assertEquals(-30, c.xNm(), 1e-9);
        assertEquals(30, c.yNm(), 1e-9);
        assertArrayEquals(new int[]{0, 15}, vm.cursorPixel(Plane.XY));
        vm.moveTo(Plane.YZ, 7, 8);
        assertEquals(-30, c.xNm(), 1e-9, "YZ keeps x");
        assertEquals(-2, c.yNm(), 1e-9);
        assertEquals(2, c.zNm(), 1e-9);
        assertEquals(8, vm.sliceIndex(Plane.XY));
        c.set(0.5, 0.5, 0.5); // inside the ball
        assertEquals(100, vm.valueAt(d.volume("HAADF")), 1e-6);
        assertTrue(vm.readout().contains("HAADF 100.0 a.u./voxel"), vm.readout());
        c.set(-30, -30, -30); // outside: fractions are NaN
        assertTrue(Double.isNaN(vm.valueAt(d.volume("fraction-Ni"))));
        assertTrue(vm.readout().contains("fraction-Ni —"), vm.readout());
        c.set(500, 0, 0);
        assertTrue(Double.isNaN(vm.valueAt(d.volume("HAADF"))), "outside the grid is no value, not the edge voxel");
    }

    @Test
    void sectionsAreColouredWithLimitsAndNanStaysTransparent(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        OrthoViewModel vm = new OrthoViewModel(new SharedCursor());
        vm.setDataset(d);
        vm.select("fraction-Ni");
        assertSame(ColorMap.VIRIDIS, vm.map(), "sequential default for every quantity");
        vm.setLimits(0.2, 0.4);
        int[] px = vm.render(Plane.XY);
        assertEquals(16 * 16, px.length);
        assertEquals(0, px[0] >>> 24, "corner is outside the particle: transparent");
        assertEquals(ColorMap.VIRIDIS.argb((0.33 - 0.02 * 5 + 0.02 * 0.5 * Math.sqrt(2) * 0 - 0.2) / 0.2) >>> 24, px[8 * 16 + 8] >>> 24);
        assertTrue(vm.rgbAvailable());
        vm.setRgb(true);
        int rgb = vm.render(Plane.XY)[8 * 16 + 8];
        int r = rgb >> 16 & 255, g = rgb >> 8 & 255;
        assertEquals(Math.round(d.volume("fraction-Ni").volume().get(8, 8, 8) * 255), r);
        assertEquals(Math.round(255 / 3.0), g, 1);
    }

    /** Depth 20 nm − distance from the particle's centre of mass, NaN beyond 20 nm (a stand-in for analyze's depth-nm). */
    private static void addDepth(Dataset d) {
        double[] c = FigureModel.centreNm(d);
        int n = TinyData.N;
        double vs = TinyData.VOXEL_NM;
        var v = org.trident.model.Volume.zeros(n, n, n, vs);
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            double r = Math.hypot(Math.hypot(SharedCursor.nm(i, n, vs) - c[0], SharedCursor.nm(j, n, vs) - c[1]), SharedCursor.nm(k, n, vs) - c[2]);
            v.set(i, j, k, r < 20 ? (float) (20 - r) : Float.NaN);
        }
        d.addVolume(new Dataset.VolumeItem("depth-nm", v, null));
    }

    @Test
    void figureLinksByDepthFromTheSurface(@TempDir Path dir) throws Exception {
        Dataset a = DatasetLoader.load(TinyData.pipeline(dir.resolve("a"), "pristine", 0, 0.33), Progress.NONE);
        Dataset b = DatasetLoader.load(TinyData.pipeline(dir.resolve("b"), "cycled-100", 3, 0.25), Progress.NONE);
        Dataset c = DatasetLoader.load(TinyData.pipeline(dir.resolve("c"), "no-depth", 0, 0.3), Progress.NONE);
        addDepth(a);
        addDepth(b);
        FigureModel m = new FigureModel();
        m.datasets().addAll(List.of(a, b, c));
        m.quantities().add("HAADF");
        m.setPlane(Plane.XY);
        m.setRelativeToCentre(false);
        m.setOffset(0, 0, 20);
        // the cursor at (10, 2, 2) nm is a voxel centre of a, 10.39 nm from its centre: 9.61 nm deep
        double t = m.linkByDepth(10, 2, 2);
        assertEquals(20 - Math.sqrt(108), t, 1e-4);
        assertTrue(m.relativeToCentre());
        assertEquals(SharedCursor.index(0, 16, 4), m.sliceIndex(b, b.volume("HAADF").volume()), "b cut through its own centre");
        var panels = m.rows().get(0).panels();
        double[][] centres = {FigureModel.centreNm(a), FigureModel.centreNm(b)};
        double zNm = SharedCursor.nm(SharedCursor.index(0, 16, 4), 16, 4);
        for (int p = 0; p < 2; p++) {
            var im = panels.get(p).image();
            int lines = 0;
            for (int y = 0; y < im.getHeight(); y++) for (int x = 0; x < im.getWidth(); x++) {
                if (im.getRGB(x, y) != FigureModel.CONTOUR_ARGB) continue;
                lines++;
                double r = Math.hypot(Math.hypot(SharedCursor.nm(x, 16, 4) - centres[p][0], SharedCursor.nm(y, 16, 4) - centres[p][1]), zNm - centres[p][2]);
                // on the line: at least t deep, with a neighbour (4 nm away) shallower
                assertTrue(20 - r >= t - 1e-4 && 20 - r < t + 4, "pixel " + x + "," + y + " of panel " + p + " is " + (20 - r) + " nm deep");
            }
            assertTrue(lines >= 8, "panel " + p + " has the iso-depth ring: " + lines + " pixels");
        }
        var noDepth = panels.get(2).image();
        for (int y = 0; y < noDepth.getHeight(); y++) for (int x = 0; x < noDepth.getWidth(); x++) assertNotEquals(FigureModel.CONTOUR_ARGB, noDepth.getRGB(x, y));
        assertEquals(t, m.viewState(null).path("isoDepthContourNm").asDouble(), 1e-9);
        // outside the first particle there is no depth, so no line
        assertTrue(Double.isNaN(m.linkByDepth(30, 30, 30)));
        assertTrue(m.viewState(null).path("isoDepthContourNm").isMissingNode());
    }

    @Test
    void figureLinksSlicesByCentreOfMass(@TempDir Path dir) throws Exception {
        Dataset a = DatasetLoader.load(TinyData.pipeline(dir.resolve("a"), "pristine", 0, 0.33), Progress.NONE);
        Dataset b = DatasetLoader.load(TinyData.pipeline(dir.resolve("b"), "cycled-100", 3, 0.25), Progress.NONE);
        assertEquals(0, FigureModel.centreNm(a)[0], 1e-6);
        assertEquals(12, FigureModel.centreNm(b)[0], 1e-6, "ball moved 3 voxels of 4 nm");
        FigureModel m = new FigureModel();
        m.datasets().addAll(List.of(a, b));
        m.quantities().addAll(List.of("HAADF", "fraction-Ni"));
        m.setPlane(Plane.YZ);
        m.setOffset(0, 0, 0);
        // YZ through each centre: x index 7/8 for a, 10/11 for b
        assertEquals(SharedCursor.index(0, 16, 4), m.sliceIndex(a, a.volume("HAADF").volume()));
        assertEquals(SharedCursor.index(12, 16, 4), m.sliceIndex(b, b.volume("HAADF").volume()));
        var rows = m.rows();
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).panels().size());
        double[] lim = m.rowLimits("fraction-Ni", ColorMap.VIRIDIS);
        assertTrue(lim[0] < 0.2 && lim[1] > 0.3, "one scale spans both datasets: " + lim[0] + ".." + lim[1]);
        Path png = dir.resolve("fig.png");
        Path prov = m.export(png, org.trident.render.Figure.Options.of(85, 300));
        assertTrue(Files.size(png) > 1000);
        var rec = org.trident.io.Json.readObject(prov);
        assertEquals("YZ", rec.path("view").path("plane").asText());
        assertEquals(4, rec.path("inputs").size());
    }

    @Test
    void reconstructionPreviewMatchesTheFullRunAndUndoRestoresSettings(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        ReconViewModel vm = new ReconViewModel();
        vm.setSeries(d.series());
        assertEquals(List.of("HAADF"), vm.channels(), "raw spectra are not reconstructable");
        vm.setParams(vm.params().withIterations(20));
        var p = vm.params();
        var pv = vm.preview("HAADF", 8, p, Progress.NONE);
        assertEquals(16, pv.width());
        assertEquals(16, pv.height());
        var full = vm.run(List.of("HAADF"), p, 2, Progress.NONE).get("HAADF");
        for (int k = 0; k < 16; k++) for (int i = 0; i < 16; i++)
            assertEquals(full.get(i, 8, k), pv.values()[k * 16 + i], 1e-3, "preview slice = the same slice of the full run");
        assertEquals(100, full.get(8, 8, 8), 30, "ball of 100 from five exact projections");
        assertEquals(0, full.get(0, 8, 0), 15, "empty corner stays near zero");
        vm.setAlgorithm(org.trident.recon.Algorithm.WBP);
        assertTrue(vm.canUndo());
        vm.undo();
        assertEquals(20, vm.params().iterations());
        vm.undo();
        assertEquals(50, vm.params().iterations());
        assertThrows(TridentException.class, () -> vm.preview("HAADF", 8, vm.params().withRelaxation(3), Progress.NONE));
    }

    /**
     * The preview runs on SlicePreview on every core: the slice is the same on 1 or 2 threads,
     * and its residual is the engine's ‖b − Ax‖/‖b‖ for the same slice and settings (SIRT on the
     * preview's own kernels, ART and CGLS through the engine).
     */
    @Test
    void previewResidualIsTheEnginesAndDoesNotDependOnThreads(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        ReconViewModel vm = new ReconViewModel();
        vm.setSeries(d.series());
        var ts = d.series();
        var ch = ts.channel("HAADF");
        for (var a : new org.trident.recon.Algorithm[]{org.trident.recon.Algorithm.SIRT, org.trident.recon.Algorithm.ART,
                org.trident.recon.Algorithm.CGLS}) {
            var p = org.trident.recon.ReconParams.defaults(a).withIterations(5);
            var one = vm.preview("HAADF", 8, p, 1, Progress.NONE);
            var two = vm.preview("HAADF", 8, p, 2, Progress.NONE);
            assertArrayEquals(one.values(), two.values(), 0f, a + ": threads");
            var engine = new org.trident.recon.Reconstructor(ts.width(), p.thickness(ts.width()), ts.tiltAnglesDeg())
                    .run(ch.images(), 8, 9, ts.pixelSizeNm(), ReconViewModel.paramsFor(ch, p), null, 1, Progress.NONE, null);
            assertTrue(engine.residual() > 0 && engine.residual() < 1, a + ": " + engine.residual());
            assertEquals(engine.residual(), one.residual(), 1e-5 * engine.residual(), a + ": the engine's residual");
            float[] ev = engine.volume().data();
            for (int q = 0; q < ev.length; q++) assertEquals(ev[q], one.values()[q], 1e-4 * Math.max(1, Math.abs(ev[q])), a + " voxel " + q);
        }
    }

    @Test
    void alignmentNudgesUndoAndApplies(@TempDir Path dir) throws Exception {
        Dataset d = DatasetLoader.load(TinyData.pipeline(dir, "pristine", 0, 0.33), Progress.NONE);
        AlignViewModel vm = new AlignViewModel();
        vm.setSeries(d.rawSeries());
        assertArrayEquals(new double[]{7.5, 0, 7.5, 15}, vm.axisLine(true), 1e-9);
        vm.nudge(2, 1.0, 0);
        assertEquals(1.0, vm.alignment().dx(2));
        // aligned(q) = raw(q + d): a shift of +1 px moves the image one column left
        float[] raw = vm.image(2, false), al = vm.image(2, true);
        assertEquals(raw[8 * 16 + 9], al[8 * 16 + 8], 1e-3);
        vm.undo();
        assertEquals(0.0, vm.alignment().dx(2));
        var r = vm.estimate(org.trident.align.AlignParams.defaults().withMethods(List.of(org.trident.align.AlignMethod.XCORR)), 1, Progress.NONE);
        vm.accept(r);
        for (int t = 0; t < 5; t++) assertEquals(0, vm.alignment().dx(t), 0.5, "an aligned series needs no shift");
        var ts = vm.apply(1, Progress.NONE);
        assertTrue(ReconViewModel.looksAligned(ts));
        assertEquals(2, ts.channels().size(), "every channel follows the ADF alignment");
        // leaving a tilt out by hand: the aligned series loses it, undo takes it back
        vm.toggleExcluded(1);
        assertTrue(vm.excluded(1));
        assertEquals("excluded by hand", vm.exclusionReason(1));
        assertEquals(4, vm.apply(1, Progress.NONE).tilts());
        vm.toggleExcluded(1);
        assertFalse(vm.excluded(1));
        assertEquals(5, vm.apply(1, Progress.NONE).tilts());
        vm.undo();
        assertTrue(vm.excluded(1));
    }

    @Test
    void workspaceRoundTripsWithRelativePaths(@TempDir Path dir) throws Exception {
        Workspace w = new Workspace();
        w.setName("NCM111 cycling");
        w.entries().add(new Workspace.Entry("pristine", dir.resolve("data/pristine")));
        w.entries().add(new Workspace.Entry(null, Path.of("/elsewhere/x.mrc").toAbsolutePath()));
        w.view().put("step", "VOLUMES");
        Path f = dir.resolve("ws.json");
        w.write(f);
        assertTrue(Files.readString(f).contains("\"data/pristine\""));
        assertTrue(Workspace.isWorkspace(f));
        Workspace r = Workspace.read(f);
        assertEquals("NCM111 cycling", r.name());
        assertEquals(dir.resolve("data/pristine"), r.entries().get(0).path());
        assertNull(r.entries().get(1).label());
        assertEquals("VOLUMES", r.view().path("step").asText());
        Files.writeString(f, "{\"format\": \"trident.workspace/2\", \"datasets\": []}");
        var e = assertThrows(TridentException.class, () -> Workspace.read(f));
        assertTrue(e.getMessage().contains("newer"));
    }
}
