package org.trident.sei.xps;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * VAMAS surface-analysis files (ISO 14976:1998, {@code .vms}), one line per field, experiment
 * modes NORM and SDP (spectra; the MAP modes are refused), REGULAR and IRREGULAR scans, any
 * number of blocks. A kinetic-energy abscissa becomes binding energy as hν − KE, with hν the
 * block's analysis-source energy (the work-function field is not subtracted, as CasaXPS does).
 * The intensity is the first corresponding variable (IRREGULAR: the second, the first being
 * the abscissa). Blank lines before the identifier line are tolerated (Kratos writes two).
 */
public final class VamasReader {
    private VamasReader() {}

    static final String MAGIC = "VAMAS Surface Chemical Analysis Standard Data Transfer Format 1988 May 4";
    private static final Set<String> SPUTTER_TECH = Set.of("AES diff", "AES dir", "EDX", "ELS", "UPS", "XPS", "XRF");

    /** One block: its identifier, species, transition, and the spectrum (binding energy ascending). */
    public record Block(String id, String species, String transition, double photonEv, Spectrum spectrum) {
        public String region() {
            String r = (species + " " + transition).trim();
            return r.isEmpty() ? id : r;
        }
    }

    public static List<Block> read(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        Cursor c = new Cursor(file, lines);
        while (c.i < lines.size() && lines.get(c.i).isBlank()) c.i++;
        if (!c.next().strip().equals(MAGIC)) throw TridentException.file(file, "not a VAMAS file (no ISO 14976 identifier line)");
        for (int k = 0; k < 4; k++) c.next(); // institution, instrument, operator, experiment
        c.skip(c.count("comment lines"));
        String mode = c.next().strip();
        if (!mode.equals("NORM") && !mode.equals("SDP")) throw TridentException.file(file, "VAMAS experiment mode " + mode + " is not supported (NORM and SDP spectra are)");
        String scan = c.next().strip();
        if (!scan.equals("REGULAR") && !scan.equals("IRREGULAR")) throw TridentException.file(file, "VAMAS scan mode " + scan + " is not supported");
        c.next(); // number of spectral regions
        int expVars = c.count("experimental variables");
        c.skip(2 * expVars);
        int incl = c.integer("parameter inclusion list entries");
        if (incl != 0) throw TridentException.file(file, "VAMAS parameter inclusion lists are not supported (" + incl + " entries)");
        c.skip(c.count("manually entered items"));
        int futureExp = c.count("future experiment entries"), futureBlock = c.count("future block entries");
        c.skip(futureExp);
        int blocks = c.count("blocks");
        if (blocks == 0) throw TridentException.file(file, "VAMAS file holds no block");
        List<Block> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) out.add(block(c, mode, scan, expVars, futureBlock, b));
        return out;
    }

    private static Block block(Cursor c, String mode, String scan, int expVars, int futureBlock, int index) {
        String id = c.next().strip();
        c.next(); // sample
        c.skip(7); // date and time
        c.skip(c.count("block comment lines"));
        String technique = c.next().strip();
        c.skip(expVars);
        c.next(); // source label
        boolean sputter = mode.equals("SDP");
        if (sputter) c.skip(3);
        double photon = c.number("analysis source energy");
        c.skip(3); // strength, beam width x, y
        c.skip(2); // polar angle of incidence, azimuth
        c.next(); // analyser mode
        c.next(); // pass energy
        if (technique.equals("AES diff")) c.next();
        c.skip(7); // magnification, work function, target bias, analysis width x, y, take-off polar, azimuth
        String species = clean(c.next()), transition = clean(c.next());
        c.next(); // charge of detected particle
        String absLabel = "";
        double start = Double.NaN, step = Double.NaN;
        if (scan.equals("REGULAR")) {
            absLabel = c.next().strip();
            c.next(); // units
            start = c.number("abscissa start");
            step = c.number("abscissa increment");
        }
        int nVars = c.count("corresponding variables");
        List<String> varLabels = new ArrayList<>();
        for (int v = 0; v < nVars; v++) {
            varLabels.add(c.next().strip());
            c.next();
        }
        c.skip(4); // signal mode, collection time, scans, time correction
        if (sputter && SPUTTER_TECH.contains(technique)) c.skip(7);
        c.skip(3); // sample tilt, azimuth, rotation
        int extra = c.count("additional numerical parameters");
        c.skip(3 * extra);
        c.skip(futureBlock);
        int nValues = c.count("ordinate values");
        c.skip(2 * nVars); // min and max of each variable
        if (nVars == 0 || nValues % nVars != 0) throw c.fail("block " + (index + 1) + ": " + nValues + " ordinate values do not divide into " + nVars + " variables");
        int points = nValues / nVars;
        double[] x = new double[points], y = new double[points];
        boolean irregular = scan.equals("IRREGULAR");
        if (irregular && nVars < 2) throw c.fail("block " + (index + 1) + ": an IRREGULAR block needs the abscissa and an intensity variable");
        for (int p = 0; p < points; p++) {
            for (int v = 0; v < nVars; v++) {
                double val = c.number("ordinate value");
                if (irregular && v == 0) x[p] = val;
                else if (v == (irregular ? 1 : 0)) y[p] = val;
            }
            if (!irregular) x[p] = start + p * step;
        }
        if (irregular) absLabel = varLabels.get(0);
        String a = absLabel.toLowerCase(Locale.ROOT);
        List<String> notes = new ArrayList<>();
        if (a.startsWith("kinetic")) {
            if (!(photon > 0) || photon > 1e6) throw c.fail("block " + (index + 1) + ": kinetic-energy abscissa but no usable source energy (" + photon + ")");
            for (int p = 0; p < points; p++) x[p] = photon - x[p];
            notes.add("binding energy = " + photon + " eV − kinetic energy");
        } else if (!a.startsWith("binding")) {
            throw c.fail("block " + (index + 1) + ": abscissa '" + absLabel + "' is not an energy");
        }
        String label = (species + " " + transition).trim();
        Spectrum s = Spectrum.ascending(label.isEmpty() ? id : label, x, y, notes);
        return new Block(id, species, transition, photon, s);
    }

    private static String clean(String s) {
        return s.replace("\0", "").strip();
    }

    private static final class Cursor {
        final Path file;
        final List<String> lines;
        int i;

        Cursor(Path file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        String next() {
            if (i >= lines.size()) throw TridentException.file(file, "truncated VAMAS file: ends at line " + lines.size());
            return lines.get(i++);
        }

        void skip(int n) {
            for (int k = 0; k < n; k++) next();
        }

        TridentException fail(String what) {
            return TridentException.file(file, "VAMAS line " + i + ": " + what);
        }

        double number(String what) {
            String s = next().strip();
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw fail("expected the " + what + ", found '" + s + "'");
            }
        }

        int integer(String what) {
            String s = next().strip();
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw fail("expected the number of " + what + ", found '" + s + "'");
            }
        }

        int count(String what) {
            int n = integer(what);
            if (n < 0 || n > lines.size()) throw fail("absurd number of " + what + ": " + n);
            return n;
        }
    }
}
