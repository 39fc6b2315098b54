package org.trident.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the raw tilt series departs from the ideal geometry: per-tilt random jumps
 * (Gaussian, {@code jumpSigmaPx} in x and y), a linear drift of {@code driftPx} in total over
 * the series in a random direction, and a tilt axis rotated by {@code axisRotationDeg} and
 * offset by {@code axisOffsetPx}. NaN rotation or offset means "draw it from the seed"
 * (rotation ±1.5–3°, offset within ±2 px).
 */
public record Misalignment(double jumpSigmaPx, double driftPx, double axisRotationDeg, double axisOffsetPx) {
    /** The documented defaults of {@code --misalign}. */
    public static Misalignment defaults() {
        return new Misalignment(2.0, 3.0, Double.NaN, Double.NaN);
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!(jumpSigmaPx >= 0 && jumpSigmaPx <= 50)) p.add("the jump size must be between 0 and 50 pixels, got " + jumpSigmaPx);
        if (!(driftPx >= 0 && driftPx <= 100)) p.add("the drift must be between 0 and 100 pixels, got " + driftPx);
        if (!Double.isNaN(axisRotationDeg) && !(axisRotationDeg > -90 && axisRotationDeg <= 90)) p.add("the axis rotation must lie in (-90°, 90°], got " + axisRotationDeg);
        if (!Double.isNaN(axisOffsetPx) && !(Math.abs(axisOffsetPx) <= 50)) p.add("the axis offset must be within ±50 pixels, got " + axisOffsetPx);
        return p;
    }

    /** The misalignment drawn for one series: rotation, offset and the shift of every tilt. */
    public record Applied(double rotationDeg, double offsetPx, double[][] jumpsPx, double[][] driftPx, double[][] shiftsPx) {
        /** The contract's alignment.json content that undoes this misalignment. */
        public ObjectNode alignmentJson() {
            ObjectNode a = Json.object();
            a.put("format", "trident.alignment/1");
            a.put("tiltAxisRotationDeg", rotationDeg);
            ArrayNode s = a.putArray("shiftsPx");
            for (double[] d : shiftsPx) s.addArray().add(d[0]).add(d[1]);
            return a;
        }

        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("axisRotationDeg", rotationDeg);
            o.put("axisOffsetPx", offsetPx);
            ArrayNode j = o.putArray("jumpsPx");
            for (double[] d : jumpsPx) j.addArray().add(d[0]).add(d[1]);
            ArrayNode dr = o.putArray("driftPx");
            for (double[] d : driftPx) dr.addArray().add(d[0]).add(d[1]);
            return o;
        }

        /** No misalignment: identity alignment. */
        public static Applied none(int tilts) {
            double[][] z = new double[tilts][2];
            return new Applied(0, 0, z, new double[tilts][2], new double[tilts][2]);
        }

        /** Raw image position of the ideal (aligned) centred position (qx, qy) at tilt t: R(r)·q + s. */
        public double[] rawOf(int t, double qx, double qy) {
            double r = Math.toRadians(rotationDeg);
            double c = Math.cos(r), s = Math.sin(r);
            return new double[]{c * qx - s * qy + shiftsPx[t][0], s * qx + c * qy + shiftsPx[t][1]};
        }
    }

    /** Draws the per-tilt values from {@code seed}; tilts in acquisition order as listed. */
    public Applied draw(long seed, int tilts) {
        SplittableRandom r = Noise.random(seed, 0x4D495341L);
        double rot = Double.isNaN(axisRotationDeg) ? (r.nextBoolean() ? 1 : -1) * (1.5 + 1.5 * r.nextDouble()) : axisRotationDeg;
        double off = Double.isNaN(axisOffsetPx) ? (2 * r.nextDouble() - 1) * 2.0 : axisOffsetPx;
        double dir = 2 * Math.PI * r.nextDouble();
        double rr = Math.toRadians(rot);
        double ox = Math.cos(rr) * off, oy = Math.sin(rr) * off; // R(r)·(offset, 0)
        double[][] jumps = new double[tilts][2], drift = new double[tilts][2], shifts = new double[tilts][2];
        for (int t = 0; t < tilts; t++) {
            jumps[t][0] = jumpSigmaPx * gaussian(r);
            jumps[t][1] = jumpSigmaPx * gaussian(r);
            double f = tilts > 1 ? t / (double) (tilts - 1) - 0.5 : 0;
            drift[t][0] = driftPx * f * Math.cos(dir);
            drift[t][1] = driftPx * f * Math.sin(dir);
            shifts[t][0] = ox + jumps[t][0] + drift[t][0];
            shifts[t][1] = oy + jumps[t][1] + drift[t][1];
        }
        return new Applied(rot, off, jumps, drift, shifts);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * The raw image from the ideal one: raw(p) = ideal(R(−r)·(p − s)), bilinear, zero outside,
     * so that aligned(q) = raw(R(r)·q + s) = ideal(q) as alignment.json states.
     */
    static float[] resample(float[] ideal, int w, int h, Applied a, int t) {
        double r = Math.toRadians(a.rotationDeg());
        double c = Math.cos(r), s = Math.sin(r);
        double sx = a.shiftsPx()[t][0], sy = a.shiftsPx()[t][1];
        double hx = (w - 1) / 2.0, hy = (h - 1) / 2.0;
        float[] out = new float[w * h];
        for (int row = 0; row < h; row++) {
            double py = row - hy - sy;
            for (int col = 0; col < w; col++) {
                double px = col - hx - sx;
                double qx = c * px + s * py + hx; // R(−r)·(p − s), back to array coordinates
                double qy = -s * px + c * py + hy;
                out[row * w + col] = bilinear(ideal, w, h, qx, qy);
            }
        }
        return out;
    }

    static float bilinear(float[] img, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        double v = 0;
        for (int dy = 0; dy <= 1; dy++) {
            int yy = y0 + dy;
            if (yy < 0 || yy >= h) continue;
            double wy = dy == 0 ? 1 - fy : fy;
            for (int dx = 0; dx <= 1; dx++) {
                int xx = x0 + dx;
                if (xx < 0 || xx >= w) continue;
                v += wy * (dx == 0 ? 1 - fx : fx) * img[yy * w + xx];
            }
        }
        return (float) v;
    }
}
