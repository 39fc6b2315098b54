package org.trident.ui;

import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.render.ExportRecord;
import org.trident.render.ImageExport;
import org.trident.render.Slices.Plane;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The figure composer and the IMOD export driven in the real window under headless Monocle: what
 * the GUI writes must be what {@code trident figure} and {@code trident export} write.
 */
@ExtendWith(ApplicationExtension.class)
class FigureComposerFxTest {
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) throws java.io.IOException {
        window = FxSession.open(stage);
        scene = stage.getScene();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private void waitForJobs() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** An analysis table with half sets: mean = 0.3 + 0.004·depth (+0.05 for the second set), shells of 200 voxels. */
    static void profiles(Path dataset, double offset) throws Exception {
        StringBuilder b = new StringBuilder("quantity,depth_nm,mean,std,voxels,sem,halfset_err\n");
        for (int d = 2; d <= 30; d += 4)
            b.append(String.format(Locale.ROOT, "fraction-Ni,%d,%.4f,0.05,200,0.0035,0.006%n", d, 0.3 + offset + 0.004 * d));
        Files.writeString(dataset.resolve("analysis/depth-profiles.csv"), b);
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) n++;
        return n;
    }

    @Test
    void composeSliceAndProfileSaveAndReplayThroughTheCli(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("pristine"), "pristine", 0, 0.33);
        Path b = TinyData.pipeline(dir.resolve("c100"), "cycled-100", -2, 0.26);
        profiles(a, 0);
        profiles(b, 0.05);
        robot.interact(() -> window.open(List.of(a, b)));
        waitForJobs();
        assertEquals(2, window.datasets().size());

        FigureComposerView[] c = new FigureComposerView[1];
        robot.interact(() -> c[0] = window.openComposer());
        FigureComposerView comp = c[0];
        Dataset pristine = window.datasets().get(0);
        // a slice panel: pristine's Ni fraction, XZ section through the particle's centre
        robot.interact(() -> {
            comp.sliceDataset.setValue(pristine);
            comp.sliceQuantity.setValue("fraction-Ni");
            comp.slicePlane.setValue(Plane.XZ);
            comp.sliceTitle.setText("pristine");
        });
        assertEquals(8, comp.sliceIndex.getValue(), "the particle's centre of mass (ball centred at 7.5 voxels)");
        robot.clickOn("#composer-add-slice");
        // a profile panel of both datasets (both ticked: both have a table)
        robot.interact(() -> comp.profileQuantity.setValue("fraction-Ni"));
        robot.clickOn("#composer-add-profile");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, comp.panelList.getItems().size(), comp.status.getText());
        // double column at 300 dpi
        robot.clickOn("#composer-double");
        robot.interact(() -> { comp.dpi.setText("300"); comp.dpi.fireEvent(new ActionEvent()); });
        int expectedWidth = (int) Math.round(175 / 25.4 * 300);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> comp.shownPreview() != null && comp.shownPreview().getWidth() == expectedWidth);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(comp.getScene(), "composer"));

        Path png = dir.resolve("fig/figure.png"), pdf = dir.resolve("fig/figure.pdf"), layout = dir.resolve("fig/figure.json");
        Files.createDirectories(png.getParent());
        robot.interact(() -> comp.saveFigure(png));
        waitForJobs();
        robot.interact(() -> comp.saveFigure(pdf));
        waitForJobs();
        robot.interact(() -> comp.saveLayout(layout));
        assertTrue(Files.isRegularFile(png) && Files.isRegularFile(pdf) && Files.isRegularFile(layout), comp.status.getText());

        // PNG: the chosen dpi stored, width = mm / 25.4 · dpi, and exactly the preview that was shown
        assertEquals(300, ImageExport.readDpi(png), 0.01);
        BufferedImage gui = ImageIO.read(png.toFile());
        assertEquals(expectedWidth, gui.getWidth());
        assertEquals(0, differingPixels(comp.shownPreview(), gui), "the preview is the saved figure");
        assertEquals(2, Json.readObject(ExportRecord.pathFor(png)).path("view").path("panels").asInt());

        // PDF: 175 mm wide, every font embedded, the profile text as vectors
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            var page = doc.getPage(0);
            assertEquals(175, page.getMediaBox().getWidth() / 72 * 25.4, 0.05);
            int fonts = 0;
            for (COSName n : page.getResources().getFontNames()) {
                var f = page.getResources().getFont(n);
                assertTrue(f.isEmbedded(), f.getName() + " embedded");
                fonts++;
            }
            assertTrue(fonts > 0, "the profile panel's text is in the PDF");
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains("depth (nm)"));
        }

        // the layout: relative paths, two tables labelled by dataset, half-set bands; replayed by the CLI pixel for pixel
        var root = Json.readObject(layout);
        var prof = root.path("rows").get(0).path("panels").get(1);
        assertEquals("../pristine/analysis/depth-profiles.csv", prof.path("profiles").get(0).asText());
        assertEquals(window.datasets().get(1).label(), prof.path("labels").get(1).asText(), "curves named as the datasets are");
        assertEquals("halfset", prof.path("band").asText());
        Path cli = dir.resolve("fig/replayed.png");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", cli.toString()));
        assertEquals(0, differingPixels(gui, ImageIO.read(cli.toFile())), "pixels that differ between the composer's PNG and trident figure's");

        // letters off changes the picture; a bad size gives one line and no crash; loading the layout gives it back
        BufferedImage withLetters = comp.shownPreview();
        robot.interact(() -> { comp.letters.setSelected(false); comp.letters.fireEvent(new ActionEvent()); });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> comp.shownPreview() != withLetters);
        assertTrue(differingPixels(withLetters, comp.shownPreview()) > 0, "panel letters off is drawn");
        robot.interact(() -> { comp.dpi.setText("150"); comp.dpi.fireEvent(new ActionEvent()); });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> comp.status.getText().startsWith("No preview"));
        assertTrue(comp.status.getText().contains("below the 300"), comp.status.getText());
        assertFalse(comp.status.getText().contains("\n"));
        robot.interact(() -> comp.loadLayout(layout));
        assertEquals(300, comp.model().dpi());
        assertTrue(comp.model().letters());
        assertEquals(root, comp.model().layout(layout.toAbsolutePath().getParent()), "a loaded layout saves as it was");
        // reorder: the profile first
        robot.interact(() -> comp.panelList.getSelectionModel().select(1));
        robot.clickOn("◀ Earlier");
        assertTrue(comp.model().layout(null).path("rows").get(0).path("panels").get(0).has("profiles"));
    }

    @Test
    void imodExportFromTheGuiEqualsTridentExport(FxRobot robot, @TempDir Path dir) throws Exception {
        Path a = TinyData.pipeline(dir.resolve("pristine"), "pristine", 1, 0.33);
        robot.interact(() -> window.open(List.of(a)));
        waitForJobs();
        // the series as opened (an aligned pipeline output): identity transforms, as export BUNDLE --to imod
        Path gui = dir.resolve("gui-imod"), cli = dir.resolve("cli-imod");
        exportImod(robot, gui);
        assertEquals(0, TridentCommand.run("export", a.resolve("aligned").toString(), "--to", "imod", "--out", cli.toString()));
        assertSameImod(gui, cli, "tiny_pristine");
        // the same folder again is refused (not empty) and nothing is replaced; so is the input's own folder
        long before = Files.getLastModifiedTime(gui.resolve("tiny_pristine.mrc")).toMillis();
        exportImod(robot, gui);
        assertTrue(window.exportPane().resultText().contains("not empty"), window.exportPane().resultText());
        assertFalse(window.exportPane().resultText().contains("--force"), "the GUI has no --force: " + window.exportPane().resultText());
        assertEquals(before, Files.getLastModifiedTime(gui.resolve("tiny_pristine.mrc")).toMillis());
        exportImod(robot, a.resolve("aligned"));
        assertTrue(window.exportPane().resultText().contains("overwrite the input"), window.exportPane().resultText());

        // aligned here: the raw stack with the alignment's transforms, as export RAW --to imod --alignment alignment.json
        robot.interact(() -> window.show(MainWindow.Step.ALIGN));
        robot.interact(() -> window.alignView().runButton().fire());
        waitForJobs();
        robot.interact(() -> window.alignView().applyButton().fire());
        waitForJobs();
        assertTrue(window.current().alignedHere());
        Path alignment = window.current().resultsDir().resolve("aligned/alignment.json");
        Path gui2 = dir.resolve("gui-imod-aligned"), cli2 = dir.resolve("cli-imod-aligned");
        exportImod(robot, gui2);
        assertEquals(0, TridentCommand.run("export", a.resolve("aligned").toString(), "--to", "imod", "--alignment", alignment.toString(), "--out", cli2.toString()));
        assertSameImod(gui2, cli2, "tiny_pristine");
        assertNotEquals(Files.readString(gui.resolve("tiny_pristine.xf")), Files.readString(gui2.resolve("tiny_pristine.xf")),
                "the alignment's transforms, not the identity");
    }

    private void exportImod(FxRobot robot, Path folder) throws Exception {
        robot.interact(() -> {
            window.show(MainWindow.Step.EXPORT);
            window.exportPane().setWhat(ExportPane.What.IMOD);
            window.exportPane().fileField().setText(folder.toString());
        });
        robot.interact(() -> window.exportPane().exportButton().fire());
        waitForJobs();
    }

    /** .tlt and .xf byte for byte; the stack byte for byte but for the header's label text (it holds the time written). */
    static void assertSameImod(Path gui, Path cli, String stem) throws Exception {
        for (String ext : List.of(".tlt", ".xf")) assertEquals(Files.readString(cli.resolve(stem + ext)), Files.readString(gui.resolve(stem + ext)), ext);
        byte[] g = Files.readAllBytes(gui.resolve(stem + ".mrc")), c = Files.readAllBytes(cli.resolve(stem + ".mrc"));
        assertEquals(c.length, g.length);
        assertArrayEquals(Arrays.copyOfRange(c, 0, 224), Arrays.copyOfRange(g, 0, 224), "MRC header before the labels");
        assertArrayEquals(Arrays.copyOfRange(c, 1024, c.length), Arrays.copyOfRange(g, 1024, g.length), "MRC data");
        var gp = Json.readObject(ExportRecord.pathFor(gui.resolve(stem + ".mrc"))).path("view");
        var cp = Json.readObject(ExportRecord.pathFor(cli.resolve(stem + ".mrc"))).path("view");
        assertEquals(cp, gp, "the same export record");
    }
}
