package org.trident.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Mrc;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trident.contract.Cli.json;
import static org.trident.contract.Cli.ok;

/**
 * Contract sections 1, 6 and 7 end to end: simulate's tilt images are the section-1 projections of
 * its truth, reconstruct inverts them in the same units, and align undoes simulate's misalignment.
 */
class ContractGeometryTest {
    @TempDir
    static Path dir;
    static Path clean, rec, shaky, aligned;

    @BeforeAll
    static void simulate() {
        clean = dir.resolve("clean");
        ok("simulate", "--stage", "pristine", "--out", clean.toString(), "--size", "24", "--angles", "-72:72:6",
                "--no-noise", "--no-eds", "--no-eels", "--threads", "2");
        rec = dir.resolve("rec");
        ok("reconstruct", clean.resolve("bundle").toString(), "--out", rec.toString(), "--channel", "HAADF", "--threads", "2");
        shaky = dir.resolve("shaky");
        ok("simulate", "--stage", "cycled-10", "--out", shaky.toString(), "--size", "32", "--angles", "-60:60:6",
                "--misalign", "--dose", "high", "--no-eds", "--no-eels", "--seed", "5", "--threads", "2");
        aligned = dir.resolve("aligned");
        ok("align", shaky.resolve("bundle").toString(), "--out", aligned.toString(), "--threads", "2");
    }

    @Test
    void tiltImagesAreSection1ProjectionsOfTruth() {
        Volume truth = volume(clean.resolve("truth/HAADF.mrc"));
        JsonNode angles = json(clean.resolve("bundle/tiltseries.json")).get("tiltAnglesDeg");
        ImageStack tilts = images(clean.resolve("bundle/HAADF.npy"), angles.size(), truth.ny(), truth.nx());
        assertEquals(truth.nx(), tilts.width());
        assertEquals(truth.ny(), tilts.height());
        for (int t = 0; t < tilts.tilts(); t += 4) {
            double theta = Math.toRadians(angles.get(t).asDouble());
            float[] mine = project(truth, theta, tilts.width());
            float[] flipped = project(truth, -theta, tilts.width());
            double c = correlation(mine, tilts.tilt(t));
            assertTrue(c > 0.995, "tilt " + t + " (" + angles.get(t) + "°): correlation with u = x·cosθ + z·sinθ is " + c);
            if (Math.abs(angles.get(t).asDouble()) >= 30)
                assertTrue(c > correlation(flipped, tilts.tilt(t)), "the sign of θ matters and matches section 1");
            assertEquals(1.0, mean(tilts.tilt(t)) / mean(mine), 0.02, "tilt " + t + ": line integrals in value × pixel length");
        }
    }

    @Test
    void reconstructionMatchesTruthInValueAndUnits() {
        Volume truth = volume(clean.resolve("truth/HAADF.mrc"));
        Volume got = volume(rec.resolve("HAADF.mrc"));
        assertTrue(got.sameShape(truth), "reconstruction on the truth grid");
        double c = correlation(got.data(), truth.data());
        assertTrue(c > 0.95, "correlation with truth/HAADF.mrc: " + c);
        assertEquals(1.0, mean(got.data()) / mean(truth.data()), 0.1, "same units as the truth");
        assertEquals(Cli.mrc(clean.resolve("truth/HAADF.mrc")).voxelAngstrom(), Cli.mrc(rec.resolve("HAADF.mrc")).voxelAngstrom(), 1e-4);
    }

    @Test
    void alignUndoesTheSimulatedMisalignment() {
        JsonNode truth = json(shaky.resolve("truth/truth.json")).get("alignment");
        JsonNode found = json(aligned.resolve("alignment.json"));
        JsonNode angles = json(shaky.resolve("bundle/tiltseries.json")).get("tiltAnglesDeg");
        double r = truth.get("tiltAxisRotationDeg").asDouble();
        assertTrue(Math.abs(r) >= 1.5 && Math.abs(r) <= 3, "--misalign's default axis rotation is 1.5-3°: " + r);
        assertEquals(r, found.get("tiltAxisRotationDeg").asDouble(), 0.3, "tilt-axis rotation");
        int n = angles.size();
        assertEquals(n, found.get("shiftsPx").size());
        // The object's place in the aligned frame is free: moving it by (tx, ty, tz) changes the shifts by
        // R(r)·(tx·cosθ + tz·sinθ, ty). Remove that best fit, then compare tilt by tilt.
        double[] ex = new double[n], ey = new double[n], c = new double[n], s = new double[n];
        double cr = Math.cos(Math.toRadians(-r)), sr = Math.sin(Math.toRadians(-r));
        for (int t = 0; t < n; t++) {
            double dx = found.get("shiftsPx").get(t).get(0).asDouble() - truth.get("shiftsPx").get(t).get(0).asDouble();
            double dy = found.get("shiftsPx").get(t).get(1).asDouble() - truth.get("shiftsPx").get(t).get(1).asDouble();
            ex[t] = cr * dx - sr * dy;
            ey[t] = sr * dx + cr * dy;
            c[t] = Math.cos(Math.toRadians(angles.get(t).asDouble()));
            s[t] = Math.sin(Math.toRadians(angles.get(t).asDouble()));
        }
        double scc = 0, scs = 0, sss = 0, sxc = 0, sxs = 0, ty = 0;
        for (int t = 0; t < n; t++) {
            scc += c[t] * c[t]; scs += c[t] * s[t]; sss += s[t] * s[t];
            sxc += ex[t] * c[t]; sxs += ex[t] * s[t]; ty += ey[t] / n;
        }
        double det = scc * sss - scs * scs;
        double tx = (sxc * sss - sxs * scs) / det, tz = (scc * sxs - scs * sxc) / det;
        double worst = 0;
        for (int t = 0; t < n; t++) {
            double rx = ex[t] - tx * c[t] - tz * s[t], ry = ey[t] - ty;
            worst = Math.max(worst, Math.hypot(rx, ry));
        }
        assertTrue(worst < 0.25, "largest per-tilt shift error after removing the object's placement: " + worst + " px");
        assertTrue(Math.abs(tx) < 3 && Math.abs(ty) < 3 && Math.abs(tz) < 3, "placement differs by little: " + tx + ", " + ty + ", " + tz);
    }

