package org.trident.sei.sim;

import org.trident.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes XPS regions as an ISO 14976 VAMAS file (NORM, REGULAR, kinetic-energy abscissa, one counts variable per block). */
final class VamasWriter {
    private VamasWriter() {}

    record Region(String species, String transition, double beStart, double step, double[] counts) {}

    static void write(Path file, String sample, double photonEv, List<Region> regions) {
        List<String> l = new ArrayList<>(List.of(VamasReaderMagic.MAGIC, "Trident", "simulate-sei", "none", sample,
                "1", "simulated by trident simulate-sei", "NORM", "REGULAR", Integer.toString(regions.size()), "0",
                "0", "0", "0", "0", Integer.toString(regions.size())));
        for (Region r : regions) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double c : r.counts()) { min = Math.min(min, c); max = Math.max(max, c); }
            l.addAll(List.of(r.species() + " " + r.transition(), sample, "2026", "1", "1", "0", "0", "0", "0", "0", "XPS",
                    "Al", f(photonEv), "1E37", "0", "0", "54.7", "0", "FAT", "20", "1", "4.5", "0", "0", "0", "0", "0",
                    r.species(), r.transition(), "-1", "kinetic energy", "eV", f(photonEv - (r.beStart() + (r.counts().length - 1) * r.step())), f(r.step()),
                    "1", "counts", "d", "pulse counting", "0.1", "1", "0", "0", "0", "0", "0",
                    Integer.toString(r.counts().length), f(min), f(max)));
            // ascending kinetic energy = descending binding energy
            for (int i = r.counts().length - 1; i >= 0; i--) l.add(f(r.counts()[i]));
        }
        l.add("end of experiment");
        AtomicFiles.write(file, (String.join("\r\n", l) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static final class VamasReaderMagic {
        static final String MAGIC = "VAMAS Surface Chemical Analysis Standard Data Transfer Format 1988 May 4";
    }
}
