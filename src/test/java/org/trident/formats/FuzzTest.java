package org.trident.formats;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.BundleWriter;
import org.trident.model.Channel;
import org.trident.model.EnergyAxis;
import org.trident.model.ImageStack;
import org.trident.model.MemorySpectrumStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A seeded mutation fuzzer over every reader (issue 19). Seeds are small valid files (the test
 * fixtures, and files built here); mutants get bit flips, runs of 0x00/0xff, truncations, cut-out
 * and duplicated pieces, random bytes, and for text formats token swaps ("1,5", "NaN", "1e400",
 * deep brackets, control characters, …). Each mutant is opened and every value read, and the
 * outcome must keep the contract:
 * <ul>
 *   <li>a {@link TridentException} whose message is one printable line naming the file, and not
 *       a wrapper around a bug in Trident's own code (a RuntimeException thrown from org.trident);</li>
 *   <li>or a dataset that passes the invariants (finite angles within ±90°, distinct for stacks;
 *       positive pixel size; finite image values; a valid energy axis) and, where an independent
 *       decode is practical (NPY/MRC data regions, angle files), equals it;</li>
 *   <li>never another exception, an error (OutOfMemoryError…), or a hang (per-mutant time limit).</li>
 * </ul>
 * The default run is 150 mutants per format; {@code -Dtrident.fuzz.mutations=N} and
 * {@code -Dtrident.fuzz.seed=S} run longer campaigns. The outcome table is printed per format.
 */
class FuzzTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");
    static final int MUTATIONS = Integer.getInteger("trident.fuzz.mutations", 150);
    static final long SEED = Long.getLong("trident.fuzz.seed", 0);
    static final int TIMEOUT_S = Integer.getInteger("trident.fuzz.timeout", 60);
    static final Map<String, Map<String, Integer>> TABLE = new TreeMap<>();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- mutators

    static byte[] mutate(byte[] src, Random r, boolean text) {
        if (text && r.nextInt(3) > 0) return mutateText(new String(src, StandardCharsets.ISO_8859_1), r).getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = src.clone();
        if (b.length == 0) return b;
        switch (r.nextInt(6)) {
            case 0 -> { // flip a few bits
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> { // overwrite a run with 0xff or 0x00 (huge or zero lengths)
                int at = r.nextInt(b.length), len = 1 + r.nextInt(8);
                byte v = r.nextBoolean() ? (byte) 0xff : 0;
                for (int i = at; i < Math.min(b.length, at + len); i++) b[i] = v;
            }
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 3 -> { // cut a piece out of the middle
                int at = r.nextInt(b.length), len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                b = c;
            }
            case 4 -> { // duplicate a piece (shifts everything after it)
                int at = r.nextInt(b.length), len = Math.min(b.length - at, 1 + r.nextInt(32));
                byte[] c = new byte[b.length + len];
                System.arraycopy(b, 0, c, 0, at + len);
                System.arraycopy(b, at, c, at + len, b.length - at);
                b = c;
            }
            default -> { // random bytes
                int n = 1 + r.nextInt(16);
                for (int i = 0; i < n; i++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    static final String[] TOKENS = {"1,5", "NaN", "nan", "Infinity", "-inf", "1e400", "-1e-400", "120", "-90.0001", "0x1p3", "12d", "",
            " ", "abc", "\"x\"", "null", "true", "[", "]", "{", "}", ",", ":", "\u0000", "\u0001\u0002", "\n", "\r\n", "#", "\u00ff\u00fe",
            "[".repeat(300), "{\"a\":".repeat(300), "9".repeat(40), "-0", "+", "1.5.5", "../x.npy", "/etc/passwd", "angle", "tilt_index"};

    /** Token-level edits of text: numbers and punctuation swapped for hostile tokens, lines cut or doubled. */
    static String mutateText(String s, Random r) {
        if (s.isEmpty()) return TOKENS[r.nextInt(TOKENS.length)];
        List<int[]> spans = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9.]+(e-?[0-9]+)?|\"[^\"\\n]*\"|[\\[\\]{},:\\n]").matcher(s);
        while (m.find()) spans.add(new int[]{m.start(), m.end()});
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                if (spans.isEmpty()) return s + TOKENS[r.nextInt(TOKENS.length)];
                int[] sp = spans.get(r.nextInt(spans.size()));
                String tok = TOKENS[r.nextInt(TOKENS.length)];
                if (s.charAt(sp[0]) == '"' && r.nextBoolean()) tok = "\"" + tok + "\"";
                return s.substring(0, sp[0]) + tok + s.substring(sp[1]);
            }
            case 2 -> { // drop or double a line
                String[] lines = s.split("\n", -1);
                int i = r.nextInt(lines.length);
                List<String> l = new ArrayList<>(Arrays.asList(lines));
                if (r.nextBoolean()) l.remove(i);
                else l.add(i, lines[i]);
                return String.join("\n", l);
            }
            default -> { // insert a token anywhere
                int at = r.nextInt(s.length() + 1);
                return s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
            }
        }
    }

    // ---------------------------------------------------------------- oracle

    /** A decoded result that breaks an invariant: a silent wrong answer. */
    static final class SilentWrong extends RuntimeException {
        SilentWrong(String m) {
            super(m);
        }
    }

    /** Opens as import would, reads every value, and checks the invariants of a valid dataset. */
    static TiltSeries consume(Path f) {
        TiltSeries ts = Datasets.open(f).series();
        double[] a = ts.tiltAnglesDeg();
        for (double v : a) if (!(Math.abs(v) <= 90)) throw new SilentWrong("angle " + v);
        if (a.length > 1 && Arrays.stream(a).distinct().count() == 1) throw new SilentWrong("every tilt at " + a[0] + "°");
        if (!(ts.pixelSizeNm() > 0) || !Double.isFinite(ts.pixelSizeNm())) throw new SilentWrong("pixel size " + ts.pixelSizeNm());
        for (Channel c : ts.channels()) {
            if (c.isSpectrum()) {
                EnergyAxis ax = c.energyAxis();
                if (!Double.isFinite(ax.offset()) || !Double.isFinite(ax.scale()) || ax.scale() == 0) throw new SilentWrong("energy axis " + ax);
                float[] row = new float[c.width() * c.spectra().channels()];
                for (int t = 0; t < c.tilts(); t++) for (int y = 0; y < c.height(); y++) c.spectra().readRow(t, y, row);
            } else {
                int[] bad = c.images().firstNonFinite();
                if (bad != null && !c.signal().equals(Signal.MAP)) throw new SilentWrong("non-finite image value at tilt " + bad[0]);
            }
        }
        return ts;
    }

    /** What a mutant did; counts go to the table. */
    enum Outcome { OPENED, REFUSED, CRASH, MULTI_LINE, UNNAMED, WRAPPED_BUG, SILENT_WRONG, HANG, ERROR }

    record Format(String name, String fileName, byte[] seed, boolean text, Function<Path, Object> open, Oracle oracle) {}

    /** An independent decode: null when it has nothing to say about this mutant, else the expected result (compared by equals). */
    interface Oracle {
        Object expect(byte[] seed, byte[] mutant);
    }

    Outcome judge(Format fmt, Path f, byte[] mutant, Future<Object> job, List<String> problems, int i) throws InterruptedException {
        String where = fmt.name + " mutant " + i + " (seed " + (fmt.name.hashCode() + SEED) + "): ";
        try {
            Object got = job.get(TIMEOUT_S, TimeUnit.SECONDS);
            Object want = fmt.oracle == null ? null : fmt.oracle.expect(fmt.seed, mutant);
            if (want != null && !want.equals(got) && !(want instanceof Refuse)) {
                problems.add(where + "read " + got + " but an independent decode gives " + want);
                return Outcome.SILENT_WRONG;
            }
            if (want instanceof Refuse rf) {
                problems.add(where + "opened, but an independent check says it must be refused: " + rf.why);
                return Outcome.SILENT_WRONG;
            }
            return Outcome.OPENED;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SilentWrong) {
                problems.add(where + "silently wrong: " + c.getMessage());
                return Outcome.SILENT_WRONG;
            }
            if (c instanceof Error err) {
                problems.add(where + err);
                return Outcome.ERROR;
            }
            if (!(c instanceof TridentException)) {
                problems.add(where + c);
                return Outcome.CRASH;
            }
            String msg = c.getMessage();
            if (msg.contains("\n") || msg.contains("\r") || msg.chars().anyMatch(ch -> ch < 0x20)) {
                problems.add(where + "multi-line or binary message: " + msg);
                return Outcome.MULTI_LINE;
            }
            String stem = f.getFileName().toString();
            if (!msg.contains(stem) && !msg.contains(f.getParent().getFileName().toString())) {
                problems.add(where + "message names no file: " + msg);
                return Outcome.UNNAMED;
            }
            Throwable bug = ownBug(c);
            if (bug != null) {
                problems.add(where + "a bug in Trident dressed as a refusal: " + bug + " at " + bug.getStackTrace()[0]);
                return Outcome.WRAPPED_BUG;
            }
            Object want = fmt.oracle == null ? null : fmt.oracle.expect(fmt.seed, mutant);
            if (want != null && !(want instanceof Refuse)) {
                problems.add(where + "refused (" + msg + ") but an independent decode reads it: " + want);
                return Outcome.SILENT_WRONG;
            }
            return Outcome.REFUSED;
        } catch (TimeoutException e) {
            job.cancel(true);
            problems.add(where + "no result within " + TIMEOUT_S + " s");
            return Outcome.HANG;
        }
    }

    /** A RuntimeException (not ours) thrown from Trident's own code somewhere in the cause chain. */
    static Throwable ownBug(Throwable t) {
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof RuntimeException && !(c instanceof TridentException) && c.getStackTrace().length > 0
                    && c.getStackTrace()[0].getClassName().startsWith("org.trident.")) return c;
        }
        return null;
    }

    /** The oracle's "this must be refused". */
    record Refuse(String why) {}

    void run(Format fmt) throws Exception {
        Path valid = dir.resolve("seed-" + fmt.fileName);
        Files.write(valid, fmt.seed);
        sidecar(valid);
        fmt.open.apply(valid); // the seed itself must open
        List<String> problems = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        ExecutorService ex = executor();
        try {
            Random rnd = new Random(fmt.name.hashCode() + SEED);
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] m = mutate(fmt.seed, rnd, fmt.text);
                Path sub = Files.createDirectories(dir.resolve("m" + i));
                Path f = sub.resolve(fmt.fileName);
                Files.write(f, m);
                sidecar(f);
                Future<Object> job = ex.submit(() -> fmt.open.apply(f));
                Outcome o = judge(fmt, f, m, job, problems, i);
                counts.merge(o.name(), 1, Integer::sum);
                if (o == Outcome.HANG) {
                    ex.shutdownNow();
                    ex = executor();
                }
                deleteTree(sub);
            }
        } finally {
            ex.shutdownNow();
        }
        synchronized (TABLE) {
            TABLE.put(fmt.name, counts);
        }
        assertEquals(List.of(), problems, problems.size() + " bad outcomes of " + MUTATIONS + " " + fmt.name + " mutants");
    }

    static ExecutorService executor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    /** Plain stacks carry no angles: give them an IMOD file beside them. */
    static void sidecar(Path f) throws Exception {
        String n = f.getFileName().toString();
        if (n.endsWith(".npy") || n.endsWith(".tif")) Files.writeString(tlt(f), "-30\n0\n30\n");
    }

    static Path tlt(Path f) {
        String n = f.getFileName().toString();
        return f.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".tlt");
    }

    @AfterAll
    static void printTable() {
        if (TABLE.isEmpty()) return;
        StringBuilder b = new StringBuilder("\nFuzz outcomes (" + MUTATIONS + " mutants per format, seed offset " + SEED + ")\n");
        b.append(String.format("%-16s", "format"));
        for (Outcome o : Outcome.values()) b.append(String.format("%14s", o.name().toLowerCase().replace('_', '-')));
        b.append('\n');
        TABLE.forEach((k, v) -> {
            b.append(String.format("%-16s", k));
            for (Outcome o : Outcome.values()) b.append(String.format("%14d", v.getOrDefault(o.name(), 0)));
            b.append('\n');
        });
        System.out.print(b);
    }

    // ---------------------------------------------------------------- seeds and independent decodes

    /** A mutated .emi opened with its (valid) series beside it. */
    static Function<Path, Object> emiWithSeries() {
        return f -> {
            try {
                String stem = f.getFileName().toString().replaceFirst("\\.emi$", "");
                Files.copy(FIX.resolve("rsciio/tia/16x16_STEM_BF_DF_acquire_1.ser"), f.resolveSibling(stem + "_1.ser"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            consume(f);
            return null;
        };
    }

    static Function<Path, Object> dataset() {
        return f -> {
            consume(f);
            return null;
        };
    }

    static byte[] dm(boolean dm4, boolean spectrum) {
        DmFiles.Group[] axes = spectrum
                ? new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 0.5, "eV")}
                : new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"), DmFiles.axis(1, 30, "deg")};
        return DmFiles.image(dm4, new long[]{4, 3, 3}, DmReaderTest.ramp(36), axes, 10.0, spectrum ? "Spectrum image" : null);
    }

    /** NPY: when the header (everything before the data) is untouched and the size is right, the values are the data bytes. */
    static Function<Path, Object> npyValues() {
        return f -> {
            TiltSeries ts = consume(f);
            return Arrays.deepToString(toDouble(ts.channels().get(0).images()));
        };
    }

    static Object[] toDouble(ImageStack s) {
        Object[] out = new Object[s.tilts()];
        for (int t = 0; t < s.tilts(); t++) {
            float[] v = s.tilt(t);
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) d[i] = v[i];
            out[t] = d;
        }
        return out;
    }

    /** Independent decode of a fixed-layout array file whose header and length the mutant left alone. */
    static Oracle sameHeader(int dataOffset, int count, int bytes, ByteOrder order, boolean unsigned, boolean floats) {
        return (seed, m) -> {
            if (m.length != seed.length || !Arrays.equals(seed, 0, dataOffset, m, 0, dataOffset)) return null;
            ByteBuffer b = ByteBuffer.wrap(m, dataOffset, count * bytes).order(order);
            double[] all = new double[count];
            for (int i = 0; i < count; i++) {
                all[i] = switch (bytes) {
                    case 1 -> unsigned ? b.get() & 0xff : b.get();
                    case 2 -> unsigned ? b.getShort() & 0xffff : b.getShort();
                    default -> floats ? (double) b.getFloat() : b.getInt();
                };
            }
            for (double v : all) if (!Double.isFinite(v)) return null; // a non-finite pixel is refused by design
            int per = count / 3;
            Object[] out = new Object[3];
            for (int t = 0; t < 3; t++) out[t] = Arrays.copyOfRange(all, t * per, (t + 1) * per);
            return Arrays.deepToString(out);
        };
    }

    static Function<Path, Object> angles() {
        return f -> Arrays.toString(AngleFiles.read(f));
    }

    /**
     * Independent reading of a one-column angle file: every line not empty or '#' must be a plain
     * decimal (checked with BigDecimal) within ±90, else the file must be refused.
     */
    static Oracle oneColumnAngles() {
        return (seed, m) -> {
            String s = new String(m, StandardCharsets.ISO_8859_1);
            List<Double> v = new ArrayList<>();
            for (String line : s.split("\n", -1)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (!t.matches("[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?") || !t.matches(".*[0-9].*")) {
                    if (v.isEmpty() && !t.matches(".*[0-9].*")) return null; // a header-looking first line: leave it to the reader
                    return new Refuse("line '" + t + "' is not a plain number");
                }
                double d;
                try {
                    d = new BigDecimal(t).doubleValue();
                } catch (NumberFormatException e) {
                    return new Refuse("line '" + t + "' is not a number");
                }
                if (!(Math.abs(d) <= 90)) return new Refuse("angle " + t + " out of range");
                v.add(d);
            }
            if (v.isEmpty()) return new Refuse("no angles");
            return Arrays.toString(v.stream().mapToDouble(Double::doubleValue).toArray());
        };
    }

    static final String MSA = "#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n#TITLE       : fuzz\n#NPOINTS     : 6\n#NCOLUMNS    : 1\n"
            + "#XUNITS      : eV\n#YUNITS      : counts\n#XPERCHAN    : 10.0\n#OFFSET      : -20.0\n#SIGNALTYPE  : EDS_TEM\n#XTILTSTGE   : 12.5\n"
            + "#BEAMKV      : 200\n#DATATYPE    : Y\n#SPECTRUM    :\n1, 2, 3\n4, 5, 6\n#ENDOFDATA   :\n";

    /** A bundle folder (JSON + image NPY + spectrum NPY); one of its files is the mutant. */
    Function<Path, Object> bundleWith(String mutatedName) {
        return f -> {
            Path b = f.getParent().resolve("bundle");
            try {
                if (!Files.exists(b)) {
                    BundleWriter.write(smallBundle(), b);
                    Files.copy(f, b.resolve(mutatedName), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            consume(b);
            return null;
        };
    }

    static TiltSeries smallBundle() {
        int w = 4, h = 3, n = 3, e = 5;
        float[][] im = new float[n][w * h];
        float[][] sp = new float[n][w * h * e];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < w * h; i++) im[t][i] = 100 * t + i;
            for (int i = 0; i < w * h * e; i++) sp[t][i] = (t + i) % 4;
        }
        return new TiltSeries("fuzz", 2.0, new double[]{-30, 0, 30}, List.of(
                Channel.image("HAADF", Signal.ADF, new ImageStack(w, h, im)),
                Channel.spectrum("EDS", Signal.EDS, new MemorySpectrumStack(w, h, e, sp), new EnergyAxis(0.1, 0.01, "keV"))), null);
    }

    byte[] bundleFile(String name) throws Exception {
        Path b = dir.resolve("seed-bundle");
        if (!Files.exists(b)) BundleWriter.write(smallBundle(), b);
        return Files.readAllBytes(b.resolve(name));
    }

    static byte[] fix(String name) throws Exception {
        return Files.readAllBytes(FIX.resolve(name));
    }

    // ---------------------------------------------------------------- one test per format

    @Test void bundleJson() throws Exception {
        run(new Format("bundle-json", "tiltseries.json", bundleFile("tiltseries.json"), true, bundleWith("tiltseries.json"), null));
    }
    @Test void bundleArrays() throws Exception {
        run(new Format("bundle-npy", "EDS.npy", bundleFile("EDS.npy"), false, bundleWith("EDS.npy"), null));
    }
    @Test void npy() throws Exception {
        run(new Format("npy", "a.npy", fix("npy_uint16_be.npy"), false, npyValues(), sameHeader(128, 60, 2, ByteOrder.BIG_ENDIAN, true, false)));
    }
    @Test void mrc() throws Exception {
        run(new Format("mrc", "a.mrc", fix("mrc_serialem_angles.mrc"), false, npyValues(), sameHeader(1024 + 12, 60, 4, ByteOrder.LITTLE_ENDIAN, false, true)));
    }
    @Test void tiff() throws Exception { run(new Format("tiff", "a.tif", fix("tiff_float32.tif"), false, dataset(), null)); }
    @Test void bigTiff() throws Exception { run(new Format("bigtiff", "b.tif", fix("tiff_bigtiff_float32.tif"), false, dataset(), null)); }
    @Test void dm3Stack() throws Exception { run(new Format("dm3-stack", "stack.dm3", dm(false, false), false, dataset(), null)); }
    @Test void dm4Stack() throws Exception { run(new Format("dm4-stack", "stack.dm4", dm(true, false), false, dataset(), null)); }
    @Test void dm3SpectrumImage() throws Exception { run(new Format("dm3-si", "si.dm3", dm(false, true), false, dataset(), null)); }
    @Test void hyperSpy() throws Exception { run(new Format("hyperspy", "a.hspy", fix("hspy_eds_si.hspy"), false, dataset(), null)); }
    @Test void hyperSpyStack() throws Exception { run(new Format("hyperspy-stack", "s.hspy", fix("hspy_tilt_stack.hspy"), false, dataset(), null)); }
    @Test void berkeleyEmd() throws Exception { run(new Format("berkeley-emd", "b.emd", fix("berkeley_tilt_series.emd"), false, dataset(), null)); }
    @Test void veloxEmd() throws Exception { run(new Format("velox-emd", "v.emd", fix("velox_like.emd"), false, dataset(), null)); }
    @Test void tiaSpectra() throws Exception { run(new Format("tia-ser-spectra", "line_1.ser", fix("rsciio/tia/16x16-line_profile_horizontal_10x1024_1.ser"), false, dataset(), null)); }
    @Test void tiaImage() throws Exception { run(new Format("tia-ser-image", "image_1.ser", fix("rsciio/tia/16x16_STEM_BF_DF_acquire_1.ser"), false, dataset(), null)); }
    @Test void tiaEmi() throws Exception { run(new Format("tia-emi", "a.emi", fix("rsciio/tia/16x16_STEM_BF_DF_acquire.emi"), false, emiWithSeries(), null)); }
    @Test void bruker() throws Exception { run(new Format("bruker-bcf", "m.bcf", fix("rsciio/bruker/over16bit.bcf"), false, dataset(), null)); }
    @Test void emsa() throws Exception {
        run(new Format("emsa", "s.msa", MSA.getBytes(StandardCharsets.ISO_8859_1), true, dataset(), null));
    }
    @Test void tlt() throws Exception {
        run(new Format("angles-tlt", "a.tlt", "-60.0\n-30.5\n0\n30.5\n60\n".getBytes(StandardCharsets.ISO_8859_1), true, angles(), oneColumnAngles()));
    }
    @Test void csv() throws Exception {
        run(new Format("angles-csv", "a.csv", "tilt_index,angle,dose\n0,-45.5,1.0\n1,0.0,1.0\n2,45.5,1.0\n".getBytes(StandardCharsets.ISO_8859_1), true, angles(), null));
    }
}
