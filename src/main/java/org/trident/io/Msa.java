package org.trident.io;

import org.trident.model.EnergyAxis;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EMSA/MAS single spectra ({@code .msa}, {@code .emsa}; ISO 22029). The energy axis comes from
 * {@code #OFFSET}, {@code #XPERCHAN} and {@code #XUNITS}; both {@code DATATYPE Y} (values only,
 * possibly several per line) and {@code XY} (energy, value pairs) are read. Anything that does
 * not fit the format is refused with a sentence naming the file and the line.
 */
public final class Msa {
    private Msa() {}

    /** A spectrum: values (counts or intensity), its axis, and every header keyword as written. */
    public record Spectrum(float[] values, EnergyAxis axis, Map<String, String> header) {
        public int length() { return values.length; }
        public String title() { return header.getOrDefault("TITLE", ""); }
    }

    public static Spectrum read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw TridentException.file(file, "file not found");
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, lines);
    }

    static Spectrum parse(Path file, List<String> lines) {
        Map<String, String> header = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        boolean inData = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                int colon = line.indexOf(':');
                String key = (colon < 0 ? line.substring(1) : line.substring(1, colon)).strip();
                // keywords may carry a unit after a space (e.g. "XPOSITION mm")
                int sp = key.indexOf(' ');
                String bare = (sp < 0 ? key : key.substring(0, sp)).toUpperCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                if (bare.equals("SPECTRUM")) {
                    inData = true;
                } else if (bare.equals("ENDOFDATA")) {
                    inData = false;
                    break;
                } else {
                    header.putIfAbsent(bare, value);
                }
                continue;
            }
            if (!inData) throw TridentException.file(file, "line " + (i + 1) + " holds data before the #SPECTRUM keyword");
            String[] parts = line.split("[,;\\s]+");
            double[] v = new double[parts.length];
            int n = 0;
            for (String p : parts) {
                if (p.isEmpty()) continue;
                try {
                    v[n++] = Double.parseDouble(p);
                } catch (NumberFormatException e) {
                    throw TridentException.file(file, "line " + (i + 1) + " has a value that is not a number: '" + p + "'");
                }
            }
            rows.add(java.util.Arrays.copyOf(v, n));
        }
        if (!header.getOrDefault("FORMAT", "").toUpperCase(Locale.ROOT).contains("EMSA")) {
            throw TridentException.file(file, "not an EMSA/MAS spectrum (no '#FORMAT : EMSA/MAS Spectral Data File' line)");
        }
        String type = header.getOrDefault("DATATYPE", "Y").strip().toUpperCase(Locale.ROOT);
        if (!type.equals("Y") && !type.equals("XY")) throw TridentException.file(file, "DATATYPE " + type + " is not Y or XY");
        int ncol = (int) Math.round(number(file, header, "NCOLUMNS", 1));
        if (ncol != 1) throw TridentException.file(file, "holds " + ncol + " spectra (NCOLUMNS); only single spectra are read");
        List<Double> values = new ArrayList<>();
        double firstX = Double.NaN, secondX = Double.NaN;
        for (double[] r : rows) {
            if (type.equals("XY")) {
                if (r.length != 2) throw TridentException.file(file, "an XY data line must hold exactly two numbers (energy, value)");
                if (values.isEmpty()) firstX = r[0];
                else if (values.size() == 1) secondX = r[0];
                values.add(r[1]);
            } else {
                for (double x : r) values.add(x);
            }
        }
        if (values.isEmpty()) throw TridentException.file(file, "holds no data after #SPECTRUM");
        if (header.containsKey("NPOINTS")) {
            int np = (int) Math.round(number(file, header, "NPOINTS", values.size()));
            if (np != values.size()) throw TridentException.file(file, "#NPOINTS says " + np + " but " + values.size() + " values follow");
        }
        double offset, scale;
        if (header.containsKey("XPERCHAN")) {
            scale = number(file, header, "XPERCHAN", 1);
            offset = header.containsKey("OFFSET") ? number(file, header, "OFFSET", 0) : (Double.isFinite(firstX) ? firstX : 0);
        } else if (Double.isFinite(secondX)) {
            offset = firstX;
            scale = secondX - firstX;
        } else {
            throw TridentException.file(file, "has no #XPERCHAN, so its energy axis is unknown");
        }
        if (!(scale != 0) || !Double.isFinite(scale)) throw TridentException.file(file, "#XPERCHAN must be a non-zero number");
        String unit = header.getOrDefault("XUNITS", "").strip();
        if (unit.isEmpty()) throw TridentException.file(file, "has no #XUNITS, so the energy unit is unknown");
        if (!unit.equalsIgnoreCase("eV") && !unit.equalsIgnoreCase("keV")) {
            throw TridentException.file(file, "#XUNITS is '" + unit + "'; eV or keV expected");
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            double v = values.get(i);
            if (!Double.isFinite(v)) throw TridentException.file(file, "value " + i + " is not finite");
            out[i] = (float) v;
        }
        try {
            return new Spectrum(out, new EnergyAxis(offset, scale, unit.equalsIgnoreCase("keV") ? "keV" : "eV"), header);
        } catch (TridentException e) {
            throw TridentException.file(file, e.getMessage(), e);
        }
    }

    private static double number(Path file, Map<String, String> header, String key, double fallback) {
        String s = header.get(key);
        if (s == null || s.isBlank()) return fallback;
        double v = Numbers.parse(s);
        if (Double.isNaN(v)) throw TridentException.file(file, "#" + key + " is not a number: '" + s.strip() + "'");
        return v;
    }
}
