package org.trident.export;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.io.Json;
import org.trident.render.ExportRecord;
import org.trident.render.Figure;
import org.trident.render.ImageExport;
import org.trident.render.ProfileChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile panels in {@code trident figure}: curves equal the CSV, mixed rows, letters, vector PDF with embedded fonts. */
class FigureProfilePanelTest {
    /** Analytic profiles: mean = a + b·depth; the 3 nm shell has 5 voxels and must not be plotted (as in compare). */
    static double mean(int set, double depth) {
        return 0.6 + 0.1 * set + 0.004 * depth * (set + 1);
    }

    static Path compareCsv(Path dir) throws Exception {
        StringBuilder b = new StringBuilder("dataset,quantity,depth_nm,mean,std,voxels,sem,halfset_err\n");
        String[] names = {"pristine", "cycled-10", "cycled-100"};
        for (int s = 0; s < 3; s++) {
            for (int d = 1; d <= 40; d += 2) {
                int vox = d == 39 ? 5 : 400;
                b.append(names[s]).append(",fraction-Ni,").append(d).append(',').append(mean(s, d)).append(",0.05,").append(vox)
                        .append(",0.0025,0.004\n");
                b.append(names[s]).append(",HAADF,").append(d).append(",100,5,").append(vox).append(",0.25,NaN\n");
            }
        }
        Path csv = dir.resolve("cmp").resolve("depth-profiles.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    static Path layout(Path tmp) throws Exception {
        FigureLayoutTest.volume(tmp.resolve("a.mrc"), 1);
        compareCsv(tmp);
        Path layout = tmp.resolve("layout.json");
        Files.writeString(layout, """
                {"format": "trident.figure/1", "widthMm": 85, "dpi": 600,
                 "rows": [
                   {"label": "Ni fraction", "panels": [{"volume": "a.mrc", "title": "pristine"},
                                                      {"profiles": "cmp/depth-profiles.csv", "quantity": "fraction-Ni", "title": "Ni"}]},
                   {"panels": [{"profiles": "cmp/depth-profiles.csv", "quantity": "fraction-Ni", "datasets": ["cycled-100"], "band": "sem"}]}
                 ]}
                """, StandardCharsets.UTF_8);
        return layout;
    }

    @Test
    void profileCurvesAreTheCsvValuesThroughTheCompareChart(@TempDir Path tmp) throws Exception {
        FigureLayout.Built b = FigureLayout.build(layout(tmp));
        assertEquals(2, b.rows().size());
        assertEquals(2, b.rows().get(0).panels().size());
        assertTrue(b.rows().get(0).scale() != null, "the slice in a mixed row keeps its colour bar");
        assertEquals(null, b.rows().get(1).scale(), "a row of profiles only has no colour bar");
        ProfileChart all = b.rows().get(0).panels().get(1).chart();
        assertEquals(List.of("pristine", "cycled-10", "cycled-100"), all.series().stream().map(ProfileChart.Series::label).toList());
        for (int s = 0; s < 3; s++) {
            ProfileChart.Series se = all.series().get(s);
            assertEquals(19, se.x().length, "the 5-voxel shell is left out, as compare does");
            for (int i = 0; i < se.x().length; i++) {
                assertEquals(1 + 2 * i, se.x()[i], 0);
                assertEquals(mean(s, se.x()[i]), se.y()[i], 1e-12);
                assertEquals(mean(s, se.x()[i]) + 0.004, se.hi()[i], 1e-12, "half-set band");
            }
        }
        ProfileChart one = b.rows().get(1).panels().get(0).chart();
        assertEquals(1, one.series().size());
        assertEquals(mean(2, 7), one.series().get(0).y()[3], 1e-12);
        assertEquals(mean(2, 7) - 0.0025, one.series().get(0).lo()[3], 1e-12, "s.e.m. band as asked");
    }

    /** One analysis table (no dataset column): mean = 0.5 + k·depth, half-set error 0.01. */
    static Path analysisCsv(Path dir, double k) throws Exception {
        StringBuilder b = new StringBuilder("quantity,depth_nm,mean,std,voxels,sem,halfset_err\n");
        for (int d = 2; d <= 20; d += 2) b.append("fraction-Ni,").append(d).append(',').append(0.5 + k * d).append(",0.05,100,0.005,0.01\n");
        Path csv = dir.resolve("analysis").resolve("depth-profiles.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void aPanelFromSeveralAnalysisTablesAndAnInMemoryLayout(@TempDir Path tmp) throws Exception {
        analysisCsv(tmp.resolve("p"), 0.01);
        analysisCsv(tmp.resolve("c"), -0.01);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("""
                {"format": "trident.figure/1", "widthMm": 60, "dpi": 300, "letters": false,
                 "rows": [{"panels": [{"profiles": ["p/analysis/depth-profiles.csv", "c/analysis/depth-profiles.csv"],
                                       "labels": ["pristine", "cycled"], "quantity": "fraction-Ni"}]}]}
                """);
        FigureLayout.Built b = FigureLayout.build(root, tmp, tmp.resolve("mem"));
        assertEquals(false, b.letters());
        ProfileChart chart = b.rows().get(0).panels().get(0).chart();
        assertEquals(List.of("pristine", "cycled"), chart.series().stream().map(ProfileChart.Series::label).toList());
        for (int s = 0; s < 2; s++) {
            ProfileChart.Series se = chart.series().get(s);
            double k = s == 0 ? 0.01 : -0.01;
            assertEquals(10, se.x().length);
            for (int i = 0; i < se.x().length; i++) {
                assertEquals(0.5 + k * se.x()[i], se.y()[i], 1e-12);
                assertEquals(0.5 + k * se.x()[i] + 0.01, se.hi()[i], 1e-12, "half-set band by default");
            }
        }
        // the composer's preview is the raster the written PNG holds
        Path png = tmp.resolve("mem.png");
        assertEquals(1, FigureLayout.write(root, tmp, tmp.resolve("mem"), png));
        BufferedImage written = ImageIO.read(png.toFile()), shown = FigureLayout.render(root, tmp, tmp.resolve("mem"));
        assertEquals(Math.round(60 / 25.4 * 300), written.getWidth());
        for (int y = 0; y < shown.getHeight(); y += 3) for (int x = 0; x < shown.getWidth(); x += 3)
            assertEquals(shown.getRGB(x, y) & 0xFFFFFF, written.getRGB(x, y) & 0xFFFFFF);
        assertEquals(root, Json.readObject(ExportRecord.pathFor(png)).path("view").path("layout"), "the layout is in the provenance");
        // a labels list of the wrong length, and two tables under one name, are refused
        var labels = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("rows").get(0).get("panels").get(0).get("labels");
        labels.remove(1);
        assertThrows(org.trident.model.TridentException.class, () -> FigureLayout.build(root, tmp, tmp.resolve("mem")));
        labels.add("pristine");
        assertThrows(org.trident.model.TridentException.class, () -> FigureLayout.build(root, tmp, tmp.resolve("mem")));
    }

    @Test
    void pngHasPrintSizeLettersOnEveryPanelAndDrawnCharts(@TempDir Path tmp) throws Exception {
        Path layout = layout(tmp);
        Path png = tmp.resolve("fig.png");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", png.toString()));
        assertEquals(600, ImageExport.readDpi(png), 0.5);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Math.round(85 / 25.4 * 600), img.getWidth());
        assertEquals(3, Json.readObject(ExportRecord.pathFor(png)).path("view").path("panels").asInt());

        FigureLayout.Built b = FigureLayout.build(layout);
        Figure.Options on = Figure.Options.of(85, 600), off = new Figure.Options(85, 600, 8, false, true);
        Figure.Composition with = Figure.compose(b.rows(), on, true), without = Figure.compose(b.rows(), off, true);
        assertEquals(2, with.charts().size());
        int fontPx = (int) Math.round(8 / 72.0 * 600);
        for (Figure.ChartCell c : with.charts()) {
            // the letter sits in the title band above the cell, at its left edge
            assertTrue(differs(with.image(), without.image(), c.x(), c.y() - 2 * fontPx, 2 * fontPx, 2 * fontPx), "letter above chart at " + c.x());
            assertTrue(dark(with.image(), c.x(), c.y(), c.w(), c.h()) > 1000, "chart drawn into its cell");
            assertTrue(c.h() >= Math.round(c.w() * 0.68) - 1, "at least the profile figures' proportion");
        }
        // the slice panel (row 1, left) carries letter a
        assertTrue(differs(with.image(), without.image(), fontPx, fontPx, 2 * fontPx, 2 * fontPx));
        Figure.Composition blank = Figure.compose(b.rows(), on, false);
        for (Figure.ChartCell c : blank.charts()) assertEquals(0, dark(blank.image(), c.x(), c.y(), c.w(), c.h()), "left for the vector writer");
    }

    @Test
    void pdfIsExactWidthWithVectorChartsAndEveryFontEmbedded(@TempDir Path tmp) throws Exception {
        Path layout = layout(tmp);
        Path pdf = tmp.resolve("fig.pdf");
        assertEquals(0, TridentCommand.run("figure", layout.toString(), "--out", pdf.toString()));
        FigureLayout.Built b = FigureLayout.build(layout);
        BufferedImage raster = Figure.compose(b.rows(), Figure.Options.of(85, 600));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            PDPage page = doc.getPage(0);
            assertEquals(85 / 25.4 * 72, page.getMediaBox().getWidth(), 0.01);
            assertEquals(raster.getHeight() * 72.0 / 600, page.getMediaBox().getHeight(), 0.5);
            List<PDFont> fonts = new ArrayList<>();
            for (COSName n : page.getResources().getFontNames()) fonts.add(page.getResources().getFont(n));
            assertTrue(!fonts.isEmpty(), "chart text is text, not pixels");
            for (PDFont f : fonts) assertTrue(f.isEmbedded(), f.getName() + " embedded");
            List<PDImageXObject> images = new ArrayList<>();
            for (COSName n : page.getResources().getXObjectNames()) images.add((PDImageXObject) page.getResources().getXObject(n));
            assertEquals(1, images.size());
            assertEquals(raster.getWidth(), images.get(0).getWidth(), "slices embedded at the layout dpi");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("depth (nm)") && text.contains("pristine"), text); // the rotated y label extracts in pieces
            assertTrue(text.contains("cycled-100"), text);
        }
        assertNotEquals(0, TridentCommand.run("figure", layout.toString(), "--out", tmp.resolve("fig.svg").toString()));
    }

    static boolean differs(BufferedImage a, BufferedImage b, int x, int y, int w, int h) {
        for (int j = Math.max(0, y); j < Math.min(a.getHeight(), y + h); j++)
            for (int i = Math.max(0, x); i < Math.min(a.getWidth(), x + w); i++) if (a.getRGB(i, j) != b.getRGB(i, j)) return true;
        return false;
    }

    static int dark(BufferedImage img, int x, int y, int w, int h) {
        int n = 0;
        for (int j = y; j < y + h; j++) for (int i = x; i < x + w; i++) if ((img.getRGB(i, j) & 0xFFFFFF) != 0xFFFFFF) n++;
        return n;
    }

    /**
     * A profile panel naming an analysis's depth-profiles.csv draws the shell fit beside it when
     * asked (fit, or auto on a pipeline output whose provenance reported the fit): its values, its
     * ± 1 σ as the band and "(shell fit)" in the label; voxel (or no choice) keeps the voxel table.
     */
    @Test
    void theFittedProfilesAreDrawnWhenAskedOrWhenThePipelineReportedThem(@TempDir Path tmp) throws Exception {
        Path voxel = analysisCsv(tmp.resolve("run"), 0.01);
        StringBuilder b = new StringBuilder(org.trident.analysis.ShellFitWriter.PROFILE_HEADER).append('\n');
        for (int d = 2; d <= 20; d += 2) b.append("fraction-Ni,").append(d).append(',').append(0.6 - 0.005 * d).append(",NaN,100,0.02,0.5,0.5\n");
        Files.writeString(voxel.resolveSibling("profiles-fit.csv"), b.toString(), StandardCharsets.UTF_8);
        Files.writeString(voxel.resolveSibling("summary-fit.csv"), org.trident.analysis.ShellFitWriter.SUMMARY_HEADER + "\n", StandardCharsets.UTF_8);
        var root = Json.MAPPER.readTree("""
                {"format": "trident.figure/1", "widthMm": 60, "dpi": 300,
                 "rows": [{"panels": [{"profiles": "run/analysis/depth-profiles.csv", "label": "run", "quantity": "fraction-Ni"}]}]}
                """);
        java.util.function.Function<org.trident.analysis.ProfileSource, ProfileChart.Series> drawn = s ->
                FigureLayout.build(root, tmp, tmp.resolve("mem"), s).rows().get(0).panels().get(0).chart().series().get(0);
        ProfileChart.Series fit = drawn.apply(org.trident.analysis.ProfileSource.FIT);
        assertEquals("run (shell fit)", fit.label());
        assertEquals(10, fit.x().length);
        for (int i = 0; i < fit.x().length; i++) {
            assertEquals(0.6 - 0.005 * fit.x()[i], fit.y()[i], 1e-12);
            assertEquals(0.6 - 0.005 * fit.x()[i] + 0.02, fit.hi()[i], 1e-12, "band: the fit's 1 σ");
        }
        ProfileChart.Series vox = drawn.apply(org.trident.analysis.ProfileSource.VOXEL);
        assertEquals("run", vox.label());
        assertEquals(0.5 + 0.01 * vox.x()[3], vox.y()[3], 1e-12);
        assertEquals(vox.y()[3], drawn.apply(null).y()[3], 0, "no choice: the table named");
        assertEquals(vox.y()[3], drawn.apply(org.trident.analysis.ProfileSource.AUTO).y()[3], 0, "auto without a pipeline's word: voxel");
        Json.write(tmp.resolve("run").resolve("provenance.json"), Json.object().set("profileSource", Json.object().put("summary", "shell-fit")));
        assertEquals(fit.y()[3], drawn.apply(org.trident.analysis.ProfileSource.AUTO).y()[3], 0, "auto: what the pipeline reported");
        Files.delete(voxel.resolveSibling("profiles-fit.csv"));
        var e = assertThrows(org.trident.model.TridentException.class, () -> drawn.apply(org.trident.analysis.ProfileSource.FIT));
        assertTrue(e.getMessage().contains("no shell fit") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
