package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Mrc;
import org.trident.io.Npy;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trident.contract.Cli.json;
import static org.trident.contract.Cli.ok;
import static org.trident.contract.Cli.refused;

/** Contract sections 2 and 4 on inputs: array encodings, inferred signals, NaN refusal, and simulate's dose and field of view. */
class ContractInputsTest {
    @TempDir
    static Path dir;
    static Path low, high;

    @BeforeAll
    static void simulateTwoDoses() {
        low = dir.resolve("low");
        high = dir.resolve("high");
        for (Path p : List.of(low, high))
            ok("simulate", "--stage", "pristine", "--out", p.toString(), "--size", "24", "--angles", "-30,0,30",
                    "--no-eels", "--dose", p == low ? "low" : "high", "--seed", "2", "--threads", "2");
    }

    @Test
    void angleListsAndDoseLevels() {
        JsonNode ts = json(low.resolve("bundle/tiltseries.json"));
        assertEquals(List.of(-30.0, 0.0, 30.0), List.of(ts.get("tiltAnglesDeg").get(0).asDouble(),
                ts.get("tiltAnglesDeg").get(1).asDouble(), ts.get("tiltAnglesDeg").get(2).asDouble()));
        double lowCounts = countsPerParticlePixel(low), highCounts = countsPerParticlePixel(high);
        assertTrue(lowCounts > 0.5 && lowCounts < 50, "low dose: a few EDS counts per particle pixel per tilt, got " + lowCounts);
        assertTrue(highCounts >= 20 * lowCounts * 0.95, "high dose ≥ 20× low: " + highCounts + " vs " + lowCounts);
    }

    @Test
    void doseAsATotalInElectronsPerSquareAngstrom() {
        Path d = dir.resolve("dose");
        ok("simulate", "--stage", "pristine", "--out", d.toString(), "--size", "16", "--angles", "0,30", "--dose", "3000",
                "--no-eds", "--no-eels", "--threads", "2");
        assertEquals(3000.0, json(d.resolve("bundle/tiltseries.json")).path("acquisition").path("doseElectronsPerA2").asDouble(), 1e-6);
        assertEquals(2, json(d.resolve("bundle/tiltseries.json")).get("tiltAnglesDeg").size());
    }

