package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress lines: on stderr only, with a rate, and an ETA when the total is known. No timing is asserted. */
class ProgressTest {
    @TempDir
    Path tmp;

    @Test
    void aLineSaysCountTotalRateAndEta() {
        assertEquals("progress: compare 10/40 runs, 2.00 runs/s, 5 s, ETA 15 s", ProgressTicker.line("compare", "runs", 10, 40, 5));
        assertEquals("progress: simulate 1,000 walks, 100 walks/s, 10 s", ProgressTicker.line("simulate", "walks", 1000, 0, 10));
        assertEquals("progress: conform 0/400 scenarios, 0.00 scenarios/s, 1 s, ETA unknown", ProgressTicker.line("conform", "scenarios", 0, 400, 1));
    }

    @Test
    void theTickerWritesLinesUntilClosed() throws InterruptedException {
        StringWriter err = new StringWriter();
        AtomicLong n = new AtomicLong();
        try (ProgressTicker t = new ProgressTicker(new PrintWriter(err), 10, "simulate", "walks", 100, n::incrementAndGet)) {
            // A bounded wait for the first line, not a timing assertion: the bound is ChildJvm's generous one,
            // not ten seconds, which a loaded machine could spend without running the ticker's thread.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.WAIT_SECONDS);
            while (!err.toString().contains("progress:") && System.nanoTime() < end) Thread.sleep(10);
        }
        assertTrue(err.toString().startsWith("progress: simulate "), err.toString());
        assertTrue(err.toString().contains("walks/s") && err.toString().contains("ETA"), err.toString());
    }

    @Test
    void zeroMeansNoTicker() throws InterruptedException {
        StringWriter err = new StringWriter();
        try (ProgressTicker t = new ProgressTicker(new PrintWriter(err), 0, "x", "y", 1, () -> 0)) {
            Thread.sleep(50);
        }
        assertEquals("", err.toString());
    }

    @Test
    void checksProgressGoesToStderrNeverStdout() {
        // --progress 1 on a search of a few seconds; whether a line appears depends on the machine, where it goes does not
        // (InterruptionTest.checkOnSigintSumsUpTheStatesExplored checks stdout after a line surely came).
        CliTest.Run r = nscheck("check", "pidns-basic", "--progress", "1", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("progress:"), r.out());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("progress: ")), r.err());
    }
}
