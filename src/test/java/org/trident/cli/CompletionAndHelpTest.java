package org.trident.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code trident completion} and the top-level help's one-line summaries (issue 18, CLI polish). */
class CompletionAndHelpTest {
    @TempDir Path dir;

    @Test
    void completionCoversEveryCommandAndIsValidBash() throws Exception {
        CommandLine cl = TridentCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("completion"));
        String script = out.toString();
        assertTrue(script.contains("complete -F"), script.substring(0, Math.min(300, script.length())));
        for (String sub : cl.getSubcommands().keySet()) assertTrue(script.contains(sub), "completion lacks " + sub);
        assertTrue(script.contains("--smoke") && script.contains("--threads"), "subcommand options are completed");

        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "no bash");
        Path f = Files.writeString(dir.resolve("trident-completion.bash"), script);
        // sourcing it must define the completion without error
        Process p = new ProcessBuilder(bash.toString(), "-c", "source \"$1\" && complete -p trident", "x", f.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), msg);
        assertTrue(msg.contains("trident"), msg);
    }

    @Test
    void everyTopLevelSummaryIsACompleteSentence() {
        CommandLine cl = TridentCommand.commandLine();
        cl.getSubcommands().forEach((name, sub) -> {
            String[] d = sub.getCommandSpec().usageMessage().description();
            assertTrue(d.length > 0, name + " has no summary");
            String first = d[0].strip();
            assertTrue(first.endsWith(".") || first.endsWith(")") && first.contains("."), name + ": summary stops mid-sentence: " + first);
        });
    }
}
