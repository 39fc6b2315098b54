package org.trident.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.ArrayFiles;
import org.trident.io.Json;
import org.trident.io.Numbers;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * FEI/Thermo TIA files: an {@code NAME.emi} (metadata: an XML {@code <ObjectInfo>} per series)
 * and its series {@code NAME_1.ser}, {@code NAME_2.ser}, …, or one {@code .ser} alone (then the
 * {@code .emi} beside it, when present, gives the metadata). Each series becomes a channel:
 * images (ADF/BF) or spectra (EDS/EELS) on the scan; series whose scan size differs from the
 * first are left out with a note.
 */
final class TiaReader {
    private TiaReader() {}

    private static final Pattern SER_NUMBER = Pattern.compile("^(.*)_(\\d+)\\.ser$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA = Pattern.compile("<Data>\\s*<Label>([^<]{0,200})</Label>\\s*<Value>([^<]{0,400})</Value>\\s*<Unit>([^<]{0,50})</Unit>\\s*</Data>");
    /** Spectra of at least this many eV per channel are taken as X-ray (EDS) spectra; EELS uses finer dispersions. */
    static final double EDS_MIN_EV_PER_CHANNEL = 2.5;

    static boolean isTia(Path p) {
        String e = ArrayFiles.extension(p);
        return e.equals("emi") || e.equals("ser");
    }

    static Datasets.Opened open(Path path, ImportOptions opt) {
        String ext = ArrayFiles.extension(path);
        Path emi;
        List<Path> sers = new ArrayList<>();
        if (ext.equals("emi")) {
            emi = path;
            sers.addAll(seriesOf(path));
            if (sers.isEmpty()) throw TridentException.file(path, "no series files (" + stem(path) + "_1.ser, …) beside this TIA .emi file");
        } else {
            sers.add(path);
            Matcher m = SER_NUMBER.matcher(path.getFileName().toString());
            Path e = m.matches() ? path.resolveSibling(m.group(1) + ".emi") : null;
            emi = e != null && Files.isRegularFile(e) ? e : null;
        }
        List<Map<String, String[]>> objects = emi == null ? List.of() : objects(emi);
        ImportRecord rec = new ImportRecord("TIA");
        if (emi != null) rec.source(emi);
        else rec.note("no .emi beside the series: no stage tilt or beam energy; the series header alone was read");
        List<Channel> channels = new ArrayList<>();
        Map<String, String[]> meta = null;
        int width = -1, height = -1;
        double px = Double.NaN;
        ImageStack stackForAngles = null;
        for (Path f : sers) {
            rec.source(f);
            TiaSer s = new TiaSer(f);
            int k = serNumber(f);
            Map<String, String[]> md = k >= 1 && k <= objects.size() ? objects.get(k - 1) : Map.of();
            Scan scan = scan(s);
            if (width >= 0 && (scan.width != width || scan.height != height)) {
                rec.note(f.getFileName() + " left out: its scan is " + scan.width + "x" + scan.height + ", the first series' " + width + "x" + height);
                continue;
            }
            if (s.spectra) {
                EnergyAxis axis = new EnergyAxis(s.calOffset - s.calElement * s.calDelta, s.calDelta, "eV");
                Signal sig = spectrumSignal(f, axis, rec);
                if (sig == Signal.EDS) axis = new EnergyAxis(axis.offset() / 1000, axis.scale() / 1000, "keV");
                channels.add(Channel.spectrum(unique(channels, sig.label()), sig, new TiaSpectra(s, scan.width, scan.height), axis));
                if (Double.isNaN(px)) px = scan.pixelNm;
            } else {
                int n = (int) s.valid;
                if (n > 1 && sers.size() > 1) {
                    rec.note(f.getFileName() + " left out: a series of " + n + " images beside other series (open it alone with --angles)");
                    continue;
                }
                float[][] d = new float[n][];
                for (int i = 0; i < n; i++) d[i] = s.image(i);
                ImageStack st = new ImageStack(s.sizeX, s.sizeY, d, s.type.label);
                if (n > 1) stackForAngles = st;
                Signal sig = imageSignal(md, f, rec);
                channels.add(Channel.image(unique(channels, sig.label()), sig, st));
                if (Double.isNaN(px)) px = Math.abs(s.calDelta) * 1e9;
                if (Math.abs(Math.abs(s.calDelta) - Math.abs(s.calDeltaY)) > 1e-6 * Math.abs(s.calDelta)) {
                    rec.note(f.getFileName() + ": y pixel size " + Math.abs(s.calDeltaY) * 1e9 + " nm differs from x; x used");
                }
                scan = new Scan(s.sizeX, s.sizeY, px);
            }
            if (width < 0) {
                width = scan.width;
                height = scan.height;
                meta = md;
            }
        }
        if (channels.isEmpty()) throw TridentException.file(path, "no series Trident can combine");
        double pixel = rec.pixelSize(opt, px, "TIA calibration (m per pixel) of the first series");
        int tilts = channels.get(0).tilts();
        double[] angles = angles(path, meta, tilts, rec, opt);
        ObjectNode extra = acquisition(path, meta);
        return rec.finish(stem(path), pixel, angles, channels, extra, opt);
    }

    private record Scan(int width, int height, double pixelNm) {}

    /**
     * Where the spectra of a series sit: two dimensions are a scan, x the fast one (RosettaSciIO's
     * rule, from the tag positions: the second dimension unless the first two elements share their
     * y position, then the first); one dimension is a line; none a series along x.
     */
    private static Scan scan(TiaSer s) {
        if (!s.spectra) return new Scan(s.sizeX, s.sizeY, Math.abs(s.calDelta) * 1e9);
        List<TiaSer.Dim> d = s.dims;
        if (d.size() == 2) {
            if (s.valid < s.total) throw TridentException.file(s.file, "holds only " + s.valid + " of the " + s.total + " spectra of its scan (the acquisition stopped early)");
            double[][] p = s.positions(2);
            boolean firstIsX = p != null && p[1].length == 2 && p[1][0] == p[1][1] && p[0][0] != p[0][1];
            TiaSer.Dim x = firstIsX ? d.get(0) : d.get(1), y = firstIsX ? d.get(1) : d.get(0);
            return new Scan(x.size(), y.size(), lengthNm(x));
        }
        if (d.size() > 2) throw TridentException.file(s.file, "a series of " + d.size() + " navigation dimensions; Trident reads scans of at most two");
        int n = (int) s.valid;
        return new Scan(n, 1, d.isEmpty() ? Double.NaN : lengthNm(d.get(0)));
    }

    private static double lengthNm(TiaSer.Dim d) {
        return d.units().equalsIgnoreCase("meters") || d.units().equals("m") ? Math.abs(d.delta()) * 1e9 : Double.NaN;
    }

    private static Signal spectrumSignal(Path f, EnergyAxis axis, ImportRecord rec) {
        Signal named = Signal.inferFromName(stem(f));
        if (named == Signal.EDS || named == Signal.EELS || named == Signal.EELS_LOWLOSS) return named;
        Signal s = Math.abs(axis.scale()) >= EDS_MIN_EV_PER_CHANNEL ? Signal.EDS : Signal.EELS;
        rec.note(f.getFileName() + ": TIA does not say EDS or EELS; taken as " + s.label() + " from its dispersion " + axis.scale()
                + " eV/channel (EDS at " + EDS_MIN_EV_PER_CHANNEL + " eV/channel and more)");
        return s;
    }

    private static Signal imageSignal(Map<String, String[]> md, Path f, ImportRecord rec) {
        Signal named = Signal.inferFromName(stem(f));
        if (named == Signal.ADF || named == Signal.BF) return named;
        String mode = value(md, "Mode");
        boolean stem = mode != null && mode.toUpperCase(Locale.ROOT).contains("STEM");
        Signal s = stem || mode == null ? Signal.ADF : Signal.BF;
        rec.note(f.getFileName() + ": TIA metadata names no detector Trident reads; taken as " + s.label()
                + (mode == null ? " (no mode recorded)" : " (mode '" + AngleFiles.clip(mode.trim()) + "')"));
        return s;
    }

    private static String unique(List<Channel> chs, String base) {
        String n = base;
        for (int i = 2; ; i++) {
            String c = n;
            if (chs.stream().noneMatch(ch -> ch.name().equals(c))) return n;
            n = base + "_" + i;
        }
    }

    private static double[] angles(Path path, Map<String, String[]> md, int tilts, ImportRecord rec, ImportOptions opt) {
        if (opt.anglesFile() != null) {
            rec.angleSource("angle file " + opt.anglesFile().toAbsolutePath().normalize());
            return AngleFiles.forStack(opt.anglesFile(), tilts);
        }
        if (tilts > 1) throw TridentException.file(path, "holds " + tilts + " images but TIA records one stage tilt for the series; give the angles with --angles FILE");
        String[] a = md == null ? null : md.get("Stage A");
        if (a == null) {
            rec.angleSource("none in the file; 0° assumed");
            return new double[]{0};
        }
        double v = Numbers.parse(a[0]);
        if (!Double.isFinite(v) || Math.abs(v) > 90 || !a[1].trim().equalsIgnoreCase("deg")) {
            throw TridentException.file(path, "TIA metadata 'Stage A' is '" + AngleFiles.clip(a[0]) + " " + AngleFiles.clip(a[1]) + "', not a tilt in degrees within ±90°");
        }
        rec.angleSource("TIA metadata ExperimentalDescription 'Stage A' (deg)");
        return new double[]{v};
    }

    private static ObjectNode acquisition(Path path, Map<String, String[]> md) {
        ObjectNode ex = Json.object();
        String[] ht = md == null ? null : md.get("High tension");
        if (ht != null) {
            double kv = Numbers.parse(ht[0]);
            if (!(kv > 0) || !ht[1].trim().equalsIgnoreCase("kV")) throw TridentException.file(path, "TIA metadata 'High tension' is '" + AngleFiles.clip(ht[0]) + " " + AngleFiles.clip(ht[1]) + "', not a voltage in kV");
            ex.putObject("acquisition").put("beamEnergyKeV", kv);
        }
        return ex;
    }

    private static String value(Map<String, String[]> md, String label) {
        String[] v = md == null ? null : md.get(label);
        return v == null ? null : v[0];
    }

    /** The ExperimentalDescription entries (label → value, unit) of each {@code <ObjectInfo>} in the .emi, in file order. */
    static List<Map<String, String[]>> objects(Path emi) {
        String text;
        try {
            if (Files.size(emi) > 256L << 20) throw TridentException.file(emi, "is larger than 256 MB; not a TIA .emi file");
            text = new String(Files.readAllBytes(emi), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw TridentException.file(emi, "cannot read: " + e.getMessage(), e);
        }
        List<Map<String, String[]>> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int s = text.indexOf("<ObjectInfo>", at);
            if (s < 0) break;
            int e = text.indexOf("</ObjectInfo>", s);
            if (e < 0) break;
            Map<String, String[]> m = new HashMap<>();
            int d = text.indexOf("<ExperimentalDescription>", s);
            if (d >= 0 && d < e) {
                Matcher dm = DATA.matcher(text.substring(d, e));
                while (dm.find()) m.putIfAbsent(dm.group(1).trim(), new String[]{dm.group(2), dm.group(3)});
            }
            out.add(m);
            at = e + 1;
        }
        return out;
    }

    /** {@code NAME_1.ser}, {@code NAME_2.ser}, … beside {@code NAME.emi}, in number order. */
    static List<Path> seriesOf(Path emi) {
        String base = stem(emi);
        Path dir = emi.toAbsolutePath().getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                Matcher m = SER_NUMBER.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(base) && Files.isRegularFile(p);
            }).sorted(java.util.Comparator.comparingInt(TiaReader::serNumber)).toList();
        } catch (IOException e) {
            throw TridentException.file(emi, "cannot list its folder: " + e.getMessage(), e);
        }
    }

    static int serNumber(Path ser) {
        Matcher m = SER_NUMBER.matcher(ser.getFileName().toString());
        if (!m.matches()) return 0;
        String g = m.group(2);
        return g.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(g);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
