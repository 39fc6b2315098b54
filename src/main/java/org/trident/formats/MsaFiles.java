package org.trident.formats;

import org.trident.model.TridentException;
import org.trident.io.Msa;
import org.trident.model.Channel;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An EMSA/MSA single spectrum (read by {@link Msa}) opened as a dataset: one tilt of one pixel,
 * so {@code info}, the spectrum view and reference loading see it like any other spectrum.
 * EDS or EELS comes from {@code #SIGNALTYPE}, else from the unit (keV: EDS); the tilt from
 * {@code #XTILTSTGE}; the beam energy from {@code #BEAMKV}.
 */
public final class MsaFiles {
    private MsaFiles() {}

    static boolean looksLikeMsa(byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return s.startsWith("#FORMAT");
    }

    public static Datasets.Opened open(Path file, ImportOptions opt) {
        Msa.Spectrum s = Msa.read(file);
        ImportRecord rec = new ImportRecord("EMSA/MSA").source(file);
        String type = s.header().getOrDefault("SIGNALTYPE", "").toUpperCase(Locale.ROOT);
        Signal signal = type.startsWith("EDS") || type.startsWith("XRF") ? Signal.EDS
                : type.startsWith("ELS") || type.startsWith("EELS") ? Signal.EELS
                : "keV".equalsIgnoreCase(s.axis().unit()) ? Signal.EDS : Signal.EELS;
        rec.note("spectrum taken as " + signal.label() + (type.isEmpty() ? " (from its unit)" : " (#SIGNALTYPE " + type + ")"));
        double tilt = 0;
        String t = s.header().get("XTILTSTGE");
        if (t != null && !t.isBlank()) {
            tilt = org.trident.io.Numbers.parse(t);
            if (!(Math.abs(tilt) <= 90)) throw TridentException.file(file, "#XTILTSTGE is '" + AngleFiles.clip(t.strip()) + "', not a tilt angle within ±90°");
            rec.angleSource("#XTILTSTGE");
        } else {
            rec.angleSource("none in the file; 0° assumed");
        }
        var extra = org.trident.io.Json.object();
        String kv = s.header().get("BEAMKV");
        if (kv != null && AngleFiles.isNumber(kv.trim()) && Double.parseDouble(kv.trim()) > 0) {
            extra.putObject("acquisition").put("beamEnergyKeV", Double.parseDouble(kv.trim()));
        }
        MemorySpectrumStack st = new MemorySpectrumStack(1, 1, s.length(), new float[][]{s.values().clone()});
        double px = rec.pixelSize(opt, Double.NaN, "");
        String title = s.title().isBlank() ? DmReader.stem(file) : s.title();
        return rec.finish(title, px, new double[]{tilt}, List.of(Channel.spectrum(signal.label(), signal, st, s.axis())), extra, opt);
    }
}
