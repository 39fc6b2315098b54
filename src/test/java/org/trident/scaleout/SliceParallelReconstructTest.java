package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.cli.TridentCommand;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.Volume;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code reconstruct --master local[2]} gives the single-machine volume (docs/scaleout.md). */
class SliceParallelReconstructTest {
    @TempDir
    Path dir;

    private Path bundle() {
        double[] ang = new double[21];
        for (int t = 0; t < ang.length; t++) ang[t] = -60 + 6 * t;
        ImageStack adf = ellipsoid(32, 20, ang);
        float[][] m = new float[ang.length][];
        for (int t = 0; t < ang.length; t++) {
            m[t] = adf.tilt(t).clone();
            for (int i = 0; i < m[t].length; i++) m[t][i] = 0.4f * m[t][i] - 0.1f; // a signed map
        }
        ObjectNode ni = Json.object();
        ni.put("element", "Ni");
        ni.put("derivedFrom", "EDS");
        TiltSeries ts = new TiltSeries("slabs", 2.0, ang, List.of(Channel.image("HAADF", Signal.ADF, adf),
                Channel.image("EDS:Ni", Signal.MAP, new ImageStack(32, 20, m)).withExtra(ni)), Json.object());
        Path b = dir.resolve("aligned");
        BundleWriter.write(ts, b);
        return b;
    }

    /** Exact projections of an off-centre ellipsoid (semi-axes 9, 7, 6 px): chord lengths, no projector involved. */
    static ImageStack ellipsoid(int w, int h, double[] anglesDeg) {
        float[][] d = new float[anglesDeg.length][w * h];
        double ax = 9, ay = 7, az = 6, cx = 2, cy = -1;
        for (int t = 0; t < anglesDeg.length; t++) {
            double th = Math.toRadians(anglesDeg[t]), c = Math.cos(th), s = Math.sin(th);
            for (int row = 0; row < h; row++) for (int col = 0; col < w; col++) {
                double u = col - (w - 1) / 2.0, v = row - (h - 1) / 2.0 - cy;
                // ray p + q·(−sin, 0, cos) with p = (u cos, v, u sin); solve the ellipsoid's quadratic in q
                double px = u * c - cx, pz = u * s, dx = -s, dz = c;
                double qa = dx * dx / (ax * ax) + dz * dz / (az * az);
                double qb = 2 * (px * dx / (ax * ax) + pz * dz / (az * az));
                double qc = px * px / (ax * ax) + v * v / (ay * ay) + pz * pz / (az * az) - 1;
                double disc = qb * qb - 4 * qa * qc;
                d[t][row * w + col] = disc > 0 ? (float) (Math.sqrt(disc) / qa) : 0f;
            }
        }
        return new ImageStack(w, h, d);
    }

    @Test
    void sparkVolumesEqualTheSingleMachineOnesForEveryChannelAndHalfSet() {
        Path b = bundle();
        Path local = dir.resolve("local"), spark = dir.resolve("spark");
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", local.toString(), "--half-sets", "--iterations", "12", "--threads", "2"));
        assertEquals(0, TridentCommand.run("reconstruct", b.toString(), "--out", spark.toString(), "--half-sets", "--iterations", "12",
                "--master", "local[2]"));
        for (String f : new String[]{"HAADF.mrc", "EDS_Ni.mrc", "HAADF.odd.mrc", "HAADF.even.mrc", "EDS_Ni.odd.mrc", "EDS_Ni.even.mrc"}) {
            Volume a = Mrc.readVolume(local.resolve(f)), s = Mrc.readVolume(spark.resolve(f));
            assertTrue(a.sameShape(s), f);
            double maxAbs = 0, maxDiff = 0;
            for (int i = 0; i < a.data().length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(a.data()[i]));
                maxDiff = Math.max(maxDiff, Math.abs(a.data()[i] - s.data()[i]));
            }
            assertTrue(maxAbs > 0.1, f + " is empty");
            assertTrue(maxDiff <= 1e-5 * maxAbs, f + ": differs by " + maxDiff + " (max " + maxAbs + ")");
        }
        ObjectNode lj = Json.readObject(local.resolve("reconstruction.json")), sj = Json.readObject(spark.resolve("reconstruction.json"));
        assertEquals("local[2]", sj.path("spark").path("master").asText());
        assertEquals("local[2]", sj.path("solvedOn").asText());
        assertTrue(sj.path("spark").path("slabTaskSeconds").size() >= 4);
        // the residual of the whole channel is recombined exactly from the slabs
        double rl = lj.path("channels").path("HAADF").path("relativeResidual").asDouble();
        double rs = sj.path("channels").path("HAADF").path("relativeResidual").asDouble();
        assertEquals(rl, rs, 1e-6 * rl + 1e-12);
        assertEquals(lj.path("parameters"), sj.path("parameters"));
    }

    @Test
    void aStoppingToleranceIsRefusedBeforeAnythingIsWritten() {
        Path b = bundle();
        Path out = dir.resolve("tol");
        int code = TridentCommand.run("reconstruct", b.toString(), "--out", out.toString(), "--tolerance", "0.01", "--master", "local[1]");
        assertEquals(2, code);
        assertTrue(!out.resolve("HAADF.mrc").toFile().exists());
    }
}
