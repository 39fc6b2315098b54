package org.trident.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.model.Channel;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A seeded mutation loop over every reader: random byte flips, overwrites with 0x00/0xff,
 * truncations and cut-outs of valid small files. Each outcome must be a clean dataset (every value
 * readable) or a TridentException naming the file, within a minute (the HDF5 watchdog gives up after 30 s); anything else (another
 * exception, an error, a hang) is collected and reported with its seed.
 */
class FuzzTest {
    static final Path FIX = Path.of("src/test/resources/fixtures");
    static final int MUTATIONS = Integer.getInteger("trident.fuzz.mutations", 120);

    @TempDir
    Path dir;

    static byte[] mutate(byte[] src, Random r) {
        byte[] b = src.clone();
        switch (r.nextInt(5)) {
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
            default -> { // random bytes
                int n = 1 + r.nextInt(16);
                for (int i = 0; i < n; i++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    /** Opens and reads everything, as import would. */
    static void consume(Path f) {
        TiltSeries ts = Datasets.open(f).series();
        for (Channel c : ts.channels()) {
            if (c.isSpectrum()) {
                float[] row = new float[c.width() * c.spectra().channels()];
                for (int t = 0; t < c.tilts(); t++) for (int y = 0; y < c.height(); y++) c.spectra().readRow(t, y, row);
            }
        }
    }

    List<String> fuzz(String name, byte[] valid, long seed) throws Exception {
        List<String> problems = new ArrayList<>();
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            Random rnd = new Random(seed);
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] m = mutate(valid, rnd);
                Path f = dir.resolve("m" + i + "-" + name);
                Files.write(f, m);
                sidecar(f);
                Future<?> job = ex.submit(() -> consume(f));
                try {
                    job.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    // the message names the file, or the angle file beside it when the count no longer matches
                    if (!(c instanceof TridentException) || !(c.getMessage().contains(f.getFileName().toString())
                            || c.getMessage().contains(tlt(f).getFileName().toString()))) {
                        problems.add(name + " mutation " + i + " (seed " + seed + "): " + c.getClass().getName() + ": " + c.getMessage());
                    }
                } catch (TimeoutException e) {
                    job.cancel(true);
                    problems.add(name + " mutation " + i + " (seed " + seed + "): no result within 60 s");
                    ex.shutdownNow();
                    ex = Executors.newSingleThreadExecutor();
                }
                Files.deleteIfExists(f);
                Files.deleteIfExists(tlt(f));
            }
        } finally {
            ex.shutdownNow();
        }
        return problems;
    }

    static byte[] dm(boolean dm4, boolean spectrum) {
        DmFiles.Group[] axes = spectrum
                ? new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 0.5, "eV")}
                : new DmFiles.Group[]{DmFiles.axis(0, 1, "nm"), DmFiles.axis(0, 1, "nm"), DmFiles.axis(1, 30, "deg")};
        return DmFiles.image(dm4, new long[]{4, 3, 3}, DmReaderTest.ramp(36), axes, 10.0, spectrum ? "Spectrum image" : null);
    }

    static Path tlt(Path f) {
        String n = f.getFileName().toString();
        return f.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".tlt");
    }

    /** Plain stacks carry no angles: give them an IMOD file beside them. */
    static void sidecar(Path f) throws Exception {
        String n = f.getFileName().toString();
        if (n.endsWith(".npy") || n.endsWith(".tif")) Files.writeString(tlt(f), "-30\n0\n30\n");
    }

    void run(String name, byte[] valid) throws Exception {
        Path v = Files.write(dir.resolve("valid-" + name), valid);
        sidecar(v);
        consume(v); // the seed itself must open
        List<String> problems = fuzz(name, valid, name.hashCode() + Long.getLong("trident.fuzz.seed", 0));
        assertEquals(List.of(), problems, problems.size() + " bad outcomes");
    }

    @Test void dm3Stack() throws Exception { run("stack.dm3", dm(false, false)); }
    @Test void dm4Stack() throws Exception { run("stack.dm4", dm(true, false)); }
    @Test void dm3SpectrumImage() throws Exception { run("si.dm3", dm(false, true)); }
    @Test void npy() throws Exception { run("a.npy", Files.readAllBytes(FIX.resolve("npy_uint16_be.npy"))); }
    @Test void mrc() throws Exception { run("a.mrc", Files.readAllBytes(FIX.resolve("mrc_serialem_angles.mrc"))); }
    @Test void tiff() throws Exception { run("a.tif", Files.readAllBytes(FIX.resolve("tiff_float32.tif"))); }
    @Test void bigTiff() throws Exception { run("b.tif", Files.readAllBytes(FIX.resolve("tiff_bigtiff_float32.tif"))); }
    @Test void hyperSpy() throws Exception { run("a.hspy", Files.readAllBytes(FIX.resolve("hspy_eds_si.hspy"))); }
    @Test void berkeleyEmd() throws Exception { run("b.emd", Files.readAllBytes(FIX.resolve("berkeley_tilt_series.emd"))); }
    @Test void veloxEmd() throws Exception { run("v.emd", Files.readAllBytes(FIX.resolve("velox_like.emd"))); }
}
