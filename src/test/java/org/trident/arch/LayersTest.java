package org.trident.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Package directions (docs/decisions/0003-pipeline-layer.md):
 * model ← job ← io ← formats ← stages ← pipeline ← scaleout (Spark) ← cli/ui. A package may use packages of a lower
 * layer; stages may use each other and cli may start ui, as long as no cycle forms. A package not
 * in the table counts as a stage. Dependencies are read from the sources (imports and
 * fully-qualified names, comments removed).
 */
class LayersTest {
    static final Map<String, Integer> LAYER = Map.of("model", 0, "job", 1, "io", 2, "formats", 3, "pipeline", 5, "scaleout", 6, "cli", 7, "ui", 7);
    static final int STAGE = 4;
    private static final Pattern REF = Pattern.compile("\\borg\\.trident\\.([a-z][a-z0-9_]*)\\.(?:[A-Z*]|[a-z])");

    static int layer(String pkg) {
        return LAYER.getOrDefault(pkg, STAGE);
    }

    @Test
    void packagesUseOnlyLowerLayersAndFormNoCycle() {
        Map<String, Set<String>> g = graph(Path.of("src/main/java/org/trident"));
        assertTrue(g.keySet().containsAll(List.of("model", "job", "io", "formats", "pipeline", "cli", "ui")), g.keySet().toString());
        assertEquals(List.of(), violations(g), "dependencies against the layer order");
        assertEquals(List.of(), cycles(g), "package cycles");
    }

    @Test
    void theCheckCanFail() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("io", Set.of("formats", "model"));
        g.put("formats", Set.of("io"));
        g.put("ui", Set.of("cli"));
        g.put("cli", Set.of("ui"));
        g.put("align", Set.of("recon"));
        g.put("recon", Set.of("align"));
        List<String> v = violations(g);
        assertTrue(v.contains("io -> formats") && v.contains("ui -> cli"), v.toString());
        assertFalse(v.contains("cli -> ui") || v.contains("align -> recon"), v.toString());
        List<String> c = cycles(g);
        assertEquals(3, c.size(), c.toString());
        assertTrue(c.contains("align -> recon -> align"), c.toString());
    }

    /** Package → the other org.trident packages its sources name. The root package (Main) is skipped. */
    static Map<String, Set<String>> graph(Path root) {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) continue;
                String pkg = rel.getName(0).toString();
                Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REF.matcher(withoutComments(Files.readString(f)));
                while (m.find()) if (!m.group(1).equals(pkg)) deps.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    static String withoutComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** "a -> b" for each dependency that points up, or sideways other than stage → stage and cli → ui. */
    static List<String> violations(Map<String, Set<String>> g) {
        List<String> out = new ArrayList<>();
        g.forEach((a, deps) -> {
            for (String b : deps) {
                int la = layer(a), lb = layer(b);
                boolean ok = lb < la || (la == lb && (la == STAGE || (a.equals("cli") && b.equals("ui"))));
                if (!ok) out.add(a + " -> " + b);
            }
        });
        return out;
    }

    /** One "a -> … -> a" line per strongly connected group of packages (Tarjan). */
    static List<String> cycles(Map<String, Set<String>> g) {
        return new Tarjan(g).run();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> g;
        private final Map<String, Integer> index = new TreeMap<>(), low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<String> out = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> g) {
            this.g = g;
        }

        List<String> run() {
            for (String v : g.keySet()) if (!index.containsKey(v)) visit(v);
            return out;
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next++);
            stack.add(v);
            for (String w : g.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> scc = new ArrayList<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    scc.add(0, w);
                } while (!w.equals(v));
                if (scc.size() > 1) {
                    scc.sort(null);
                    out.add(String.join(" -> ", scc) + " -> " + scc.get(0));
                }
            }
        }
    }
}
