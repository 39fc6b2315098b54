package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {
    /** A reconstruct-like folder: a 20³ cube particle of uniform composition, half-sets included. */
    static Path reconDir(Path dir) {
        int n = 20;
        String[] names = {"HAADF", "EDS:Ni", "EDS:Co", "EDS:Mn"};
        float[] vals = {5f, 30f, 20f, 10f};
        ObjectNode root = Json.object();
        root.put("format", "trident.reconstruction/1");
        root.putObject("sample").put("stage", "cycled-10");
        ObjectNode chs = root.putObject("channels");
        ObjectNode odd = Json.object(), even = Json.object();
        for (int c = 0; c < names.length; c++) {
            Volume v = Volume.zeros(n, n, n, 3.0);
            for (int k = 4; k < 16; k++) for (int j = 4; j < 16; j++) for (int i = 4; i < 16; i++) v.set(i, j, k, vals[c]);
            String f = names[c].replace(':', '_');
            Mrc.write(dir.resolve(f + ".mrc"), v);
            Mrc.write(dir.resolve(f + "-odd.mrc"), v);
            Mrc.write(dir.resolve(f + "-even.mrc"), v);
            ObjectNode cn = chs.putObject(names[c]).put("file", f + ".mrc").put("signal", c == 0 ? "ADF" : "map");
            if (c > 0) cn.put("element", names[c].substring(4));
            odd.put(names[c], f + "-odd.mrc");
            even.put(names[c], f + "-even.mrc");
        }
        root.putObject("halfSets").<ObjectNode>set("odd", odd).set("even", even);
        ObjectNode q = root.putObject("quantification");
        q.putObject("kFactors").put("Ni", 1.0).put("Co", 2.0).put("Mn", 1.0);
        q.putArray("transitionMetals").add("Ni").add("Co").add("Mn");
        Json.write(dir.resolve("reconstruction.json"), root);
        return dir;
    }

    @Test
    void writesTheContractFiles(@TempDir Path tmp) throws Exception {
        Path recon = reconDir(Files.createDirectories(tmp.resolve("recon")));
        Path out = tmp.resolve("analysis");
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", out.toString(), "--bulk-nm", "12", "--threads", "1"));
        for (String f : List.of("mask.mrc", "depth-nm.mrc", "fraction-Ni.mrc", "fraction-Co.mrc", "fraction-Mn.mrc", "inhomogeneity.mrc",
                "depth-profiles.csv", "depth-profiles-by-particle.csv", "summary.csv", "analysis.json")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        List<String> prof = Files.readAllLines(out.resolve("depth-profiles.csv"));
        assertTrue(prof.get(0).startsWith("quantity,depth_nm,mean,std,voxels"));
        // shell 0 of a 12³ cube at 3 nm: 12³ - 10³ voxels at depth 1.5 nm, fraction-Ni = 30 / (30 + 40 + 10)
        assertTrue(prof.contains("fraction-Ni,1.5,0.375,0,728,0,0,0,0.375,0"), String.join("\n", prof));
        List<String> sum = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(sum.get(0).startsWith("quantity,surface_mean,bulk_mean,surface_depth_nm,bulk_depth_nm"));
        assertTrue(sum.stream().anyMatch(l -> l.startsWith("fraction-Co,0.5,0.5,10,12,")), String.join("\n", sum));
        Volume d = Mrc.readVolume(out.resolve("depth-nm.mrc"));
        assertEquals(1.5, d.get(4, 10, 10), 1e-6);
        assertTrue(Float.isNaN(d.get(0, 0, 0)));
        // the output folder is now non-empty: refused without --force
        assertNotEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", out.toString()));
        assertEquals(0, TridentCommand.run("analyze", recon.toString(), "--out", out.toString(), "--force"));
    }

    @Test
    void refusesAFolderWithoutReconstruction(@TempDir Path tmp) {
        assertEquals(2, TridentCommand.run("analyze", tmp.toString(), "--out", tmp.resolve("o").toString()));
    }
}
