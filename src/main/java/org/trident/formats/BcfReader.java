package org.trident.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.ArrayFiles;
import org.trident.io.Json;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Bruker Esprit {@code .bcf} EDS maps: one file is one tilt (the EDS spectrum image and the
 * images recorded with it, e.g. HAADF); a folder of them, or several named on the command line,
 * is a tilt series. Angles: {@code --angles} (files in name order), else each file's stage tilt
 * ({@code TRTSEMStageData.Tilt}), else a number in its name; one file without any is taken at 0°.
 */
final class BcfReader {
    private BcfReader() {}

    /** Every energy channel of every tilt must agree with the first tilt's axis to this fraction of a channel. */
    static final double AXIS_TOLERANCE_CHANNELS = 0.1;

    private record One(Path file, BcfHeader header, BcfSpectra.Decoded spectra, double angle, String angleSource) {}

    static boolean isBcf(Path p) {
        return ArrayFiles.extension(p).equals("bcf");
    }

    static List<Path> filesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(BcfReader::isBcf).sorted().toList();
        } catch (IOException e) {
            throw TridentException.file(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    static Datasets.Opened open(Path file, ImportOptions opt) {
        return openSeries(file, List.of(file), opt);
    }

    static Datasets.Opened openSeries(Path label, List<Path> files, ImportOptions opt) {
        List<Path> sorted = files.stream().sorted().toList();
        ImportRecord rec = new ImportRecord("Bruker BCF");
        double[] given = opt.anglesFile() != null ? AngleFiles.forStack(opt.anglesFile(), sorted.size()) : null;
        List<One> tilts = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Path f = sorted.get(i);
            rec.source(f);
            BcfHeader h;
            BcfSpectra.Decoded d;
            try (SfsContainer c = new SfsContainer(f)) {
                SfsContainer.Entry hd = c.find("EDSDatabase/HeaderData"), sd = c.find("EDSDatabase/SpectrumData0");
                if (hd == null || sd == null) throw TridentException.file(f, "holds no EDS map (EDSDatabase/HeaderData and SpectrumData0); EBSD-only .bcf files are not read");
                h = new BcfHeader(f, c.readAll(hd, 256 << 20));
                d = BcfSpectra.decode(f, c.open(sd), h.width, h.height, h.channels, opt.progress());
            }
            double angle;
            String source;
            if (given != null) {
                angle = given[i];
                source = "angle file " + opt.anglesFile().getFileName() + ", line " + (i + 1) + " (files in name order)";
            } else if (h.tiltDeg != null) {
                angle = h.tiltDeg;
                source = "stage tilt (TRTSEMStageData.Tilt)";
            } else {
                Double a = sorted.size() > 1 ? TiltFolder.angleFromName(f.getFileName().toString()) : null;
                if (a != null) {
                    if (Math.abs(a) > 90) throw TridentException.file(f, "its name gives tilt angle " + a + "°, outside [-90°, 90°]");
                    angle = a;
                    source = "file name";
                } else if (sorted.size() == 1) {
                    angle = 0;
                    source = "none in the file; 0° assumed";
                } else {
                    throw TridentException.file(f, "records no stage tilt and its name gives none (e.g. map_-35.bcf); give the angles with --angles FILE");
                }
            }
            if (d.dropped() > 0) rec.note(f.getFileName() + ": " + d.dropped() + " counts in channels beyond the map's " + h.channels + " channels left out");
            tilts.add(new One(f, h, d, angle, source));
        }
        tilts.sort(Comparator.comparingDouble(One::angle));
        One first = tilts.get(0);
        BcfHeader h0 = first.header();
        var perFile = rec.node().putArray("tilts");
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < tilts.size(); i++) {
            One t = tilts.get(i);
            BcfHeader h = t.header();
            if (i > 0 && t.angle() == tilts.get(i - 1).angle()) throw TridentException.file(t.file(), "has the same tilt angle " + t.angle() + "° as " + tilts.get(i - 1).file().getFileName());
            if (h.width != h0.width || h.height != h0.height || h.channels != h0.channels) {
                throw TridentException.file(t.file(), "is a " + h.width + "x" + h.height + "x" + h.channels + " map but " + first.file().getFileName() + " is " + h0.width + "x" + h0.height + "x" + h0.channels);
            }
            double worst = Math.max(Math.abs(h.offsetKeV - h0.offsetKeV), Math.abs(h.offsetKeV + h.scaleKeV * (h.channels - 1) - h0.offsetKeV - h0.scaleKeV * (h0.channels - 1)));
            if (worst > AXIS_TOLERANCE_CHANNELS * h0.scaleKeV) {
                throw TridentException.file(t.file(), String.format(Locale.ROOT, "its energy axis (%.5f + %.6f keV/ch) differs from %s's (%.5f + %.6f keV/ch) by more than %.1f channel",
                        h.offsetKeV, h.scaleKeV, first.file().getFileName(), h0.offsetKeV, h0.scaleKeV, AXIS_TOLERANCE_CHANNELS));
            }
            if (Double.isFinite(h0.pixelNm) && !(Math.abs(h.pixelNm - h0.pixelNm) <= 1e-3 * h0.pixelNm)) {
                throw TridentException.file(t.file(), "has pixel size " + h.pixelNm + " nm but " + first.file().getFileName() + " has " + h0.pixelNm + " nm");
            }
            perFile.addObject().put("file", t.file().getFileName().toString()).put("angleDeg", t.angle()).put("angleSource", t.angleSource());
            if (!sources.contains(t.angleSource().replaceAll(", line \\d+.*", ""))) sources.add(t.angleSource().replaceAll(", line \\d+.*", ""));
        }
        rec.angleSource(tilts.size() == 1 ? first.angleSource() : sources.size() == 1 ? sources.get(0) + " (every file)" : "mixed: " + sources);
        double px = rec.pixelSize(opt, h0.pixelNm, "Bruker TRTSEMData.DX (µm per pixel)");
        List<Channel> channels = new ArrayList<>(images(tilts, rec));
        List<SpectrumStack> parts = tilts.stream().map(t -> t.spectra().stack()).toList();
        SpectrumStack eds = parts.size() == 1 ? parts.get(0) : new TiltStackedSpectra(parts);
        channels.add(Channel.spectrum("EDS", Signal.EDS, eds, new EnergyAxis(h0.offsetKeV, h0.scaleKeV, "keV")));
        long total = tilts.stream().mapToLong(t -> t.spectra().total()).sum();
        rec.note("EDS map " + h0.width + "x" + h0.height + "x" + h0.channels + " per tilt decoded, " + total + " counts in all" + (h0.detector != null ? "; detector " + h0.detector : ""));
        String name = tilts.size() == 1 ? DmReader.stem(first.file()) : label.getFileName() == null ? "bcf series" : label.getFileName().toString();
        return rec.finish(name, px, tilts.stream().mapToDouble(One::angle).toArray(), channels, acquisition(h0), opt);
    }

    /** The non-blank image planes present in every tilt; the HAADF (or first ADF) leads. */
    private static List<Channel> images(List<One> tilts, ImportRecord rec) {
        BcfHeader h0 = tilts.get(0).header();
        List<Channel> out = new ArrayList<>();
        for (BcfHeader.Plane p : h0.planes) {
            boolean blank = true;
            for (float v : p.values()) blank &= v == 0;
            if (blank) continue;
            float[][] data = new float[tilts.size()][];
            for (int t = 0; t < tilts.size(); t++) {
                for (BcfHeader.Plane q : tilts.get(t).header().planes) if (q.name().equals(p.name())) data[t] = q.values();
                if (data[t] == null) throw TridentException.file(tilts.get(t).file(), "has no image '" + p.name() + "' but " + tilts.get(0).file().getFileName() + " has");
            }
            Signal s = Signal.inferFromName(p.name());
            if (s != Signal.ADF && s != Signal.BF) s = Signal.MAP;
            String name = p.name().isBlank() ? "image" : p.name();
            for (Channel c : out) if (c.name().equals(name)) name = name + "_" + (out.size() + 1);
            out.add(Channel.image(name, s, new ImageStack(h0.width, h0.height, data, h0.imageType)));
        }
        boolean hasAdf = out.stream().anyMatch(c -> c.signal() == Signal.ADF);
        if (!hasAdf && !out.isEmpty()) {
            Channel c = out.get(0);
            out.set(0, Channel.image(c.name(), Signal.ADF, c.images()));
            rec.note("no image is named HAADF/ADF/DF; '" + c.name() + "' taken as the ADF channel");
        }
        out.sort(Comparator.comparingInt(c -> c.name().toUpperCase(Locale.ROOT).contains("HAADF") ? 0 : c.signal() == Signal.ADF ? 1 : 2));
        if (out.isEmpty()) rec.note("the map has no non-blank image; the EDS map alone was read");
        return out;
    }

    private static ObjectNode acquisition(BcfHeader h) {
        ObjectNode ex = Json.object();
        ObjectNode a = Json.object();
        if (h.beamKeV > 0) a.put("beamEnergyKeV", h.beamKeV);
        ObjectNode eds = Json.object();
        if (Double.isFinite(h.elevationDeg)) eds.put("elevationDeg", h.elevationDeg);
        if (Double.isFinite(h.azimuthDeg)) eds.put("azimuthDeg", h.azimuthDeg);
        if (!eds.isEmpty()) a.set("eds", eds);
        if (!a.isEmpty()) ex.set("acquisition", a);
        return ex;
    }
}
