package org.trident.sei.xps;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two-column spectrum CSV (contract section 8): binding energy in eV, counts; comma-separated,
 * one optional header line, energies in either order. Blank lines and {@code #} comments are
 * skipped. Absurd content (non-numbers after the header, non-finite values, repeated energies,
 * fewer than 5 points) is refused with the line number.
 */
public final class SpectrumCsv {
    private SpectrumCsv() {}

    public static Spectrum read(Path file, String region) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        List<double[]> rows = new ArrayList<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split(",");
            if (f.length < 2) throw TridentException.file(file, "line " + (i + 1) + ": expected two comma-separated columns (energy eV, counts)");
            double e, c;
            try {
                e = Double.parseDouble(f[0].strip());
                c = Double.parseDouble(f[1].strip());
            } catch (NumberFormatException ex) {
                if (rows.isEmpty() && !headerSeen) {
                    headerSeen = true;
                    continue;
                }
                throw TridentException.file(file, "line " + (i + 1) + ": not a number: " + l);
            }
            if (!Double.isFinite(e) || !Double.isFinite(c)) throw TridentException.file(file, "line " + (i + 1) + ": non-finite value");
            if (e < -50 || e > 20000) throw TridentException.file(file, "line " + (i + 1) + ": binding energy " + e + " eV is absurd");
            rows.add(new double[]{e, c});
        }
        if (rows.size() < 5) throw TridentException.file(file, "only " + rows.size() + " data points; a spectrum needs at least 5");
        double[] e = new double[rows.size()], c = new double[rows.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = rows.get(i)[0];
            c[i] = rows.get(i)[1];
        }
        Spectrum s = Spectrum.ascending(region, e, c, List.of());
        for (int i = 1; i < s.size(); i++) {
            if (s.bindingEv()[i] == s.bindingEv()[i - 1]) throw TridentException.file(file, "energy " + s.bindingEv()[i] + " eV appears twice");
        }
        return s;
    }
}
