package org.trident.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.formats.Datasets;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident info BUNDLE}: what a tilt series holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarise a tilt-series bundle (or a microscope file): channels, signals, shapes, angles, energy ranges.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Bundle folder, its tiltseries.json, or a microscope file.")
    Path bundle;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Datasets.Opened o = Datasets.open(bundle, common.allowOutsidePaths ? org.trident.formats.ImportOptions.OUTSIDE_PATHS : org.trident.formats.ImportOptions.NONE);
        ObjectNode s = summary(o.series(), o.notes());
        if (json) {
            System.out.println(Json.toString(s));
        } else {
            System.out.print(text(s));
        }
        return 0;
    }

    public static ObjectNode summary(TiltSeries ts, List<String> notes) {
        ObjectNode s = Json.object();
        s.put("name", ts.name());
        if (ts.extra().has("sample")) s.set("sample", ts.extra().get("sample").deepCopy());
        s.put("pixelSizeNm", ts.pixelSizeNm());
        s.put("width", ts.width());
        s.put("height", ts.height());
        double[] a = ts.tiltAnglesDeg();
        ObjectNode an = s.putObject("angles");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : a) { min = Math.min(min, v); max = Math.max(max, v); }
        an.put("count", a.length);
        an.put("minDeg", min);
        an.put("maxDeg", max);
        double[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        double step = Double.NaN;
        boolean regular = true;
        for (int i = 1; i < sorted.length; i++) {
            double d = sorted[i] - sorted[i - 1];
            if (i == 1) step = d;
            else if (Math.abs(d - step) > 1e-3) regular = false;
        }
        if (sorted.length > 1) {
            if (regular) an.put("stepDeg", step);
            else an.put("stepDeg", (max - min) / (a.length - 1)).put("irregular", true);
        }
        ArrayNode ch = s.putArray("channels");
        for (Channel c : ts.channels()) {
            ObjectNode cn = ch.addObject();
            cn.put("name", c.name());
            cn.put("signal", c.signal().label());
            cn.put("kind", c.kind());
            ArrayNode shape = cn.putArray("shape");
            shape.add(c.tilts()).add(c.height()).add(c.width());
            if (c.isSpectrum()) {
                shape.add(c.spectra().channels());
                cn.put("dtype", c.spectra().sourceType());
                var ax = c.energyAxis();
                ObjectNode e = cn.putObject("energyRange");
                e.put("from", ax.energy(0));
                e.put("to", ax.energy(c.spectra().channels() - 1));
                e.put("unit", ax.unit());
            } else {
                cn.put("dtype", c.images().sourceType());
            }
            for (String k : List.of("element", "derivedFrom", "units")) if (c.extra().has(k)) cn.set(k, c.extra().get(k).deepCopy());
        }
        for (String k : List.of("tiltAxis", "acquisition", "quantification")) if (ts.extra().has(k)) s.set(k, ts.extra().get(k).deepCopy());
        ArrayNode nn = s.putArray("notes");
        notes.forEach(nn::add);
        return s;
    }

    static String text(ObjectNode s) {
        StringBuilder b = new StringBuilder();
        b.append("name:        ").append(s.path("name").asText()).append('\n');
        if (s.has("sample")) b.append("sample:      ").append(s.get("sample").toString()).append('\n');
        b.append(String.format(Locale.ROOT, "pixel size:  %.4g nm%n", s.path("pixelSizeNm").asDouble()));
        b.append(String.format(Locale.ROOT, "image size:  %d x %d px (%.1f x %.1f nm)%n", s.path("width").asInt(), s.path("height").asInt(),
                s.path("width").asInt() * s.path("pixelSizeNm").asDouble(), s.path("height").asInt() * s.path("pixelSizeNm").asDouble()));
        var an = s.path("angles");
        b.append(String.format(Locale.ROOT, "tilts:       %d, from %.2f° to %.2f°", an.path("count").asInt(), an.path("minDeg").asDouble(), an.path("maxDeg").asDouble()));
        if (an.has("stepDeg")) b.append(String.format(Locale.ROOT, an.has("irregular") ? ", mean step %.3g° (irregular)" : ", step %.3g°", an.path("stepDeg").asDouble()));
        b.append('\n').append("channels:\n");
        for (var c : s.path("channels")) {
            StringBuilder shape = new StringBuilder();
            for (var d : c.path("shape")) shape.append(shape.length() > 0 ? " x " : "").append(d.asInt());
            b.append(String.format(Locale.ROOT, "  %-16s %-12s %-8s [%s] %s", c.path("name").asText(), c.path("signal").asText(),
                    c.path("kind").asText(), shape, c.path("dtype").asText()));
            if (c.has("energyRange")) {
                var e = c.get("energyRange");
                b.append(String.format(Locale.ROOT, "  %.4g–%.4g %s", e.path("from").asDouble(), e.path("to").asDouble(), e.path("unit").asText()));
            }
            b.append('\n');
        }
        if (s.has("tiltAxis")) b.append("tilt axis:   ").append(s.get("tiltAxis")).append('\n');
        for (var n : s.path("notes")) b.append("note: ").append(n.asText()).append('\n');
        return b.toString();
    }
}