    @Test
    void alignedImagesAreRawImagesSampledPerSection6() {
        JsonNode a = json(aligned.resolve("alignment.json"));
        ImageStack raw = images(shaky.resolve("bundle/HAADF.npy"), a.get("shiftsPx").size(), 32, 32);
        JsonNode ats = json(aligned.resolve("tiltseries.json"));
        String file = null;
        for (JsonNode c : ats.get("channels")) if (c.get("name").asText().equals("HAADF")) file = c.get("file").asText();
        ImageStack al = file.endsWith(".mrc") ? Mrc.readImages(aligned.resolve(file)) : images(aligned.resolve(file), raw.tilts(), 32, 32);
        double r = Math.toRadians(a.get("tiltAxisRotationDeg").asDouble());
        for (int t = 0; t < raw.tilts(); t += 5) {
            double dx = a.get("shiftsPx").get(t).get(0).asDouble(), dy = a.get("shiftsPx").get(t).get(1).asDouble();
            float[] mine = sample(raw, t, r, dx, dy), wrong = sample(raw, t, -r, -dx, -dy);
            double c = correlation(mine, al.tilt(t));
            assertTrue(c > 0.97, "tilt " + t + ": aligned(q) = raw(R(r)·q + d), correlation " + c);
            assertTrue(c > correlation(wrong, al.tilt(t)), "tilt " + t + ": the opposite convention fits worse");
        }
    }

    /** raw sampled bilinearly at R(r)·q + (dx, dy), q centred; outside the image counts as 0. */
    static float[] sample(ImageStack raw, int t, double r, double dx, double dy) {
        int w = raw.width(), h = raw.height();
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, co = Math.cos(r), si = Math.sin(r);
        float[] out = new float[w * h];
        for (int row = 0; row < h; row++) for (int col = 0; col < w; col++) {
            double qx = col - cx, qy = row - cy;
            double x = co * qx - si * qy + dx + cx, y = si * qx + co * qy + dy + cy;
            int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
            double fx = x - x0, fy = y - y0, v = 0;
            for (int b = 0; b <= 1; b++) for (int c = 0; c <= 1; c++) {
                int xx = x0 + c, yy = y0 + b;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                v += (c == 0 ? 1 - fx : fx) * (b == 0 ? 1 - fy : fy) * raw.get(t, xx, yy);
            }
            out[row * w + col] = (float) v;
        }
        return out;
    }

    /** Section 1 by hand: voxel (i,j,k) lands at u = x·cosθ + z·sinθ, v = y, split linearly between two columns. */
    static float[] project(Volume v, double theta, int width) {
        float[] img = new float[width * v.ny()];
        double cx = (v.nx() - 1) / 2.0, cz = (v.nz() - 1) / 2.0, cu = (width - 1) / 2.0;
        double co = Math.cos(theta), si = Math.sin(theta);
        for (int k = 0; k < v.nz(); k++) for (int j = 0; j < v.ny(); j++) for (int i = 0; i < v.nx(); i++) {
            float val = v.get(i, j, k);
            if (val == 0) continue;
            double u = (i - cx) * co + (k - cz) * si + cu;
            int u0 = (int) Math.floor(u);
            double f = u - u0;
            int row = j; // v = y: rows are not moved
            if (u0 >= 0 && u0 < width) img[row * width + u0] += (float) (val * (1 - f));
            if (u0 + 1 >= 0 && u0 + 1 < width) img[row * width + u0 + 1] += (float) (val * f);
        }
        return img;
    }

    /** Files read here, not with Trident's readers, so that a reader and a writer cannot share a mistake. */
    static Volume volume(Path mrc) {
        Cli.MrcInfo m = Cli.mrc(mrc);
        return new Volume(m.nx(), m.ny(), m.nz(), Cli.mrcFloats(mrc), m.voxelAngstrom() / 10);
    }

    static ImageStack images(Path npy, int tilts, int h, int w) {
        float[] all = Cli.npyFloats(npy, tilts, h, w);
        float[][] t = new float[tilts][];
        for (int i = 0; i < tilts; i++) t[i] = java.util.Arrays.copyOfRange(all, i * h * w, (i + 1) * h * w);
        return new ImageStack(w, h, t);
    }

    static double mean(float[] a) {
        double s = 0;
        for (float x : a) s += x;
        return s / a.length;
    }

    static double correlation(float[] a, float[] b) {
        double ma = mean(a), mb = mean(b), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
