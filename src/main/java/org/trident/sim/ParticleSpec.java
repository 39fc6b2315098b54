package org.trident.sim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulated particle is made of: its shape, its bulk and surface chemistry and how the
 * surface layer blends into the bulk with depth, plus optional voids and cracks. It reads and
 * writes as JSON ({@code trident.particle/1}, schema in docs/simulator.md); the three cycling
 * stages are presets made by {@link #forStage}. Lengths in nm, centred coordinates as in the
 * contract (x, y image axes at 0° tilt, z along the beam).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParticleSpec(String format, String name, String stage, Integer cycles, Shape shape,
                           Layer bulk, Layer surface, double surfaceDepthNm, double surfaceWidthNm,
                           List<Pore> voids, List<Crack> cracks) {
    public static final String FORMAT = "trident.particle/1";

    /** A spec without a surface layer is uniform: the surface takes the bulk's chemistry. */
    public ParticleSpec {
        if (surface == null) surface = bulk;
        if (voids == null) voids = List.of();
        if (cracks == null) cracks = List.of();
    }
    public static final List<String> STAGES = List.of("pristine", "cycled-10", "cycled-100");
    /** Transition-metal atoms per nm³ in NCM111 (4.77 g/cm³, 96.5 g/mol per LiMO2). */
    public static final double TM_PER_NM3 = 29.8;

    /**
     * Shape: {@code type} "ellipsoid" or "faceted" (a bevelled hexagonal platelet, or the given
     * {@code facets}); semi-axes scale it, then it is rotated by {@code rotationDeg} (about x, then
     * y, then z) and moved to {@code centreNm}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shape(String type, double[] semiAxesNm, double[] rotationDeg, double[] centreNm, List<Facet> facets) {}

    /** A half-space {@code normal · q ≤ distance} in the shape's scaled frame (q = rotated point / semi-axes). */
    public record Facet(double[] normal, double distance) {}

    /** Chemistry of one region: transition-metal fractions (sum 1) and mean valences. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layer(Map<String, Double> fractions, Map<String, Double> valences) {}

    /** A spherical void. */
    public record Pore(double[] centreNm, double radiusNm) {}

    /** A thin disc-shaped crack: points within {@code halfWidthNm} of the plane and {@code radiusNm} of the centre. */
    public record Crack(double[] centreNm, double[] normal, double radiusNm, double halfWidthNm) {}

    /**
     * Weight of the surface layer at depth {@code d} nm: a logistic step that is 1/2 at
     * {@code surfaceDepthNm} and falls over {@code surfaceWidthNm}; 0 everywhere when the
     * surface depth is 0.
     */
    public double surfaceWeight(double depthNm) {
        if (surfaceDepthNm <= 0) return 0;
        double w = Math.max(1e-6, surfaceWidthNm);
        return 1.0 / (1.0 + Math.exp((depthNm - surfaceDepthNm) / w));
    }

    /** Fraction of transition metal {@code el} at depth d. */
    public double fraction(String el, double depthNm) {
        double s = surfaceWeight(depthNm);
        return (1 - s) * bulk.fractions().get(el) + s * surface.fractions().get(el);
    }

    /** Mean valence of transition metal {@code el} at depth d, weighted by amount of the element. */
    public double valence(String el, double depthNm) {
        double s = surfaceWeight(depthNm);
        double fb = (1 - s) * bulk.fractions().get(el), fs = s * surface.fractions().get(el);
        if (fb + fs <= 0) return bulk.valences().get(el);
        return (fb * bulk.valences().get(el) + fs * surface.valences().get(el)) / (fb + fs);
    }

    /** The preset particle of a cycling stage for a field of view of {@code fovNm}. */
    public static ParticleSpec forStage(String stage, double fovNm) {
        String st = stage == null ? "" : stage.trim().toLowerCase(Locale.ROOT);
        double r = 0.3 * fovNm; // longest semi-axis: the particle spans ~60% of the field of view
        Shape faceted = new Shape("faceted", new double[]{r, 0.92 * r, 0.7 * r}, new double[]{25, 35, 15}, new double[]{0, 0, 0}, null);
        Layer pristine = layer(1 / 3.0, 1 / 3.0, 1 / 3.0, 2.0, 3.0, 4.0);
        switch (st) {
            case "pristine":
                return new ParticleSpec(FORMAT, "NCM111 pristine", "pristine", 0, faceted, pristine, pristine, 0, 1, List.of(), List.of());
            case "cycled-10":
                return new ParticleSpec(FORMAT, "NCM111 after 10 cycles", "cycled-10", 10, faceted,
                        layer(0.345, 0.333, 0.322, 2.10, 2.95, 3.90),
                        layer(0.45, 0.28, 0.27, 2.0, 2.5, 3.0), 8.0, 3.0,
                        List.of(), List.of());
            case "cycled-100": {
                double[] c = {0.15 * r, -0.1 * r, 0.05 * r};
                return new ParticleSpec(FORMAT, "NCM111 after 100 cycles", "cycled-100", 100, faceted,
                        layer(0.365, 0.333, 0.302, 2.20, 2.90, 3.80),
                        layer(0.55, 0.24, 0.21, 2.0, 2.2, 2.4), 20.0, 5.0,
                        List.of(new Pore(new double[]{-0.25 * r, 0.2 * r, -0.05 * r}, 0.12 * r)),
                        List.of(new Crack(c, new double[]{0.3, 1, 0.2}, 0.35 * r, 0.03 * r + 1.0)));
            }
            default:
                throw new TridentException("unknown stage '" + stage + "'; use one of " + String.join(", ", STAGES) + " or --spec FILE.json");
        }
    }

    private static Layer layer(double ni, double co, double mn, double vNi, double vCo, double vMn) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("Ni", ni); f.put("Co", co); f.put("Mn", mn);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("Ni", vNi); v.put("Co", vCo); v.put("Mn", vMn);
        return new Layer(f, v);
    }

    /** Reads a spec file and checks it; problems become one sentence naming the file. */
    public static ParticleSpec read(Path file) {
        ParticleSpec s = Json.read(file, ParticleSpec.class);
        List<String> problems = s.problems();
        if (!problems.isEmpty()) throw TridentException.file(file, String.join("; ", problems));
        return s;
    }

    public void write(Path file) {
        Json.write(file, this);
    }

    /** Plain-language problems with this spec; empty when it can be simulated. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (format != null && !FORMAT.equals(format)) {
            p.add(format.startsWith("trident.particle/") ? "the spec's format " + format + " is newer than this Trident reads (" + FORMAT + ")"
                    : "the spec's format must be " + FORMAT + ", got " + format);
        }
        if (shape == null) {
            p.add("the spec has no \"shape\"");
        } else {
            if (!"ellipsoid".equals(shape.type()) && !"faceted".equals(shape.type())) p.add("shape.type must be \"ellipsoid\" or \"faceted\", got \"" + shape.type() + "\"");
            if (shape.semiAxesNm() == null || shape.semiAxesNm().length != 3) p.add("shape.semiAxesNm must hold 3 lengths in nm");
            else for (double a : shape.semiAxesNm()) if (!(a > 0) || !Double.isFinite(a)) p.add("shape.semiAxesNm must be positive, got " + a);
            if (shape.rotationDeg() != null && shape.rotationDeg().length != 3) p.add("shape.rotationDeg must hold 3 angles");
            if (shape.centreNm() != null && shape.centreNm().length != 3) p.add("shape.centreNm must hold 3 coordinates");
            if (shape.facets() != null) for (Facet f : shape.facets()) {
                if (f.normal() == null || f.normal().length != 3 || !(f.distance() > 0)) p.add("each facet needs a 3-vector normal and a positive distance");
            }
        }
        checkLayer("bulk", bulk, p);
        checkLayer("surface", surface, p);
        if (!(surfaceDepthNm >= 0) || !Double.isFinite(surfaceDepthNm)) p.add("surfaceDepthNm must be 0 or more");
        if (!(surfaceWidthNm > 0) || !Double.isFinite(surfaceWidthNm)) p.add("surfaceWidthNm must be positive");
        if (voids != null) for (Pore v : voids) if (v.centreNm() == null || v.centreNm().length != 3 || !(v.radiusNm() > 0)) p.add("each void needs centreNm [x,y,z] and a positive radiusNm");
        if (cracks != null) for (Crack c : cracks) {
            if (c.centreNm() == null || c.centreNm().length != 3 || c.normal() == null || c.normal().length != 3
                    || !(c.radiusNm() > 0) || !(c.halfWidthNm() > 0)) p.add("each crack needs centreNm, normal, a positive radiusNm and halfWidthNm");
        }
        return p;
    }

    private static void checkLayer(String name, Layer l, List<String> p) {
        if (l == null || l.fractions() == null || l.valences() == null) {
            p.add("the spec needs \"" + name + "\" with \"fractions\" and \"valences\" of Ni, Co and Mn");
            return;
        }
        double sum = 0;
        for (String el : Species.TRANSITION_METALS) {
            Double f = l.fractions().get(el);
            Double v = l.valences().get(el);
            if (f == null || !(f >= 0) || !Double.isFinite(f)) { p.add(name + ".fractions." + el + " must be a number ≥ 0"); continue; }
            sum += f;
            List<Species> states = Species.ofElement(el);
            int lo = states.get(0).valence, hi = states.get(states.size() - 1).valence;
            if (v == null || !(v >= lo && v <= hi)) p.add(name + ".valences." + el + " must lie in [" + lo + ", " + hi + "], got " + v);
        }
        if (Math.abs(sum - 1) > 0.01) p.add(name + ".fractions must add up to 1, they add up to " + String.format(Locale.ROOT, "%.3f", sum));
    }
}
