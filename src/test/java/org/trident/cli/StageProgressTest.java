package org.trident.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage lines on stderr of the long commands run on a simulated series: each stand-alone step
 * opens its one stage as {@code [1/1 name dataset]}, and {@code pipeline} opens its four with the
 * whole command's ETA, "unknown" before anything was measured.
 */
class StageProgressTest {
    @TempDir
    static Path tmp;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = tmp.resolve("sim");
        assertEquals(0, TridentCommand.run("simulate", "--stage", "cycled-100", "--out", sim.toString(), "--size", "32",
                "--angles", "-60:60:10", "--dose", "high", "--misalign", "--seed", "5", "--threads", "2"));
    }

    /** Runs a command and returns what it printed on stderr, line by line. */
    static List<String> stderr(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, TridentCommand.run(args), String.join(" ", args));
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static List<String> stageLines(List<String> err) {
        return err.stream().filter(l -> l.startsWith("[")).toList();
    }

    @Test
    void eachStandAloneStepReportsItsStage() {
        Path q = tmp.resolve("q"), a = tmp.resolve("a"), r = tmp.resolve("r"), an = tmp.resolve("an");
        List<String> quantify = stderr("quantify", sim.resolve("bundle").toString(), "--out", q.toString(), "--threads", "2");
        List<String> align = stderr("align", q.toString(), "--out", a.toString(), "--threads", "2");
        List<String> recon = stderr("reconstruct", a.toString(), "--out", r.toString(), "--iterations", "5", "--channel", "HAADF",
                "--channel", "EDS:Ni", "--threads", "2");
        List<String> analyze = stderr("analyze", r.toString(), "--out", an.toString(), "--threads", "2");
        assertEquals("[1/1 quantify cycled-100] …", stageLines(quantify).get(0), String.join("\n", quantify));
        assertEquals("[1/1 align cycled-100] …", stageLines(align).get(0), String.join("\n", align));
        assertEquals("[1/1 reconstruct cycled-100] …", stageLines(recon).get(0), String.join("\n", recon));
        assertEquals("[1/1 analyze cycled-100] …", stageLines(analyze).get(0), String.join("\n", analyze));
        // one stage: its own percent and ETA only; every later line is that stage's
        Pattern line = Pattern.compile("\\[1/1 (quantify|align|reconstruct|analyze) cycled-100\\]( [^·]+)? \\d+ %( · ETA \\S.*)?");
        for (List<String> err : List.of(quantify, align, recon, analyze)) {
            for (String l : stageLines(err).subList(1, stageLines(err).size())) assertTrue(line.matcher(l).matches(), l);
        }
    }

    @Test
    void pipelineOpensEveryStageWithTheTotalEta() {
        List<String> err = stderr("pipeline", sim.resolve("bundle").toString(), "--out", tmp.resolve("p").toString(),
                "--references", sim.resolve("references").resolve("references.json").toString(), "--bulk-nm", "16", "--threads", "2");
        List<String> opening = err.stream().filter(l -> l.matches("\\[\\d/4 .*\\] … · total ETA .*")).toList();
        assertEquals(4, opening.size(), String.join("\n", err));
        assertEquals("[1/4 quantify cycled-100] … · total ETA unknown", opening.get(0));
        String[] names = {"quantify", "align", "reconstruct", "analyze"};
        Pattern eta = Pattern.compile("· total ETA (unknown|\\d+ s|\\d+ min \\d+ s|\\d+ h \\d\\d min)$");
        for (int k = 0; k < 4; k++) {
            assertTrue(opening.get(k).startsWith("[" + (k + 1) + "/4 " + names[k] + " cycled-100]"), opening.get(k));
            assertTrue(eta.matcher(opening.get(k)).find(), opening.get(k));
        }
        for (String l : stageLines(err)) assertTrue(l.contains("· total ETA "), "every stage line of pipeline ends with the total: " + l);
    }
}
