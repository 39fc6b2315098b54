package org.trident.recon;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The optional native projector kernels (src/main/c, docs/decisions/1201-native-kernels.md): the
 * same forward and back-projection as {@link Kernels}, in C compiled for AVX-512, AVX2 + FMA and
 * SSE2, the best one the CPU supports chosen when the library loads. Every bin and voxel receives
 * its terms in the Java kernels' order; the C code fuses multiplies and adds, so the two agree to
 * float rounding (about 1e-7 relative per operation), not bit for bit.
 *
 * <p>Which set runs is decided once from the system property {@value #PROPERTY}
 * ({@code auto}, the default: native when the library loads; {@code native}; {@code java}) and
 * can be changed by {@link #select} (the bench compares both in one run). Any failure to load
 * falls back to the Java kernels with a one-line note, never an error.
 *
 * <p>Layout: one flat {@code float[]} per block with {@link #stride} floats per voxel or detector
 * bin (the block's slices, padded to whole 16-float vectors, pads zero); used in place by the C code
 * (GetPrimitiveArrayCritical) for the length of one call.
 */
final class NativeKernels {
    /** System property choosing the kernel set: auto, native or java. */
    static final String PROPERTY = "trident.kernels";
    private static final String RESOURCE = "/native/linux-x86_64/libtrident-kernels.so";

    private static volatile String isa; // instruction set in use of the loaded library, null when not loaded
    private static final String LOAD_NOTE;
    private static volatile boolean active;

    static {
        String variant = null, note;
        try {
            variant = load();
            note = variant == null ? "the native kernels are not part of this build (no gcc when it was built, or not Linux x86_64)" : null;
        } catch (Throwable e) { // UnsatisfiedLinkError, I/O, security: fall back, never fail
            note = "the native kernels did not load (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            variant = null;
        }
        isa = variant;
        LOAD_NOTE = note;
        String setting = System.getProperty(PROPERTY, "auto");
        String msg = apply(setting);
        if (msg != null && !"auto".equalsIgnoreCase(setting.trim())) System.err.println("note: " + msg);
        else if (msg != null && variant == null && note.startsWith("the native kernels did not load")) System.err.println("note: " + note + "; using the Java kernels");
    }

    private NativeKernels() {}

    private static String load() throws Exception {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT), arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) return null;
        URL url = NativeKernels.class.getResource(RESOURCE);
        if (url == null) return null;
        Path lib;
        if ("file".equals(url.getProtocol())) {
            lib = Path.of(url.toURI());
        } else { // inside the jar: System.load needs a file
            lib = Files.createTempFile("trident-kernels", ".so");
            lib.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.load(lib.toAbsolutePath().toString());
        int c = constants();
        if (c != SliceGeometry.CODES * 1000 + Kernels.SIDE) {
            throw new IllegalStateException("the library was built for other table sizes (" + c + ")");
        }
        return variant();
    }

    /** Sets the kernel set from a setting (auto, native, java); returns a one-line note when the choice could not be honoured or is not native, else null. */
    private static String apply(String setting) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "java" -> {
                active = false;
                return null;
            }
            case "native", "auto" -> {
                active = isa != null;
                return isa != null ? null : LOAD_NOTE + "; using the Java kernels";
            }
            default -> {
                active = isa != null;
                return "unknown " + PROPERTY + " '" + setting + "' (choose auto, native or java); using " + name();
            }
        }
    }

    /**
     * Chooses the kernel set for this process (auto, native or java) and returns its name; when
     * native was asked for and is not available, the Java kernels stay and {@code note} gets why.
     */
    static String select(String setting, StringBuilder note) {
        String msg = apply(setting);
        if (msg != null && note != null && !"auto".equalsIgnoreCase(setting.trim())) note.append(msg);
        return name();
    }

    /**
     * Switches the loaded library to instruction set {@code avx512}, {@code avx2} or {@code sse2}
     * (tests and benchmarks); false when the CPU lacks it or the library is not loaded.
     */
    static synchronized boolean useVariant(String set) {
        if (isa == null || !useVariant0(set)) return false;
        isa = variant();
        return true;
    }

    /** True when the native library is loaded (whether or not it is selected). */
    static boolean available() {
        return isa != null;
    }

    /** True when the kernels in use are the native ones. */
    static boolean active() {
        return active;
    }

    /** The kernel set in use: "native-avx512", "native-avx2", "native-sse2" or "java". */
    static String name() {
        return active ? "native-" + isa : "java";
    }

    /** Why the native kernels are not available (null when they are). */
    static String unavailableReason() {
        return LOAD_NOTE;
    }

    /** Floats per voxel or bin of a flat block of {@code nb} slices: 1 for one slice, else whole 16-float vectors. */
    static int stride(int nb) {
        return nb == 1 ? 1 : (nb + 15) / 16 * 16;
    }

    // ---- convenience wrappers on a geometry ----

    /** {@code p[views] += A x} (flat blocks of stride {@code s}); {@code tiled}: square voxel tiles as {@link Kernels#forwardTiled}, else view by view. */
    static void forward(SliceGeometry g, float[] x, float[] p, int s, int[] views, int from, int to, boolean tiled) {
        check(g, x, p, s, views, from, to);
        forward(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), x, p, s, views, from, to, tiled);
    }

    /** {@code out = Aᵀ p} over the square tiles {@code part, part + parts, …} (row-major tile order). */
    static void back(SliceGeometry g, float[] p, float[] out, int s, int[] views, int from, int to, int part, int parts) {
        check(g, out, p, s, views, from, to);
        if (part < 0 || parts < 1 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
        back(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), p, out, s, views, from, to, null, 0f, false, null, part, parts, false);
    }

    /** {@code x += relax·invCol·Aᵀ p}, then {@code max(x, 0)} when {@code nonNeg} and {@code x·mask} when mask is not null, over tiles {@code part, part + parts, …}. */
    static void update(SliceGeometry g, float[] p, float[] x, int s, int[] views, int from, int to, float[] invCol, float relax,
                       boolean nonNeg, float[] mask, int part, int parts) {
        check(g, x, p, s, views, from, to);
        if (invCol.length < g.voxels() || (mask != null && mask.length < x.length)) throw new IllegalArgumentException("short weights or mask");
        if (part < 0 || parts < 1 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
        back(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), p, x, s, views, from, to, invCol, relax, nonNeg, mask, part, parts, true);
    }

    /** One slice: {@code out[v] = (Aᵀ p)[v]} for {@code v ∈ [v0, v1)}, views in list order (as {@link SliceKernels#back}). */
    static void backRange(SliceGeometry g, float[] p, float[] out, int[] views, int from, int to, int v0, int v1) {
        check(g, out, p, 1, views, from, to);
        if (v0 < 0 || v1 > g.voxels() || v0 > v1) throw new IllegalArgumentException("voxels " + v0 + " to " + v1);
        backRange(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), p, out, views, from, to, v0, v1);
    }

    /**
     * One slice, SIRT by mirror pairs ({@link SliceKernels#mirrorUnits}; the preview): for units
     * {@code [u0, u1)} the rows of {@code p} of both views are cleared, {@code A x} is added (one
     * read of each entry and weight for both views) and turned into {@code R (b − A x)} (guards 0);
     * {@code r2[t]} = {@code Σ (b − A_t x)²} over the real bins. {@code b}: the measured detector
     * row of every view in {@code p}'s padded layout.
     */
    static void pairForward(SliceGeometry g, float[] x, float[] p, float[] b, int[] first, int[] second, int u0, int u1, double[] r2) {
        checkUnits(g, x, p, first, second);
        int n = g.tilts() * g.paddedWidth();
        if (b.length < n || r2.length < g.tilts() || u0 < 0 || u1 > first.length || u0 > u1) {
            throw new IllegalArgumentException("native pair forward: short measured rows or sums, or units " + u0 + " to " + u1);
        }
        pairForward(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), g.width(), x, p, b, g.invRowSum(), first, second, u0, u1, r2);
    }

    /**
     * One slice, SIRT by mirror pairs: {@code x += relax·invCol·Aᵀ p} (then {@code max(x, 0)} when
     * {@code nonNeg}) for the voxel row pairs {@code (k, Z−1−k)}, {@code k ∈ [k0, k1)} ⊆ {@code [0, ⌈Z/2⌉)};
     * {@code acc}: a voxels-long scratch of which these rows are overwritten (threads on other row pairs may share it).
     */
    static void pairUpdate(SliceGeometry g, float[] p, float[] x, int[] first, int[] second, float[] invCol, float relax, boolean nonNeg,
                           int k0, int k1, float[] acc) {
        checkUnits(g, x, p, first, second);
        if (invCol.length < g.voxels() || acc.length < g.voxels() || k0 < 0 || k1 > (g.nz() + 1) / 2 || k0 > k1) {
            throw new IllegalArgumentException("native pair update: short weights or row pairs " + k0 + " to " + k1);
        }
        pairUpdate(g.entries(), g.taps(), g.nx(), g.nz(), g.paddedWidth(), p, x, first, second, first.length, invCol, relax, nonNeg, k0, k1, acc);
    }

    private static void checkUnits(SliceGeometry g, float[] x, float[] p, int[] first, int[] second) {
        if (x.length < g.voxels() || p.length < g.tilts() * g.paddedWidth() || second.length < first.length) {
            throw new IllegalArgumentException("native pair kernel call with arrays too short for the geometry");
        }
        for (int u = 0; u < first.length; u++) {
            if (first[u] < 0 || first[u] >= g.tilts() || second[u] < -1 || second[u] >= g.tilts()) {
                throw new IllegalArgumentException("unit " + u + " has views out of range");
            }
        }
    }

    /** Volume slices {@code j0..j0+nb} into the flat block {@code x} of stride {@code st} (the layout of {@link Blocks#gatherVolume}, flat, pad lanes zero). */
    static void gather(float[] vol, int nx, int ny, int nz, int j0, int nb, int st, float[] x) {
        gather(vol, nx, ny, nz, j0, nb, st, x, 0, nb);
    }

    /** Lanes {@code [b0, b1)} of {@link #gather} (threads share one block by lanes); the part that ends at {@code nb} also zeroes the pad lanes. */
    static void gather(float[] vol, int nx, int ny, int nz, int j0, int nb, int st, float[] x, int b0, int b1) {
        checkVolume(vol, nx, ny, nz, j0, nb, st, x);
        if (b0 < 0 || b1 > nb || b0 >= b1) throw new IllegalArgumentException("lanes " + b0 + " to " + b1 + " of " + nb);
        gather0(vol, nx, ny, nz, j0, b0, b1 - b0, st, x, b1 == nb);
    }

    /** The flat block back into the volume, squared change and norm per slice added (the sums of {@link Blocks#scatterVolume}, in the same order). */
    static void scatter(float[] x, int st, float[] vol, int nx, int ny, int nz, int j0, int nb, double[] change, double[] norm) {
        scatter(x, st, vol, nx, ny, nz, j0, nb, change, norm, 0, nb);
    }

    /** Lanes {@code [b0, b1)} of {@link #scatter}; each slice's sums are made by one part, in the same order. */
    static void scatter(float[] x, int st, float[] vol, int nx, int ny, int nz, int j0, int nb, double[] change, double[] norm, int b0, int b1) {
        checkVolume(vol, nx, ny, nz, j0, nb, st, x);
        if (change.length < j0 + nb || norm.length < j0 + nb) throw new IllegalArgumentException("short change or norm array");
        if (b0 < 0 || b1 > nb || b0 >= b1) throw new IllegalArgumentException("lanes " + b0 + " to " + b1 + " of " + nb);
        scatter0(x, st, vol, nx, ny, nz, j0, b0, b1 - b0, change, norm);
    }

    private static void checkVolume(float[] vol, int nx, int ny, int nz, int j0, int nb, int st, float[] x) {
        if (nb < 1 || st < nb || j0 < 0 || j0 + nb > ny || (long) nx * ny * nz > vol.length || (long) nx * nz * st > x.length) {
            throw new IllegalArgumentException("native gather/scatter with arrays too short for the block");
        }
    }

    /** The C code trusts its indices: sizes are checked here, so a mistake is an exception, not a crashed JVM. */
    private static void check(SliceGeometry g, float[] x, float[] p, int s, int[] views, int from, int to) {
        if (s < 1 || (long) g.voxels() * s > x.length || (long) g.tilts() * g.paddedWidth() * s > p.length
                || from < 0 || to > views.length || from > to) {
            throw new IllegalArgumentException("native kernel call with arrays too short for the geometry");
        }
        for (int vi = from; vi < to; vi++) {
            if (views[vi] < 0 || views[vi] >= g.tilts()) throw new IllegalArgumentException("view " + views[vi] + " out of range");
        }
    }

    // ---- JNI (src/main/c/jni.c) ----

    private static native String variant();

    private static native boolean useVariant0(String set);

    private static native int constants();

    private static native void forward(int[] ent, float[] tap, int nx, int nz, int pw, float[] x, float[] p, int stride,
                                       int[] views, int from, int to, boolean tiled);

    private static native void back(int[] ent, float[] tap, int nx, int nz, int pw, float[] p, float[] out, int stride,
                                    int[] views, int from, int to, float[] invCol, float relax, boolean nonNeg, float[] mask,
                                    int part, int parts, boolean update);

    private static native void pairForward(int[] ent, float[] tap, int nx, int nz, int pw, int w, float[] x, float[] p, float[] b,
                                           float[] ir, int[] first, int[] second, int u0, int u1, double[] r2);

    private static native void pairUpdate(int[] ent, float[] tap, int nx, int nz, int pw, float[] p, float[] x, int[] first, int[] second,
                                          int units, float[] invCol, float relax, boolean nonNeg, int k0, int k1, float[] acc);

    private static native void gather0(float[] vol, int nx, int ny, int nz, int j0, int lane0, int count, int stride, float[] x, boolean last);

    private static native void scatter0(float[] x, int stride, float[] vol, int nx, int ny, int nz, int j0, int lane0, int count,
                                        double[] change, double[] norm);

    private static native void backRange(int[] ent, float[] tap, int nx, int nz, int pw, float[] p, float[] out,
                                         int[] views, int from, int to, int v0, int v1);
}
