package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @Test
    void joinsTablesAndDrawsFigures(@TempDir Path tmp) throws Exception {
        Path recon = AnalyzeCommandTest.reconDir(Files.createDirectories(tmp.resolve("recon")));
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", a.resolve("analysis").toString(), "--threads", "1"));
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", b.toString(), "--threads", "1"));
        ObjectNode prov = Json.object().put("dataset", "pristine");
        Json.write(a.resolve("provenance.json"), prov);
        Path out = tmp.resolve("cmp");
        assertEquals(0, TridentCommand.run("compare", a.toString(), b.toString(), "--out", out.toString()));
        List<String> sum = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(sum.get(0).startsWith("dataset,quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm"));
        var cprov = Json.readObject(out.resolve("provenance.json"));
        assertEquals("compare", cprov.path("step").asText());
        assertEquals(4, cprov.path("inputs").size(), "summary and profiles of both datasets, with checksums");
        cprov.path("inputs").forEach(i -> assertEquals(64, i.path("sha256").asText().length()));
        assertTrue(sum.stream().anyMatch(l -> l.startsWith("pristine,fraction-Ni,0.375,")));
        // b is an analyze output: its label comes from analysis.json (the reconstruction's sample.stage)
        assertTrue(sum.stream().anyMatch(l -> l.startsWith("cycled-10,fraction-Ni,0.375,")), String.join("\n", sum));
        List<String> prof = Files.readAllLines(out.resolve("depth-profiles.csv"));
        assertTrue(prof.get(0).startsWith("dataset,quantity,depth_nm,mean,std,voxels"));
        for (String q : List.of("fraction-Ni", "fraction-Co", "fraction-Mn", "inhomogeneity", "HAADF")) {
            assertTrue(Files.size(out.resolve("profile-" + q + ".png")) > 1000, q);
            assertTrue(Files.readString(out.resolve("profile-" + q + ".svg")).contains(">cycled-10</text>"), q);
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(out.resolve("profile-" + q + ".pdf").toFile())) {
                assertEquals(1, pdf.getNumberOfPages(), q);
                assertEquals(85 / 25.4 * 72, pdf.getPage(0).getMediaBox().getWidth(), 0.5, q); // single column, 85 mm
                assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains("cycled-10"), q);
            }
        }
    }

    @Test
    void refusesAFolderWithoutAnalysis(@TempDir Path tmp) {
        assertEquals(2, TridentCommand.run("compare", tmp.toString(), "--out", tmp.resolve("o").toString()));
    }
}