    @Test
    void spectraAndTheirMapsShareTheImagesOrientation() {
        // [tilt][y][x][energy]: the EDS counts and the quantified maps sit where the HAADF shows the particle
        ImageStack haadf = Npy.readImages(high.resolve("bundle/HAADF.npy"));
        var eds = Npy.openSpectra(high.resolve("bundle/EDS.npy"));
        Path q = dir.resolve("high-q");
        ok("quantify", high.resolve("bundle").toString(), "--out", q.toString(), "--threads", "2");
        JsonNode ts = json(q.resolve("tiltseries.json"));
        int w = haadf.width(), h = haadf.height();
        for (int t = 0; t < haadf.tilts(); t++) {
            float[] counts = new float[w * h], maps = new float[w * h];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (float c : eds.pixel(t, x, y)) counts[y * w + x] += c;
            for (JsonNode c : ts.get("channels")) {
                if (!c.get("name").asText().startsWith("EDS:")) continue;
                float[] m = Npy.readImages(q.resolve(c.get("file").asText())).tilt(t);
                for (int i = 0; i < m.length; i++) maps[i] += m[i];
            }
            float[] img = haadf.tilt(t), transposed = new float[w * h], flipped = new float[w * h];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                transposed[y * w + x] = img[x * w + y];
                flipped[y * w + x] = img[(h - 1 - y) * w + x];
            }
            for (float[] a : List.of(counts, maps)) {
                String what = (a == counts ? "EDS counts" : "EDS maps") + " at tilt " + t;
                double c = ContractGeometryTest.correlation(a, img);
                assertTrue(c > 0.9, what + " follow the HAADF: " + c);
                assertTrue(c > ContractGeometryTest.correlation(a, transposed), what + ": better than transposed");
                assertTrue(c > ContractGeometryTest.correlation(a, flipped), what + ": better than flipped");
            }
        }
    }

    @Test
    void particleFillsAboutSixtyPercentOfTheField() {
        Volume mask = Mrc.readVolume(low.resolve("truth/mask.mrc"));
        int lo = mask.nx(), hi = -1;
        for (int k = 0; k < mask.nz(); k++) for (int j = 0; j < mask.ny(); j++) for (int i = 0; i < mask.nx(); i++) {
            if (mask.get(i, j, k) > 0) {
                lo = Math.min(lo, Math.min(i, j));
                hi = Math.max(hi, Math.max(i, j));
            }
        }
        double fill = (hi - lo + 1) / (double) mask.nx();
        assertTrue(fill > 0.4 && fill < 0.85, "particle spans " + fill + " of the field of view");
    }

    /** Mean EDS counts (summed over energy) per tilt over pixels where the 0° HAADF shows the particle. */
    static double countsPerParticlePixel(Path sim) {
        ImageStack haadf = Npy.readImages(sim.resolve("bundle/HAADF.npy"));
        var eds = Npy.openSpectra(sim.resolve("bundle/EDS.npy"));
        float[] h = haadf.tilt(1);
        float max = 0;
        for (float v : h) max = Math.max(max, v);
        double sum = 0;
        int n = 0;
        for (int y = 0; y < haadf.height(); y++) for (int x = 0; x < haadf.width(); x++) {
            if (h[y * haadf.width() + x] < 0.3 * max) continue;
            for (float c : eds.pixel(1, x, y)) sum += c;
            n++;
        }
        return sum / n;
    }

    @Test
    void bigEndianIntegerNpyAndMrcImagesAreRead() throws Exception {
        Path b = Files.createDirectories(dir.resolve("bigendian"));
        int tilts = 5, w = 20, hgt = 18;
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(Npy.headerBytes(">u2", tilts, hgt, w));
        ByteBuffer data = ByteBuffer.allocate(2 * tilts * hgt * w).order(ByteOrder.BIG_ENDIAN);
        float[][] expected = new float[tilts][hgt * w];
        for (int t = 0; t < tilts; t++) for (int y = 0; y < hgt; y++) for (int x = 0; x < w; x++) {
            int v = 40000 + 1000 * t + 10 * y + x; // above 32767: unsigned must stay unsigned
            data.putShort((short) v);
            expected[t][y * w + x] = v;
        }
        npy.write(data.array());
        Files.write(b.resolve("adf.npy"), npy.toByteArray());
        Mrc.write(b.resolve("bf.mrc"), new ImageStack(w, hgt, expected), 2.0);
        ObjectNode root = Cli.JSON.createObjectNode();
        root.put("format", "trident.tiltseries/1").put("name", "encodings").put("pixelSizeNm", 2.0);
        var angles = root.putArray("tiltAnglesDeg");
        for (int t = 0; t < tilts; t++) angles.add(-40 + 20 * t);
        var chs = root.putArray("channels");
        chs.addObject().put("name", "HAADF").put("kind", "image").put("file", "adf.npy");
        chs.addObject().put("name", "BF").put("signal", "BF").put("kind", "image").put("file", "bf.mrc");
        Files.writeString(b.resolve("tiltseries.json"), root.toString());
        Cli.Result info = ok("info", b.toString());
        assertTrue(info.out().toLowerCase().contains("infer"), "info says it inferred HAADF's signal: " + info.out());
        JsonNode j = Cli.JSON.readTree(ok("info", "--json", b.toString()).out());
        assertEquals("[5,18,20]", j.get("channels").get(0).get("shape").toString().replace(" ", ""));
        assertEquals("ADF", j.get("channels").get(0).get("signal").asText());
        // align rewrites every channel as float: the values must be the unsigned big-endian ones, unflipped
        Path al = dir.resolve("bigendian-aligned");
        ok("align", b.toString(), "--out", al.toString(), "--method", "none");
        JsonNode ats = json(al.resolve("tiltseries.json"));
        for (JsonNode c : ats.get("channels")) {
            Path f = al.resolve(c.get("file").asText());
            ImageStack got = f.toString().endsWith(".mrc") ? Mrc.readImages(f) : Npy.readImages(f);
            for (int t = 0; t < tilts; t++) for (int i = 0; i < w * hgt; i++)
                assertEquals(expected[t][i], got.tilt(t)[i], 0.5, c.get("name") + " tilt " + t + " pixel " + i);
        }
    }

    @Test
    void nonFiniteTiltSeriesAreRefused() throws Exception {
        Path b = Files.createDirectories(dir.resolve("nan"));
        float[][] img = new float[3][16];
        img[1][5] = Float.NaN;
        Npy.writeImages(b.resolve("HAADF.npy"), new ImageStack(4, 4, img));
        Files.writeString(b.resolve("tiltseries.json"), "{\"format\": \"trident.tiltseries/1\", \"pixelSizeNm\": 1, "
                + "\"tiltAnglesDeg\": [-30, 0, 30], \"channels\": [{\"name\": \"HAADF\", \"kind\": \"image\", \"file\": \"HAADF.npy\"}]}");
        Path out = dir.resolve("nan-out");
        refused("reconstruct", b.toString(), "--out", out.toString());
        refused("align", b.toString(), "--out", dir.resolve("nan-al").toString());
        assertFalse(Files.exists(out.resolve("HAADF.mrc")), "nothing written under a final name");
        // a truncated array and a wrong number of angles are refused the same way
        img[1][5] = 1;
        Npy.writeImages(b.resolve("HAADF.npy"), new ImageStack(4, 4, img));
        byte[] whole = Files.readAllBytes(b.resolve("HAADF.npy"));
        Files.write(b.resolve("HAADF.npy"), java.util.Arrays.copyOf(whole, whole.length - 7));
        refused("info", b.toString());
        refused("reconstruct", b.toString(), "--out", dir.resolve("cut-out").toString());
        Files.write(b.resolve("HAADF.npy"), whole);
        ok("info", b.toString());
        Files.writeString(b.resolve("tiltseries.json"), Files.readString(b.resolve("tiltseries.json")).replace("[-30, 0, 30]", "[-30, 30]"));
        refused("info", b.toString());
        refused("reconstruct", b.toString(), "--out", dir.resolve("angles-out").toString());
    }
}
