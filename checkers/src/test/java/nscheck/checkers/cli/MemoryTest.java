package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory as the user sees it: a heap too small ends the search through the heap watchdog with
 * exit 2 and one line that keeps the count so far; kernel models accept --bitstate and
 * --frontier-memory; every report gives the peak resident memory per state.
 */
class MemoryTest {
    @TempDir
    Path tmp;

    /**
     * Unreduced (--no-symmetry): tasks=5 has 1,026,165 classes of states, which the sequential
     * engine (the one a machine of one core runs, with the serial collector) held in 64 MiB and
     * finished; unreduced, no engine on any number of cores gets through it in 64 MiB.
     */
    @Test
    void aHeapTooSmallEndsWithExitTwoAndOneLineKeepingTheCount() throws Exception {
        try (ChildJvm c = new ChildJvm(List.of("-Xmx64m"), "check", "pidns-large", "--set", "tasks=5", "--no-symmetry", "--force",
                "--progress", "0", "--no-minimize", "--out", tmp.toString())) {
            assertEquals(ExitCode.USAGE, c.awaitExit(), c.out() + c.err());
            List<String> lines = c.err().strip().lines().toList();
            assertEquals(1, lines.size(), c.err());
            assertTrue(lines.get(0).matches("nscheck: bounds too large for memory after \\d+ distinct states; .*"), lines.get(0));
            assertTrue(c.out().contains("OUT OF MEMORY"), c.out());
            assertTrue(c.out().matches("(?s).*stopped for lack of memory with [0-9,]+ states still queued.*"), c.out());
        }
    }

    /**
     * The same under the launcher's policy in miniature: the throughput collector with a young
     * generation far below the heap, so that the old generation is most of it and minor
     * collections read promoted garbage; the watchdog still ends the search with exit 2.
     */
    @Test
    void aHeapTooSmallUnderTheLaunchersCappedYoungGenerationIsExitTwoToo() throws Exception {
        try (ChildJvm c = new ChildJvm(List.of("-XX:+UseParallelGC", "-XX:MaxNewSize=2m", "-Xmx32m"), "check", "pidns-large",
                "--set", "tasks=5", "--no-symmetry", "--force", "--progress", "0", "--no-minimize", "--out", tmp.toString())) {
            assertEquals(ExitCode.USAGE, c.awaitExit(), c.out() + c.err());
            assertTrue(c.err().strip().matches("nscheck: bounds too large for memory after \\d+ distinct states; .*"), c.err());
        }
    }

    @Test
    void aKernelModelRunsUnderBitstateWithADiskFrontier() {
        CliTest.Run r = CliTest.nscheck("check", "pidns-basic", "--bitstate", "24", "--frontier-memory", "0",
                "--progress", "0", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bitstate, 2^24 bits"), r.out());
        assertTrue(r.out().contains("no state counted twice"), r.out());
        assertTrue(r.out().contains("peak RSS"), r.out());
    }
}
