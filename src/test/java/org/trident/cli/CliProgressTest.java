package org.trident.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stage lines with k/N, percent of the whole stage and the ETA, on a fake clock. */
class CliProgressTest {
    static final long S = 1_000_000_000L;

    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    final AtomicLong now = new AtomicLong(1000 * S);
    final CliProgress p = new CliProgress(false, false, new PrintStream(buf, true, StandardCharsets.UTF_8), now::get);

    List<String> lines() {
        List<String> l = buf.toString(StandardCharsets.UTF_8).lines().toList();
        buf.reset();
        return l;
    }

    @Test
    void partsMakeTheStagePercentAndItsEta() {
        p.stage(3, 8, "reconstruct cycled-10");
        assertEquals(List.of("[3/8 reconstruct cycled-10] …"), lines());
        p.part(1, 4);
        p.start("HAADF: reconstructing (sirt)", 10);
        now.addAndGet(S);
        p.advance(1); // 1/10 of part 1 of 4 = 2.5 % after 1 s: no ETA yet
        assertEquals(List.of("[3/8 reconstruct cycled-10] 3 %"), lines());
        p.part(2, 4);
        p.start("EDS:Ni: reconstructing (sirt)", 10);
        now.addAndGet(S / 2);
        p.advance(4); // printed at most once a second
        assertEquals(List.of(), lines());
        now.addAndGet(S / 2 + 19 * S);
        p.advance(4); // (1 + 0.8) / 4 = 45 % after 21 s: 21 · 0.55 / 0.45 = 25.7 s left
        assertEquals(List.of("[3/8 reconstruct cycled-10] 45 % · ETA 26 s"), lines());
        p.part(3, 4);
        p.start("another phase", 100);
        now.addAndGet(40 * S);
        p.advance(50); // (2 + 0.5) / 4 = 62.5 % after 61 s: 61 · 0.375 / 0.625 = 36.6 s left
        assertEquals(List.of("[3/8 reconstruct cycled-10] 63 % · ETA 37 s"), lines());
    }

    @Test
    void aStageWithoutPartsIsMeasuredPhaseByPhase() {
        p.stage(1, 4, "quantify x");
        lines();
        p.start("summing spectra", 4);
        now.addAndGet(3 * S);
        p.advance(4);
        assertEquals(List.of("[1/4 quantify x] summing spectra 100 %"), lines());
        p.start("quantifying spectra", 10);
        now.addAndGet(4 * S);
        p.advance(2); // 20 % of this phase in 4 s: 16 s to go (the earlier phase does not count)
        assertEquals(List.of("[1/4 quantify x] quantifying spectra 20 % · ETA 16 s"), lines());
    }

    /**
     * A planned command: every stage line ends with the whole command's ETA, "unknown" until a
     * stage has been measured; a stage without parts counts its units at the rate measured so far.
     */
    @Test
    void aPlannedCommandShowsTheTotalEta() {
        p.plan(new double[]{10, 30, 10});
        p.stage(1, 3, "quantify x");
        assertEquals(List.of("[1/3 quantify x] … · total ETA unknown"), lines());
        p.start("quantifying spectra", 10);
        now.addAndGet(4 * S);
        p.advance(4); // a stage without parts: its phase's ETA only, the total is still unknown
        assertEquals(List.of("[1/3 quantify x] quantifying spectra 40 % · ETA 6 s · total ETA unknown"), lines());
        now.addAndGet(6 * S);
        p.stage(2, 3, "reconstruct x"); // 10 units in 10 s: 40 units left at 1 s each
        assertEquals(List.of("[2/3 reconstruct x] … · total ETA 40 s"), lines());
        p.part(1, 2);
        p.start("HAADF", 10);
        now.addAndGet(10 * S);
        p.advance(10); // half of stage 2 in 10 s: 10 s more for it, and 10 units of stage 3 at 20 s / 25 units
        assertEquals(List.of("[2/3 reconstruct x] 50 % · ETA 10 s · total ETA 18 s"), lines());
        p.plan(new double[]{10, 30, 35}); // stage 3 turned out larger
        p.part(2, 2);
        p.start("EDS:Ni", 10);
        now.addAndGet(10 * S);
        p.advance(10);
        // stage 2 done: 40 units in 30 s, so stage 3's 35 units take 26.25 s
        assertEquals(List.of("[2/3 reconstruct x] 100 % · total ETA 26 s"), lines());
        p.stage(3, 3, "analyze x");
        assertEquals(List.of("[3/3 analyze x] … · total ETA 26 s"), lines());
        p.start("segmenting", 4);
        now.addAndGet(80 * S);
        p.advance(1); // stage 3 overran its 26 s: its phase's own ETA is the least it has left
        assertEquals(List.of("[3/3 analyze x] segmenting 25 % · ETA 4 min 0 s · total ETA 4 min 0 s"), lines());
    }

    @Test
    void oneStageShowsItsOwnEtaOnly() {
        p.plan(new double[]{100});
        p.stage(1, 1, "align x");
        p.start("projection matching", 10);
        now.addAndGet(3 * S);
        p.advance(5);
        assertEquals(List.of("[1/1 align x] …", "[1/1 align x] projection matching 50 % · ETA 3 s"), lines());
    }

    @Test
    void quietPrintsNothing() {
        CliProgress q = new CliProgress(true, true, new PrintStream(buf, true, StandardCharsets.UTF_8), now::get);
        q.plan(new double[]{1, 1});
        q.stage(1, 2, "quantify x");
        q.start("x", 2);
        now.addAndGet(5 * S);
        q.advance(1);
        q.message("status");
        assertEquals(List.of(), lines());
    }

    @Test
    void withoutStagesThePhasePercentIsPrintedAsBefore() {
        p.start("aligning", 4);
        now.addAndGet(2 * S);
        p.advance(1);
        assertEquals(List.of("aligning …", "  aligning: 25 %"), lines());
    }
}
