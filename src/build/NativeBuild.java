import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the optional native projector kernels (src/main/c) into
 * {@code <classes>/native/linux-x86_64/libtrident-kernels.so}, run by Maven (exec-maven-plugin) as a
 * single-file source program: {@code java NativeBuild.java <c source dir> <classes dir> <work dir>}.
 * kernels_impl.c is compiled three times (AVX-512, AVX2 + FMA, SSE2); the library picks one when it
 * is loaded. Without gcc, JNI headers, or on another OS / CPU, it prints one line and succeeds:
 * the Java kernels are then used.
 */
public final class NativeBuild {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]), classes = Path.of(args[1]), work = Path.of(args[2]);
        String os = System.getProperty("os.name", "").toLowerCase(), arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            skip("native kernels are built on Linux x86_64 only (this is " + os + " " + arch + ")");
            return;
        }
        String gcc = System.getenv().getOrDefault("CC", "gcc");
        Path include = Path.of(System.getProperty("java.home"), "include");
        if (!Files.isRegularFile(include.resolve("jni.h"))) {
            skip("no JNI headers in " + include + " (a JDK, not a JRE, is needed)");
            return;
        }
        Path out = classes.resolve("native/linux-x86_64/libtrident-kernels.so");
        Files.createDirectories(work);
        List<String> common = List.of("-O3", "-fPIC", "-std=gnu11", "-fno-strict-aliasing", "-ffp-contract=fast", "-fvisibility=hidden",
                "-I" + src);
        String[][] sets = {
                {"avx512", "-mavx512f", "-mavx512vl", "-mavx2", "-mfma", "-mprefer-vector-width=512"},
                {"avx2", "-mavx2", "-mfma"},
                {"sse2", "-msse2"}};
        List<String> objects = new ArrayList<>();
        try {
            for (String[] set : sets) {
                Path o = work.resolve("kernels_" + set[0] + ".o");
                List<String> cmd = new ArrayList<>(List.of(gcc));
                cmd.addAll(common);
                cmd.add("-DTK_SFX=" + set[0]);
                for (int i = 1; i < set.length; i++) cmd.add(set[i]);
                cmd.addAll(List.of("-c", src.resolve("kernels_impl.c").toString(), "-o", o.toString()));
                if (!run(cmd)) return;
                objects.add(o.toString());
            }
            Path jni = work.resolve("jni.o");
            List<String> cmd = new ArrayList<>(List.of(gcc));
            cmd.addAll(common);
            cmd.addAll(List.of("-fvisibility=default", "-I" + include, "-I" + include.resolve("linux"),
                    "-c", src.resolve("jni.c").toString(), "-o", jni.toString()));
            if (!run(cmd)) return;
            Path tmp = work.resolve("libtrident-kernels.so");
            List<String> link = new ArrayList<>(List.of(gcc, "-shared", "-o", tmp.toString(), jni.toString()));
            link.addAll(objects);
            if (!run(link)) return;
            Files.createDirectories(out.getParent());
            Files.copy(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[native] built " + out + " (AVX-512, AVX2, SSE2 variants)");
        } catch (IOException e) {
            skip("could not run " + gcc + ": " + e.getMessage());
        }
    }

    private static boolean run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            skip(cmd.get(0) + " timed out");
            return false;
        }
        if (p.exitValue() != 0) {
            skip(cmd.get(0) + " failed (" + text.lines().findFirst().orElse("exit " + p.exitValue()) + ")");
            return false;
        }
        return true;
    }

    private static void skip(String why) {
        System.out.println("[native] not built, the Java kernels will be used: " + why);
    }
}
